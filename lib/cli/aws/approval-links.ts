import { GetCommand } from '@aws-sdk/lib-dynamodb';

import { maskAddress } from '../../../lambdas/approvals/approvers';
import { approvalLink } from '../../../lambdas/approvals/request-approvals';
import { approvalKey, groupKey } from '../../../lambdas/approvals/keys';
import type { ControlContext } from '../../../lambdas/control/context';

/** One approver's link of a pending approval. */
export interface ApprovalLink {
  /** The approver's phone number or email address, masked. */
  approver: string;
  /** The approval page, or undefined when the base URL of the pages is unknown. */
  url?: string;
  approvalId: string;
}

/**
 * Reads the approvers and links of an open approval group. The projection
 * leaves out the task token, which the approval rows also contain.
 */
export async function readApprovalLinks(
  context: ControlContext,
  groupId: string,
  baseUrl: string | undefined,
): Promise<ApprovalLink[]> {
  const group = await context.documents.send(
    new GetCommand({ TableName: context.tableName, Key: groupKey(groupId), ProjectionExpression: 'approvalIds' }),
  );
  const approvalIds = (group.Item?.approvalIds ?? []) as string[];

  return Promise.all(
    approvalIds.map(async (approvalId) => {
      const approval = await context.documents.send(
        new GetCommand({ TableName: context.tableName, Key: approvalKey(approvalId), ProjectionExpression: 'approver' }),
      );
      const address = approval.Item?.approver as string | undefined;
      return {
        approver: address === undefined ? 'unknown approver' : maskAddress(address),
        url: baseUrl === undefined ? undefined : approvalLink(baseUrl, approvalId),
        approvalId,
      };
    }),
  );
}
