import { GetCommand } from '@aws-sdk/lib-dynamodb';

import { callbackKey, type CallbackRow } from '../std/callback-keys';
import { pauseIndexKeys, PAUSE_SORT_PREFIX } from '../std/pause-keys';
import type { ControlContext } from './context';
import type { FoundExecution } from './execution-lookup';
import { resumeTaskOf } from './pause-state';
import { queryByWorkflowPrefix } from './query-by-workflow';
import type { TaskView } from './task-progress';

/** A callback row of a pause state, indexed under its execution. */
export type PauseRow = CallbackRow & { gsi1pk: string; gsi1sk: string };

/** A task that waits for a control API request before the execution goes on. */
export interface WaitingTask {
  /**
   * The task that waits: the task that a `pause-before` state precedes, the
   * task whose transition reached the `pause` engine command, or the
   * `std.async_noop` task.
   */
  task: string;
  /**
   * State name under which the task token is recorded, such as `pay.pause` or `ask_hr`.
   * `complete` takes this name, and `resume --task` takes it without `.pause`.
   */
  state: string;
  /**
   * `pause-before` and `pause` (the engine command) wait for a resume, and
   * `completion` (`std.async_noop`) for a complete request.
   */
  reason: 'pause-before' | 'pause' | 'completion';
  /** When the state recorded its task token, as an ISO date. */
  since: string;
}

/** Lists the pause rows of an execution through the `byWorkflow` index. */
export async function queryPauses(context: ControlContext, executionArn: string): Promise<PauseRow[]> {
  return queryByWorkflowPrefix<PauseRow>(context, pauseIndexKeys(executionArn, '').gsi1pk, PAUSE_SORT_PREFIX);
}

/**
 * Reads what a running execution waits for. A pause is listed while its
 * token row exists, which `resume` deletes. A running task is listed as
 * waiting for a completion while its callback row exists, which `complete`
 * deletes. `std.approval` tasks keep their tokens elsewhere, so they are not
 * listed. An execution that is not RUNNING waits for nothing, even though a
 * stop leaves its rows until their TTL.
 */
export async function readWaitingTasks(
  context: ControlContext,
  execution: FoundExecution,
  running: TaskView[],
): Promise<WaitingTask[]> {
  if ((execution.description.status ?? 'RUNNING') !== 'RUNNING') return [];

  const [pauses, callbacks] = await Promise.all([
    queryPauses(context, execution.executionArn),
    Promise.all(running.map((task) => readCallbackRow(context, execution.executionArn, task.name))),
  ]);
  const stateTasks = execution.entry.stateTasks ?? {};
  const taskOf = (state: string) => stateTasks[state] ?? state;
  const taskStates = new Set([...execution.entry.tasks, ...Object.keys(stateTasks)]);

  const paused = pauses.map((row): WaitingTask => {
    const resumeTask = resumeTaskOf(row.task);
    if (taskStates.has(resumeTask)) return { task: taskOf(resumeTask), state: row.task, reason: 'pause-before', since: row.createdAt };
    // The pause command's state is `<task>.<transition>.pause`, such as `check.on-success.pause`.
    const owner = resumeTask.slice(0, resumeTask.lastIndexOf('.'));
    return { task: taskOf(owner || resumeTask), state: row.task, reason: 'pause', since: row.createdAt };
  });
  const completions = callbacks
    .filter((row): row is CallbackRow => row !== undefined)
    .map((row): WaitingTask => ({ task: taskOf(row.task), state: row.task, reason: 'completion', since: row.createdAt }));

  return [...paused, ...completions];
}

async function readCallbackRow(context: ControlContext, executionArn: string, state: string): Promise<CallbackRow | undefined> {
  const result = await context.documents.send(
    new GetCommand({ TableName: context.tableName, Key: callbackKey(executionArn, state) }),
  );
  return result.Item as CallbackRow | undefined;
}
