import { DescribeExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';

import { readExecutionHistory } from '../../../lambdas/history/execution-history';
import { summarizeTasks, type TaskSummary } from '../../../lambdas/history/task-summary';
import { LOCAL_LOCATION } from '../../local/aws-names';
import type { TaskStatus } from '../../web/mermaid';

/** Returns the execution ARN for an ARN or an execution name of `workflow` on the local runtime. */
export function executionArnOf(id: string, workflow: string): string {
  if (id.startsWith('arn:')) return id;

  return `arn:aws:states:${LOCAL_LOCATION.region}:${LOCAL_LOCATION.accountId}:execution:${workflow}:${id}`;
}

/** An execution that belongs to another workflow than the graph's. */
export class ExecutionWorkflowMismatchError extends Error {
  constructor(
    readonly executionArn: string,
    readonly executionWorkflow: string,
    readonly expectedWorkflow: string,
  ) {
    super(
      `Execution '${executionArn}' belongs to workflow '${executionWorkflow}', not '${expectedWorkflow}'. ` +
        `Pass an execution of '${expectedWorkflow}', or graph the file of '${executionWorkflow}'.`,
    );
    this.name = 'ExecutionWorkflowMismatchError';
  }
}

/**
 * Reads an execution's history and returns the graph status of each state it
 * entered, plus `notReached` for each task or task copy it has not entered. A Choice or
 * Parallel state gets a status only when it is a task or a task copy
 * (`stateTasks`), such as a `std.noop` router, because otherwise it only
 * structures the flow. Raises ExecutionWorkflowMismatchError when the
 * execution is not one of `workflow`'s state machine.
 */
export async function readExecutionStatuses(
  sfn: SFNClient,
  executionArn: string,
  workflow: string,
  taskNames: string[],
  stateTasks: Readonly<Record<string, string>> = {},
): Promise<Record<string, TaskStatus>> {
  const description = await sfn.send(new DescribeExecutionCommand({ executionArn }));
  const executionWorkflow = description.stateMachineArn?.split(':').pop();
  if (executionWorkflow !== undefined && executionWorkflow !== workflow) {
    throw new ExecutionWorkflowMismatchError(executionArn, executionWorkflow, workflow);
  }
  const events = await readExecutionHistory(sfn, executionArn);

  const statuses: Record<string, TaskStatus> = {};
  const taskStates = new Set([...taskNames, ...Object.keys(stateTasks)]);
  for (const name of taskStates) statuses[name] = 'notReached';
  for (const summary of summarizeTasks(events, description.status ?? 'RUNNING')) {
    const structural = summary.stateType === 'Choice' || summary.stateType === 'Parallel';
    if (structural && !taskStates.has(summary.name)) continue;
    statuses[summary.name] = graphStatusOf(summary.status);
  }
  return statuses;
}

/** Maps a history status to the graph's classes as the web page does: a task that the execution's end stopped is aborted, not failed. */
export function graphStatusOf(status: TaskSummary['status']): TaskStatus {
  if (status === 'SUCCEEDED') return 'done';
  if (status === 'RUNNING') return 'running';
  if (status === 'ABORTED') return 'aborted';
  return 'failed';
}
