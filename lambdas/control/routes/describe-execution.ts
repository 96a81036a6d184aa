import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { readApprovals } from '../approval-progress';
import type { ControlContext } from '../context';
import { findExecution } from '../execution-lookup';
import { jsonResponse } from '../http';
import { readTaskProgress } from '../task-progress';
import { readWaitingTasks } from '../waiting-tasks';

/**
 * GET /executions/{id}: the status of one execution, its tasks done, running,
 * failed and not yet reached with their input and output, its approvals, the
 * pauses and callbacks that it waits at, and its error.
 */
export async function describeExecution(
  context: ControlContext,
  event: APIGatewayProxyEvent,
): Promise<APIGatewayProxyResult> {
  const execution = await findExecution(context, event.pathParameters?.id);
  const description = execution.description;

  const [tasks, approvals] = await Promise.all([
    readTaskProgress(context, execution),
    readApprovals(context, execution),
  ]);
  const waitingTasks = await readWaitingTasks(context, execution, tasks.running);

  return jsonResponse(200, {
    workflow: execution.workflow,
    executionArn: execution.executionArn,
    executionName: description.name,
    status: description.status,
    startDate: description.startDate?.toISOString(),
    stopDate: description.stopDate?.toISOString(),
    redriveCount: description.redriveCount ?? 0,
    redriveStatus: description.redriveStatus,
    input: parseJson(description.input),
    output: parseJson(description.output),
    error: description.error,
    cause: description.cause,
    tasks,
    pendingApprovals: approvals.pending,
    decidedApprovals: approvals.decided,
    waitingTasks,
  });
}

function parseJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
