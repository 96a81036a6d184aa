import { messageFirst } from './query-evaluation-cause';

/** The error of a Lambda function, which Step Functions passes on as the JSON cause `{errorType, errorMessage, trace}`. */
export interface LambdaErrorCause {
  errorType?: string;
  errorMessage: string;
}

/** Returns the error type and message of a Lambda error cause without its stack trace, or undefined for any other cause. */
export function parseLambdaErrorCause(cause: string): LambdaErrorCause | undefined {
  if (!cause.trimStart().startsWith('{')) return undefined;

  let parsed: { errorType?: unknown; errorMessage?: unknown };
  try {
    parsed = JSON.parse(cause) as typeof parsed;
  } catch {
    return undefined;
  }
  if (typeof parsed.errorMessage !== 'string') return undefined;

  return typeof parsed.errorType === 'string'
    ? { errorType: parsed.errorType, errorMessage: parsed.errorMessage }
    : { errorMessage: parsed.errorMessage };
}

/**
 * Returns the message of an error cause: the `errorMessage` of a Lambda error,
 * the message of a JSONata evaluation error before its expression, or any other
 * cause unchanged.
 */
export function causeMessage(cause: string): string {
  return parseLambdaErrorCause(cause)?.errorMessage ?? messageFirst(cause);
}
