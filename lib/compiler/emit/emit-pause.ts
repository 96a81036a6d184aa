import type { Task } from '../../dsl/model';
import type { Substitution } from '../types';
import { comment, type EmitContext } from './context';
import type { AddState } from './emit-retry-loop';

/** Placeholder of the pause function's ARN, the Lambda of lambdas/std/pause.ts. */
export const pauseSubstitution: Extract<Substitution, { kind: 'std' }> = { key: 'PauseFunction', kind: 'std', action: 'std.pause' };

/** Name of the state that pauses the execution before a task with `pause-before`. */
export function pauseStateName(task: Task): string {
  return `${task.name}.pause`;
}

/** Returns whether a transition of the task targets the `pause` engine command. */
export function hasPauseTarget(task: Task): boolean {
  return Object.values(task.transitions).some((transition) => transition.items.some((item) => item.target.kind === 'succeed' && item.target.pause));
}

/**
 * Emits a state that pauses the execution: a `waitForTaskToken` call of the
 * pause function, which records the token under the execution, so that
 * `POST /executions/{id}/resume` and `sirocco resume` can send it back.
 * The state passes its input through, whatever the resume request sends.
 */
export function emitPauseState(name: string, next: string, line: number, context: EmitContext, addState: AddState): void {
  addState(name, {
    Type: 'Task',
    Comment: comment(context, line),
    Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
    Arguments: {
      FunctionName: `\${${pauseSubstitution.key}}`,
      Payload: {
        input: {},
        token: '{% $states.context.Task.Token %}',
        execution: '{% $states.context.Execution.Id %}',
        workflow: context.workflow.name,
        task: name,
      },
    },
    Output: '{% $states.input %}',
    Next: next,
  });
}

/** Emits the pause state of `pause-before`, which leads on to `next`. */
export function emitPauseBefore(task: Task, next: string, context: EmitContext, addState: AddState): void {
  if (task.pauseBefore) emitPauseState(pauseStateName(task), next, task.range.start.line, context, addState);
}
