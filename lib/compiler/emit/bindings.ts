import type { Expression } from '../../dsl/model';
import type { ExpressionNode } from '../../dsl/expression';
import { findFreeVariables, replaceFreeVariables } from '../../dsl/variables';
import { errorVariable, resultVariable } from '../graph/check-variables';

/**
 * The JSONata that `$result` and `$error` read in the state that evaluates
 * an expression, plus the branch-local names of published variables.
 */
export interface Bindings {
  result?: string;
  error?: string;
  renames: ReadonlyMap<string, string>;
}

/** Counts the references to `$name` that start a path (`$name.field`) or are the whole expression. */
function countPathHeads(node: unknown, name: string, isRoot: boolean): number {
  if (Array.isArray(node)) return node.reduce<number>((sum, child) => sum + countPathHeads(child, name, false), 0);
  if (node === null || typeof node !== 'object') return 0;

  const current = node as ExpressionNode;
  let count = 0;
  if (isRoot && current.type === 'variable' && current.value === name && !current.predicate && !current.stages) count++;
  if (current.type === 'path') {
    const steps = current.steps as ExpressionNode[];
    const head = steps[0];
    if (head?.type === 'variable' && head.value === name && !head.predicate && !head.stages && steps.length > 1) count++;
  }
  for (const [key, child] of Object.entries(current)) {
    if (key !== 'type' && key !== 'value' && key !== 'position') count += countPathHeads(child, name, false);
  }

  return count;
}

/**
 * Renders an expression for a state: `$result` and `$error` become the
 * state's own JSONata (`$states.result.Payload`, `$states.errorOutput` …)
 * and published names their branch-local names. When `$result` is used
 * other than as the head of a path, it is bound in a block instead.
 */
export function renderBound(expression: Expression, bindings: Bindings): string {
  const references = findFreeVariables(expression.ast);
  const blockBindings: string[] = [];
  const direct = new Map<string, string>();

  for (const [name, target] of [[resultVariable, bindings.result], [errorVariable, bindings.error]] as const) {
    if (target === undefined) continue;
    const total = references.filter((reference) => reference.name === name).length;
    if (total === 0) continue;
    if (countPathHeads(expression.ast, name, true) === total) direct.set(name, target);
    else blockBindings.push(`$${name} := ${target}`);
  }

  const text = replaceFreeVariables(expression.text, expression.ast, (name) => {
    if (direct.has(name)) return direct.get(name);
    const renamed = bindings.renames.get(name);
    return renamed === undefined || blockBindings.some((binding) => binding.startsWith(`$${name} `)) ? undefined : `$${renamed}`;
  });

  return blockBindings.length === 0 ? text : `(${blockBindings.join('; ')}; ${text})`;
}

/** Renders an expression inside a block that binds `$result` itself: only renames apply. */
export function renderRenamed(expression: Expression, renames: ReadonlyMap<string, string>): string {
  return replaceFreeVariables(expression.text, expression.ast, (name) => {
    const renamed = renames.get(name);
    return renamed === undefined ? undefined : `$${renamed}`;
  });
}
