import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { ExecutionRow } from './execution-row';
import type { TaskRow } from './task-row';

const PARALLEL_PUTS = 10;

/**
 * Writes the execution row unless the table already contains a newer status.
 * Events are ordered by (redriveCount, statusRank, eventTime), and an equal
 * event overwrites, so a redelivered event writes the same row again.
 * Returns false when the row was stale and left unwritten.
 */
export async function putExecutionRow(
  documents: DynamoDBDocumentClient,
  tableName: string,
  row: ExecutionRow,
): Promise<boolean> {
  return putUnlessStale(documents, {
    TableName: tableName,
    Item: row,
    ConditionExpression: [
      'attribute_not_exists(pk)',
      'redriveCount < :redriveCount',
      '(redriveCount = :redriveCount AND statusRank < :statusRank)',
      '(redriveCount = :redriveCount AND statusRank = :statusRank AND eventTime <= :eventTime)',
    ].join(' OR '),
    ExpressionAttributeValues: {
      ':redriveCount': row.redriveCount,
      ':statusRank': row.statusRank,
      ':eventTime': row.eventTime,
    },
  });
}

/**
 * Writes the task rows, skipping each one that a later redrive already wrote.
 * Returns the number of rows written.
 */
export async function putTaskRows(
  documents: DynamoDBDocumentClient,
  tableName: string,
  rows: TaskRow[],
): Promise<number> {
  let written = 0;
  for (let start = 0; start < rows.length; start += PARALLEL_PUTS) {
    const batch = rows.slice(start, start + PARALLEL_PUTS);
    const results = await Promise.all(
      batch.map((row) =>
        putUnlessStale(documents, {
          TableName: tableName,
          Item: row,
          ConditionExpression: 'attribute_not_exists(pk) OR redriveCount <= :redriveCount',
          ExpressionAttributeValues: { ':redriveCount': row.redriveCount },
        }),
      ),
    );
    written += results.filter(Boolean).length;
  }
  return written;
}

async function putUnlessStale(
  documents: DynamoDBDocumentClient,
  input: ConstructorParameters<typeof PutCommand>[0],
): Promise<boolean> {
  try {
    await documents.send(new PutCommand(input));
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}
