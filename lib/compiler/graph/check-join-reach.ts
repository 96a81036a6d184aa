import type { DiagnosticBag } from '../../diagnostics/diagnostic';
import type { Task, Workflow } from '../../dsl/model';
import { describeFork } from './analyse-graph';
import { sourceTaskOf, type WorkflowGraph } from './regions';

/**
 * Warns for a `join` that no fork reaches by two or more transitions. Mistral
 * joins the inbound transitions of a task, so such a join waits for nothing.
 * A start task's join has no effect at all, while a join reached by one
 * branch still closes the fork in Step Functions and waits for every branch.
 * A join reached by one transition outside a fork is the error SRC1104.
 */
export function checkJoinReach(workflow: Workflow, task: Task, graph: WorkflowGraph, bag: DiagnosticBag): void {
  if (!task.joinSpec || !graph.tasks.has(task.name)) return;

  const sources = inboundSources(workflow, task.name);
  if (sources.length === 0 && graph.startTasks.length === 1) {
    bag.report('joinWithoutArrivals', task.joinSpec.keyRange, task.name, task.joinSpec.value, 'no transition reaches it, so the join has no effect');
    return;
  }
  if (sources.length !== 1) return;

  const fork = graph.forks.find((candidate) => candidate.join !== undefined && sourceTaskOf(graph, candidate.join) === task.name);
  if (!fork) return;
  const reason =
    `only the transition from '${sources[0]}' reaches it, so Mistral would run it without waiting, ` +
    `while Step Functions waits until every branch of the fork at ${describeFork(fork, graph)} ends`;
  bag.report('joinWithoutArrivals', task.joinSpec.keyRange, task.name, task.joinSpec.value, reason);
}

/** Returns the names of the tasks with a transition to `name`, in source order. */
function inboundSources(workflow: Workflow, name: string): string[] {
  return workflow.tasks
    .filter((task) => Object.values(task.transitions).some((transition) => transition.items.some((item) => item.target.kind === 'task' && item.target.name === name)))
    .map((task) => task.name);
}
