import type { Task, Target, TransitionItem, TransitionKind } from '../../dsl/model';

/**
 * The targets that fire together after a task: `success` gathers on-success
 * and on-complete, `error` gathers on-error and on-complete.
 */
export interface TransitionGroup {
  outcome: 'success' | 'error';
  items: (TransitionItem & { kind: TransitionKind })[];
}

/** A fork: several targets without guards, or several start tasks. */
export interface Fork {
  id: number;
  /** The task whose transition forks, or undefined for the start tasks. */
  origin?: { task: string; outcome: 'success' | 'error' };
  branches: Region[];
  /**
   * The task with `join: all` that closes the fork, once found. A fork
   * without one ends its region when every branch has ended.
   */
  join?: string;
  region: Region;
}

/** A branch exit: a transition from a branch task to the fork's join, named as in the source. */
export interface BranchExit {
  task: string;
  outcome: 'success' | 'error';
  join: string;
}

export type RegionItem = { kind: 'task'; name: string } | { kind: 'fork'; fork: Fork };

/**
 * A sequence of states that share one ASL `States` map: the whole workflow,
 * or one branch of a Parallel state.
 */
export interface Region {
  id: number;
  /** First task of the region, or undefined when the region starts with a fork. */
  entry?: string;
  items: RegionItem[];
  parent?: { fork: Fork; index: number };
  exits: BranchExit[];
}

/**
 * Result of the graph analysis: the region tree and where each task lives.
 * A task reached from several regions without a join is placed once per
 * region: the first placement keeps the task's name and the others are
 * copies named `<task>.2`, `<task>.3` … in order of arrival.
 */
export interface WorkflowGraph {
  root: Region;
  /** Every placed task by state name, copies included, with transitions that name the placed targets. */
  tasks: Map<string, Task>;
  /** The source task of each copy, by the copy's state name. */
  copyOf: Map<string, string>;
  regionOf: Map<string, Region>;
  forks: Fork[];
  /** Fork opened by each task and outcome, keyed `task|outcome`. */
  forkAt: Map<string, Fork>;
  /** The fork that each join task closes. */
  forkClosedBy: Map<string, Fork>;
  startTasks: string[];
}

/** Returns the success and error groups of a task, in that order, leaving out empty ones. */
export function transitionGroups(task: Task): TransitionGroup[] {
  const withKind = (kind: TransitionKind) =>
    (task.transitions[kind]?.items ?? []).map((item) => ({ ...item, kind }));

  const groups: TransitionGroup[] = [
    { outcome: 'success', items: [...withKind('on-success'), ...withKind('on-complete')] },
    { outcome: 'error', items: [...withKind('on-error'), ...withKind('on-complete')] },
  ];

  return groups.filter((group) => group.items.length > 0);
}

/** Returns whether a group forks: more than one target and no guards. */
export function isForkGroup(group: TransitionGroup): boolean {
  return group.items.length > 1 && group.items.every((item) => item.guard === undefined);
}

/** Returns the name of the source task that a placed task (or copy) runs. */
export function sourceTaskOf(graph: WorkflowGraph, name: string): string {
  return graph.copyOf.get(name) ?? name;
}

export function isGuardedGroup(group: TransitionGroup): boolean {
  return group.items.some((item) => item.guard !== undefined);
}

export function taskTargets(group: TransitionGroup): Extract<Target, { kind: 'task' }>[] {
  return group.items.map((item) => item.target).filter((target): target is Extract<Target, { kind: 'task' }> => target.kind === 'task');
}
