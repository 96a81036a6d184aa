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

/** Indents an error cause that is JSON, as a Lambda function's error is, and returns any other cause unchanged. */
export function formatCause(cause: string): string {
  try {
    return JSON.stringify(JSON.parse(cause), null, 2);
  } catch {
    return cause;
  }
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
