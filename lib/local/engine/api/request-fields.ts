import { StepFunctionsApiError } from '../types';

/** Returns a required string field of a request, or throws ValidationException naming it. */
export function requiredString(request: Record<string, unknown>, field: string): string {
  const value = request[field];
  if (typeof value !== 'string' || value === '') {
    throw new StepFunctionsApiError(
      'ValidationException',
      `1 validation error detected: Value at '${field}' failed to satisfy constraint: Member must not be null`,
    );
  }
  return value;
}

export function optionalString(request: Record<string, unknown>, field: string): string | undefined {
  const value = request[field];
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value !== 'string') {
    throw new StepFunctionsApiError(
      'ValidationException',
      `1 validation error detected: Value at '${field}' must be a string, got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

const invalidNameCharacters = /[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]/;

/** Checks a state machine or execution name against the Step Functions naming rules. */
export function checkName(name: string, resourceKind: string): void {
  if (name.length < 1 || name.length > 80 || invalidNameCharacters.test(name)) {
    throw new StepFunctionsApiError(
      'InvalidName',
      `Invalid Name: '${name}'. A ${resourceKind} name has 1 to 80 characters and no whitespace, brackets, wildcards or the characters " # % \\ ^ | ~ \` $ & , ; : /.`,
    );
  }
}

/** Returns seconds since the epoch, as the AWS JSON protocol writes timestamps. */
export function epochSeconds(ms: number | undefined): number | undefined {
  return ms === undefined ? undefined : ms / 1000;
}

/** Returns one page of items and the token of the next page. */
export function paginate<T>(
  items: T[],
  request: Record<string, unknown>,
  defaultSize: number,
): { page: T[]; nextToken?: string } {
  let maxResults = defaultSize;
  if (typeof request.maxResults === 'number' && request.maxResults > 0) {
    maxResults = Math.min(request.maxResults, 1000);
  }
  let offset = 0;
  if (typeof request.nextToken === 'string') {
    const decoded = Number(Buffer.from(request.nextToken, 'base64url').toString('utf8'));
    if (!Number.isInteger(decoded) || decoded < 0) {
      throw new StepFunctionsApiError(
        'InvalidToken',
        `Invalid Token: '${request.nextToken}' is not a nextToken of this operation.`,
      );
    }
    offset = decoded;
  }
  const page = items.slice(offset, offset + maxResults);
  const next = offset + maxResults;
  return next < items.length ? { page, nextToken: Buffer.from(String(next)).toString('base64url') } : { page };
}
