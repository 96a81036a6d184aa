import type { ExecutionRow } from './execution-row';
import { taskSortKey } from './keys';
import type { TaskSummary } from './task-summary';

/** A `TASK#<state name>` row in an execution partition. */
export interface TaskRow extends TaskSummary {
  pk: string;
  sk: string;
  workflow: string;
  executionName: string;
  executionArn: string;
  /** Redrive count of the execution when the row was written, which orders rewrites. */
  redriveCount: number;
  expiresAt?: number;
}

export function toTaskRow(execution: ExecutionRow, summary: TaskSummary): TaskRow {
  const row: TaskRow = {
    ...summary,
    pk: execution.pk,
    sk: taskSortKey(summary.name),
    workflow: execution.workflow,
    executionName: execution.executionName,
    executionArn: execution.executionArn,
    redriveCount: execution.redriveCount,
  };
  if (execution.expiresAt !== undefined) row.expiresAt = execution.expiresAt;
  return row;
}
