import {
  GetCommand,
  PutCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';

import { approvalKey, currentGroupKey, groupKey } from './keys';
import type {
  ApprovalRecord,
  Decision,
  DecisionRecord,
  GroupRecord,
} from './records';

/** Newest group of a task, from the `APPROVALTASK` row. */
export interface CurrentGroup {
  groupId: string;
  token: string;
}

/** Claim on a group that the first decider takes before SendTaskSuccess. */
export interface GroupClaim {
  claimId: string;
  decision: Decision;
  decidedBy: string;
  decidedByApprovalId: string;
  decidedAt: string;
  comment?: string;
  userAgent?: string;
  claimedAt: number;
}

/**
 * Reads and writes the approval rows of the history table. Every state change of a group
 * is a conditional write, so that concurrent requests cannot decide one group twice.
 */
export class ApprovalStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async putGroup(group: GroupRecord): Promise<void> {
    await this.putNew(group);
  }

  async putApproval(approval: ApprovalRecord): Promise<void> {
    await this.putNew(approval);
  }

  async putDecision(decision: DecisionRecord): Promise<void> {
    await this.client.send(
      new PutCommand({ TableName: this.tableName, Item: decision }),
    );
  }

  async getApproval(approvalId: string): Promise<ApprovalRecord | undefined> {
    return (await this.get(approvalKey(approvalId))) as ApprovalRecord | undefined;
  }

  async getGroup(groupId: string): Promise<GroupRecord | undefined> {
    return (await this.get(groupKey(groupId))) as GroupRecord | undefined;
  }

  /**
   * Makes a group the newest group of its task and returns the group that it replaces, with
   * that group's task token. The row expires with the group.
   */
  async replaceCurrentGroup(group: GroupRecord, token: string): Promise<CurrentGroup | undefined> {
    const output = await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: currentGroupKey(group.execution, group.task),
        UpdateExpression: 'SET groupId = :groupId, #token = :token, updatedAt = :updatedAt, expiresAt = :expiresAt',
        ExpressionAttributeNames: { '#token': 'token' },
        ExpressionAttributeValues: {
          ':groupId': group.groupId,
          ':token': token,
          ':updatedAt': group.createdAt,
          ':expiresAt': group.expiresAt,
        },
        ReturnValues: 'ALL_OLD',
      }),
    );

    const previous = output.Attributes;
    if (previous === undefined) {
      return undefined;
    }
    return { groupId: previous.groupId as string, token: previous.token as string };
  }

  /** Marks a pending group superseded. Returns false when it was no longer pending. */
  async supersedeGroup(groupId: string): Promise<boolean> {
    return this.updateIf({
      Key: groupKey(groupId),
      UpdateExpression: 'SET #status = :superseded',
      ConditionExpression: '#status = :pending',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':superseded': 'superseded', ':pending': 'pending' },
    });
  }

  /** Marks a pending group expired because its task closed. Returns false when it was no longer pending. */
  async expireGroup(groupId: string): Promise<boolean> {
    return this.updateIf({
      Key: groupKey(groupId),
      UpdateExpression: 'SET #status = :expired, expiredReason = :taskClosed',
      ConditionExpression: '#status = :pending',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':expired': 'expired', ':taskClosed': 'taskClosed', ':pending': 'pending' },
    });
  }

  /**
   * Claims a group for one decision. The claim succeeds when the group is pending and before
   * its deadline, or when an earlier claim is older than `staleBefore` (its invocation
   * crashed between the claim and SendTaskSuccess). Returns false when another decision has claimed
   * or finished the group.
   */
  async claimGroup(
    groupId: string,
    claim: GroupClaim,
    now: string,
    staleBefore: number,
  ): Promise<boolean> {
    const commentUpdate = claim.comment === undefined ? '' : ', #comment = :comment';
    const userAgentUpdate = claim.userAgent === undefined ? '' : ', userAgent = :userAgent';

    return this.updateIf({
      Key: groupKey(groupId),
      UpdateExpression:
        'SET #status = :deciding, claimId = :claimId, claimedAt = :claimedAt, ' +
        'decision = :decision, decidedBy = :decidedBy, ' +
        'decidedByApprovalId = :decidedByApprovalId, decidedAt = :decidedAt' +
        commentUpdate +
        userAgentUpdate,
      ConditionExpression:
        '#deadline > :now AND (#status = :pending OR ' +
        '(#status = :deciding AND claimedAt < :staleBefore))',
      ExpressionAttributeNames: {
        '#status': 'status',
        '#deadline': 'deadline',
        ...(claim.comment === undefined ? {} : { '#comment': 'comment' }),
      },
      ExpressionAttributeValues: {
        ':deciding': 'deciding',
        ':pending': 'pending',
        ':now': now,
        ':staleBefore': staleBefore,
        ':claimId': claim.claimId,
        ':claimedAt': claim.claimedAt,
        ':decision': claim.decision,
        ':decidedBy': claim.decidedBy,
        ':decidedByApprovalId': claim.decidedByApprovalId,
        ':decidedAt': claim.decidedAt,
        ...(claim.comment === undefined ? {} : { ':comment': claim.comment }),
        ...(claim.userAgent === undefined ? {} : { ':userAgent': claim.userAgent }),
      },
    });
  }

  /** Ends a claimed group as approved, rejected or expired. Returns false if the claim was lost. */
  async finishClaim(
    groupId: string,
    claimId: string,
    status: 'approved' | 'rejected' | 'expired',
  ): Promise<boolean> {
    const expiredUpdate = status === 'expired' ? ', expiredReason = :taskClosed' : '';

    return this.updateIf({
      Key: groupKey(groupId),
      UpdateExpression: `SET #status = :status${expiredUpdate}`,
      ConditionExpression: '#status = :deciding AND claimId = :claimId',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':status': status,
        ':deciding': 'deciding',
        ':claimId': claimId,
        ...(status === 'expired' ? { ':taskClosed': 'taskClosed' } : {}),
      },
    });
  }

  /** Returns a claimed group to pending after SendTaskSuccess failed for a passing reason. */
  async releaseClaim(groupId: string, claimId: string): Promise<boolean> {
    return this.updateIf({
      Key: groupKey(groupId),
      UpdateExpression:
        'SET #status = :pending REMOVE claimId, claimedAt, decision, decidedBy, ' +
        'decidedByApprovalId, decidedAt, #comment, userAgent',
      ConditionExpression: '#status = :deciding AND claimId = :claimId',
      ExpressionAttributeNames: { '#status': 'status', '#comment': 'comment' },
      ExpressionAttributeValues: { ':pending': 'pending', ':deciding': 'deciding', ':claimId': claimId },
    });
  }

  /** Deletes the task token of a link whose group is final, so the row no longer contains it. */
  async removeToken(approvalId: string): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: approvalKey(approvalId),
        UpdateExpression: 'REMOVE #token',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#token': 'token' },
      }),
    );
  }

  private async putNew(item: ApprovalRecord | GroupRecord): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: item,
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  private async get(key: { pk: string; sk: string }): Promise<Record<string, unknown> | undefined> {
    const output = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }),
    );
    return output.Item;
  }

  private async updateIf(
    update: Omit<ConstructorParameters<typeof UpdateCommand>[0], 'TableName'>,
  ): Promise<boolean> {
    try {
      await this.client.send(new UpdateCommand({ TableName: this.tableName, ...update }));
      return true;
    } catch (error) {
      if (error instanceof Error && error.name === 'ConditionalCheckFailedException') {
        return false;
      }
      throw error;
    }
  }
}
