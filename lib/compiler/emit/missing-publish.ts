import type { Expression, NamedValue, Task } from '../../dsl/model';
import { quoteString } from './jsonata-text';

/**
 * Wraps the JSONata of one publish value of a task whose ad-hoc action has
 * an `output`, so that a value that reads nothing raises an error that names
 * the publish key and the default to write. Without it, Step Functions
 * reports that the field returned nothing and quotes the generated block of
 * the action's output. The value still fails, as any state field that
 * evaluates to undefined does.
 * NOTE: the last task of the workflow or of a branch binds its publishes
 * inside its Output, where a value that reads nothing is not checked and
 * leaves its key out of the output.
 */
export function checkPublishedValue(task: Task, entry: NamedValue, expression: Expression, rendered: string): string {
  if (task.actionOutputs === undefined) return rendered;

  const written = expression.text;
  const message =
    `Publish key '${entry.name}' of task '${task.name}' read nothing, because a missing field is undefined in JSONata, not null as in YAQL: ` +
    `check the output of the task's ad-hoc action, or write <% $exists(${written}) ? ${written} : null %> for null.`;
  return `($value := ${rendered}; $exists($value) ? $value : $error(${quoteString(message)}))`;
}
