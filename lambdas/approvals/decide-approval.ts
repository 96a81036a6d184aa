import { randomUUID } from 'node:crypto';

import { SendTaskSuccessCommand } from '@aws-sdk/client-sfn';

import { describeError } from './errors';
import type { DecisionForm } from './form';
import { approvalRef, secretsEqual } from './ids';
import { decisionIndexSortKey, decisionKey, executionIndexKey } from './keys';
import { CLAIM_LEASE_MS, linkState } from './link-state';
import { currentTime, loadLink, type ApprovalLink, type PageDependencies } from './page-dependencies';
import {
  renderCrossSiteRejected,
  renderDecisionRecorded,
  renderNotFound,
  renderStatePage,
  renderUnavailable,
  type Page,
} from './pages';
import type { ApprovalResult, DecisionRecord, GroupRecord } from './records';
import type { GroupClaim } from './store';
import { TASK_CLOSED_ERRORS } from './task-probe';

const MAX_USER_AGENT_LENGTH = 512;

export interface DecisionRequest {
  approvalId: string;
  form: DecisionForm;
  userAgent?: string;
}

/**
 * Decides an approval (POST). A conditional claim on the group row lets exactly one decision
 * through for all approvers of the task. Then SendTaskSuccess passes the result to the
 * workflow, and the group and a decision row record the outcome.
 */
export async function decideApproval(request: DecisionRequest, deps: PageDependencies): Promise<Page> {
  const link = await loadLink(request.approvalId, deps);
  if (link === undefined) {
    return renderNotFound();
  }

  const ref = approvalRef(link.approval.id);
  if (!secretsEqual(request.form.csrfToken, link.approval.csrfToken)) {
    deps.logger.warn('Rejected a decision with a wrong CSRF token', { approvalRef: ref });
    return renderCrossSiteRejected();
  }

  const now = currentTime(deps);
  const state = linkState(link.group, link.approval.id, now.getTime());
  if (state.kind !== 'pending') {
    deps.logger.info('Rejected a decision for a link that is not pending', { approvalRef: ref, state: state.kind });
    return renderStatePage(state);
  }

  const claim = buildClaim(link, request, now);
  const claimed = await deps.store.claimGroup(
    link.group.groupId,
    claim,
    now.toISOString(),
    now.getTime() - CLAIM_LEASE_MS,
  );
  if (!claimed) {
    return renderAfterLostClaim(link, deps, now);
  }

  return deliverDecision(link, claim, deps);
}

async function deliverDecision(
  link: ApprovalLink,
  claim: GroupClaim,
  deps: PageDependencies,
): Promise<Page> {
  const { approval, group } = link;
  const ref = approvalRef(approval.id);
  const result: ApprovalResult = {
    approved: claim.decision === 'approve',
    decidedBy: claim.decidedBy,
    decidedAt: claim.decidedAt,
    ...(claim.comment === undefined ? {} : { comment: claim.comment }),
  };

  const taskClosed = async (errorName: string): Promise<Page> => {
    deps.logger.warn('Step Functions no longer waits for this decision', { approvalRef: ref, errorName });
    await recordOutcome(link, claim, 'taskClosed', deps);
    return renderStatePage({ kind: 'expired', reason: 'taskClosed', deadline: group.deadline });
  };

  // The token is removed only once a group is final, so a pending group without one is damaged.
  if (approval.token === undefined) {
    return taskClosed('MissingTaskToken');
  }

  try {
    await deps.sfn.send(
      new SendTaskSuccessCommand({ taskToken: approval.token, output: JSON.stringify(result) }),
    );
  } catch (error) {
    const { errorName } = describeError(error);

    if (TASK_CLOSED_ERRORS.has(errorName)) {
      return taskClosed(errorName);
    }

    deps.logger.error('SendTaskSuccess failed; released the claim', {
      approvalRef: ref,
      ...describeError(error),
    });
    await deps.store.releaseClaim(group.groupId, claim.claimId);
    return renderUnavailable();
  }

  await recordOutcome(link, claim, 'delivered', deps);
  deps.logger.info('Recorded an approval decision', {
    approvalRef: ref,
    groupId: group.groupId,
    decision: claim.decision,
  });
  return renderDecisionRecorded(claim.decision, claim.decidedAt);
}

