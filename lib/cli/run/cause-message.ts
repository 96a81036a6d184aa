import { messageFirst } from '../../../lambdas/history/query-evaluation-cause';

/**
 * Returns the `errorMessage` of a Lambda error cause without its stack trace,
 * the message of a JSONata evaluation error before its expression, or the cause as it is.
 */
export function causeMessage(cause: string): string {
  try {
    const parsed = JSON.parse(cause) as { errorMessage?: unknown };
    return typeof parsed.errorMessage === 'string' ? parsed.errorMessage : cause;
  } catch {
    return messageFirst(cause);
  }
}
