import { StatesError, StatesErrorName } from '../errors';

/** Returns the Task's evaluated `Arguments` as an object, or fails naming the state. */
export function argumentsObject(stateName: string, value: unknown): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new StatesError(
      StatesErrorName.Runtime,
      `The Arguments of Task state '${stateName}' evaluated to ${JSON.stringify(value)}. This integration needs a JSON object.`,
    );
  }
  return value as Record<string, unknown>;
}

/** Returns a required string field of the Arguments, or fails naming the state and field. */
export function requiredString(stateName: string, args: Record<string, unknown>, field: string): string {
  const value = args[field];
  if (typeof value !== 'string' || value === '') {
    throw new StatesError(
      StatesErrorName.Runtime,
      `The Arguments of Task state '${stateName}' need a string '${field}', got ${JSON.stringify(value)}.`,
    );
  }
  return value;
}