/**
 * Finishes the claim and writes the decision row, then removes the token from every link of
 * the group. Failures here are logged, not raised, because the workflow already has its result.
 */
async function recordOutcome(
  link: ApprovalLink,
  claim: GroupClaim,
  outcome: DecisionRecord['outcome'],
  deps: PageDependencies,
): Promise<void> {
  const { approval, group } = link;
  let status: 'approved' | 'rejected' | 'expired' = claim.decision === 'approve' ? 'approved' : 'rejected';
  if (outcome === 'taskClosed') {
    status = 'expired';
  }

  try {
    const finished = await deps.store.finishClaim(group.groupId, claim.claimId, status);
    if (!finished) {
      deps.logger.warn('Another request took over the claim before it finished', { groupId: group.groupId });
    }
    await deps.store.putDecision(buildDecisionRecord(link, claim, outcome));
  } catch (error) {
    // NOTE: the group stays `deciding` until the claim lease ends. A later POST then finds the
    // task closed and marks the group expired, although the workflow received this decision.
    deps.logger.error('Failed to record the decision outcome', {
      approvalRef: approvalRef(approval.id),
      outcome,
      ...describeError(error),
    });
    return;
  }

  await removeTokens(group, deps);
}

async function removeTokens(group: GroupRecord, deps: PageDependencies): Promise<void> {
  for (const approvalId of group.approvalIds) {
    try {
      await deps.store.removeToken(approvalId);
    } catch (error) {
      deps.logger.warn('Failed to remove the task token of a decided link', {
        approvalRef: approvalRef(approvalId),
        ...describeError(error),
      });
    }
  }
}

async function renderAfterLostClaim(
  link: ApprovalLink,
  deps: PageDependencies,
  now: Date,
): Promise<Page> {
  const latest = await deps.store.getGroup(link.group.groupId);
  const state = latest && linkState(latest, link.approval.id, now.getTime());

  deps.logger.info('Claim failed because another decision claimed or finished the group', {
    approvalRef: approvalRef(link.approval.id),
    groupId: link.group.groupId,
    state: state?.kind,
  });
  if (state === undefined || state.kind === 'pending') {
    return renderUnavailable();
  }
  return renderStatePage(state);
}

function buildClaim(link: ApprovalLink, request: DecisionRequest, now: Date): GroupClaim {
  return {
    claimId: randomUUID(),
    decision: request.form.decision,
    decidedBy: link.approval.approver,
    decidedByApprovalId: link.approval.id,
    decidedAt: now.toISOString(),
    claimedAt: now.getTime(),
    ...(request.form.comment === undefined ? {} : { comment: request.form.comment }),
    ...(request.userAgent === undefined
      ? {}
      : { userAgent: request.userAgent.slice(0, MAX_USER_AGENT_LENGTH) }),
  };
}

function buildDecisionRecord(
  link: ApprovalLink,
  claim: GroupClaim,
  outcome: DecisionRecord['outcome'],
): DecisionRecord {
  const { approval } = link;

  return {
    ...decisionKey(approval.id),
    gsi1pk: executionIndexKey(approval.execution),
    gsi1sk: decisionIndexSortKey(claim.decidedAt, approval.id),
    kind: 'approvalDecision',
    approvalId: approval.id,
    groupId: approval.groupId,
    workflow: approval.workflow,
    execution: approval.execution,
    task: approval.task,
    approver: approval.approver,
    decision: claim.decision,
    decidedAt: claim.decidedAt,
    outcome,
    ...(claim.comment === undefined ? {} : { comment: claim.comment }),
    ...(claim.userAgent === undefined ? {} : { userAgent: claim.userAgent }),
  };
}
