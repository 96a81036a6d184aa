import { SendTaskFailureCommand, SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import { DeleteCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';

import { callbackKey } from '../../std/callback-keys';
import type { ControlContext } from '../context';
import { findExecution, type FoundExecution } from '../execution-lookup';
import { HttpError, jsonResponse, parseJsonObject } from '../http';
import { toHttpError } from '../step-functions-errors';

/** Step Functions errors of a task token that no longer waits, returned as 409 Conflict. */
const STALE_TOKEN_ERRORS = new Set(['TaskTimedOut', 'TaskDoesNotExist', 'InvalidToken']);

/**
 * POST /executions/{id}/tasks/{task}/complete: completes a task that waits
 * for a callback (`std.async_noop`) with the token its Lambda recorded. The
 * body `{"output": ...}` succeeds the task with that result, and
 * `{"error": "...", "cause": "..."}` fails it.
 */
export async function completeTask(context: ControlContext, event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const body = parseJsonObject(event);
  const failure = readFailure(body);
  const task = event.pathParameters?.task ?? '';
  if (task === '') throw new HttpError(400, 'MissingTask', 'The task name is missing: use /executions/{id}/tasks/{task}/complete.');
  const execution = await findExecution(context, event.pathParameters?.id);

  const key = callbackKey(execution.executionArn, task);
  const row = await context.documents.send(new GetCommand({ TableName: context.tableName, Key: key }));
  const token = row.Item?.token;
  if (typeof token !== 'string') throw notWaitingError(execution, task);

  try {
    if (failure) await context.sfn.send(new SendTaskFailureCommand({ taskToken: token, ...failure }));
    else await context.sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify(body.output ?? {}) }));
  } catch (error) {
    const name = (error as { name?: string }).name ?? '';
    if (STALE_TOKEN_ERRORS.has(name)) {
      await context.documents.send(new DeleteCommand({ TableName: context.tableName, Key: key }));
      throw new HttpError(409, name, `Task "${task}" of execution ${execution.executionArn} no longer waits: it timed out or ended.`);
    }
    throw toHttpError(error) ?? error;
  }
  await context.documents.send(new DeleteCommand({ TableName: context.tableName, Key: key }));

  return jsonResponse(200, { executionArn: execution.executionArn, task, completed: failure ? 'failure' : 'success' });
}

/**
 * Builds the error for a task without a callback token: 404 for a name that
 * is no task of the workflow, 409 for a `std.approval` task, which its
 * approvers decide through their links, and 404 for any other task.
 */
function notWaitingError(execution: FoundExecution, task: string): HttpError {
  const tasks = [...execution.entry.tasks, ...Object.keys(execution.entry.stateTasks ?? {})];
  if (!tasks.includes(task)) {
    return new HttpError(404, 'TaskNotFound', `Workflow "${execution.workflow}" has no task "${task}": pass one of its tasks, ${tasks.join(', ')}.`);
  }
  const approvalTasks = execution.entry.approvalTasks ?? [];
  if (approvalTasks.includes(execution.entry.stateTasks?.[task] ?? task)) {
    return new HttpError(
      409,
      'TaskIsApproval',
      `Task "${task}" of execution ${execution.executionArn} is a std.approval task, so it cannot be completed: its approvers decide it through the approval links, which the execution's status lists.`,
    );
  }
  return new HttpError(
    404,
    'TaskNotWaiting',
    `Task "${task}" of execution ${execution.executionArn} is not waiting for a completion: only a running std.async_noop task is, so check that the execution reached the task and that it was not completed already.`,
  );
}

function readFailure(body: Record<string, unknown>): { error: string; cause?: string } | undefined {
  if (body.error === undefined) {
    if (body.cause !== undefined) throw new HttpError(400, 'InvalidInput', 'Field "cause" needs "error": give both to fail the task.');
    return undefined;
  }
  if (body.output !== undefined) throw new HttpError(400, 'InvalidInput', 'Give either "output" or "error", not both.');
  if (typeof body.error !== 'string' || (body.cause !== undefined && typeof body.cause !== 'string')) {
    throw new HttpError(400, 'InvalidInput', 'Fields "error" and "cause" must be strings.');
  }
  return body.cause === undefined ? { error: body.error } : { error: body.error, cause: body.cause };
}
