/** Output fields of the states that end the workflow or a fork branch. */
import type { Expression, Task } from '../../dsl/model';
import { taskResultPrefix } from '../../dsl/mistral-forms';
import { findFreeVariables } from '../../dsl/variables';
import { expressionsOf, resultVariable } from '../graph/check-variables';
import { publishedNames } from '../graph/definitions';
import type { Fork } from '../graph/regions';
import { renderRenamed } from './bindings';
import type { EmitContext, RegionScope } from './context';
import { resultOf } from './emit-task';
import { jsonataString, renderValue } from './jsonata-text';
import { publishEntriesOf } from './with-items-publish';

/** Variables that the workflow output reads when it is evaluated after `task`, leaving out the kept task results. */
function outputNames(task: Task, context: EmitContext, outcome: 'success' | 'error'): string[] {
  const before = context.definitions.before.get(task.name) ?? new Set<string>();
  const names = [...new Set([...before, ...publishedNames(task, outcome)])];
  return names.filter((name) => !name.startsWith(taskResultPrefix));
}

/** Returns the JSONata of the workflow output, or an object of every defined variable when there is no `output` key. */
export function workflowOutput(task: Task, context: EmitContext, outcome: 'success' | 'error', render: (e: Expression) => string): string {
  const output = context.workflow.output;
  if (output) return renderValue(output, render);

  return `{${outputNames(task, context, outcome).map((name) => `${JSON.stringify(name)}: $${name}`).join(', ')}}`;
}

function usesResult(expressions: Expression[]): boolean {
  return expressions.some((expression) => findFreeVariables(expression.ast).some((reference) => reference.name === resultVariable));
}

/** Output of a task that ends the workflow: its publishes bound in a block, then the workflow output. */
export function terminalOutput(task: Task, context: EmitContext): string {
  const render = (expression: Expression) => renderRenamed(expression, new Map());
  const bindings: string[] = [];
  const publish = publishEntriesOf(task);
  const expressions = [...publish.flatMap((entry) => expressionsOf(entry.value)), ...expressionsOf(context.workflow.output)];
  if (usesResult(expressions)) bindings.push(`$${resultVariable} := ${resultOf(task, 'result')}`);
  for (const entry of publish) bindings.push(`$${entry.name} := ${renderValue(entry.value, render)}`);

  const output = workflowOutput(task, context, 'success', render);
  return jsonataString(bindings.length === 0 ? output : `(${[...bindings, output].join('; ')})`);
}

/** Output of a task that ends a branch: the values that leave the branch, its own publishes inline. */
export function branchOutput(task: Task, scope: RegionScope, context: EmitContext): string {
  const render = (expression: Expression) => renderRenamed(expression, scope.renames);
  const own = new Map(publishEntriesOf(task).map((entry) => [entry.name, entry.value]));
  const names = context.definitions.branchOutputs.get(scope.region) ?? [];
  const fields = names.map((name) => {
    const value = own.get(name);
    return `${JSON.stringify(name)}: ${value ? renderValue(value, render) : `$${scope.renames.get(name) ?? name}`}`;
  });
  const object = `{${fields.join(', ')}}`;

  const ownExpressions = names.flatMap((name) => expressionsOf(own.get(name)));
  return jsonataString(usesResult(ownExpressions) ? `($${resultVariable} := ${resultOf(task, 'result', scope.renames)}; ${object})` : object);
}

/** Output of a Pass state that ends a branch after a Choice or a Catch. */
export function branchExitOutput(scope: RegionScope, context: EmitContext): string {
  const names = context.definitions.branchOutputs.get(scope.region) ?? [];
  return jsonataString(`{${names.map((name) => `${JSON.stringify(name)}: $${scope.renames.get(name) ?? name}`).join(', ')}}`);
}

/**
 * Output of the Parallel state of a fork without join, which ends its
 * region. At the top level it is the workflow output, with the names that
 * leave the branches bound from `$states.result`, and inside a branch it
 * is that branch's output. A name that several branches output, which only
 * copies of one task publish, takes the value of the last such branch.
 */
export function forkOutput(fork: Fork, scope: RegionScope, context: EmitContext): string {
  const fromBranch = new Map<string, number>();
  for (const [index, branch] of fork.branches.entries()) {
    for (const name of context.definitions.branchOutputs.get(branch) ?? []) fromBranch.set(name, index);
  }
  const read = (name: string, index: number | undefined) => (index === undefined ? `$${scope.renames.get(name) ?? name}` : `$states.result[${index}].${name}`);

  if (scope.region.parent) {
    const names = context.definitions.branchOutputs.get(scope.region) ?? [];
    return jsonataString(`{${names.map((name) => `${JSON.stringify(name)}: ${read(name, fromBranch.get(name))}`).join(', ')}}`);
  }

  const render = (expression: Expression) => renderRenamed(expression, new Map());
  const defined = context.definitions.afterFork.get(fork) ?? new Set<string>();
  const output = context.workflow.output
    ? renderValue(context.workflow.output, render)
    : `{${[...defined].filter((name) => !name.startsWith(taskResultPrefix)).map((name) => `${JSON.stringify(name)}: $${name}`).join(', ')}}`;
  const bindings = [...fromBranch].map(([name, index]) => `$${name} := ${read(name, index)}`);
  return jsonataString(bindings.length === 0 ? output : `(${[...bindings, output].join('; ')})`);
}
