import type { Task } from '../../dsl/model';
import { renderRenamed } from '../emit/bindings';
import { renderValue } from '../emit/jsonata-text';
import { stdActionOf } from './std-actions';

/** Returns the value of parameter `name` in a task's input mapping. */
export function stdParameter(task: Task, name: string) {
  if (task.input?.kind !== 'object') return undefined;
  return task.input.entries.find(([key]) => key === name)?.[1];
}

/**
 * Returns the JSONata of a standard action's result, in its own state
 * (`result`) or the next state (`input`), or undefined for the actions whose
 * result is a Lambda `Payload`. A Pass state has no `$states.result`, so the
 * result of `std.echo` is its `output` parameter, evaluated in place.
 */
export function stdResultOf(task: Task, container: 'result' | 'input', renames: ReadonlyMap<string, string>): string | undefined {
  const spec = stdActionOf(task.action);
  if (!spec || spec.state === 'lambda') return undefined;
  if (spec.state === 'wait' || spec.state === 'fail') return 'null';
  if (spec.state !== 'pass') return `$states.${container}`;

  const output = stdParameter(task, 'output');
  if (output === undefined) return 'null';
  if (container === 'input') return '$states.input';

  return `(${renderValue(output, (expression) => renderRenamed(expression, renames))})`;
}
