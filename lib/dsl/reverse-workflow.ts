import { isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import type { DiagnosticBag, SourceRange } from '../diagnostics/diagnostic';
import type { Task, TransitionItem, Workflow } from './model';
import type { SourceDocument } from './source-document';

/** Action of the tasks that the plan adds to fork or join a level; it compiles to a Pass state. */
const noopAction = 'std.noop';

interface Requirement {
  names: string[];
  range: SourceRange;
}

/**
 * Turns a `type: reverse` workflow into the direct workflow that runs every
 * task after the tasks it `requires`. Tasks are grouped in levels by their
 * longest chain of requirements, each level runs as a fork of parallel
 * branches, and a level starts when the whole previous level has ended.
 * Returns the workflow unchanged when it is not reverse, and undefined after
 * an error.
 */
export function planReverseWorkflow(workflow: Workflow, source: SourceDocument, bag: DiagnosticBag): Workflow | undefined {
  const root = source.document.contents as YAMLMap;
  const typePair = pairOf(root, 'type');
  const requirements = readRequirements(root, source);
  const reverse = isScalar(typePair?.value) && typePair.value.value === 'reverse';

  if (!reverse) {
    for (const [task, requirement] of requirements) bag.report('requiresOutsideReverse', requirement.range, task);
    return requirements.size > 0 ? undefined : workflow;
  }
  bag.report('reverseRunsAllTasks', rangeOf(typePair?.key as Node, source), workflow.name);

  const known = new Set(workflow.tasks.map((task) => task.name));
  let failed = false;
  for (const task of workflow.tasks) {
    if (Object.keys(task.transitions).length > 0) {
      bag.report('transitionInReverse', task.range, task.name);
      failed = true;
    }
    for (const name of requirements.get(task.name)?.names ?? []) {
      if (known.has(name)) continue;
      bag.report('unknownRequirement', requirements.get(task.name)?.range ?? task.range, task.name, name);
      failed = true;
    }
  }
  if (failed) return undefined;

  const levels = levelsOf(workflow.tasks, requirements);
  if (!levels) {
    bag.report('requirementCycle', workflow.tasks[0].range);
    return undefined;
  }

  return { ...workflow, tasks: chainLevels(levels, workflow.tasks[0].range) };
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
 * missing.
 */
function chainLevels(levels: Task[][], range: SourceRange): Task[] {
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
  });

  const steps: Task[][] = [];
  levels.forEach((level, index) => {
    const previous = steps[steps.length - 1];
    if (level.length > 1 && (previous === undefined || previous.length > 1)) {
      steps.push([noop(index === 0 ? 'reverse_start' : `reverse_level_${index}`)]);
    }
    steps.push(level.map((task) => ({ ...task, transitions: {} })));
  });

  for (let index = 1; index < steps.length; index++) {
    const before = steps[index - 1];
    const after = steps[index];
    for (const task of before) {
      const items: TransitionItem[] = after.map((next) => ({ target: { kind: 'task', name: next.name, range } }));
      task.transitions['on-success'] = { kind: 'on-success', items, range };
    }
    if (before.length > 1) after[0].join = 'all';
  }

  return steps.flat();
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
