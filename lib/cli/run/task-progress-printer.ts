import type { HistoryEvent } from '@aws-sdk/client-sfn';

import { summarizeTasks, type TaskSummary } from '../../../lambdas/history/task-summary';
import { causeMessage } from '../../../lambdas/history/error-cause';

interface PrintedState {
  status: TaskSummary['status'];
  attempts: number;
  failureEventId?: number;
}

/**
 * Prints a line for each task or task copy that starts, retries, finishes or
 * fails, from successive reads of an execution's history. Each call to
 * `update` prints only what changed since the previous call.
 */
export class TaskProgressPrinter {
  private readonly printed = new Map<string, PrintedState>();

  /**
   * @param taskNames the states to print: tasks and task copies.
   * @param retryWaitStates the `<state>.retry.wait` states of the state machine,
   * which tell which tasks have a retry loop.
   */
  constructor(
    private readonly taskNames: ReadonlySet<string>,
    private readonly print: (line: string) => void,
    private readonly retryWaitStates: ReadonlySet<string> = new Set(),
  ) {}

  update(events: HistoryEvent[], executionStatus: string): void {
    const lines: { time: string; text: string }[] = [];
    const summaries = summarizeTasks(events, executionStatus);
    const byName = new Map(summaries.map((summary) => [summary.name, summary]));
    for (const summary of summaries) {
      if (!this.taskNames.has(summary.name)) continue;
      const outcome = caughtOutcomeOf(summary, byName, executionStatus, this.retryWaitStates);
      if (outcome === 'undecided') continue;
      lines.push(...changesOf(summary, this.printed.get(summary.name), outcome === 'retried'));
      this.printed.set(summary.name, {
        status: summary.status,
        attempts: summary.attempts,
        failureEventId: summary.failureEventId,
      });
    }

    // Sorting by time puts a failure before the aborts that it causes in other branches.
    lines.sort((a, b) => a.time.localeCompare(b.time));
    for (const line of lines) this.print(`${clock(line.time)}  ${line.text}`);
  }
}

/**
 * Classifies a failure that a Catch handled: retried by the task's retry
 * loop, whose `<state>.retry` Choice state then enters `<state>.retry.wait`.
 * Until that Choice state has exited after the failure, the outcome is
 * undecided, so that a retried attempt is not printed as the task's end.
 */
function caughtOutcomeOf(
  summary: TaskSummary,
  byName: Map<string, TaskSummary>,
  executionStatus: string,
  retryWaitStates: ReadonlySet<string>,
): 'uncaught' | 'retried' | 'final' | 'undecided' {
  if (!summary.failureCaught || summary.status === 'RUNNING' || summary.status === 'SUCCEEDED') {
    return 'uncaught';
  }
  if (!retryWaitStates.has(`${summary.name}.retry.wait`)) return 'final';

  if (byName.get(`${summary.name}.retry.wait`)?.status === 'RUNNING') return 'retried';
  const choice = byName.get(`${summary.name}.retry`);
  const decided = choice?.status === 'SUCCEEDED' && (choice.stopDate ?? '') >= (summary.stopDate ?? '');
  if (decided || executionStatus !== 'RUNNING') return 'final';
  return 'undecided';
}

/** Collects the `<state>.retry.wait` states of a state machine, in every branch and item processor. */
export function retryWaitStatesOf(definition: { States?: Record<string, Record<string, unknown>> }): Set<string> {
  const found = new Set<string>();
  for (const [name, state] of Object.entries(definition.States ?? {})) {
    if (name.endsWith('.retry.wait')) found.add(name);
    const scopes = [
      ...((state.Branches as (typeof definition)[] | undefined) ?? []),
      ...[state.ItemProcessor, state.Iterator].filter(Boolean),
    ] as (typeof definition)[];
    for (const scope of scopes) {
      for (const inner of retryWaitStatesOf(scope)) found.add(inner);
    }
  }
  return found;
}

function changesOf(summary: TaskSummary, before: PrintedState | undefined, retried: boolean): { time: string; text: string }[] {
  const now = new Date().toISOString();
  const lines: { time: string; text: string }[] = [];
  const time = summary.stopDate ?? now;
  if (!before) {
    lines.push({ time: summary.startDate, text: `${summary.name} started` });
  } else if (summary.attempts > before.attempts && before.attempts > 0) {
    // A read that missed the running attempt dates its start at its end.
    const started = summary.status === 'RUNNING' ? now : time;
    lines.push({ time: started, text: `${summary.name} attempt ${summary.attempts} started` });
  }
  const failedAgain = summary.failureEventId !== undefined && summary.failureEventId !== before?.failureEventId;
  if ((before?.status === summary.status && !failedAgain) || summary.status === 'RUNNING') return lines;

  if (summary.status === 'SUCCEEDED') {
    lines.push({ time, text: `${summary.name} finished in ${seconds(summary)}` });
    return lines;
  }
  const cause = summary.cause ? ` (${causeMessage(summary.cause)})` : '';
  const error = summary.error ? `: ${summary.error}${cause}` : '';
  const outcome = summary.status.toLowerCase().replace('_', ' ');
  if (retried) {
    lines.push({ time, text: `${summary.name} attempt ${summary.attempts} ${outcome} and is retried${error}` });
    return lines;
  }
  const attempts = summary.attempts > 1 ? ` after ${summary.attempts} attempts` : '';
  lines.push({ time, text: `${summary.name} ${outcome}${attempts}${error}` });
  return lines;
}

/** Formats an ISO 8601 time as `HH:MM:SS.mmm` in UTC. */
function clock(iso: string): string {
  return iso.slice(11, 23);
}

function seconds(summary: TaskSummary): string {
  const milliseconds = Date.parse(summary.stopDate ?? summary.startDate) - Date.parse(summary.startDate);
  return `${(milliseconds / 1_000).toFixed(2)} s`;
}
