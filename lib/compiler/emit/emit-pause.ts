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

/**
 * Emits the state of `pause-before`: a `waitForTaskToken` call of the pause
 * function, which records the token under the execution, so that
 * `POST /executions/{id}/resume` and `sirocco resume` can send it back.
 * The state passes its input through, whatever the resume request sends.
 */
export function emitPauseBefore(task: Task, next: string, context: EmitContext, addState: AddState): void {
  if (!task.pauseBefore) return;

  const name = pauseStateName(task);
  addState(name, {
    Type: 'Task',
    Comment: comment(context, task.range.start.line),
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
