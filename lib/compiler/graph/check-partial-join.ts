import type { DiagnosticBag } from '../../diagnostics/diagnostic';
import type { Task } from '../../dsl/model';
import type { WorkflowGraph } from './regions';

/** Returns the number of branches that must succeed for a `join: <number>` or `join: one`, or undefined for `join: all`. */
export function joinQuorum(join: Task | undefined): number | undefined {
  const value = join?.joinSpec?.value;
  if (value === undefined || value === 'all') return undefined;

  return value === 'one' ? 1 : Number(value);
}

/**
 * Reports a `join: <number>` above the branch count of its fork as an
 * error, and warns for every join that lets branches fail, because the
 * Parallel state still waits for all of them.
 */
export function checkPartialJoin(task: Task, graph: WorkflowGraph, bag: DiagnosticBag): void {
  const quorum = joinQuorum(task);
  const fork = graph.forkClosedBy.get(task.name);
  if (quorum === undefined || !fork || !task.joinSpec) return;

  const branches = fork.branches.length;
  if (quorum > branches) {
    bag.report('unsupportedJoin', task.joinSpec.range, task.joinSpec.value, task.name, String(branches));
    return;
  }
  if (quorum < branches) bag.report('partialJoin', task.joinSpec.range, task.joinSpec.value, task.name, String(quorum), String(branches));
}
