/**
 * Keys of the history table (single-table design). docs/history.md lists the
 * access patterns that these keys serve.
 */

export const EXECUTION_SORT_KEY = 'EXECUTION';
export const TASK_PREFIX = 'TASK#';
export const ALERT_PREFIX = 'ALERT#';
export const APPROVAL_PREFIX = 'APPROVAL#';

export const BY_WORKFLOW_INDEX = 'byWorkflow';
export const BY_STATUS_INDEX = 'byStatus';

/** Partition of one execution: its execution row, task rows and alert rows. */
export function executionPartitionKey(executionArn: string): string {
  return `EXEC#${executionArn}`;
}

export function taskSortKey(stateName: string): string {
  return `${TASK_PREFIX}${stateName}`;
}

export function alertSortKey(redriveCount: number, status: string): string {
  return `${ALERT_PREFIX}${redriveCount}#${status}`;
}

/** Partition of the `byWorkflow` index that lists the executions of a workflow. */
export function workflowIndexKey(workflow: string): string {
  return `WF#${workflow}`;
}

/** Partition of the `byStatus` index that lists the executions with one status. */
export function statusIndexKey(status: string): string {
  return `STATUS#${status}`;
}

/**
 * Sort key in both indexes. The ISO start time sorts chronologically, and the
 * execution name breaks ties between executions started in the same millisecond.
 */
export function startSortKey(startDate: string, executionName: string): string {
  return `${startDate}#${executionName}`;
}

/** Sort key prefix in `byStatus` that selects the executions of one workflow. */
export function statusSortKeyPrefix(workflow: string): string {
  return `${workflow}#`;
}

export function statusSortKey(
  workflow: string,
  startDate: string,
  executionName: string,
): string {
  return `${statusSortKeyPrefix(workflow)}${startSortKey(startDate, executionName)}`;
}
