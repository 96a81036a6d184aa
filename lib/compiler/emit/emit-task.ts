import { approvalAction, approvalSubstitutionKey, actionSubstitutionKey, comment, type EmitContext } from './context';
import type { Task } from '../../dsl/model';
import { toAslValue } from './jsonata-text';
import { renderBound, type Bindings } from './bindings';

/**
 * Returns the JSONata path of the task result, in the Task state (`result`)
 * or the next state (`input`). A with-items Map returns the list of results.
 */
export function resultOf(task: Task, container: 'result' | 'input'): string {
  return task.action === approvalAction || task.withItems ? `$states.${container}` : `$states.${container}.Payload`;
}

/**
 * Emits the Task state of an action: `lambda:invoke` with an ActionEvent
 * payload, or `lambda:invoke.waitForTaskToken` with a CallbackActionEvent
 * for `std.approval`. Transitions, Assign and Output are added by the caller.
 */
export function emitTask(task: Task, context: EmitContext, renames: ReadonlyMap<string, string>): Record<string, unknown> {
  const bindings: Bindings = { renames };
  const render = (expression: Parameters<typeof renderBound>[0]) => renderBound(expression, bindings);
  const input = task.input ? toAslValue(task.input, render) : {};
  const approval = task.action === approvalAction;

  const payload: Record<string, unknown> = { input };
  if (approval) {
    payload.token = '{% $states.context.Task.Token %}';
    if (task.timeout !== undefined) payload.timeoutSeconds = task.timeout;
  }
  payload.execution = '{% $states.context.Execution.Id %}';
  payload.workflow = context.workflow.name;
  payload.task = task.name;

  const state: Record<string, unknown> = {
    Type: 'Task',
    Comment: comment(context, task.range.start.line),
    Resource: approval ? 'arn:aws:states:::lambda:invoke.waitForTaskToken' : 'arn:aws:states:::lambda:invoke',
    Arguments: {
      FunctionName: `\${${approval ? approvalSubstitutionKey : actionSubstitutionKey(task.action)}}`,
      Payload: payload,
    },
  };
  if (task.timeout !== undefined) state.TimeoutSeconds = task.timeout;
  if (task.retry !== undefined) {
    state.Retry = [{ ErrorEquals: ['States.ALL'], IntervalSeconds: task.retry.delay, MaxAttempts: task.retry.count, BackoffRate: 1 }];
  }

  return state;
}
