import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';

import type { CallbackActionEvent } from '../shared/action-event';
import { runAction } from '../shared/run-action';
import { callbackKey, DEFAULT_CALLBACK_TTL_SECONDS, type CallbackRow } from './callback-keys';

const logger = new Logger({ serviceName: 'std.callback-token' });
const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));

/**
 * Records the task token of a `waitForTaskToken` task in the history table,
 * so that `POST /executions/{id}/tasks/{task}/complete` can complete the
 * task later. A retried or redriven task replaces the row of its previous token.
 */
export async function handler(event: CallbackActionEvent<unknown>): Promise<Record<string, never>> {
  return runAction(logger, event, async () => {
    const tableName = process.env.HISTORY_TABLE;
    if (!tableName) throw new Error('Environment variable HISTORY_TABLE is not set: deploy the function with the history table name.');

    await documents.send(new PutCommand({ TableName: tableName, Item: callbackRow(event, new Date()) }));
    logger.info('Recorded the task token for a completion through the control API');
    return {};
  });
}

/** Builds the callback row of an event at time `now`. */
export function callbackRow(event: CallbackActionEvent<unknown>, now: Date): CallbackRow {
  if (typeof event?.token !== 'string' || event.token === '') {
    throw Object.assign(new Error('The event has no task token: invoke this function from a waitForTaskToken task.'), { name: 'InvalidInput' });
  }

  const lifetime = (event.timeoutSeconds ?? DEFAULT_CALLBACK_TTL_SECONDS) + 24 * 3600;
  return {
    ...callbackKey(event.execution, event.task),
    token: event.token,
    execution: event.execution,
    workflow: event.workflow,
    task: event.task,
    createdAt: now.toISOString(),
    expiresAt: Math.floor(now.getTime() / 1000) + lifetime,
  };
}
