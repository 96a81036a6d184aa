import type { Task, Target, TransitionItem } from '../../dsl/model';

/**
 * Copies of a task for the regions that reach it without a join. State
 * names are unique across the whole state machine, so the first placement
 * keeps the task's name and each copy is named `<task>.<n>` from 2 on, in
 * order of arrival. Task names cannot contain a dot, so no copy name can
 * be the name of another task.
 */
export class TaskCopies {
  private readonly counts = new Map<string, number>();

  /** Total copies made so far, across every task. */
  total = 0;

  /** Returns the state name of the next copy of `task`. */
  nextName(task: string): string {
    const count = (this.counts.get(task) ?? 1) + 1;
    this.counts.set(task, count);
    this.total++;

    return `${task}.${count}`;
  }
}

/**
 * Returns the task under state name `name`, with each transition target
 * that `placed` maps renamed to the state that the analysis placed for it.
 */
export function withPlacedTargets(task: Task, name: string, placed: ReadonlyMap<Target, string>): Task {
  if (name === task.name && placed.size === 0) return task;

  const rename = (item: TransitionItem): TransitionItem => {
    const target = placed.get(item.target);
    return target === undefined || item.target.kind !== 'task' ? item : { ...item, target: { ...item.target, name: target } };
  };
  const transitions = Object.fromEntries(
    Object.entries(task.transitions).map(([kind, transition]) => [kind, transition && { ...transition, items: transition.items.map(rename) }]),
  ) as Task['transitions'];

  return { ...task, name, transitions };
}
