import type { DiagnosticBag, SourceRange } from '../../diagnostics/diagnostic';
import type { Task, Workflow } from '../../dsl/model';
import type { Definitions } from './definitions';
import { sourceTaskOf, type Region, type WorkflowGraph } from './regions';

/** The definition that a published name would collide with: a sentence fragment, and the task that publishes it. */
interface Origin {
  text: string;
  /** The source task that publishes the name in a sibling branch. */
  sibling?: string;
  /** The source task that publishes the name outside the fork. */
  outside?: string;
}

/**
 * Reports names published inside a fork branch that collide with a variable
 * of an enclosing scope or with a name published in a sibling branch. Step
 * Functions rejects both, because a Parallel branch has its own variable
 * scope that can neither assign nor shadow outer variables. Copies of one
 * task in sibling branches may publish the same name, and the Parallel
 * takes the value of the last such branch. A copy inside a branch may also
 * publish a name that another placement of its task publishes outside,
 * because the branch renames it (`<name>__b<region>`). This does not apply
 * when the name is already defined as the branch starts, because the
 * renamed name would then hide the outer value from the branch.
 */
export function checkCollisions(workflow: Workflow, graph: WorkflowGraph, definitions: Definitions, bag: DiagnosticBag): void {
  const byName = graph.tasks;
  const sourceOf = (name: string) => sourceTaskOf(graph, name);
  // Copies of a task share its source positions, so each collision is reported once.
  const reported = new Set<string>();
  const report = (range: SourceRange, task: string, name: string, origin: string) => {
    const key = `${range.start.line}:${range.start.column}`;
    if (reported.has(key)) return;
    reported.add(key);
    bag.report('publishCollision', range, task, name, origin);
  };

  const visit = (region: Region, outer: ReadonlyMap<string, Origin>, atEntry: ReadonlySet<string>) => {
    const own = new Map(outer);
    for (const item of region.items) {
      if (item.kind === 'task') {
        const task = byName.get(item.name);
        if (task) checkTask(task, sourceOf(task.name), region, outer, atEntry, report);
        for (const entry of [...(task?.publish ?? []), ...(task?.publishOnError ?? [])]) {
          if (!own.has(entry.name)) own.set(entry.name, { text: `is published by task '${sourceOf(item.name)}' outside the fork`, outside: sourceOf(item.name) });
        }
      }
    }
    for (const item of region.items) {
      if (item.kind !== 'fork') continue;
      const siblings = new Map<string, Origin>();
      for (const branch of item.fork.branches) {
        const scope = new Map(own);
        for (const [name, origin] of siblings) if (!scope.has(name)) scope.set(name, origin);
        visit(branch, scope, definitions.before.get(branch.entry ?? '') ?? new Set());
        for (const [name, source] of branchNames(branch, byName, sourceOf)) {
          const entry = sourceOf(branch.entry ?? '');
          if (!siblings.has(name)) siblings.set(name, { text: `is also published in the sibling branch starting at '${entry}'`, sibling: source });
        }
      }
      // Nothing follows a fork without join in its region, so only a join's Parallel assigns the names that leave it.
      if (!item.fork.join) continue;
      for (const branch of item.fork.branches) {
        const join = sourceOf(item.fork.join);
        for (const name of definitions.branchOutputs.get(branch) ?? []) own.set(name, { text: `is assigned by the join of the fork closed by '${join}'` });
      }
    }
  };

  const top = new Map<string, Origin>();
  for (const name of definitions.initial) top.set(name, { text: 'is a workflow input or var' });
  visit(graph.root, top, definitions.initial);
}

type Report = (range: SourceRange, task: string, name: string, origin: string) => void;

function checkTask(task: Task, source: string, region: Region, outer: ReadonlyMap<string, Origin>, atEntry: ReadonlySet<string>, report: Report): void {
  if (!region.parent) return;

  for (const entry of [...task.publish, ...task.publishOnError]) {
    const origin = outer.get(entry.name);
    if (!origin) continue;
    // NOTE: only the local engine has run sibling branches that assign one variable name, not AWS.
    if (origin.sibling === source) continue;
    if (origin.outside === source && !atEntry.has(entry.name)) continue;
    report(entry.range, source, entry.name, origin.text);
  }
}

/** Returns each name published in a region and its nested forks, with the source task that publishes it. */
function branchNames(region: Region, byName: ReadonlyMap<string, Task>, sourceOf: (name: string) => string): [string, string][] {
  return region.items.flatMap((item): [string, string][] => {
    if (item.kind === 'fork') return item.fork.branches.flatMap((branch) => branchNames(branch, byName, sourceOf));
    const task = byName.get(item.name);
    return [...(task?.publish ?? []), ...(task?.publishOnError ?? [])].map((entry) => [entry.name, sourceOf(item.name)]);
  });
}
