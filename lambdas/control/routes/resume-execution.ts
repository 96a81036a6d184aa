import { SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';

import type { ControlContext } from '../context';
import { findExecution, type FoundExecution } from '../execution-lookup';
import { HttpError, jsonResponse, parseJsonObject } from '../http';
import { toHttpError } from '../step-functions-errors';
import { resumeTaskOf } from '../pause-state';
import { queryPauses, type PauseRow } from '../waiting-tasks';

/** Step Functions errors of a pause token that no longer waits. */
const STALE_TOKEN_ERRORS = new Set(['TaskTimedOut', 'TaskDoesNotExist', 'InvalidToken']);

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
  const selected = body.task === undefined ? pauses : pauses.filter((row) => resumeTaskOf(row.task) === body.task);
  if (selected.length === 0) {
    if (typeof body.task === 'string') rejectUnknownTask(execution, body.task);
    const which = body.task === undefined ? '' : ` before task "${body.task}"`;
    throw new HttpError(409, 'NotPaused', `Execution ${execution.executionArn} is not paused${which}: it has not reached a pause-before task, or was resumed already.`);
  }

  const resumed: string[] = [];
  for (const row of selected) {
    if (await sendResume(context, row)) resumed.push(resumeTaskOf(row.task));
    await context.documents.send(new DeleteCommand({ TableName: context.tableName, Key: { pk: row.pk, sk: row.sk } }));
  }
  if (resumed.length === 0) {
    throw new HttpError(409, 'NotPaused', `Execution ${execution.executionArn} no longer waits at its pause: it timed out or ended.`);
  }

  return jsonResponse(200, { executionArn: execution.executionArn, resumed });
}

/** Rejects a `task` that names no task (or copied task state) of the workflow with 404, listing the tasks. */
function rejectUnknownTask(execution: FoundExecution, task: string): void {
  const tasks = [...execution.entry.tasks, ...Object.keys(execution.entry.stateTasks ?? {})];
  if (tasks.includes(task)) return;

  throw new HttpError(
    404,
    'TaskNotFound',
    `Workflow "${execution.workflow}" has no task "${task}": pass one of its tasks, ${tasks.join(', ')}.`,
  );
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
