import type { SourceRange } from '../diagnostics/diagnostic';
import { parseExpression } from './expression';
import type { Expression, NamedValue, Task, TransitionItem, Workflow, WorkflowInput } from './model';

/** Execution input key that selects the target of a reverse workflow without `target`, as Mistral's start parameter does. */
export const targetInputName = 'task_name';

/** Variable that lists the tasks that run: the target's requirement closure, or every task. */
export const closureVariable = 'reverse__closure';

/** Builds an Expression for generated JSONata text, positioned at `range`. */
function generatedExpression(text: string, range: SourceRange): Expression {
  const parsed = parseExpression(text);
  if (!('ast' in parsed)) throw new Error(`Generated JSONata '${text}' does not parse: ${parsed.error.message}`);

  return { text, ast: parsed.ast, range, locate: () => range.start };
}

/**
 * Adds the `task_name` input (default null, unless the workflow declares
 * it), which allows the task names, and the closure variable, which the
 * `input` state assigns once. The input state fails the execution with States.QueryEvaluationError, through
 * JSONata's $error, when `task_name` names no task.
 */
export function withTargetInput(workflow: Workflow, closures: ReadonlyMap<string, ReadonlySet<string>>, range: SourceRange): Workflow {
  const names = [...closures.keys()];
  const byTarget = `{${[...closures].map(([name, closure]) => `${JSON.stringify(name)}: ${JSON.stringify([...closure])}`).join(', ')}}`;
  // The input state's check of task_name against `allowed` raises the error for an unknown name, so the closure is then [].
  const text =
    `($target := $${targetInputName}; $closures := ${byTarget}; ` +
    `$target = null ? ${JSON.stringify(names)} : ` +
    `$exists($lookup($closures, $string($target))) ? $lookup($closures, $string($target)) : [])`;

  const declared = workflow.input.some((input) => input.name === targetInputName);
  const input: WorkflowInput[] = declared
    ? workflow.input.map((entry) => (entry.name === targetInputName ? { ...entry, allowed: names } : entry))
    : [...workflow.input, { name: targetInputName, default: null, allowed: names, range }];
  const closure: NamedValue = { name: closureVariable, value: { kind: 'expression', expression: generatedExpression(text, range) }, range };

  return { ...workflow, input, vars: [...workflow.vars, closure] };
}

/**
 * Returns the `std.noop` task that runs `task` when the closure variable
 * lists it and goes on to `next` otherwise, which ends the workflow when
 * `next` is undefined. It publishes null for each name that `task`
 * publishes, so that a skipped task's names read null, as in Mistral.
 * `closure` is the task and the tasks it requires, which have all run
 * whenever it runs.
 */
export function gateOf(task: Task, name: string, next: string | undefined, closure: ReadonlySet<string>, range: SourceRange): Task {
  const runs = `${JSON.stringify(task.name)} in $${closureVariable}`;
  const skip: TransitionItem['target'] = next === undefined ? { kind: 'succeed', range } : { kind: 'task', name: next, range };
  const items: TransitionItem[] = [
    { target: { kind: 'task', name: task.name, range }, guard: generatedExpression(runs, range) },
    { target: skip, guard: generatedExpression(`$not(${runs})`, range) },
  ];

  return {
    name,
    range,
    action: 'std.noop',
    actionRange: range,
    publish: task.publish.map((entry) => ({ name: entry.name, value: { kind: 'literal', value: null }, range: entry.range })),
    publishOnError: [],
    transitions: { 'on-success': { kind: 'on-success', items, range } },
    planned: { gates: task.name, closure: [...closure] },
  };
}
