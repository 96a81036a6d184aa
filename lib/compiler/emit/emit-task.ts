import { approvalAction, comment, type EmitContext } from './context';
import type { Task } from '../../dsl/model';
import { emitRetry } from './emit-retry';
import { subworkflowTask } from './emit-subworkflow';
import { toAslValue } from './jsonata-text';
import { renderBound, type Bindings } from './bindings';
import { functionKeyOf, usesTaskToken } from '../std/std-actions';
import { emitStdState } from '../std/emit-std-state';
import { stdResultOf } from '../std/std-results';
import { renderActionOutput } from '../../dsl/ad-hoc-actions';

/**
 * Returns the JSONata of the task result, in the Task state (`result`) or
 * the next state (`input`): a path, or a block for an ad-hoc action with
 * `output`. A with-items Map returns the list of its items' results.
 */
export function resultOf(task: Task, container: 'result' | 'input', renames: ReadonlyMap<string, string> = new Map()): string {
  if (task.withItems) return `$states.${container}`;
  const raw = rawResultOf(task, container, renames);
  return (task.actionOutputs ?? []).reduce((result, output) => renderActionOutput(output, result), raw);
}

/** Returns the JSONata path of the action's own result, before the `output` of an ad-hoc action. */
function rawResultOf(task: Task, container: 'result' | 'input', renames: ReadonlyMap<string, string>): string {
  if (task.workflow !== undefined) return `$states.${container}.Output`;
  const std = stdResultOf(task, container, renames);
  if (std !== undefined) return std;
  return task.action === approvalAction ? `$states.${container}` : `$states.${container}.Payload`;
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
  const callback = usesTaskToken(task.action);

  const payload: Record<string, unknown> = { input };
  if (callback) {
    payload.token = '{% $states.context.Task.Token %}';
    if (task.timeout !== undefined) payload.timeoutSeconds = task.timeout;
  }
  payload.execution = '{% $states.context.Execution.Id %}';
  payload.workflow = context.workflow.name;
  payload.task = task.name;

  const state: Record<string, unknown> = {
    Type: 'Task',
    Comment: comment(context, task.range.start.line),
    Resource: callback ? 'arn:aws:states:::lambda:invoke.waitForTaskToken' : 'arn:aws:states:::lambda:invoke',
    Arguments: {
      FunctionName: `\${${functionKeyOf(task.action)}}`,
      Payload: payload,
    },
  };
  if (task.workflow !== undefined) Object.assign(state, subworkflowTask({ ...task, workflow: task.workflow }, input));
  if (task.timeout !== undefined) state.TimeoutSeconds = task.timeout;
  const retry = task.retry && emitRetry(task.retry);
  if (retry) state.Retry = retry;

  return emitStdState(task, state, context, renames) ?? state;
}
