import type { ExpressionNode } from './expression';

/**
 * Functions of jsonata 2.0.6 and the ones Step Functions adds
 * ($partition, $range, $hash, $random, $uuid, $parse). They are called as
 * `$name(...)` and are not workflow variables.
 */
const builtinFunctions = new Set([
  'sum', 'count', 'max', 'min', 'average', 'string', 'substring', 'substringBefore',
  'substringAfter', 'lowercase', 'uppercase', 'length', 'trim', 'pad', 'match', 'contains',
  'replace', 'split', 'join', 'formatNumber', 'formatBase', 'formatInteger', 'parseInteger',
  'number', 'floor', 'ceil', 'round', 'abs', 'sqrt', 'power', 'random', 'boolean', 'not',
  'map', 'zip', 'filter', 'single', 'foldLeft', 'sift', 'keys', 'lookup', 'append', 'exists',
  'spread', 'merge', 'reverse', 'each', 'error', 'assert', 'sort', 'shuffle', 'distinct',
  'base64encode', 'base64decode', 'encodeUrlComponent', 'encodeUrl', 'decodeUrlComponent',
  'decodeUrl', 'eval', 'toMillis', 'fromMillis', 'clone', 'now', 'millis', 'type',
  'partition', 'range', 'hash', 'uuid', 'parse',
]);

/** Names that Step Functions defines in every JSONata expression. */
const reservedVariables = new Set(['states']);

/** A variable read by an expression, with the offset just past its token. */
export interface VariableReference {
  name: string;
  position: number;
}

/**
 * Returns the free variables of an expression: references to `$name` that
 * are neither bound locally (`:=` in a block, lambda parameters, `@$v` and
 * `#$i` path bindings) nor built-in functions nor `$states`.
 */
export function findFreeVariables(ast: ExpressionNode): VariableReference[] {
  const found: VariableReference[] = [];
  visit(ast, new Set(), found);

  return found;
}

/**
 * Returns whether a variable reads the workflow's scope. Built-in function names
 * count as variables only where they are not called, so that `$error.Cause`
 * reads the caught error while `$error('message')` stays the function.
 */
function isFree(name: string, scope: ReadonlySet<string>, called = false): boolean {
  // `$` is the context value and `$$` the root, both written with an empty or `$` name.
  if (name === '' || name === '$') return false;
  if (scope.has(name) || reservedVariables.has(name)) return false;

  return !builtinFunctions.has(name) || (!called && contextNames.has(name));
}

/** Names that the compiler binds in some places and that also name a built-in function. */
const contextNames = new Set(['error']);

function visit(node: unknown, scope: Set<string>, found: VariableReference[]): void {
  if (Array.isArray(node)) {
    for (const child of node) visit(child, scope, found);
    return;
  }
  if (node === null || typeof node !== 'object') return;

  const current = node as ExpressionNode;
  switch (current.type) {
    case 'block': {
      const blockScope = new Set(scope);
      for (const expression of current.expressions as unknown[]) visit(expression, blockScope, found);
      break;
    }
    case 'bind': {
      visit(current.rhs, scope, found);
      scope.add(String((current.lhs as ExpressionNode).value));
      break;
    }
    case 'lambda': {
      const lambdaScope = new Set(scope);
      for (const parameter of current.arguments as ExpressionNode[]) lambdaScope.add(String(parameter.value));
      visit(current.body, lambdaScope, found);
      break;
    }
    case 'path': {
      const pathScope = new Set(scope);
      for (const step of current.steps as ExpressionNode[]) {
        visitChildren(step, pathScope, found);
        if (typeof step.focus === 'string') pathScope.add(step.focus);
        if (typeof step.index === 'string') pathScope.add(step.index);
      }
      visitChildren(current, pathScope, found, ['steps']);
      break;
    }
    case 'function':
    case 'partial': {
      const procedure = current.procedure as ExpressionNode | undefined;
      if (procedure?.type === 'variable') {
        const name = String(procedure.value);
        if (isFree(name, scope, true)) found.push({ name, position: procedure.position ?? 0 });
      } else {
        visit(procedure, scope, found);
      }
      visitChildren(current, scope, found, ['procedure']);
      break;
    }
    default:
      visitChildren(current, scope, found);
  }
}

function visitChildren(
  node: ExpressionNode,
  scope: Set<string>,
  found: VariableReference[],
  skip: string[] = [],
): void {
  if (node.type === 'variable') {
    const name = String(node.value);
    if (isFree(name, scope)) found.push({ name, position: node.position ?? 0 });
  }
  for (const [key, child] of Object.entries(node)) {
    if (key === 'type' || key === 'value' || key === 'position' || skip.includes(key)) continue;
    if (typeof child === 'object' && child !== null) visit(child, scope, found);
  }
}

/**
 * Replaces free variables in the expression text, such as `$result` by
 * `$states.result.Payload`. `replace` returns the new text for a name, or
 * undefined to keep it.
 */
export function replaceFreeVariables(
  text: string,
  ast: ExpressionNode,
  replace: (name: string) => string | undefined,
): string {
  const edits = findFreeVariables(ast)
    .map((reference) => ({ reference, replacement: replace(reference.name) }))
    .filter((edit): edit is { reference: VariableReference; replacement: string } => edit.replacement !== undefined)
    .sort((a, b) => b.reference.position - a.reference.position);

  let result = text;
  for (const { reference, replacement } of edits) {
    const start = reference.position - reference.name.length - 1;
    result = result.slice(0, start) + replacement + result.slice(reference.position);
  }

  return result;
}
