import type { DiagnosticBag } from '../../diagnostics/diagnostic';
import type { Task, Workflow } from '../../dsl/model';
import { exclusiveDefault } from '../emit/emit-choice';
import { checkPartialJoin } from './check-partial-join';
import { isGuardedGroup, transitionGroups, type WorkflowGraph } from './regions';

/**
 * Reports constructs that Step Functions cannot express: a fork branch that
 * ends the workflow instead of reaching its join, and joins that wait for more branches than the fork has.
 * Warns where guards may overlap, because a Choice state takes only the first match.
 */
export function checkStructure(workflow: Workflow, graph: WorkflowGraph, bag: DiagnosticBag): void {
  for (const task of workflow.tasks) {
    checkPartialJoin(task, graph, bag);
    checkGuardOverlap(task, bag);

    const region = graph.regionOf.get(task.name);
    const fork = region?.parent?.fork;
    // A fork without a join has been reported already, and its branches have no join to reach.
    if (!fork?.join) continue;
    const join = fork.join;

    const groups = transitionGroups(task);
    const success = groups.find((group) => group.outcome === 'success');
    if (!success) {
      bag.report('branchEndsWithoutJoin', task.range, join, `task '${task.name}' has no on-success or on-complete and`);
      continue;
    }
    for (const group of groups) {
      for (const item of group.items) {
        if (item.target.kind === 'succeed') bag.report('branchEndsWithoutJoin', item.target.range, join, `'succeed' after task '${task.name}'`);
      }
      if (isGuardedGroup(group) && !exclusiveDefault(group.items)) {
        const transition = task.transitions[group.items[0].kind];
        bag.report('branchEndsWithoutJoin', transition?.range ?? task.range, join, `the case where no guard of task '${task.name}' matches`);
      }
    }
  }
}

function checkGuardOverlap(task: Task, bag: DiagnosticBag): void {
  for (const group of transitionGroups(task)) {
    if (!isGuardedGroup(group)) continue;
    const defaultItem = exclusiveDefault(group.items);
    const rules = group.items.filter((item) => item !== defaultItem);
    if (rules.length < 2) continue;

    const kind = group.items[0].kind;
    bag.report('guardsNotExclusive', task.transitions[kind]?.range ?? task.range, kind, task.name);
  }
}
