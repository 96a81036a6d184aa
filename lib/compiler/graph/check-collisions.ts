import type { DiagnosticBag } from '../../diagnostics/diagnostic';
import type { Task, Workflow } from '../../dsl/model';
import type { Definitions } from './definitions';
import type { Region, WorkflowGraph } from './regions';

/**
 * Reports names published inside a fork branch that collide with a variable
 * of an enclosing scope or with a name published in a sibling branch. Step
 * Functions rejects both, because a Parallel branch has its own variable
 * scope that can neither assign nor shadow outer variables.
 */
export function checkCollisions(workflow: Workflow, graph: WorkflowGraph, definitions: Definitions, bag: DiagnosticBag): void {
  const byName = new Map(workflow.tasks.map((task) => [task.name, task]));
  const initial = new Set(definitions.initial);

  const visit = (region: Region, outer: ReadonlyMap<string, string>) => {
    const own = new Map(outer);
    for (const item of region.items) {
      if (item.kind === 'task') {
        const task = byName.get(item.name);
        if (task) checkTask(task, region, outer, bag);
        for (const entry of [...(task?.publish ?? []), ...(task?.publishOnError ?? [])]) {
          if (!own.has(entry.name)) own.set(entry.name, `is published by task '${item.name}' outside the fork`);
        }
      }
    }
    for (const item of region.items) {
      if (item.kind !== 'fork') continue;
      const siblings = new Map<string, string>();
      for (const branch of item.fork.branches) {
        const scope = new Map(own);
        for (const [name, origin] of siblings) if (!scope.has(name)) scope.set(name, origin);
        visit(branch, scope);
        for (const name of branchNames(branch, byName)) {
          if (!siblings.has(name)) siblings.set(name, `is also published in the sibling branch starting at '${branch.entry}'`);
        }
      }
      for (const branch of item.fork.branches) {
        for (const name of definitions.branchOutputs.get(branch) ?? []) own.set(name, `is assigned by the join of the fork closed by '${item.fork.join}'`);
      }
    }
  };

  const top = new Map<string, string>();
  for (const name of initial) top.set(name, 'is a workflow input or var');
  visit(graph.root, top);
}

function checkTask(task: Task, region: Region, outer: ReadonlyMap<string, string>, bag: DiagnosticBag): void {
  if (!region.parent) return;

  for (const entry of [...task.publish, ...task.publishOnError]) {
    const origin = outer.get(entry.name);
    if (origin) bag.report('publishCollision', entry.range, task.name, entry.name, origin);
  }
}

function branchNames(region: Region, byName: Map<string, Task>): string[] {
  return region.items.flatMap((item) => {
    if (item.kind === 'fork') return item.fork.branches.flatMap((branch) => branchNames(branch, byName));
    const task = byName.get(item.name);
    return [...(task?.publish ?? []), ...(task?.publishOnError ?? [])].map((entry) => entry.name);
  });
}
