import { SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import { DeleteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';

import { BY_WORKFLOW_INDEX } from '../../history/keys';
import { pauseIndexKeys, PAUSE_SORT_PREFIX } from '../../std/pause-keys';
import type { ControlContext } from '../context';
import { findExecution } from '../execution-lookup';
import { HttpError, jsonResponse, parseJsonObject } from '../http';
import { toHttpError } from '../step-functions-errors';

/** Step Functions errors of a pause token that no longer waits. */
const STALE_TOKEN_ERRORS = new Set(['TaskTimedOut', 'TaskDoesNotExist', 'InvalidToken']);

interface PauseRow {
  pk: string;
  sk: string;
  token: string;
  task: string;
}

/**
 * POST /executions/{id}/resume: resumes an execution paused by
 * `pause-before`, sending each recorded pause token back through
 * SendTaskSuccess. The optional body `{"task": "<task>"}` resumes only the
 * pause before that task, for an execution paused in several branches.
 */
export async function resumeExecution(context: ControlContext, event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const body = parseJsonObject(event);
  if (body.task !== undefined && typeof body.task !== 'string') throw new HttpError(400, 'InvalidInput', 'Field "task" must be a task name.');
  const execution = await findExecution(context, event.pathParameters?.id);

  const pauses = await queryPauses(context, execution.executionArn);
  const selected = body.task === undefined ? pauses : pauses.filter((row) => row.task === `${body.task}.pause`);
  if (selected.length === 0) {
    const which = body.task === undefined ? '' : ` before task "${body.task}"`;
    throw new HttpError(409, 'NotPaused', `Execution ${execution.executionArn} is not paused${which}: it has not reached a pause-before task, or was resumed already.`);
  }

  const resumed: string[] = [];
  for (const row of selected) {
    if (await sendResume(context, row)) resumed.push(row.task.replace(/\.pause$/, ''));
    await context.documents.send(new DeleteCommand({ TableName: context.tableName, Key: { pk: row.pk, sk: row.sk } }));
  }
  if (resumed.length === 0) {
    throw new HttpError(409, 'NotPaused', `Execution ${execution.executionArn} no longer waits at its pause: it timed out or ended.`);
  }

  return jsonResponse(200, { executionArn: execution.executionArn, resumed });
}

async function queryPauses(context: ControlContext, executionArn: string): Promise<PauseRow[]> {
  const keys = pauseIndexKeys(executionArn, '');
  const result = await context.documents.send(
    new QueryCommand({
      TableName: context.tableName,
      IndexName: BY_WORKFLOW_INDEX,
      KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.gsi1pk, ':prefix': PAUSE_SORT_PREFIX },
    }),
  );
  return (result.Items ?? []) as PauseRow[];
}

/** Sends the pause token back, and returns false when the pause no longer waits. */
async function sendResume(context: ControlContext, row: PauseRow): Promise<boolean> {
  try {
    await context.sfn.send(new SendTaskSuccessCommand({ taskToken: row.token, output: JSON.stringify({ resumed: true }) }));
    return true;
  } catch (error) {
    if (STALE_TOKEN_ERRORS.has((error as { name?: string }).name ?? '')) return false;
    throw toHttpError(error) ?? error;
  }
}
