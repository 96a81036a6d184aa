import type { TaskSummary } from './task-summary';

/** The error and cause of a failure event, and the event's id. */
export interface Failure {
  error?: string;
  cause?: string;
  eventId?: number;
}

/**
 * Returns the state where the execution failed, or undefined when no state
 * failed without a Catch. Among the uncaught failures, the one with the
 * execution's own error and cause wins, because a Parallel or Map state fails
 * with the error of the branch that failed first. Otherwise, the latest one.
 */
export function findFailedTask(summaries: TaskSummary[], executionFailure?: Failure): TaskSummary | undefined {
  const uncaught = summaries.filter(
    (summary) =>
      summary.failureEventId !== undefined &&
      !summary.failureCaught &&
      (summary.status === 'FAILED' || summary.status === 'TIMED_OUT'),
  );
  const sameFailure = uncaught.filter(
    (summary) => executionFailure?.error !== undefined && summary.error === executionFailure.error && summary.cause === executionFailure.cause,
  );
  return latestFailure(sameFailure.length > 0 ? sameFailure : uncaught);
}

function latestFailure(summaries: TaskSummary[]): TaskSummary | undefined {
  let latest: TaskSummary | undefined;
  for (const summary of summaries) {
    if (!latest || (summary.failureEventId ?? 0) > (latest.failureEventId ?? 0)) latest = summary;
  }
  return latest;
}

/**
 * Marks the state where a failed execution stopped when no history event
 * names it, such as a state whose JSONata expression failed
 * (States.QueryEvaluationError). It is the state entered last among those that
 * never ended, because such an error ends the state at its entry. It gets the
 * execution's error and cause.
 * NOTE: this is a guess. A parallel branch that enters a state between the
 * failure and the end of the execution gets the blame instead.
 */
export function blameUnendedState(
  summaries: Map<string, TaskSummary>,
  lastEntries: Map<string, number>,
  executionFailure: Failure,
): void {
  const all = [...summaries.values()];
  const uncaught = all.some(
    (summary) =>
      (summary.status === 'FAILED' || summary.status === 'TIMED_OUT') && !summary.failureCaught,
  );
  if (uncaught) return;

  let blamed: TaskSummary | undefined;
  for (const summary of all) {
    if (summary.status !== 'RUNNING') continue;
    const entry = lastEntries.get(summary.name) ?? 0;
    if (!blamed || entry > (lastEntries.get(blamed.name) ?? 0)) blamed = summary;
  }
  if (!blamed) return;

  blamed.status = 'FAILED';
  blamed.error = executionFailure.error;
  blamed.cause = executionFailure.cause;
  blamed.failureEventId = executionFailure.eventId;
  delete blamed.failureCaught;
}

/**
 * Settles which state a failed execution failed in. `origin` is the state that
 * the history links to the execution's failure, when it does. It gets the
 * execution's error when no event of its own failed, such as a state whose
 * JSONata expression failed. Without `origin`, the guess of `blameUnendedState`
 * and then the uncaught failure of `findFailedTask` are taken. Every other state whose last
 * failure was not caught was stopped by the execution's end, such as a task of
 * another branch waiting for its retry, so it becomes ABORTED.
 */
export function settleExecutionFailure(
  summaries: Map<string, TaskSummary>,
  lastEntries: Map<string, number>,
  executionFailure: Failure,
  origin: string | undefined,
): void {
  let failed = origin === undefined ? undefined : summaries.get(origin);
  if (failed?.status === 'RUNNING') {
    failed.status = 'FAILED';
    failed.error = executionFailure.error;
    failed.cause = executionFailure.cause;
    failed.failureEventId = executionFailure.eventId;
    delete failed.failureCaught;
  }
  if (failed?.status !== 'FAILED' && failed?.status !== 'TIMED_OUT') failed = undefined;
  if (!failed) {
    blameUnendedState(summaries, lastEntries, executionFailure);
    failed = findFailedTask([...summaries.values()], executionFailure);
  }
  if (!failed) return;

  for (const summary of summaries.values()) {
    if (summary === failed || summary.failureCaught) continue;
    if (summary.status === 'FAILED' || summary.status === 'TIMED_OUT') summary.status = 'ABORTED';
  }
}
