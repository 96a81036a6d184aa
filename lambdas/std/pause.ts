import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';

import type { CallbackActionEvent } from '../shared/action-event';
import { runAction } from '../shared/run-action';
import { callbackRow } from './callback-token';
import { pauseIndexKeys } from './pause-keys';

const logger = new Logger({ serviceName: 'std.pause' });
const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));

/**
 * Records the task token of a `pause-before` state in the history table,
 * keyed like every callback row and indexed under the execution, so that
 * `POST /executions/{id}/resume` finds the pauses of an execution and
 * resumes them through SendTaskSuccess.
 */
export async function handler(event: CallbackActionEvent<unknown>): Promise<Record<string, never>> {
  return runAction(logger, event, async () => {
    const tableName = process.env.HISTORY_TABLE;
    if (!tableName) throw new Error('Environment variable HISTORY_TABLE is not set: deploy the function with the history table name.');

    const item = { ...callbackRow(event, new Date()), ...pauseIndexKeys(event.execution, event.task) };
    await documents.send(new PutCommand({ TableName: tableName, Item: item }));
    logger.info('Paused the execution until it is resumed');
    return {};
  });
}
