import { RedriveExecutionCommand } from '@aws-sdk/client-sfn';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type { ControlContext } from '../context';
import { findExecution } from '../execution-lookup';
import { notRedrivableError } from '../execution-state-errors';
import { jsonResponse } from '../http';
import { isStepFunctionsError, toHttpError } from '../step-functions-errors';

/**
 * POST /executions/{id}/redrive: resumes a failed, timed out or aborted
 * execution from the state that stopped it.
 */
export async function redriveExecution(
  context: ControlContext,
  event: APIGatewayProxyEvent,
): Promise<APIGatewayProxyResult> {
  const execution = await findExecution(context, event.pathParameters?.id);

  try {
    const redriven = await context.sfn.send(
      new RedriveExecutionCommand({ executionArn: execution.executionArn }),
    );
    return jsonResponse(202, {
      executionArn: execution.executionArn,
      redriveDate: redriven.redriveDate?.toISOString(),
    });
  } catch (error) {
    if (isStepFunctionsError(error, 'ExecutionNotRedrivable')) throw notRedrivableError(execution, error);
    throw toHttpError(error) ?? error;
  }
}
