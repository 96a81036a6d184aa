/**
 * Keys of the approval rows in the history table (partition key `pk`, sort key `sk`).
 *
 * - `APPROVAL#<id>` / `APPROVAL`: one approver's link, with the task token.
 * - `APPROVAL#<id>` / `DECISION`: the decision taken through that link (history, no token).
 * - `APPROVALGROUP#<group>` / `APPROVALGROUP`: decision state shared by all approvers of a task.
 * - `APPROVALTASK#<execution>#<task>` / `APPROVALTASK`: the newest group of a task, so that a
 *   retried or redriven task supersedes the links that it sent before.
 */

export interface TableKey {
  pk: string;
  sk: string;
}

export function approvalKey(approvalId: string): TableKey {
  return { pk: `APPROVAL#${approvalId}`, sk: 'APPROVAL' };
}

export function decisionKey(approvalId: string): TableKey {
  return { pk: `APPROVAL#${approvalId}`, sk: 'DECISION' };
}

export function groupKey(groupId: string): TableKey {
  return { pk: `APPROVALGROUP#${groupId}`, sk: 'APPROVALGROUP' };
}

export function currentGroupKey(execution: string, task: string): TableKey {
  return { pk: `APPROVALTASK#${execution}#${task}`, sk: 'APPROVALTASK' };
}

/**
 * Partition key of the `byWorkflow` index under which decision rows list with their
 * execution. It matches the execution partition key of the history recorder (`EXEC#<arn>`).
 */
export function executionIndexKey(execution: string): string {
  return `EXEC#${execution}`;
}

export function decisionIndexSortKey(decidedAt: string, approvalId: string): string {
  return `APPROVAL#${decidedAt}#${approvalId}`;
}
