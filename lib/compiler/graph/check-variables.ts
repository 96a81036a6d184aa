import type { DiagnosticBag } from '../../diagnostics/diagnostic';
import type { Expression, Task, ValueTree, Workflow } from '../../dsl/model';
import { taskResultPrefix, taskResultVariable } from '../../dsl/mistral-forms';
import { findFreeVariables } from '../../dsl/variables';
import { exclusiveDefault } from '../emit/emit-choice';
import { publishedNames, type Definitions } from './definitions';
import { describeFork } from './analyse-graph';
import { sourceTaskOf, transitionGroups, type WorkflowGraph } from './regions';

/** The names `$result` and `$error`, bound by the compiler where they are allowed. */
export const resultVariable = 'result';
export const errorVariable = 'error';

export function expressionsOf(value: ValueTree | undefined): Expression[] {
  if (!value) return [];
  switch (value.kind) {
    case 'expression':
      return [value.expression];
    case 'template':
      return value.parts.filter((part): part is Expression => typeof part !== 'string');
    case 'object':
      return value.entries.flatMap(([, child]) => expressionsOf(child));
    case 'array':
      return value.items.flatMap((child) => expressionsOf(child));
    default:
      return [];
  }
}

/**
 * Reports every variable that an expression reads but that is not defined on
 * every path to the place where Step Functions evaluates it.
 */
export function checkVariables(workflow: Workflow, graph: WorkflowGraph, definitions: Definitions, bag: DiagnosticBag): void {
  const reported = new Set<string>();
  const owners = new Map<string, number>();
  const taskNames = new Set(workflow.tasks.map((task) => task.name));
  for (const task of workflow.tasks) {
    const variable = taskResultVariable(task.name);
    owners.set(variable, (owners.get(variable) ?? 0) + 1);
  }
  // resolveTaskResults already reported the task(name).result reads of unknown tasks and of ambiguous names.
  const unresolvedTaskResult = (expression: Expression, name: string) =>
    name.startsWith(taskResultPrefix) &&
    (owners.get(name) !== 1 || (expression.taskNames?.[name] ?? []).some((written) => !taskNames.has(written)));
  const check = (expressions: Expression[], defined: Defined, where: string) => {
    for (const expression of expressions) {
      for (const reference of findFreeVariables(expression.ast)) {
        if (defined.has(reference.name) || unresolvedTaskResult(expression, reference.name)) continue;
        const key = `${expression.range.start.line}:${expression.range.start.column}:${reference.name}`;
        if (reported.has(key)) continue;
        reported.add(key);
        reportUndefined(expression, reference, where, bag);
      }
    }
  };

  const inputNames = new Set(workflow.input.map((input) => input.name));
  for (const entry of workflow.vars) check(expressionsOf(entry.value), inputNames, `in vars '${entry.name}'`);

  for (const task of graph.tasks.values()) {
    const before = definitions.before.get(task.name);
    const region = graph.regionOf.get(task.name);
    if (!before || !region) continue;
    // A branch without a join exit ends on its own, and the workflow output is evaluated after the fork instead.
    const endsWorkflow = !region.parent || region.exits.length > 0;
    checkTask({ ...task, name: sourceTaskOf(graph, task.name) }, before, workflow, endsWorkflow, check);
  }

  for (const [fork, defined] of definitions.afterFork) {
    if (fork.region.parent) continue;
    check(expressionsOf(workflow.output), defined, `in the workflow output, after every branch of the fork at ${describeFork(fork, graph)} has ended`);
  }
}

type Check = (expressions: Expression[], defined: Defined, where: string) => void;

/** The subset of a set that the checks read, so that a base set and a few extra names need no copy. */
interface Defined {
  has(name: string): boolean;
}

function extend(base: ReadonlySet<string>, extra: readonly string[]): Defined {
  const added = new Set(extra);
  return { has: (name) => base.has(name) || added.has(name) };
}

