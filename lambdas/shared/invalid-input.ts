import type { ActionEvent } from './action-event';

/** Task input that an action rejects. Its name, `InvalidInput`, is the Step Functions error name. */
export class InvalidInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidInput';
  }
}

const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Returns the event's task input, or throws InvalidInputError when the event carries none. */
export function requireInput(event: ActionEvent<unknown>): Record<string, unknown> {
  const input = event?.input;
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new InvalidInputError(`Invalid task input ${JSON.stringify(input)}: expected an object.`);
  }
  return input as Record<string, unknown>;
}

/** Returns `input[field]` when it is a non-empty string. */
export function requireString(input: Record<string, unknown>, field: string): string {
  const value = input[field];
  if (typeof value !== 'string' || value.trim() === '') {
    throw new InvalidInputError(`Invalid "${field}" ${JSON.stringify(value)}: expected a non-empty string.`);
  }
  return value;
}

/** Returns `input[field]` when it is a month as `YYYY-MM`. */
export function requireMonth(input: Record<string, unknown>, field: string): string {
  const value = input[field];
  if (typeof value !== 'string' || !MONTH_PATTERN.test(value)) {
    throw new InvalidInputError(`Invalid "${field}" ${JSON.stringify(value)}: expected a month as YYYY-MM, such as "2026-11".`);
  }
  return value;
}

/** Returns `input[field]` when it is a finite number, 0 or more. */
export function requireAmount(input: Record<string, unknown>, field: string): number {
  const value = input[field];
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new InvalidInputError(`Invalid "${field}" ${JSON.stringify(value)}: expected a number, 0 or more.`);
  }
  return value;
}
