import { SystemError } from './system-error';

/** Returns the response body as an object, or throws SystemError.InvalidResponse. */
export function requireObject(body: unknown, description: string): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new SystemError('InvalidResponse', `Invalid ${description}: expected a JSON object, got ${JSON.stringify(body)}.`);
  }
  return body as Record<string, unknown>;
}

/** Returns `body[field]` when it is a finite number, or throws SystemError.InvalidResponse. */
export function requireNumberField(body: Record<string, unknown>, field: string, description: string): number {
  const value = body[field];
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new SystemError('InvalidResponse', `Invalid ${description}: "${field}" is ${JSON.stringify(value)}, expected a number.`);
  }
  return value;
}

/** Returns `body[field]` when it is a string, or throws SystemError.InvalidResponse. */
export function requireStringField(body: Record<string, unknown>, field: string, description: string): string {
  const value = body[field];
  if (typeof value !== 'string') {
    throw new SystemError('InvalidResponse', `Invalid ${description}: "${field}" is ${JSON.stringify(value)}, expected a string.`);
  }
  return value;
}