function checkTask(task: Task, before: Set<string>, workflow: Workflow, endsWorkflow: boolean, check: Check): void {
  const where = `in task '${task.name}'`;
  const withNames = (...names: string[]) => extend(before, names);
  const success = withNames(...publishedNames(task, 'success'), resultVariable);
  const error = withNames(...publishedNames(task, 'error'), errorVariable);

  const items = task.withItems?.lists ?? [];
  check(items.map((item) => item.list), before, where);
  check(expressionsOf(task.input), withNames(...items.map((item) => item.name)), where);
  if (task.retry?.breakOn) check([task.retry.breakOn], withNames(errorVariable), `in 'break-on' of task '${task.name}'`);
  if (task.retry?.continueOn) check([task.retry.continueOn], withNames(resultVariable), `in 'continue-on' of task '${task.name}'`);
  check(task.publish.flatMap((entry) => expressionsOf(entry.value)), withNames(resultVariable), where);
  check(task.publishOnError.flatMap((entry) => expressionsOf(entry.value)), withNames(errorVariable), where);

  const groups = transitionGroups(task);
  for (const group of groups) {
    const defined = group.outcome === 'success' ? success : error;
    for (const item of group.items) {
      if (item.guard && item.guard !== true) check([item.guard], defined, `in a guard of task '${task.name}'`);
      if (item.target.kind === 'fail') check(expressionsOf(item.target.message), defined, `in a fail message of task '${task.name}'`);
      if (item.target.kind === 'succeed' || (item.target.kind === 'noop' && endsWorkflow)) check(expressionsOf(workflow.output), defined, `in the workflow output, when task '${task.name}' succeeds`);
    }
    if (endsWorkflow && group.outcome === 'success' && group.items.some((item) => item.guard !== undefined) && !exclusiveDefault(group.items)) {
      check(expressionsOf(workflow.output), defined, `in the workflow output, when no guard of task '${task.name}' matches`);
    }
  }
  if (endsWorkflow && !groups.some((group) => group.outcome === 'success')) {
    check(expressionsOf(workflow.output), success, `in the workflow output, which task '${task.name}' returns as the last task`);
  }
}

function reportUndefined(
  expression: Expression,
  reference: { name: string; position: number },
  where: string,
  bag: DiagnosticBag,
): void {
  const nameStart = reference.position - reference.name.length - 1;
  const range = { start: expression.locate(nameStart), end: expression.locate(reference.position) };

  const ownTask = reference.name === resultVariable ? expression.taskNames?.[resultVariable]?.[0] : undefined;
  if (ownTask !== undefined) {
    const fix = `Read it there, or read task(${ownTask}).result in a task that runs after '${ownTask}'`;
    bag.report('resultOutsideTask', range, `task(${ownTask}).result`, `inside task '${ownTask}' in its publish, in guards and fail messages of its on-success, and in the workflow output when it is the last task. ${fix}`);
  } else if (reference.name === resultVariable) {
    bag.report('resultOutsideTask', range, `$${resultVariable}`, 'in publish, in guards and fail messages of on-success, and in the workflow output of the last task (not in on-complete, which also runs after an error)');
  } else if (reference.name === errorVariable) {
    bag.report('resultOutsideTask', range, `$${errorVariable}`, 'in publish-on-error and in guards and fail messages of on-error (not in on-complete, which also runs after a success)');
  } else if (reference.name.startsWith(taskResultPrefix)) {
    const task = expression.taskNames?.[reference.name]?.[0] ?? reference.name.slice(taskResultPrefix.length);
    bag.report('undefinedVariable', range, `'task(${task}).result'`, ` ${where}, because task '${task}' does not succeed on every path that leads here: read its result only after it`);
  } else {
    bag.report('undefinedVariable', range, `Variable '$${reference.name}'`, ` ${where}: declare it in input or vars, or publish it in every task that leads here`);
  }
}
