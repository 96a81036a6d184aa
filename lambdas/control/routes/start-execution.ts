import { isDeepStrictEqual } from 'node:util';
import { type DescribeExecutionCommandOutput, StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type { ControlContext } from '../context';
import { describeIfExists, findExecution } from '../execution-lookup';
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
  // StartExecution returns a RUNNING execution of the same name and input as if it had started it,
  // so only this lookup distinguishes a repeated start from a new one.
  if (name !== undefined) {
    const executionArn = executionArnOf(entry.stateMachineArn, name);
    const existing = await describeIfExists(context, executionArn);
    if (existing) return replayStart(executionArn, existing, input);
  }

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
      const executionArn = executionArnOf(entry.stateMachineArn, name);
      const existing = await findExecution(context, executionArn);
      return replayStart(executionArn, existing.description, input);
    }
    throw toHttpError(error) ?? error;
  }
}

/**
 * Responds to a retried start whose execution already exists. The same input
 * returns the first run with 202, and another input is a 409 conflict.
 */
function replayStart(
  executionArn: string,
  existing: DescribeExecutionCommandOutput,
  input: Record<string, unknown>,
): APIGatewayProxyResult {
  const existingInput: unknown = JSON.parse(existing.input ?? 'null');
  if (!isDeepStrictEqual(existingInput, input)) {
    throw new HttpError(
      409,
      'IdempotencyKeyReused',
      `The Idempotency-Key already started execution "${executionArn}" with another input: send a new key for a new run.`,
    );
  }
  return accepted(executionArn, existing.startDate, { existing: true, status: existing.status });
}

/** Builds the 202 of a start. A replayed start adds `existing: true` and the execution's current `status`. */
function accepted(
  executionArn: string,
  startDate: Date | undefined,
  replay?: { existing: true; status: string | undefined },
): APIGatewayProxyResult {
  const executionName = executionArn.split(':')[7] ?? '';
  return jsonResponse(
    202,
    { executionArn, executionName, startDate: startDate?.toISOString(), ...replay },
    { Location: `/executions/${encodeURIComponent(executionArn)}` },
  );
}
