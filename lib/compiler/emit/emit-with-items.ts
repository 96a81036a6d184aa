import type { Task, WithItems } from '../../dsl/model';
import { renderBound } from './bindings';
import { comment, type EmitContext } from './context';
import { emitItemRetryLoops, type ItemStates } from './emit-item-retry';
import { emitTask, resultOf } from './emit-task';
import { jsonataString, quoteString } from './jsonata-text';

/** Name of the Task state that runs the action once per item inside the Map. */
export function itemStateName(task: Task): string {
  return `${task.name}.item`;
}

/**
 * JSONata of the Map's `Items`: the list itself, or the lists zipped into
 * tuples. Mistral fails when zipped lists differ in length, and `$zip` would
 * cut them to the shortest, so the expression raises an error instead.
 */
function itemsExpression(withItems: WithItems, task: Task, renames: ReadonlyMap<string, string>): string {
  const lists = withItems.lists.map((entry) => renderBound(entry.list, { renames }));
  if (lists.length === 1) return lists[0];

  const counts = lists.map((list) => `$count(${list})`);
  const sameLength = counts.slice(1).map((count) => `${counts[0]} = ${count}`).join(' and ');
  const message = quoteString(`The with-items lists of task '${task.name}' differ in length.`);
  return `${sameLength} ? $zip(${lists.join(', ')}) : $error(${message})`;
}

/**
 * Emits the Map state of a `with-items` task. The ItemSelector names each
 * item after its with-items variable, and the action reads it as
 * `$states.input.<name>`. The Map's result is the list of action results in
 * item order, `[]` for an empty list. Retry, its `break-on` and
 * `continue-on` loops, and timeout apply to each action.
 */
export function emitWithItems(task: Task, context: EmitContext, renames: ReadonlyMap<string, string>): Record<string, unknown> {
  const withItems = task.withItems as WithItems;
  const itemRenames = new Map(renames);
  for (const entry of withItems.lists) itemRenames.set(entry.name, `states.input.${entry.name}`);

  const zipped = withItems.lists.length > 1;
  const selector = Object.fromEntries(
    withItems.lists.map((entry, index) => [entry.name, jsonataString(`$states.context.Map.Item.Value${zipped ? `[${index}]` : ''}`)]),
  );
  const action = emitTask(task, context, itemRenames);
  const actionName = itemStateName(task);
  let processor: ItemStates = { StartAt: actionName, States: { [actionName]: action } };
  if (action.Type !== 'Fail') {
    const result = resultOf({ ...task, withItems: undefined }, 'result', itemRenames);
    action.Output = jsonataString(result);
    action.End = true;
    if (action.Type === 'Task' && (task.retry?.breakOn || task.retry?.continueOn)) processor = emitItemRetryLoops(task, action, actionName, result, itemRenames, context);
  }

  const state: Record<string, unknown> = {
    Type: 'Map',
    Comment: comment(context, task.range.start.line),
    Items: jsonataString(itemsExpression(withItems, task, renames)),
    ItemSelector: selector,
    ItemProcessor: { ProcessorConfig: { Mode: 'INLINE' }, ...processor },
  };
  if (withItems.concurrency !== undefined) state.MaxConcurrency = withItems.concurrency;
  context.stateNames.add(actionName);

  return state;
}
