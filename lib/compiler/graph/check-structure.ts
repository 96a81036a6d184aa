import type { DiagnosticBag, SourceRange } from '../../diagnostics/diagnostic';
import type { Task, Workflow } from '../../dsl/model';
import { exclusiveDefault } from '../emit/emit-choice';
import { describeFork } from './analyse-graph';
import { checkJoinReach } from './check-join-reach';
import { checkPartialJoin } from './check-partial-join';
import { isGuardedGroup, sourceTaskOf, transitionGroups, type Region, type WorkflowGraph } from './regions';

/**
 * Reports constructs that Step Functions cannot express. A path of a
 * joining fork branch must reach its join, so no `succeed` or `noop` may
 * end it. A `succeed` would end only a branch that reaches no join, and a
 * join cannot wait for more branches than its fork has. Warns where guards may overlap, because a Choice
 * state takes only the first match, and where a join has fewer than two inbound transitions.
 */
export function checkStructure(workflow: Workflow, graph: WorkflowGraph, bag: DiagnosticBag): void {
  for (const task of workflow.tasks) {
    checkPartialJoin(task, graph, bag);
    checkJoinReach(workflow, task, graph, bag);
    checkGuardOverlap(task, bag);
  }

  // Copies of a task share its source positions, so each problem is reported once.
  const reported = new Set<string>();
  const report = (key: 'branchEndsWithoutJoin' | 'forkWithoutJoin', range: SourceRange, ...args: string[]) => {
    const id = `${key}:${range.start.line}:${range.start.column}`;
    if (reported.has(id)) return;
    reported.add(id);
    bag.report(key, range, ...args);
  };

  for (const task of graph.tasks.values()) {
    const region = graph.regionOf.get(task.name);
    const source = sourceTaskOf(graph, task.name);
    if (!region?.parent) continue;
    if (region.exits.length === 0) {
      checkEndingBranch(task, source, region, graph, report);
      continue;
    }
    // A fork whose branches reach different joins has been reported already.
    const join = region.parent.fork.join;
    if (join) checkJoiningBranch(task, source, sourceTaskOf(graph, join), report);
  }

  for (const fork of graph.forks) {
    const region = fork.region;
    const join = region.parent?.fork.join;
    if (fork.join || !join || region.exits.length === 0 || !fork.origin) continue;
    const origin = graph.tasks.get(fork.origin.task) as Task;
    report('branchEndsWithoutJoin', origin.range, sourceTaskOf(graph, join), `the fork at ${describeFork(fork, graph)}, which no join closes,`);
  }
}

type Report = (key: 'branchEndsWithoutJoin' | 'forkWithoutJoin', range: SourceRange, ...args: string[]) => void;

/** Checks a task of a branch that reaches its fork's join: every path that does not fail must reach it. */
function checkJoiningBranch(task: Task, source: string, join: string, report: Report): void {
  const groups = transitionGroups(task);
  const success = groups.find((group) => group.outcome === 'success');
  if (!success) {
    report('branchEndsWithoutJoin', task.range, join, `task '${source}' has no on-success or on-complete and`);
    return;
  }
  for (const group of groups) {
    for (const item of group.items) {
      if (item.target.kind === 'succeed' || item.target.kind === 'noop') report('branchEndsWithoutJoin', item.target.range, join, `'${item.target.kind}' after task '${source}'`);
    }
    if (isGuardedGroup(group) && !exclusiveDefault(group.items)) {
      const transition = task.transitions[group.items[0].kind];
      report('branchEndsWithoutJoin', transition?.range ?? task.range, join, `the case where no guard of task '${source}' matches`);
    }
  }
}

/**
 * Checks a task of a branch that ends on its own. Its paths may end, as in
 * Mistral, and `noop` ends the path there, but a `succeed` or `pause` would
 * end only the branch in Step Functions, where Mistral ends the whole workflow.
 */
function checkEndingBranch(task: Task, source: string, region: Region, graph: WorkflowGraph, report: Report): void {
  const fork = describeFork((region.parent as NonNullable<Region['parent']>).fork, graph);
  for (const group of transitionGroups(task)) {
    for (const item of group.items) {
      if (item.target.kind !== 'succeed') continue;
      report('forkWithoutJoin', item.target.range, fork, `'${item.target.pause ? 'pause' : 'succeed'}' after task '${source}'`);
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
