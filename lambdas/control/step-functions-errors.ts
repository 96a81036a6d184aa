import { HttpError } from './http';

// Step Functions error names and the HTTP status that the API returns for each.
const STATUS_BY_ERROR: Record<string, number> = {
  ExecutionDoesNotExist: 404,
  StateMachineDoesNotExist: 404,
  ExecutionAlreadyExists: 409,
  ExecutionNotRedrivable: 409,
  ExecutionLimitExceeded: 429,
  ThrottlingException: 429,
  InvalidArn: 400,
  InvalidName: 400,
  InvalidExecutionInput: 400,
  ValidationException: 400,
};

/**
 * Converts a Step Functions client error into the HttpError that the API
 * returns. Returns undefined for any other error, which the handler reports as a 500.
 */
export function toHttpError(error: unknown): HttpError | undefined {
  const name = (error as { name?: string })?.name;
  if (!name || !(name in STATUS_BY_ERROR)) return undefined;
  const message = (error as Error).message || name;
  return new HttpError(STATUS_BY_ERROR[name], name, message);
}

export function isStepFunctionsError(error: unknown, name: string): boolean {
  return (error as { name?: string })?.name === name;
}
