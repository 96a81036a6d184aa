import type { Task } from '../../dsl/model';
import { comment, type EmitContext } from './context';
import { pauseStateName } from './emit-pause';
import type { AddState } from './emit-retry-loop';

/** Name of the Wait state that runs before a task with `wait-before`. */
function waitBeforeName(task: Task): string {
  return `${task.name}.wait-before`;
}

/**
 * Returns the state that a transition to `task` enters: its `pause-before`
 * state, else its `wait-before` Wait, else the task's own state.
 */
export function entryStateOf(task: Task | undefined, name: string): string {
  if (task?.pauseBefore) return pauseStateName(task);
  return task?.waitBefore === undefined ? name : waitBeforeName(task);
}

/** Returns the state after the `pause-before` state: the `wait-before` Wait or the task. */
export function afterPauseStateOf(task: Task): string {
  return task.waitBefore === undefined ? task.name : waitBeforeName(task);
}

/** Emits the Wait state of `wait-before`, which no Task field can express. */
export function emitWaitBefore(task: Task, context: EmitContext, addState: AddState): void {
  if (task.waitBefore === undefined) return;

  addState(waitBeforeName(task), { Type: 'Wait', Comment: comment(context, task.range.start.line), Seconds: task.waitBefore, Next: task.name });
}

/**
 * Emits the Wait states of `wait-after` between a task's emitted state and
 * its transitions: one after a success and one after each caught error. A
 * Wait passes its input through, so the next state reads the same result.
 * A task that ends the workflow or a branch moves its `End` to the Wait.
 */
export function emitWaitAfter(task: Task, state: Record<string, unknown>, context: EmitContext, addState: AddState): void {
  if (task.waitAfter === undefined) return;
  const line = task.range.start.line;

  const successName = `${task.name}.wait-after`;
  const success: Record<string, unknown> = { Type: 'Wait', Comment: comment(context, line), Seconds: task.waitAfter };
  if (state.End) {
    success.End = true;
    delete state.End;
  } else {
    success.Next = state.Next;
  }
  state.Next = successName;
  addState(successName, success);

  const catchers = (state.Catch as Record<string, unknown>[] | undefined) ?? [];
  for (const catcher of catchers) {
    const errorName = `${task.name}.wait-after-error`;
    addState(errorName, { Type: 'Wait', Comment: comment(context, line), Seconds: task.waitAfter, Next: catcher.Next });
    catcher.Next = errorName;
  }
}
