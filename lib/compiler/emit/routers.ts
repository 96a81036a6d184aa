import type { Task } from '../../dsl/model';
import { isForkGroup, isGuardedGroup, transitionGroups } from '../graph/regions';

/**
 * Returns whether the task's Pass state would only pass control on: a
 * `std.noop` task without input, timeout, retry, waits, pause or
 * with-items, whose Pass would neither change the data nor wait.
 */
function passesControlOnly(task: Task): boolean {
  return (
    task.action === 'std.noop' &&
    task.input === undefined &&
    task.actionOutputs === undefined &&
    task.timeout === undefined &&
    task.retry === undefined &&
    task.waitBefore === undefined &&
    task.waitAfter === undefined &&
    !task.pauseBefore &&
    task.withItems === undefined &&
    task.publishOnError.length === 0
  );
}

function successGroup(task: Task) {
  return transitionGroups(task).find((group) => group.outcome === 'success');
}

/**
 * Returns whether the task compiles to its Choice alone, named after the
 * task, in place of a Pass and a Choice `<task>.on-success`. Its publish
 * values must be literals that no guard reads, because the Choice assigns
 * them when it leaves, after its guards have been evaluated.
 */
export function isChoiceRouter(task: Task): boolean {
  const group = successGroup(task);
  if (!passesControlOnly(task) || !group || !isGuardedGroup(group)) return false;
  if (task.publish.some((entry) => entry.value.kind !== 'literal')) return false;

  const guards = group.items.flatMap((item) => (item.guard === undefined || item.guard === true ? [] : [item.guard.text]));
  return !task.publish.some((entry) => guards.some((guard) => new RegExp(`\\$\\.?${entry.name}\\b`).test(guard)));
}

/**
 * Returns whether the task compiles to the Parallel of its fork alone,
 * named after the task, in place of a Pass followed by the Parallel.
 */
export function isForkRouter(task: Task | undefined): boolean {
  const group = task && successGroup(task);
  return task !== undefined && group !== undefined && passesControlOnly(task) && task.publish.length === 0 && isForkGroup(group);
}
