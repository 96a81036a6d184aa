import type { Logger } from '@aws-lambda-powertools/logger';
import type { SFNClient } from '@aws-sdk/client-sfn';

import type { CallbackActionEvent } from '../shared/action-event';
import { maskAddress, type Approver } from './approvers';
import { approvalKey, groupKey } from './keys';
import { approvalRef, newApprovalId, newCsrfToken, newNonce } from './ids';
import type { LinkSender } from './link-sender';
import type { ApprovalRecord, GroupRecord } from './records';
import { parseApprovalRequest, type ApprovalInput, type ApprovalRequest } from './request-input';
import type { ApprovalStore } from './store';
import { isTaskClosed } from './task-probe';

/** Time that approval rows outlive their deadline, so that late clicks read "expired" and not "not found". */
export const RETENTION_AFTER_DEADLINE_SECONDS = 30 * 24 * 3600;

export interface RequestDependencies {
  store: ApprovalStore;
  sender: LinkSender;
  /** Step Functions client, for SendTaskHeartbeat on the token of a previous group. */
  sfn: SFNClient;
  logger: Logger;
  /** Base URL of the approval API, without the `/approvals` path. */
  baseUrl: string;
  /** Expiry of links whose task has no `timeoutSeconds`. */
  defaultTimeoutSeconds: number;
  now?: () => Date;
}

/** Result of the request handler, which Step Functions ignores while it waits for the decision. */
export interface RequestResult {
  groupId: string;
  approvalCount: number;
}

/**
 * Creates one link per approver for a `std.approval` task and sends it. The new group
 * supersedes the earlier group of the same execution and task when that group's task is
 * closed (a retry or a redrive). The links of a superseded group show "expired".
 */
export async function requestApprovals(
  event: CallbackActionEvent<ApprovalInput>,
  deps: RequestDependencies,
): Promise<RequestResult> {
  const request = parseApprovalRequest(event);
  deps.sender.checkCanReach(request.approvers);

  const now = (deps.now ?? (() => new Date()))();
  const group = buildGroup(request, now, deps.defaultTimeoutSeconds);
  const approvals = request.approvers.map((approver) => buildApproval(request, group, approver));
  group.approvalIds = approvals.map((approval) => approval.id);

  await deps.store.putGroup(group);
  for (const approval of approvals) {
    await deps.store.putApproval(approval);
  }
  await supersedePreviousGroup(group, request.token, deps);

  try {
    await sendLinks(request, group, approvals, deps);
  } catch (error) {
    // The failed invocation fails the task and closes its token, so the links already sent
    // can no longer decide.
    const expired = await deps.store.expireGroup(group.groupId);
    deps.logger.warn('Expired the approval group after a failed send', { groupId: group.groupId, expired });
    throw error;
  }

  return { groupId: group.groupId, approvalCount: approvals.length };
}

async function sendLinks(
  request: ApprovalRequest,
  group: GroupRecord,
  approvals: ApprovalRecord[],
  deps: RequestDependencies,
): Promise<void> {
  for (const approval of approvals) {
    const approver: Approver = { address: approval.approver, channel: approval.channel };
    await deps.sender.send(approver, {
      workflow: request.workflow,
      message: request.message,
      link: approvalLink(deps.baseUrl, approval.id),
    });
    deps.logger.info('Sent approval link', {
      approvalRef: approvalRef(approval.id),
      groupId: group.groupId,
      channel: approval.channel,
      approver: maskAddress(approval.approver),
    });
  }
}

/** Builds the public link of one approval. */
export function approvalLink(baseUrl: string, approvalId: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/approvals/${approvalId}`;
}

/**
 * Supersedes the previous group of the task if its token is this one (a repeated invocation)
 * or its task is closed (a retry or a redrive). An open task with another token is a parallel
 * iteration of a Map state, which shares the execution and state name, so its group stays.
 */
async function supersedePreviousGroup(
  group: GroupRecord,
  token: string,
  deps: RequestDependencies,
): Promise<void> {
  const previous = await deps.store.replaceCurrentGroup(group, token);
  if (previous === undefined || previous.groupId === group.groupId) {
    return;
  }

  const previousClosed = previous.token === token || (await isTaskClosed(deps.sfn, previous.token));
  const ids = { groupId: group.groupId, previousGroupId: previous.groupId };
  if (previousClosed !== true) {
    deps.logger.info('Kept the previous approval group because its task may still be open', {
      ...ids,
      taskOpen: previousClosed === false,
    });
    return;
  }

  const superseded = await deps.store.supersedeGroup(previous.groupId);
  deps.logger.info('Superseded the previous approval group of the task', { ...ids, superseded });
}

function buildGroup(request: ApprovalRequest, now: Date, defaultTimeoutSeconds: number): GroupRecord {
  const timeoutSeconds = request.timeoutSeconds ?? defaultTimeoutSeconds;
  const deadline = new Date(now.getTime() + timeoutSeconds * 1000);
  const groupId = `${request.execution}#${request.task}#${newNonce()}`;

  return {
    ...groupKey(groupId),
    groupId,
    workflow: request.workflow,
    execution: request.execution,
    task: request.task,
    status: 'pending',
    approvalIds: [],
    createdAt: now.toISOString(),
    deadline: deadline.toISOString(),
    expiresAt: ttlAfter(deadline),
  };
}

function buildApproval(
  request: ApprovalRequest,
  group: GroupRecord,
  approver: Approver,
): ApprovalRecord {
  const id = newApprovalId();

  return {
    ...approvalKey(id),
    id,
    groupId: group.groupId,
    approver: approver.address,
    channel: approver.channel,
    token: request.token,
    csrfToken: newCsrfToken(),
    workflow: request.workflow,
    execution: request.execution,
    task: request.task,
    message: request.message,
    details: request.details,
    createdAt: group.createdAt,
    deadline: group.deadline,
    expiresAt: group.expiresAt,
  };
}

function ttlAfter(deadline: Date): number {
  return Math.ceil(deadline.getTime() / 1000) + RETENTION_AFTER_DEADLINE_SECONDS;
}
