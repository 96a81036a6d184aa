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
  /** The task with `join: all` that closes the fork, once found. */
  join?: string;
  region: Region;
}

/** A branch exit: a transition from a branch task to the fork's join. */
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

/** Result of the graph analysis: the region tree and where each task lives. */
export interface WorkflowGraph {
  root: Region;
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

export function isGuardedGroup(group: TransitionGroup): boolean {
  return group.items.some((item) => item.guard !== undefined);
}

export function taskTargets(group: TransitionGroup): Extract<Target, { kind: 'task' }>[] {
  return group.items.map((item) => item.target).filter((target): target is Extract<Target, { kind: 'task' }> => target.kind === 'task');
}
