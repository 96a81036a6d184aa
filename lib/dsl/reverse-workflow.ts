import { isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import type { DiagnosticBag, SourceRange } from '../diagnostics/diagnostic';
import type { NamedValue, Task, TransitionItem, Workflow } from './model';
import { gateOf, withTargetInput } from './reverse-target';
import type { SourceDocument } from './source-document';
import { suggestClosest } from './suggest';

/** Action of the tasks that the plan adds to fork or join a level; it compiles to a Pass state. */
const noopAction = 'std.noop';

interface Requirement {
  names: string[];
  range: SourceRange;
}

/**
 * Turns a `type: reverse` workflow into a direct workflow that runs each
 * task after the tasks it `requires`. Tasks are grouped in levels by their
 * longest chain of requirements, each level runs as a fork of parallel
 * branches, and a level starts when the whole previous level has ended.
 * With `target`, only the target and the tasks it requires are compiled.
 * Without it, the execution input `task_name` selects the target at run
 * time, and a gate before each task skips the tasks outside its closure.
 * Returns the workflow unchanged when it is not reverse, and undefined after
 * an error.
 */
export function planReverseWorkflow(workflow: Workflow, source: SourceDocument, bag: DiagnosticBag): Workflow | undefined {
  const root = source.document.contents as YAMLMap;
  const typePair = pairOf(root, 'type');
  const targetPair = pairOf(root, 'target');
  const requirements = readRequirements(root, source);
  const reverse = isScalar(typePair?.value) && typePair.value.value === 'reverse';

  if (!reverse) {
    for (const [task, requirement] of requirements) bag.report('requiresOutsideReverse', requirement.range, task);
    if (targetPair) bag.report('targetOutsideReverse', rangeOf(targetPair.key as Node, source));
    return requirements.size > 0 || targetPair ? undefined : workflow;
  }

  const known = new Set(workflow.tasks.map((task) => task.name));
  let failed = false;
  for (const task of workflow.tasks) {
    if (Object.keys(task.transitions).length > 0) {
      bag.report('transitionInReverse', task.range, task.name);
      failed = true;
    }
    for (const name of requirements.get(task.name)?.names ?? []) {
      if (known.has(name)) continue;
      const closest = suggestClosest(name, [...known]);
      const fix = closest ? `: did you mean '${closest}'? Correct the name in 'requires', or remove it` : `: remove it from 'requires', or add a task '${name}'`;
      bag.report('unknownRequirement', requirements.get(task.name)?.range ?? task.range, task.name, name, fix);
      failed = true;
    }
  }
  const target = targetPair ? readTarget(targetPair, known, source, bag) : undefined;
  const cycle = cycleOf(workflow.tasks, requirements);
  if (cycle) {
    const links = cycle.slice(0, -1).map((name, index) => `'${name}' requires '${cycle[index + 1]}'`);
    const sentence = links.length > 1 ? `${links.slice(0, -1).join(', ')} and ${links[links.length - 1]}` : links[0];
    bag.report('requirementCycle', requirements.get(cycle[0])?.range ?? workflow.tasks[0].range, sentence);
  }
  if (failed || target === null || cycle) return undefined;

  const levels = levelsOf(workflow.tasks, requirements) as Task[][];
  const range = workflow.tasks[0].range;
  if (target !== undefined) {
    const closure = closureOf(target, requirements);
    const planned = planTarget(workflow, levels, closure, range);
    return { ...planned, leftOut: { target, tasks: workflow.tasks.map((task) => task.name).filter((name) => !closure.has(name)) } };
  }

  bag.report('reverseTargetFromInput', rangeOf(typePair?.key as Node, source), workflow.name);
  const closures = new Map(workflow.tasks.map((task) => [task.name, closureOf(task.name, requirements)]));
  return withTargetInput({ ...workflow, tasks: chainLevels(levels, range, closures) }, closures, range);
}

/** Returns the `target` task name, or null after reporting a value that names no task. */
function readTarget(pair: Pair, known: ReadonlySet<string>, source: SourceDocument, bag: DiagnosticBag): string | null {
  const value = isScalar(pair.value) ? String(pair.value.value) : '';
  if (known.has(value)) return value;

  bag.report('unknownReverseTarget', rangeOf(pair.value as Node, source), value, [...known].join(', '));
  return null;
}

/** Returns the names of `target` and of every task that it requires, directly or not. */
function closureOf(target: string, requirements: ReadonlyMap<string, Requirement>): Set<string> {
  const closure = new Set<string>();
  const pending = [target];
  while (pending.length > 0) {
    const name = pending.pop() as string;
    if (closure.has(name)) continue;
    closure.add(name);
    pending.push(...(requirements.get(name)?.names ?? []));
  }

  return closure;
}

/**
 * Keeps the tasks of the target's closure. A name that only the left-out
 * tasks publish becomes a var of value null, so that the output can still
 * read it, as Mistral's `$.name` reads null for a name that no task published.
 */
function planTarget(workflow: Workflow, levels: Task[][], closure: ReadonlySet<string>, range: SourceRange): Workflow {
  const closureLevels = levels.map((level) => level.filter((task) => closure.has(task.name))).filter((level) => level.length > 0);
  const published = new Set(closureLevels.flat().flatMap((task) => task.publish.map((entry) => entry.name)));
  const empty = new Map<string, NamedValue>();
  for (const task of workflow.tasks.filter((candidate) => !closure.has(candidate.name))) {
    for (const entry of task.publish) {
      if (!published.has(entry.name)) empty.set(entry.name, { name: entry.name, value: { kind: 'literal', value: null }, range: entry.range });
    }
  }

  return { ...workflow, vars: [...workflow.vars, ...empty.values()], tasks: chainLevels(closureLevels, range) };
}

/**
 * Returns a cycle of requirements as the task names along it, the first
 * name repeated at the end, or undefined when there is none. The cycle
 * starts at its task that comes first in the file.
 */
function cycleOf(tasks: readonly Task[], requirements: ReadonlyMap<string, Requirement>): string[] | undefined {
  const order = new Map(tasks.map((task, index) => [task.name, index]));
  const done = new Set<string>();
  const path: string[] = [];

  const visit = (name: string): string[] | undefined => {
    const onPath = path.indexOf(name);
    if (onPath >= 0) return path.slice(onPath);
    if (done.has(name) || !order.has(name)) return undefined;

    path.push(name);
    for (const required of requirements.get(name)?.names ?? []) {
      const found = visit(required);
      if (found) return found;
    }
    path.pop();
    done.add(name);
    return undefined;
  };

  for (const task of tasks) {
    const cycle = visit(task.name);
    if (!cycle) continue;

    const first = cycle.reduce((best, name) => ((order.get(name) as number) < (order.get(best) as number) ? name : best));
    const start = cycle.indexOf(first);
    const rotated = [...cycle.slice(start), ...cycle.slice(0, start)];
    return [...rotated, first];
  }

  return undefined;
}

/** Groups tasks by the length of their longest chain of requirements, or returns undefined for a cycle. */
function levelsOf(tasks: Task[], requirements: ReadonlyMap<string, Requirement>): Task[][] | undefined {
  const depth = new Map<string, number>();
  const visiting = new Set<string>();
  const byName = new Map(tasks.map((task) => [task.name, task]));

  const depthOf = (name: string): number | undefined => {
    const known = depth.get(name);
    if (known !== undefined) return known;
    if (visiting.has(name)) return undefined;

    visiting.add(name);
    let level = 0;
    for (const required of requirements.get(name)?.names ?? []) {
      const below = depthOf(required);
      if (below === undefined) return undefined;
      level = Math.max(level, below + 1);
    }
    visiting.delete(name);
    depth.set(name, level);
    return level;
  };

  const levels: Task[][] = [];
  for (const task of tasks) {
    const level = depthOf(task.name);
    if (level === undefined) return undefined;
    (levels[level] ??= []).push(byName.get(task.name) as Task);
  }

  return levels;
}

/**
 * Links the levels with `on-success` transitions. A level of several tasks
 * is a fork: it starts from the single task before it and joins at the
 * single task after it, and a `std.noop` task is added where that task is
 * missing. With the requirement closure of each task, each task gets a
 * gate before it (see gateOf). A `std.noop` then forks every level of
 * several tasks and joins the last one, so that a skipped task always has
 * one task to go on to.
 */
function chainLevels(levels: Task[][], range: SourceRange, closures?: ReadonlyMap<string, ReadonlySet<string>>): Task[] {
  const gated = closures !== undefined;
  const names = new Set(levels.flat().map((task) => task.name));
  const unique = (base: string) => {
    let name = base;
    while (names.has(name)) name = `${name}_`;
    names.add(name);
    return name;
  };
  const noop = (name: string): Task => ({
    name: unique(name),
    range,
    action: noopAction,
    actionRange: range,
    publish: [],
    publishOnError: [],
    transitions: {},
    planned: {},
  });

  const steps: Task[][] = [];
  levels.forEach((level, index) => {
    const previous = steps[steps.length - 1];
    if (level.length > 1 && (previous === undefined || previous.length > 1 || gated)) {
      steps.push([noop(index === 0 ? 'reverse_start' : `reverse_level_${index}`)]);
    }
    steps.push(level.map((task) => ({ ...task, transitions: {} })));
  });
  if (gated && steps[steps.length - 1].length > 1) steps.push([noop('reverse_end')]);

  const gates = new Map<string, string>();
  if (gated) for (const task of levels.flat()) gates.set(task.name, unique(`reverse_gate_${task.name}`));
  const entryOf = (task: Task) => gates.get(task.name) ?? task.name;

  const tasks: Task[] = [];
  steps.forEach((step, index) => {
    const after = steps[index + 1] ?? [];
    for (const task of step) {
      const gate = gates.get(task.name);
      // A gated task is never followed by a fork, so a skipped task has at most one next task.
      if (gate !== undefined) tasks.push(gateOf(task, gate, after[0] && entryOf(after[0]), closures?.get(task.name) ?? new Set(), range));
      if (after.length > 0) {
        const items: TransitionItem[] = after.map((next) => ({ target: { kind: 'task', name: entryOf(next), range } }));
        task.transitions['on-success'] = { kind: 'on-success', items, range };
      }
      tasks.push(task);
    }
  });

  for (let index = 1; index < steps.length; index++) {
    if (steps[index - 1].length <= 1) continue;
    const join = tasks.find((task) => task.name === entryOf(steps[index][0])) as Task;
    join.join = 'all';
  }

  return tasks;
}

function readRequirements(root: YAMLMap, source: SourceDocument): Map<string, Requirement> {
  const requirements = new Map<string, Requirement>();
  const tasks = pairOf(root, 'tasks')?.value;
  if (!isMap(tasks)) return requirements;

  for (const taskPair of tasks.items) {
    const requires = isMap(taskPair.value) ? pairOf(taskPair.value, 'requires') : undefined;
    if (!requires) continue;
    const value = requires.value as Node;
    const names = isSeq(value) ? value.items.map((item) => String((item as { value?: unknown }).value)) : [String((value as { value?: unknown }).value)];
    requirements.set(String((taskPair.key as { value?: unknown }).value), { names, range: rangeOf(requires.key as Node, source) });
  }

  return requirements;
}

function pairOf(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((pair) => isScalar(pair.key) && String(pair.key.value) === key);
}

function rangeOf(node: Node | undefined, source: SourceDocument): SourceRange {
  return source.rangeOf([node?.range?.[0] ?? 0, node?.range?.[1] ?? 0]);
}
