import type { Task, Workflow } from '../../dsl/model';
import { exclusiveDefault } from '../emit/emit-choice';
import { isForkGroup, isGuardedGroup, transitionGroups, type Fork, type Region, type WorkflowGraph } from './regions';

/** Variable definitions at each task, from a forward data-flow analysis over the regions. */
export interface Definitions {
  /** Variables defined on every path to each task's state entry. */
  before: Map<string, Set<string>>;
  /** Names that leave each branch through its last state's Output, in publish order. */
  branchOutputs: Map<Region, string[]>;
  /** Variables defined when every branch of a fork without join has ended. */
  afterFork: Map<Fork, Set<string>>;
  /** Variables assigned at the start: inputs and vars. */
  initial: Set<string>;
}

/** Returns the names a task assigns for an outcome. */
export function publishedNames(task: Task, outcome: 'success' | 'error'): string[] {
  return (outcome === 'success' ? task.publish : task.publishOnError).map((entry) => entry.name);
}

const maxPasses = 50;

/** Returns the names in both sets, or `next` when there is no set yet. */
function intersect(current: Set<string> | undefined, next: Set<string>): Set<string> {
  return current ? new Set([...current].filter((name) => next.has(name))) : next;
}

/**
 * Computes, for each placed task, the variables defined on every path that
 * reaches it. Published names join the set after their task. A join task
 * also gets the names that leave every branch of its fork. A branch leaves
 * with the names defined at every exit to the join, or, when it has no
 * exit, at every end of the branch.
 */
export function computeDefinitions(workflow: Workflow, graph: WorkflowGraph): Definitions {
  const byName = graph.tasks;
  const initial = new Set([...workflow.input.map((input) => input.name), ...workflow.vars.map((entry) => entry.name)]);
  const result: Definitions = { before: new Map(), branchOutputs: new Map(), afterFork: new Map(), initial };

  let changed = false;
  /** Intersects the set before `name` with `defs` plus `extra`, which the caller does not copy. */
  const meet = (name: string, defs: ReadonlySet<string>, extra: readonly string[] = []) => {
    const current = result.before.get(name);
    if (!current) {
      result.before.set(name, new Set([...defs, ...extra]));
      changed = true;
      return;
    }
    for (const defined of current) {
      if (defs.has(defined) || extra.includes(defined)) continue;
      current.delete(defined);
      changed = true;
    }
  };

  /** Returns the names defined at the branch exits to the join and at the ends of the region. */
  const solve = (region: Region, entry: Set<string>): { exit?: Set<string>; end?: Set<string> } => {
    let exit: Set<string> | undefined;
    let end: Set<string> | undefined;
    if (region.entry) meet(region.entry, entry);

    for (const item of region.items) {
      if (item.kind === 'fork') {
        const merged = solveFork(item.fork, entry);
        if (!item.fork.join && merged) end = intersect(end, merged);
        continue;
      }
      const task = byName.get(item.name);
      const before = result.before.get(item.name);
      if (!task || !before) continue;

      const groups = transitionGroups(task);
      if (!groups.some((group) => group.outcome === 'success')) end = intersect(end, new Set([...before, ...publishedNames(task, 'success')]));
      for (const group of groups) {
        if (isForkGroup(group)) continue;
        const published = publishedNames(task, group.outcome);
        if (group.outcome === 'success' && isGuardedGroup(group) && !exclusiveDefault(group.items)) end = intersect(end, new Set([...before, ...published]));
        for (const entryItem of group.items) {
          if (entryItem.target.kind !== 'task') continue;
          const targetName = entryItem.target.name;
          if (graph.regionOf.get(targetName) === region && graph.forkClosedBy.get(targetName) === undefined) {
            meet(targetName, before, published);
          } else if (region.exits.some((e) => e.task === task.name && e.join === targetName)) {
            exit = intersect(exit, new Set([...before, ...published]));
          }
        }
      }
    }

    return { exit, end };
  };

  /** Solves the branches of a fork and returns the names defined after it, or undefined before its origin is reached. */
  const solveFork = (fork: Fork, regionEntry: Set<string>): Set<string> | undefined => {
    const origin = fork.origin ? byName.get(fork.origin.task) : undefined;
    const originBefore = origin ? result.before.get(origin.name) : regionEntry;
    if (!originBefore) return undefined;

    const base = new Set([...originBefore, ...(origin && fork.origin ? publishedNames(origin, fork.origin.outcome) : [])]);
    const merged = new Set(base);
    for (const branch of fork.branches) {
      const { exit, end } = solve(branch, base);
      const defined = (branch.exits.length > 0 ? exit : end) ?? new Set<string>();
      const leaving = orderedPublishes(branch, byName).filter((name) => defined.has(name) && !base.has(name));
      result.branchOutputs.set(branch, leaving);
      for (const name of leaving) merged.add(name);
    }
    if (fork.join) meet(fork.join, merged);
    else result.afterFork.set(fork, merged);

    return merged;
  };

  // Sets only shrink after their first assignment, so the passes reach a fixed point.
  for (let pass = 0; pass < maxPasses; pass++) {
    changed = false;
    solve(graph.root, initial);
    if (!changed) break;
  }

  return result;
}

/** Names published by the tasks of a region and its nested forks, in first-publish order. */
export function orderedPublishes(region: Region, byName: Map<string, Task>): string[] {
  const names: string[] = [];
  const add = (name: string) => {
    if (!names.includes(name)) names.push(name);
  };
  for (const item of region.items) {
    if (item.kind === 'fork') {
      for (const branch of item.fork.branches) orderedPublishes(branch, byName).forEach(add);
      continue;
    }
    const task = byName.get(item.name);
    task?.publish.forEach((entry) => add(entry.name));
    task?.publishOnError.forEach((entry) => add(entry.name));
  }

  return names;
}
