import type { DiagnosticBag, SourceRange } from '../diagnostics/diagnostic';
import { parseExpression, type ExpressionNode } from '../dsl/expression';
import { environmentKey, taskResultPrefix, taskResultVariable } from '../dsl/mistral-forms';
import type { Expression, NamedValue, Task, TransitionItem, ValueTree, Workflow } from '../dsl/model';
import { suggestClosest } from '../dsl/suggest';
import { findFreeVariables, replaceFreeVariables } from '../dsl/variables';

type MapExpression = (expression: Expression) => Expression;

/**
 * Resolves the `task(name).result` reads, which the parser translates to the
 * variables of `taskResultVariable`. A read inside task `name` itself becomes
 * `$result`. Every other read makes task `name` publish its result to that
 * variable, so that the variable checks and the emitted Assign and branch
 * outputs treat it as a published name. Reports reads of unknown tasks,
 * workflow names that use the reserved prefix, and an input named `__env`.
 */
export function resolveTaskResults(workflow: Workflow, bag: DiagnosticBag): Workflow {
  const owners = ownersByVariable(workflow.tasks);
  const gates = gatesByTask(workflow.tasks);
  const reads = new Map<string, SourceRange>();
  const resolve = (expression: Expression, reader: Task | undefined, where?: string) => {
    for (const reference of findFreeVariables(expression.ast)) {
      if (!reference.name.startsWith(taskResultPrefix)) continue;
      const range = referenceRange(expression, reference);
      for (const written of writtenNames(expression, reference.name)) {
        const owner = ownerOf(written, reference.name, owners, workflow, range, bag);
        if (!owner || owner === reader) continue;
        if (!reads.has(owner.name)) reads.set(owner.name, range);
        const gate = gates.get(owner.name);
        const readerClosure = reader ? gates.get(reader.name)?.planned?.closure : undefined;
        if (gate && where !== undefined && !readerClosure?.includes(owner.name) && !alwaysRuns(owner.name, gates)) {
          reportSkippableRead(owner.name, gate.name, reader, where, range, bag);
        }
      }
    }
  };

  checkReservedNames(workflow, bag);
  // The variable checks report the reads in vars, which are evaluated before any task.
  for (const entry of workflow.vars) mapValue(entry.value, collect((expression) => resolve(expression, undefined)));
  mapValue(workflow.output, collect((expression) => resolve(expression, undefined, 'in the workflow output')));
  mapValue(workflow.outputOnError, collect((expression) => resolve(expression, undefined, 'in the workflow output-on-error')));
  const tasks = workflow.tasks.map((task) => {
    mapTask(task, collect((expression) => resolve(expression, task, `in task '${task.name}'`)));
    return mapTask(task, (expression) => readOwnResult(expression, task)) ?? task;
  });

  return {
    ...workflow,
    tasks: tasks.map((task) => {
      const range = reads.get(task.name);
      if (range) return { ...task, publish: [...task.publish, resultPublish(task, range)] };

      // A reverse gate that skips its task publishes null for the task's result, as it does for the task's published names.
      const gated = task.planned?.gates;
      const gatedRange = gated === undefined ? undefined : reads.get(gated);
      if (gated === undefined || !gatedRange) return task;
      return { ...task, publish: [...task.publish, { name: taskResultVariable(gated), value: { kind: 'literal', value: null }, range: gatedRange }] };
    }),
  };
}

/** Maps each task of a reverse workflow without `target` to the gate that runs or skips it. */
function gatesByTask(tasks: readonly Task[]): Map<string, Task> {
  const gates = new Map<string, Task>();
  for (const task of tasks) {
    if (task.planned?.gates !== undefined) gates.set(task.planned.gates, task);
  }

  return gates;
}

/** Tells whether every target's requirement closure contains the task, so that its gate never skips it. */
function alwaysRuns(name: string, gates: ReadonlyMap<string, Task>): boolean {
  return [...gates.values()].every((gate) => gate.planned?.closure?.includes(name));
}

/**
 * Reports a read of the result of a gated task where the gate may have
 * skipped it. The gate publishes null for the result, so the variable
 * checks see it defined, but null there means "not selected" and not a
 * result.
 */
function reportSkippableRead(owner: string, gate: string, reader: Task | undefined, where: string, range: SourceRange, bag: DiagnosticBag): void {
  const fix = reader
    ? `add '${owner}' to the 'requires' of '${reader.name}' or of a task that it requires, or publish the value in '${owner}' and read the variable, which is null when the task does not run`
    : `publish the value in '${owner}' and read the variable, which is null when the task does not run`;
  bag.report('undefinedVariable', range, `'task(${owner}).result'`, ` ${where}, because the gate '${gate}' skips task '${owner}' for a task_name that does not require it: ${fix}`);
}

/** Wraps a visitor as an identity mapping, so that mapTask can walk the expressions. */
function collect(visit: (expression: Expression) => void): MapExpression {
  return (expression) => {
    visit(expression);
    return expression;
  };
}

function ownersByVariable(tasks: readonly Task[]): Map<string, Task[]> {
  const owners = new Map<string, Task[]>();
  for (const task of tasks) {
    const variable = taskResultVariable(task.name);
    owners.set(variable, [...(owners.get(variable) ?? []), task]);
  }

  return owners;
}

/** Returns the task names that the reads of `variable` were written with, or the name the variable encodes. */
function writtenNames(expression: Expression, variable: string): string[] {
  return expression.taskNames?.[variable] ?? [variable.slice(taskResultPrefix.length)];
}

