import type { Channel } from './approvers';

/** One approver's link: the row behind `/approvals/<id>`. */
export interface ApprovalRecord {
  pk: string;
  sk: string;
  id: string;
  groupId: string;
  approver: string;
  channel: Channel;
  /** Task token for SendTaskSuccess. Removed once the group is final. Never log it. */
  token?: string;
  /** Random value that the page embeds in its form and the POST must return. */
  csrfToken: string;
  workflow: string;
  execution: string;
  task: string;
  message: string;
  details: Record<string, unknown>;
  /** ISO 8601 time of the request. */
  createdAt: string;
  /** ISO 8601 time after which the link no longer decides. */
  deadline: string;
  /** DynamoDB TTL in epoch seconds, later than `deadline` so that late clicks still read "expired". */
  expiresAt: number;
}

export type GroupStatus =
  | 'pending'
  | 'deciding'
  | 'approved'
  | 'rejected'
  | 'expired'
  | 'superseded';

export type Decision = 'approve' | 'reject';

/** Decision state shared by every approver of one task invocation. */
export interface GroupRecord {
  pk: string;
  sk: string;
  groupId: string;
  workflow: string;
  execution: string;
  task: string;
  status: GroupStatus;
  approvalIds: string[];
  createdAt: string;
  deadline: string;
  expiresAt: number;
  /** Set while `deciding` and kept once final. */
  decision?: Decision;
  decidedBy?: string;
  decidedByApprovalId?: string;
  decidedAt?: string;
  comment?: string;
  /** Random id of the current claim, so that only its owner completes or releases it. */
  claimId?: string;
  /** Epoch milliseconds of the claim, so that a claim of a crashed invocation can be taken over. */
  claimedAt?: number;
  userAgent?: string;
  /** Why an expired group expired: its deadline passed, or Step Functions closed the task. */
  expiredReason?: 'deadline' | 'taskClosed';
}

/** History row of one decision, without the task token. */
export interface DecisionRecord {
  pk: string;
  sk: string;
  gsi1pk: string;
  gsi1sk: string;
  kind: 'approvalDecision';
  approvalId: string;
  groupId: string;
  workflow: string;
  execution: string;
  task: string;
  approver: string;
  decision: Decision;
  decidedAt: string;
  comment?: string;
  userAgent?: string;
  /** `delivered`: SendTaskSuccess accepted it. `taskClosed`: the task had timed out or closed. */
  outcome: 'delivered' | 'taskClosed';
}

/** Result of a `std.approval` task, sent with SendTaskSuccess. */
export interface ApprovalResult {
  approved: boolean;
  decidedBy: string;
  decidedAt: string;
  comment?: string;
}
