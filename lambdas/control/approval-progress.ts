import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { currentGroupKey, executionIndexKey, groupKey } from '../approvals/keys';
import type { DecisionRecord, GroupRecord } from '../approvals/records';
import { APPROVAL_PREFIX } from '../history/keys';
import type { ControlContext } from './context';
import type { FoundExecution } from './execution-lookup';
import { queryByWorkflowPrefix } from './query-by-workflow';

export interface PendingApproval {
  task: string;
  groupId: string;
  /** `pending`, or `deciding` while a decision is being delivered. */
  status: string;
  approvers: number;
  createdAt: string;
  deadline: string;
}

export interface DecidedApproval {
  task: string;
  approver: string;
  decision: string;
  decidedAt: string;
  comment?: string;
  outcome: string;
}

const OPEN_GROUP_STATUSES = new Set(['pending', 'deciding']);

/**
 * Reads the approvals of an execution: the open approval group of each
 * `std.approval` task, and the decisions listed under the execution in the
 * `byWorkflow` index.
 */
export async function readApprovals(
  context: ControlContext,
  execution: FoundExecution,
): Promise<{ pending: PendingApproval[]; decided: DecidedApproval[] }> {
  const approvalTasks = execution.entry.approvalTasks ?? [];
  const groups = await Promise.all(
    approvalTasks.map((task) => readOpenGroup(context, execution.executionArn, task)),
  );
  const pending = groups
    .filter((group): group is GroupRecord => group !== undefined)
    .map((group) => ({
      task: group.task,
      groupId: group.groupId,
      status: group.status,
      approvers: group.approvalIds.length,
      createdAt: group.createdAt,
      deadline: group.deadline,
    }));

  const decided = (await readDecisions(context, execution.executionArn)).map((decision) => ({
    task: decision.task,
    approver: decision.approver,
    decision: decision.decision,
    decidedAt: decision.decidedAt,
    comment: decision.comment,
    outcome: decision.outcome,
  }));

  return { pending, decided };
}

async function readOpenGroup(
  context: ControlContext,
  executionArn: string,
  task: string,
): Promise<GroupRecord | undefined> {
  const current = await context.documents.send(
    new GetCommand({ TableName: context.tableName, Key: currentGroupKey(executionArn, task) }),
  );
  const groupId = current.Item?.groupId as string | undefined;
  if (!groupId) return undefined;

  const group = await context.documents.send(
    new GetCommand({ TableName: context.tableName, Key: groupKey(groupId) }),
  );
  const record = group.Item as GroupRecord | undefined;
  return record && OPEN_GROUP_STATUSES.has(record.status) ? record : undefined;
}

async function readDecisions(context: ControlContext, executionArn: string): Promise<DecisionRecord[]> {
  return queryByWorkflowPrefix<DecisionRecord>(context, executionIndexKey(executionArn), APPROVAL_PREFIX);
}
