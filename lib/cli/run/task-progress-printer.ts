import type { HistoryEvent } from '@aws-sdk/client-sfn';

import { summarizeTasks, type TaskSummary } from '../../../lambdas/history/task-summary';
import { causeMessage } from './cause-message';

interface PrintedState {
  status: TaskSummary['status'];
  attempts: number;
}

/**
 * Prints a line for each task that starts, retries, finishes or fails,
 * from successive reads of an execution's history. Each call to `update`
 * prints only what changed since the previous call.
 */
export class TaskProgressPrinter {
  private readonly printed = new Map<string, PrintedState>();

  constructor(
    private readonly taskNames: ReadonlySet<string>,
    private readonly print: (line: string) => void,
  ) {}

  update(events: HistoryEvent[], executionStatus: string): void {
    const lines: { time: string; text: string }[] = [];
    for (const summary of summarizeTasks(events, executionStatus)) {
      if (!this.taskNames.has(summary.name)) continue;
      lines.push(...changesOf(summary, this.printed.get(summary.name)));
      this.printed.set(summary.name, { status: summary.status, attempts: summary.attempts });
    }

    // Sorting by time puts a failure before the aborts that it causes in other branches.
    lines.sort((a, b) => a.time.localeCompare(b.time));
    for (const line of lines) this.print(`${clock(line.time)}  ${line.text}`);
  }
}

function changesOf(summary: TaskSummary, before: PrintedState | undefined): { time: string; text: string }[] {
  const now = new Date().toISOString();
  const lines: { time: string; text: string }[] = [];
  if (!before) {
    lines.push({ time: summary.startDate, text: `${summary.name} started` });
  } else if (summary.status === 'RUNNING' && summary.attempts > before.attempts && before.attempts > 0) {
    lines.push({ time: now, text: `${summary.name} attempt ${summary.attempts} started` });
  }
  if (before?.status === summary.status || summary.status === 'RUNNING') return lines;

  const time = summary.stopDate ?? now;
  if (summary.status === 'SUCCEEDED') {
    lines.push({ time, text: `${summary.name} finished in ${seconds(summary)}` });
    return lines;
  }
  const cause = summary.cause ? ` (${causeMessage(summary.cause)})` : '';
  const error = summary.error ? `: ${summary.error}${cause}` : '';
  const attempts = summary.attempts > 1 ? ` after ${summary.attempts} attempts` : '';
  lines.push({ time, text: `${summary.name} ${summary.status.toLowerCase().replace('_', ' ')}${attempts}${error}` });
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
