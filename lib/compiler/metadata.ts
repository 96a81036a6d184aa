import type { Workflow } from '../dsl/model';
import type { StateMachineDefinition, Substitution, WorkflowMetadata } from './types';
import { approvalAction } from './emit/context';
import { hasPauseTarget, pauseSubstitution } from './emit/emit-pause';
import { workflowSubstitutionKey } from './emit/emit-subworkflow';
import { listTriggers } from './triggers-metadata';
import { functionKeyOf, stdActionOf, stdSubstitution } from './std/std-actions';

type StatesMap = Record<string, Record<string, unknown>>;
interface Cost {
  min: number;
  max: number;
}

function successorsOf(state: Record<string, unknown>): string[] {
  const next: string[] = [];
  if (typeof state.Next === 'string') next.push(state.Next);
  if (typeof state.Default === 'string') next.push(state.Default);
  for (const rule of (state.Choices as { Next: string }[] | undefined) ?? []) next.push(rule.Next);
  for (const catcher of (state.Catch as { Next: string }[] | undefined) ?? []) next.push(catcher.Next);
  return next;
}

/**
 * Counts the states entered from `startAt` to an end, as min and max over
 * paths. Each state entered counts once, and a Parallel counts itself plus
 * every branch. A transition back to a state already on the path is not followed,
 * so `max` counts each loop once.
 */
export function countTransitions(states: StatesMap, startAt: string): Cost {
  const memo = new Map<string, Cost>();
  const onPath = new Set<string>();

  const visit = (name: string): Cost | undefined => {
    const cached = memo.get(name);
    if (cached) return cached;
    if (onPath.has(name) || !states[name]) return undefined;

    onPath.add(name);
    const state = states[name];
    let own: Cost = { min: 1, max: 1 };
    if (state.Type === 'Parallel') {
      for (const branch of state.Branches as { StartAt: string; States: StatesMap }[]) {
        const cost = countTransitions(branch.States, branch.StartAt);
        own = { min: own.min + cost.min, max: own.max + cost.max };
      }
    }
    const following = successorsOf(state).map(visit).filter((cost): cost is Cost => cost !== undefined);
    onPath.delete(name);

    const cost =
      following.length === 0
        ? own
        : { min: own.min + Math.min(...following.map((c) => c.min)), max: own.max + Math.max(...following.map((c) => c.max)) };
    memo.set(name, cost);
    return cost;
  };

  return visit(startAt) ?? { min: 0, max: 0 };
}

/**
 * Maps the state names of task copies to their tasks. A copy is named
 * `<task>.<n>`, and task names cannot contain a dot, so the name alone
 * identifies it.
 */
export function listStateTasks(states: StatesMap, tasks: ReadonlySet<string>): Record<string, string> {
  const stateTasks: Record<string, string> = {};
  for (const [name, state] of Object.entries(states)) {
    const copy = /^(.+)\.\d+$/.exec(name);
    if (copy && tasks.has(copy[1])) stateTasks[name] = copy[1];
    for (const branch of (state.Branches as { States: StatesMap }[] | undefined) ?? []) Object.assign(stateTasks, listStateTasks(branch.States, tasks));
  }

  return stateTasks;
}

/** Builds the metadata that the CDK layer and the CLI read next to the ASL. */
export function buildMetadata(workflow: Workflow, asl: StateMachineDefinition): WorkflowMetadata {
  const substitutions: Substitution[] = [];
  const seen = new Set<string>();
  for (const task of workflow.tasks) {
    if (task.workflow !== undefined) {
      const key = workflowSubstitutionKey(task.workflow);
      if (!seen.has(key)) substitutions.push({ key, kind: 'workflow', workflow: task.workflow });
      seen.add(key);
      continue;
    }
    const std = stdActionOf(task.action) ? stdSubstitution(task.action) : undefined;
    if (stdActionOf(task.action) && !std) continue;
    const key = functionKeyOf(task.action);
    if (seen.has(key)) continue;
    seen.add(key);
    substitutions.push(std ?? (task.action === approvalAction ? { key, kind: 'approval' } : { key, kind: 'action', action: task.action }));
  }

  if (workflow.tasks.some((task) => task.pauseBefore || hasPauseTarget(task))) substitutions.push(pauseSubstitution);

  const cost = countTransitions(asl.States, asl.StartAt);
  // The reverse planner's gates and forks are states of the graph, not tasks of the file.
  const fileTasks = workflow.tasks.filter((task) => task.planned === undefined);
  const metadata: WorkflowMetadata = {
    name: workflow.name,
    input: workflow.input.map((input) => ({
      name: input.name,
      ...(input.default === undefined ? {} : { default: input.default }),
      ...(input.allowed === undefined ? {} : { allowed: input.allowed }),
    })),
    tasks: fileTasks.map((task) => ({ name: task.name, action: task.workflow === undefined ? task.action : undefined, position: task.range.start })),
    actions: [...new Set(fileTasks.filter((task) => task.workflow === undefined).map((task) => task.action))].sort(),
    substitutions,
    transitions: { shortest: cost.min, longest: cost.max },
  };
  const stateTasks = listStateTasks(asl.States, new Set(fileTasks.map((task) => task.name)));
  if (Object.keys(stateTasks).length > 0) metadata.stateTasks = stateTasks;
  if (workflow.description !== undefined) metadata.description = workflow.description;
  if (workflow.triggers) metadata.triggers = listTriggers(workflow.triggers);

  return metadata;
}
