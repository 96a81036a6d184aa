import { parseLambdaErrorCause } from '../../../lambdas/history/error-cause';
import { messageFirst } from '../../../lambdas/history/query-evaluation-cause';

/** Formats an ISO 8601 time as `YYYY-MM-DD HH:MM:SS` in UTC, or a dash when it is missing. */
export function formatTime(iso: string | undefined): string {
  if (!iso) return '–';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 10)} ${date.toISOString().slice(11, 19)} UTC`;
}

/** Formats the time between two ISO 8601 times, such as `1.2 s` or `3 min 4 s`. */
export function formatDuration(startIso: string | undefined, stopIso: string | undefined): string {
  if (!startIso || !stopIso) return '–';
  const milliseconds = new Date(stopIso).getTime() - new Date(startIso).getTime();
  if (!Number.isFinite(milliseconds) || milliseconds < 0) return '–';
  if (milliseconds < 60_000) return `${(milliseconds / 1000).toFixed(1)} s`;

  const minutes = Math.floor(milliseconds / 60_000);
  const seconds = Math.round((milliseconds % 60_000) / 1000);
  return minutes < 60 ? `${minutes} min ${seconds} s` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/**
 * Formats an error cause as `sirocco status` does. A Lambda function's error
 * cause, the JSON `{errorType, errorMessage, trace}`, becomes
 * `errorType: errorMessage` without the stack trace, whose file paths are of
 * no use to the reader. A JSONata evaluation error shows its message before
 * its expression. Other JSON is indented, and any other cause is returned
 * unchanged.
 */
export function formatCause(cause: string): string {
  const lambdaError = lambdaErrorText(cause);
  if (lambdaError !== undefined) return lambdaError;
  try {
    return JSON.stringify(JSON.parse(cause), null, 2);
  } catch {
    return messageFirst(cause);
  }
}

/**
 * Replaces the Lambda error cause of each caught error in a payload, such as
 * `{"Error": "HttpError.500", "Cause": "{\"errorType\": ...}"}` that a Catch
 * passes on, with its `errorType: errorMessage` text.
 */
export function withoutStackTraces(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutStackTraces);
  if (value === null || typeof value !== 'object') return value;

  const entries = Object.entries(value as Record<string, unknown>).map(([key, field]) => {
    const lambdaError = key === 'Cause' && typeof field === 'string' ? lambdaErrorText(field) : undefined;
    return [key, lambdaError ?? withoutStackTraces(field)];
  });
  return Object.fromEntries(entries);
}

/** Returns `errorType: errorMessage` for a Lambda error cause, or undefined for any other text. */
function lambdaErrorText(cause: string): string | undefined {
  const lambdaError = parseLambdaErrorCause(cause);
  if (lambdaError === undefined) return undefined;
  return lambdaError.errorType === undefined ? lambdaError.errorMessage : `${lambdaError.errorType}: ${lambdaError.errorMessage}`;
}

export function formatJson(value: unknown): string {
  return value === undefined ? '(none)' : JSON.stringify(value, null, 2);
}

export function executionHref(executionArn: string): string {
  return `#/executions/${encodeURIComponent(executionArn)}`;
}

export function workflowHref(workflow: string): string {
  return `#/workflows/${encodeURIComponent(workflow)}`;
}
