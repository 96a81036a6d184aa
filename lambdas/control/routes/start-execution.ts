import { isDeepStrictEqual } from 'node:util';
import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type { ControlContext } from '../context';
import { findExecution } from '../execution-lookup';
import { headerOf, HttpError, jsonResponse, parseJsonObject } from '../http';
import { executionInputOf, executionNameOf } from '../input-validation';
import { isStepFunctionsError, toHttpError } from '../step-functions-errors';
import { executionArnOf } from '../workflow-catalog';

/**
 * POST /workflows/{name}/executions: starts a run with the JSON body as input,
 * except its `env` object, which becomes the Mistral environment under the
 * input's `__env`. With an Idempotency-Key header, the key becomes the
 * execution name, so a retried request returns the first run instead of
 * starting another.
 */
export async function startExecution(
  context: ControlContext,
  event: APIGatewayProxyEvent,
): Promise<APIGatewayProxyResult> {
  const workflow = event.pathParameters?.name ?? '';
  const entry = context.workflows[workflow];
  if (!entry) {
    const deployed = Object.keys(context.workflows).join(', ') || 'none';
    throw new HttpError(404, 'WorkflowNotFound', `Workflow "${workflow}" is not deployed: deployed workflows are ${deployed}.`);
  }

  const input = executionInputOf(workflow, entry.input, parseJsonObject(event));
  const idempotencyKey = headerOf(event, 'Idempotency-Key');
  const name = idempotencyKey === undefined ? undefined : executionNameOf(idempotencyKey);

  try {
    const started = await context.sfn.send(
      new StartExecutionCommand({
        stateMachineArn: entry.stateMachineArn,
        name,
        input: JSON.stringify(input),
      }),
    );
    return accepted(started.executionArn ?? '', started.startDate);
  } catch (error) {
    if (name !== undefined && isStepFunctionsError(error, 'ExecutionAlreadyExists')) {
      return replayStart(context, executionArnOf(entry.stateMachineArn, name), input);
    }
    throw toHttpError(error) ?? error;
  }
}

/**
 * Responds to a retried start whose execution already exists. The same input
 * returns the first run with 202, and another input is a 409 conflict.
 */
async function replayStart(
  context: ControlContext,
  executionArn: string,
  input: Record<string, unknown>,
): Promise<APIGatewayProxyResult> {
  const existing = await findExecution(context, executionArn);
  const existingInput: unknown = JSON.parse(existing.description.input ?? 'null');
  if (!isDeepStrictEqual(existingInput, input)) {
    throw new HttpError(
      409,
      'IdempotencyKeyReused',
      `The Idempotency-Key already started execution "${executionArn}" with another input: send a new key for a new run.`,
    );
  }
  return accepted(executionArn, existing.description.startDate);
}

function accepted(executionArn: string, startDate: Date | undefined): APIGatewayProxyResult {
  const executionName = executionArn.split(':')[7] ?? '';
  return jsonResponse(
    202,
    { executionArn, executionName, startDate: startDate?.toISOString() },
    { Location: `/executions/${encodeURIComponent(executionArn)}` },
  );
}
