import { StopExecutionCommand } from '@aws-sdk/client-sfn';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type { ControlContext } from '../context';
import { findExecution } from '../execution-lookup';
import { notRunningError } from '../execution-state-errors';
import { HttpError, jsonResponse, parseJsonObject } from '../http';
import { toHttpError } from '../step-functions-errors';

/**
 * POST /executions/{id}/stop: aborts a running execution, and returns 409 for
 * an execution that is not RUNNING. The optional body
 * `{"error": "...", "cause": "..."}` is recorded as the reason.
 */
export async function stopExecution(
  context: ControlContext,
  event: APIGatewayProxyEvent,
): Promise<APIGatewayProxyResult> {
  const body = parseJsonObject(event);
  const reason = { error: optionalString(body, 'error'), cause: optionalString(body, 'cause') };
  const execution = await findExecution(context, event.pathParameters?.id);
  // The local runtime accepts a stop of an ended execution and returns its old stop date, which reads as a success.
  if (execution.description.status !== 'RUNNING') throw notRunningError(execution);

  try {
    const stopped = await context.sfn.send(
      new StopExecutionCommand({ executionArn: execution.executionArn, ...reason }),
    );
    return jsonResponse(202, {
      executionArn: execution.executionArn,
      stopDate: stopped.stopDate?.toISOString(),
    });
  } catch (error) {
    throw toHttpError(error) ?? error;
  }
}

function optionalString(body: Record<string, unknown>, field: string): string | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') {
    throw new HttpError(400, 'InvalidInput', `Field "${field}" must be a string.`);
  }
  return value;
}
