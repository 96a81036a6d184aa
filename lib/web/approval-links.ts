import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';

import { groupKey } from '../../lambdas/approvals/keys';
import type { GroupRecord } from '../../lambdas/approvals/records';
import type { OutboxMessage } from '../local/outbox/outbox-message';

/** One approver's link of a pending approval. */
export interface ApprovalLink {
  url: string;
  /** Phone number or email address that the outbox sent the link to, when it did. */
  sentTo: string[];
}

/**
 * Builds the approval links of one approval group: the group row lists the
 * approval ids, and each id is the last segment of its link. The status API
 * leaves the ids out, because anyone with a link can decide. The local view
 * shows them, so that a developer can decide without reading the outbox.
 */
export async function readApprovalLinks(
  documents: DynamoDBDocumentClient,
  tableName: string,
  groupId: string,
  approvalsBaseUrl: string,
  outbox: OutboxMessage[],
): Promise<ApprovalLink[] | undefined> {
  const output = await documents.send(new GetCommand({ TableName: tableName, Key: groupKey(groupId) }));
  const group = output.Item as GroupRecord | undefined;
  if (!group) return undefined;

  return group.approvalIds.map((approvalId) => {
    const path = `/approvals/${approvalId}`;
    const sentTo = outbox.filter((message) => message.body.includes(path)).map((message) => message.to);
    return { url: `${approvalsBaseUrl}${path}`, sentTo: [...new Set(sentTo)] };
  });
}
