/**
 * Raised when a `std.approval` task's input cannot be sent: no approvers, an address that is
 * neither an E.164 phone number nor an email address, or a missing message. Step Functions
 * reports the name as the task's error, so a workflow can catch it.
 */
export class ApprovalRequestInvalidError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ApprovalRequestInvalidError';
  }
}

/** Raised when a handler's environment lacks a variable that it needs. */
export class ApprovalConfigurationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ApprovalConfigurationError';
  }
}

/**
 * Returns what may be logged of an error: its name and HTTP status. AWS error messages can
 * quote request values, and an InvalidToken message could quote the task token.
 */
export function describeError(error: unknown): { errorName: string; httpStatusCode?: number } {
  if (!(error instanceof Error)) {
    return { errorName: typeof error };
  }

  const metadata = (error as { $metadata?: { httpStatusCode?: number } }).$metadata;
  return { errorName: error.name, httpStatusCode: metadata?.httpStatusCode };
}
