import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  PutCommand,
} from '@aws-sdk/lib-dynamodb';
import { alertSortKey, executionPartitionKey } from '../history/keys';

/** Identity of one failure: a redrive that fails again is a new failure. */
export interface FailureKey {
  executionArn: string;
  redriveCount: number;
  status: string;
}

/**
 * Claims the right to send the alert of one failure with a conditional put
 * of its alert row. Returns false when another delivery already claimed it.
 */
export async function claimAlert(
  documents: DynamoDBDocumentClient,
  tableName: string,
  failure: FailureKey,
  expiresAt?: number,
): Promise<boolean> {
  try {
    await documents.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          pk: executionPartitionKey(failure.executionArn),
          sk: alertSortKey(failure.redriveCount, failure.status),
          executionArn: failure.executionArn,
          redriveCount: failure.redriveCount,
          status: failure.status,
          claimedAt: new Date().toISOString(),
          expiresAt,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

/** Deletes the alert row, so that a retried delivery can send the alert that failed to go out. */
export async function releaseAlert(
  documents: DynamoDBDocumentClient,
  tableName: string,
  failure: FailureKey,
): Promise<void> {
  await documents.send(
    new DeleteCommand({
      TableName: tableName,
      Key: {
        pk: executionPartitionKey(failure.executionArn),
        sk: alertSortKey(failure.redriveCount, failure.status),
      },
    }),
  );
}
