import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { readExecutionHistory } from '../history/execution-history';
import { executionPartitionKey, TASK_PREFIX } from '../history/keys';
import type { TaskRow } from '../history/task-row';
import { owningTaskState } from '../history/task-state';
import { findFailedTask, summarizeTasks, type TaskSummary } from '../history/task-summary';
import type { ControlContext } from './context';
import type { FoundExecution } from './execution-lookup';

export interface TaskView {
  name: string;
  status: string;
  startDate?: string;
  stopDate?: string;
  attempts?: number;
  error?: string;
  cause?: string;
  /** State input at the task's last entry, parsed, or its JSON text when listed in `truncated`. */
  input?: unknown;
  /** State output at the task's last exit, like `input`. Missing until the task succeeds. */
  output?: unknown;
  /** The fields among `input`, `output` and `cause` that were cut to their size limits. */
  truncated?: string[];
  /** The task that this state runs, when the state is a copy of it named differently, such as `c.2` for `c`. */
  task?: string;
}

/** The tasks of an execution, grouped by how far the execution got with them. */
export interface TaskProgress {
  done: TaskView[];
  running: TaskView[];
  failed: TaskView[];
  /**
   * Compiled tasks without any history, such as a branch that was not taken,
   * and the states (task or copy) that did not run of a task whose other states ran.
   */
  notReached: string[];
}

/**
 * Time after an execution's end during which its task rows may still be
 * incomplete, because the recorder writes them after the end event.
 */
const RECORDER_CATCH_UP_MS = 60_000;

/**
 * Reads the task states of an execution. An execution that ended more than a
 * minute ago reads the task rows of the history table when the recorder wrote
 * them for its current redrive. Otherwise, such as while it runs or before the
 * recorder has caught up, it reads the Step Functions execution history.
 */
export async function readTaskProgress(
  context: ControlContext,
  execution: FoundExecution,
): Promise<TaskProgress> {
  const status = execution.description.status ?? 'RUNNING';
  const redriveCount = execution.description.redriveCount ?? 0;
  let summaries: TaskSummary[] = [];
  const stopDate = execution.description.stopDate;
  const settled = stopDate === undefined || Date.now() - new Date(stopDate).getTime() >= RECORDER_CATCH_UP_MS;
  if (status !== 'RUNNING' && status !== 'PENDING_REDRIVE' && settled) {
    const rows = await readTaskRows(context, execution.executionArn);
    const current = rows.every((row) => row.redriveCount === redriveCount);
    summaries = current ? rows : [];
  }
  if (summaries.length === 0) {
    const events = await readExecutionHistory(context.sfn, execution.executionArn);
    summaries = summarizeTasks(events, status);
  }

  return groupTasks(execution.entry.tasks, summaries, execution.entry.stateTasks);
}

/**
 * Groups the summaries of the compiled tasks, ignoring states that are not
 * tasks. A task that the compiler copied (`stateTasks`) gets one view per
 * copy that ran. When some of its states ran, the others are listed as not
 * reached by their state names, and when none ran, the task is. When
 * the execution failed in a helper state of a task, such as
 * `items.continue-on`, that task is listed as failed with the helper's error.
 */
export function groupTasks(taskNames: string[], summaries: TaskSummary[], stateTasks: Readonly<Record<string, string>> = {}): TaskProgress {
  const byName = new Map(summaries.map((summary) => [summary.name, summary]));
  blameOwningTask(byName, [...taskNames, ...Object.keys(stateTasks)]);
  const progress: TaskProgress = { done: [], running: [], failed: [], notReached: [] };

  for (const name of taskNames) {
    const copies = Object.keys(stateTasks).filter((state) => stateTasks[state] === name);
    const ran = [name, ...copies].filter((state) => byName.has(state));
    if (ran.length === 0) {
      progress.notReached.push(name);
      continue;
    }
    progress.notReached.push(...[name, ...copies].filter((state) => !byName.has(state)));

    for (const state of ran) {
      const summary = byName.get(state) as TaskSummary;
      const view = state === name ? toTaskView(summary) : { ...toTaskView(summary), task: name };
      if (summary.status === 'SUCCEEDED') progress.done.push(view);
      else if (summary.status === 'RUNNING') progress.running.push(view);
      else progress.failed.push(view);
    }
  }
  return progress;
}

/**
 * Replaces the summary of the task (or copy) whose helper state has the
 * execution's failure by a failed one. A helper state `<task>.<purpose>`
 * belongs to `<task>`, and `<task>.<n>.<purpose>` to the copy `<task>.<n>`.
 */
function blameOwningTask(byName: Map<string, TaskSummary>, taskStates: string[]): void {
  const failed = findFailedTask([...byName.values()]);
  if (!failed || taskStates.includes(failed.name)) return;

  const owner = owningTaskState(failed.name);
  if (!taskStates.includes(owner)) return;

  const summary = byName.get(owner) ?? failed;
  byName.set(owner, {
    ...summary,
    name: owner,
    status: failed.status,
    stopDate: failed.stopDate ?? summary.stopDate,
    error: failed.error,
    cause: failed.cause,
    output: undefined,
  });
}

async function readTaskRows(context: ControlContext, executionArn: string): Promise<TaskRow[]> {
  const rows: TaskRow[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await context.documents.send(
      new QueryCommand({
        TableName: context.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :task)',
        ExpressionAttributeValues: {
          ':pk': executionPartitionKey(executionArn),
          ':task': TASK_PREFIX,
        },
        ExclusiveStartKey: startKey,
      }),
    );
    rows.push(...((page.Items ?? []) as TaskRow[]));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return rows;
}

function toTaskView(summary: TaskSummary): TaskView {
  const truncated = summary.truncated ?? [];
  return {
    name: summary.name,
    status: summary.status,
    startDate: summary.startDate,
    stopDate: summary.stopDate,
    attempts: summary.attempts,
    error: summary.error,
    cause: summary.cause,
    input: payloadOf(summary.input, truncated.includes('input')),
    output: payloadOf(summary.output, truncated.includes('output')),
    truncated: truncated.length > 0 ? truncated : undefined,
  };
}

/** Parses a stored payload, except a cut one, which is no longer JSON and stays text. */
function payloadOf(text: string | undefined, truncated: boolean): unknown {
  if (text === undefined || truncated) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