/** Looks up task `written` by its exact name, because `a-b` and `a_b` share a variable but name different tasks. */
function ownerOf(written: string, variable: string, owners: Map<string, Task[]>, workflow: Workflow, range: SourceRange, bag: DiagnosticBag): Task | undefined {
  const found = owners.get(variable) ?? [];
  const exact = found.find((task) => task.name === written);
  if (found.length === 1 && exact) return exact;

  const leftOut = workflow.leftOut;
  if (found.length > 1) {
    bag.report('ambiguousTaskResult', range, written, found[0].name, found[1].name, variable);
  } else if (leftOut?.tasks.includes(written)) {
    const fix = `add '${written}' to the 'requires' of '${leftOut.target}' or of a task that it requires, or publish the value in '${written}' and read the variable, which is null when the task does not run`;
    bag.report('unknownTaskResult', range, written, `, which the target '${leftOut.target}' leaves out because it does not require it: ${fix}`);
  } else {
    const closest = suggestClosest(written, workflow.tasks.map((task) => task.name));
    const fix = closest ? `did you mean '${closest}'?` : 'write the name of a task of this workflow';
    bag.report('unknownTaskResult', range, written, `, which is not a task of this workflow: ${fix}`);
  }
  return undefined;
}

function referenceRange(expression: Expression, reference: { name: string; position: number }): SourceRange {
  const start = reference.position - reference.name.length - 1;
  return { start: expression.locate(start), end: expression.locate(reference.position) };
}

/** Rewrites a task's read of its own result to `$result`, which is what Mistral's task(name).result is there. */
function readOwnResult(expression: Expression, task: Task): Expression {
  const own = taskResultVariable(task.name);
  if (!findFreeVariables(expression.ast).some((reference) => reference.name === own)) return expression;
  if (!writtenNames(expression, own).includes(task.name)) return expression;

  const text = replaceFreeVariables(expression.text, expression.ast, (name) => (name === own ? '$result' : undefined));
  const parsed = parseExpression(text);
  // The checks that quote `$result` quote the written task(name).result in its place.
  return 'ast' in parsed ? { ...expression, text, ast: parsed.ast, taskNames: { ...expression.taskNames, result: [task.name] } } : expression;
}

/** Builds the publish entry that keeps a task's result for the reads in other tasks. */
function resultPublish(task: Task, range: SourceRange): NamedValue {
  const text = '$result';
  const expression: Expression = { text, ast: (parseExpression(text) as { ast: ExpressionNode }).ast, range, locate: () => range.start };

  return { name: taskResultVariable(task.name), value: { kind: 'expression', expression }, range };
}

function checkReservedNames(workflow: Workflow, bag: DiagnosticBag): void {
  const declared: { name: string; range: SourceRange }[] = [
    ...workflow.input,
    ...workflow.vars,
    ...workflow.tasks.flatMap((task) => [...task.publish, ...task.publishOnError]),
    ...workflow.tasks.flatMap((task) => (task.withItems?.lists ?? []).map((item) => ({ name: item.name, range: task.withItems!.range }))),
  ];
  for (const { name, range } of declared) {
    if (name.startsWith(taskResultPrefix)) {
      bag.report('reservedVariable', range, name, `names that start with '${taskResultPrefix}' keep the task results that task(name).result reads`);
    }
  }
  for (const { name, range } of workflow.input) {
    if (name === environmentKey) bag.report('reservedVariable', range, name, `the execution input key '${environmentKey}' carries the environment that env() reads`);
  }
}

/** Maps every expression of a task, and returns undefined when the mapping changed none of them. */
function mapTask(task: Task, map: MapExpression): Task | undefined {
  let changed = false;
  const tracked: MapExpression = (expression) => {
    const mapped = map(expression);
    if (mapped !== expression) changed = true;
    return mapped;
  };

  const result: Task = {
    ...task,
    input: mapValue(task.input, tracked),
    publish: task.publish.map((entry) => ({ ...entry, value: mapValue(entry.value, tracked) as ValueTree })),
    publishOnError: task.publishOnError.map((entry) => ({ ...entry, value: mapValue(entry.value, tracked) as ValueTree })),
    transitions: Object.fromEntries(
      Object.entries(task.transitions).map(([kind, transition]) => [kind, { ...transition, items: transition.items.map((item) => mapItem(item, tracked)) }]),
    ),
  };
  if (task.retry) {
    result.retry = { ...task.retry };
    if (task.retry.breakOn) result.retry.breakOn = tracked(task.retry.breakOn);
    if (task.retry.continueOn) result.retry.continueOn = tracked(task.retry.continueOn);
  }
  if (task.withItems) result.withItems = { ...task.withItems, lists: task.withItems.lists.map((item) => ({ ...item, list: tracked(item.list) })) };

  return changed ? result : undefined;
}

function mapItem(item: TransitionItem, map: MapExpression): TransitionItem {
  const mapped: TransitionItem = { ...item };
  if (item.guard !== undefined && item.guard !== true) mapped.guard = map(item.guard);
  if (item.target.kind === 'fail' && item.target.message) mapped.target = { ...item.target, message: mapValue(item.target.message, map) };

  return mapped;
}

function mapValue(value: ValueTree | undefined, map: MapExpression): ValueTree | undefined {
  if (!value) return undefined;
  switch (value.kind) {
    case 'literal':
      return value;
    case 'expression':
      return { kind: 'expression', expression: map(value.expression) };
    case 'template':
      return { kind: 'template', parts: value.parts.map((part) => (typeof part === 'string' ? part : map(part))) };
    case 'object':
      return { kind: 'object', entries: value.entries.map(([key, child]) => [key, mapValue(child, map) as ValueTree]) };
    case 'array':
      return { kind: 'array', items: value.items.map((child) => mapValue(child, map) as ValueTree) };
  }
}
