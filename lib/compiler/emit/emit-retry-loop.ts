import type { Retry, Task } from '../../dsl/model';
import { renderBound } from './bindings';
import { comment, type EmitContext, type RegionScope } from './context';
import { resultOf } from './emit-task';
import { jsonataString } from './jsonata-text';

/** Adds a generated state to the task's region, reporting a name collision. */
export type AddState = (name: string, state: Record<string, unknown>) => void;

/** Name prefix of the variables of a task's loops, with `-` replaced because variable names cannot contain it. */
function variablePrefix(task: Task): string {
  return task.name.replace(/-/g, '_');
}

/**
 * Variable counting the loop runs of a task so far. It is unset before the
 * first run, so reads go through `$exists`, and it is reset to 0 when the
 * loop ends, so that the task starts afresh when it is reached again.
 * NOTE: only the local engine has run this read of an unset variable, not AWS.
 */
function counterOf(task: Task): { name: string; read: string } {
  const name = `${variablePrefix(task)}__retries`;
  return { name, read: `($exists($${name}) ? $${name} : 0)` };
}

/**
 * Seconds of the Wait before the next run: `delay`, grown by `backoff` and
 * capped at `max-delay`. The Choice has already counted this run, so the
 * first Wait reads 1.
 */
function delaySeconds(retry: Retry, counter: string): number | string {
  if (retry.backoff === undefined || retry.backoff === 1) return retry.delay;

  const grown = `${retry.delay} * $power(${retry.backoff}, $${counter} - 1)`;
  return jsonataString(retry.maxDelay === undefined ? grown : `$min([${grown}, ${retry.maxDelay}])`);
}

/**
 * Emits the counted loop of one outcome: a Choice that either increments
 * the counter and waits before running the task again, or resets the counter
 * and leaves for `exit` with the extra `exitAssign`.
 */
function emitLoop(task: Task, kind: 'retry' | 'continue-on', condition: string, exit: string, exitAssign: Record<string, unknown>, context: EmitContext, addState: AddState): string {
  const retry = task.retry as Retry;
  const counter = counterOf(task);
  const line = task.range.start.line;
  const choiceName = `${task.name}.${kind}`;
  const waitName = `${choiceName}.wait`;

  addState(choiceName, {
    Type: 'Choice',
    Comment: comment(context, line),
    Choices: [
      {
        Condition: jsonataString(`${counter.read} < ${retry.count} and (${condition})`),
        Assign: { [counter.name]: jsonataString(`${counter.read} + 1`) },
        Next: waitName,
      },
      { Condition: '{% true %}', Assign: { [counter.name]: 0, ...exitAssign }, Next: exit },
    ],
  });
  addState(waitName, { Type: 'Wait', Comment: comment(context, line), Seconds: delaySeconds(retry, counter.name), Next: task.name });

  return choiceName;
}

/**
 * Adds the loops of `break-on` and `continue-on` around a task's emitted
 * state, which already has its transitions. `break-on` replaces the ASL
 * Retry: every error goes to a Choice that runs the task again unless the
 * retries are used up or the expression is true for `$error`. `continue-on`
 * runs the task again after a success while the expression is true for
 * `$result`, which the task stores in a variable for the Choice.
 */
export function emitRetryLoops(task: Task, state: Record<string, unknown>, scope: RegionScope, context: EmitContext, addState: AddState): void {
  const retry = task.retry;
  if (retry?.continueOn) {
    const resultName = `${variablePrefix(task)}__result`;
    const condition = renderBound(retry.continueOn, { result: `$${resultName}`, renames: scope.renames });
    let exit = state.Next as string | undefined;
    if (state.End) {
      exit = `${task.name}.continue-on.end`;
      addState(exit, { Type: 'Pass', Comment: comment(context, task.range.start.line), End: true });
      delete state.End;
    }
    state.Assign = { ...((state.Assign as object | undefined) ?? {}), [resultName]: jsonataString(resultOf(task, 'result')) };
    state.Next = emitLoop(task, 'continue-on', condition, exit as string, {}, context, addState);
  }

  if (retry?.breakOn) {
    const condition = `$not(${renderBound(retry.breakOn, { error: '$states.input', renames: scope.renames })})`;
    const handler = (state.Catch as Record<string, unknown>[] | undefined)?.[0];
    let exit = handler?.Next as string | undefined;
    if (exit === undefined) {
      exit = `${task.name}.retry.fail`;
      addState(exit, { Type: 'Fail', Comment: comment(context, task.range.start.line), Error: '{% $states.input.Error %}', Cause: '{% $states.input.Cause %}' });
    }
    // The Choice reads the caught error as its input, where the Catch read $states.errorOutput.
    const exitAssign = JSON.parse(JSON.stringify(handler?.Assign ?? {}).replace(/\$states\.errorOutput/g, '$states.input')) as Record<string, unknown>;
    state.Catch = [{ ErrorEquals: ['States.ALL'], Next: emitLoop(task, 'retry', condition, exit, exitAssign, context, addState) }];
  }
}
