import type { Task } from '../../dsl/model';
import { comment, type EmitContext } from './context';
import { counterOf, emitRetryLoops, variablePrefix } from './emit-retry-loop';
import { jsonataString } from './jsonata-text';

/** The states of a Map's ItemProcessor. */
export interface ItemStates {
  StartAt: string;
  States: Record<string, Record<string, unknown>>;
}

/**
 * Emits the `break-on` and `continue-on` loops of a with-items task inside
 * its Map's ItemProcessor, so that each item's action is retried on its own:
 * Mistral applies a retry policy to each action execution. A Pass
 * `<task>.item.init` starts each iteration. It sets the iteration's own
 * counter to 0 and keeps the item in a variable, which the loop's Wait gives
 * back to the action state as its input before the next run.
 */
export function emitItemRetryLoops(task: Task, action: Record<string, unknown>, actionName: string, result: string, renames: ReadonlyMap<string, string>, context: EmitContext): ItemStates {
  const states: Record<string, Record<string, unknown>> = {};
  const addState = (name: string, state: Record<string, unknown>) => {
    if (context.stateNames.has(name)) context.bag.report('stateNameCollision', task.range, name);
    context.stateNames.add(name);
    states[name] = state;
  };

  const item = `${variablePrefix(task)}__item`;
  const initName = `${actionName}.init`;
  addState(initName, {
    Type: 'Pass',
    Comment: comment(context, task.range.start.line),
    Assign: { [counterOf(task).name]: 0, [item]: '{% $states.input %}' },
    Next: actionName,
  });
  states[actionName] = action;
  emitRetryLoops(task, action, renames, context, addState, { name: actionName, result, input: `$${item}` });

  return { StartAt: initName, States: states };
}
