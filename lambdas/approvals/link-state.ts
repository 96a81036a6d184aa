import type { Decision, GroupRecord } from './records';

/**
 * Time after which a claim counts as abandoned and another POST may take the group over.
 * It must exceed the page function's timeout (10 s in lib/cdk/approvals.ts, checked by
 * test/approvals/construct.test.ts), so that a live invocation never loses its claim.
 */
export const CLAIM_LEASE_MS = 60_000;

/** State of a link, derived from its group: whether it can still decide, and why not. */
export type LinkState =
  | { kind: 'pending'; deadline: string }
  | { kind: 'deciding'; decidedBy: string; byThisLink: boolean }
  | {
      kind: 'decided';
      decision: Decision;
      decidedBy: string;
      decidedAt: string;
      byThisLink: boolean;
    }
  | { kind: 'expired'; reason: 'deadline' | 'taskClosed' | 'superseded'; deadline: string };

/** Derives the state of the link `approvalId` from its group at time `nowMs`. */
export function linkState(group: GroupRecord, approvalId: string, nowMs: number): LinkState {
  const byThisLink = group.decidedByApprovalId === approvalId;
  const pastDeadline = Date.parse(group.deadline) <= nowMs;

  switch (group.status) {
    case 'approved':
    case 'rejected':
      return {
        kind: 'decided',
        decision: group.status === 'approved' ? 'approve' : 'reject',
        decidedBy: group.decidedBy ?? 'unknown',
        decidedAt: group.decidedAt ?? group.createdAt,
        byThisLink,
      };
    case 'superseded':
      return { kind: 'expired', reason: 'superseded', deadline: group.deadline };
    case 'expired':
      return { kind: 'expired', reason: group.expiredReason ?? 'deadline', deadline: group.deadline };
    case 'deciding':
      if ((group.claimedAt ?? 0) > nowMs - CLAIM_LEASE_MS) {
        return { kind: 'deciding', decidedBy: group.decidedBy ?? 'unknown', byThisLink };
      }
      break;
    case 'pending':
      break;
  }

  if (pastDeadline) {
    return { kind: 'expired', reason: 'deadline', deadline: group.deadline };
  }
  return { kind: 'pending', deadline: group.deadline };
}
