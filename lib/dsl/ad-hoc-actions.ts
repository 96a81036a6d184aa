import { isMap, isScalar, isSeq, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import { renderValue } from '../compiler/emit/jsonata-text';
import type { DiagnosticBag, SourceRange } from '../diagnostics/diagnostic';
import { parseExpression } from './expression';
import type { ExpressionNode } from './expression';
import type { Expression, Task, ValueTree, Workflow } from './model';
import { mergeInlineInput, readInlineAction } from './read-inline-action';
import type { ValueReader } from './read-values';
import type { SourceDocument } from './source-document';
import { replaceFreeVariables } from './variables';

/**
 * A Mistral ad-hoc action: a base action with a fixed input built from the
 * ad-hoc action's own inputs, and an optional transform of its result.
 */
export interface AdHocAction {
  name: string;
  base: string;
  /** Range of the `base` value, where problems of the base action are reported. */
  baseRange: SourceRange;
  /** Input of the base action, whose expressions read the ad-hoc inputs as `$name`. */
  baseInput?: ValueTree;
  inputs: { name: string; default?: unknown }[];
  /**
   * The `output` transforms, whose expressions read the previous result as
   * `$` and its fields as `$.name`. There is one per ad-hoc action of a
   * chain that has an `output`, applied in order from the one nearest the base action.
   */
  outputs: ValueTree[];
}

/** Variable that contains the base action's raw result while the `output` transform runs. */
const rawResultVariable = 'action__result';

const definitionKeys = new Set(['base', 'base-input', 'input', 'output', 'description', 'tags']);

/**
 * Reads ad-hoc action definitions (`name: {base, base-input, input, output}`).
 * Problems go to `bag`.
 */
export function readAdHocActions(pairs: readonly Pair[], reader: ValueReader, source: SourceDocument, bag: DiagnosticBag): Map<string, AdHocAction> {
  const actions = new Map<string, AdHocAction>();
  for (const pair of pairs) {
    const name = String((pair.key as Scalar).value);
    const keyRange = rangeOf(pair.key as Node, source);
    const body = pair.value as YAMLMap;
    const field = (key: string) => body.items.find((item) => isScalar(item.key) && item.key.value === key);

    const unknown = body.items.map((item) => String((item.key as Scalar).value)).filter((key) => !definitionKeys.has(key));
    const baseNode = field('base')?.value;
    if (unknown.length > 0 || !isScalar(baseNode) || typeof baseNode.value !== 'string') {
      bag.report('invalidAdHocAction', keyRange, name, unknown.length > 0 ? `unknown key '${unknown[0]}'` : "'base' must name the action to call");
      continue;
    }
    const inline = readInlineAction(baseNode, reader, source, bag);
    const baseInputPair = field('base-input');
    const baseInput = baseInputPair ? reader.read(baseInputPair.value as Node) : undefined;
    const merged = mergeInlineInput(baseInput, inline.entries, name, baseInputPair ? rangeOf(baseInputPair.key as Node, source) : undefined, bag);

    const outputPair = field('output');
    const output = outputPair ? reader.read(outputPair.value as Node) : undefined;

    const inputs = readInputs(field('input')?.value as Node | undefined);
    actions.set(name, { name, base: inline.action, baseRange: rangeOf(baseNode, source), baseInput: merged, inputs, outputs: output ? [output] : [] });
  }

  return actions;
}

/**
 * Replaces each task that calls an ad-hoc action with a task of its base
 * action. The task's input supplies the ad-hoc inputs, each expression of
 * `base-input` reads them in place of its `$name` variables, and declared
 * defaults fill the inputs that the task leaves out.
 */
export function expandAdHocActions(workflow: Workflow, actions: ReadonlyMap<string, AdHocAction>, bag: DiagnosticBag): Workflow {
  if (actions.size === 0) return workflow;

  const tasks = workflow.tasks.map((task) => {
    const action = actions.get(task.action);
    return action ? expandTask(task, action, bag) : task;
  });

  return { ...workflow, tasks };
}

function expandTask(task: Task, action: AdHocAction, bag: DiagnosticBag): Task {
  const mapping = task.input === undefined || task.input.kind === 'object';
  if (!mapping) bag.report('adHocInputNotMapping', task.actionRange, task.name, action.name);
  const given = task.input?.kind === 'object' ? task.input.entries : [];

  const declared = new Set(action.inputs.map((input) => input.name));
  for (const [name] of given) {
    if (!declared.has(name)) bag.report('unknownAdHocInput', task.actionRange, action.name, name, [...declared].join(', ') || 'none');
  }

  const values = inputValues(action, given, (input) => {
    if (mapping) bag.report('missingAdHocInput', task.actionRange, task.name, action.name, input);
  });

  const expanded: Task = { ...task, action: action.base };
  if (action.baseInput) expanded.input = substitute(action.baseInput, values);
  else delete expanded.input;
  if (action.outputs.length > 0) expanded.actionOutputs = action.outputs;

  return expanded;
}

/**
 * Returns the JSONata text of each input of `action`: the given value, or
 * else the default. An input with neither goes to `missing` and reads null,
 * which keeps the reference from being reported again as an undefined variable.
 */
export function inputValues(action: AdHocAction, given: readonly [string, ValueTree][], missing: (input: string) => void): Map<string, string> {
  const values = new Map<string, string>();
  for (const input of action.inputs) {
    const value = given.find(([name]) => name === input.name)?.[1];
    if (value) values.set(input.name, `(${renderValue(value, (expression) => expression.text)})`);
    else if (input.default !== undefined) values.set(input.name, JSON.stringify(input.default));
    else {
      missing(input.name);
      values.set(input.name, 'null');
    }
  }

  return values;
}

/** Rewrites every expression of a value tree with the ad-hoc inputs in place of their variables. */
export function substitute(tree: ValueTree, values: ReadonlyMap<string, string>): ValueTree {
  switch (tree.kind) {
    case 'literal':
      return tree;
    case 'expression':
      return { kind: 'expression', expression: substituteExpression(tree.expression, values) };
    case 'template':
      return { kind: 'template', parts: tree.parts.map((part) => (typeof part === 'string' ? part : substituteExpression(part, values))) };
    case 'object':
      return { kind: 'object', entries: tree.entries.map(([key, child]) => [key, substitute(child, values)]) };
    case 'array':
      return { kind: 'array', items: tree.items.map((child) => substitute(child, values)) };
  }
}

function substituteExpression(expression: Expression, values: ReadonlyMap<string, string>): Expression {
  const text = replaceFreeVariables(expression.text, expression.ast, (name) => values.get(name));
  if (text === expression.text) return expression;

  // NOTE: positions inside an expanded expression point at the ad-hoc action's definition.
  const parsed = parseExpression(text);
  return 'ast' in parsed ? { ...expression, text, ast: parsed.ast } : expression;
}

/**
 * Returns the JSONata of an ad-hoc action's `output` applied to the base
 * action's result `raw`, as one parenthesized block. Each free variable
 * reads a field of the result, because the reader turned Mistral's `$.name`
 * into `$name`. A `$` outside filters and later path steps reads the whole result.
 */
export function renderActionOutput(output: ValueTree, raw: string): string {
  const transform = renderValue(output, (expression) => {
    const contextRead = replaceContext(expression.text, expression.ast, `$${rawResultVariable}`);
    const parsed = parseExpression(contextRead);
    const ast = 'ast' in parsed ? parsed.ast : expression.ast;
    return replaceFreeVariables(contextRead, ast, (name) => (name === rawResultVariable ? undefined : `$${rawResultVariable}.${name}`));
  });

  return `($${rawResultVariable} := ${raw}; ${transform})`;
}

/** Replaces each `$` that reads the expression's context, not a filter's or a later path step's item, with `replacement`. */
function replaceContext(text: string, ast: ExpressionNode, replacement: string): string {
  const positions: number[] = [];
  const visit = (node: unknown, atTop: boolean): void => {
    if (Array.isArray(node)) {
      for (const child of node) visit(child, atTop);
      return;
    }
    if (node === null || typeof node !== 'object') return;

    const current = node as ExpressionNode;
    if (atTop && current.type === 'variable' && current.value === '' && current.position !== undefined) positions.push(current.position);

    // Inside a lambda, a filter or a path step after the first, `$` is the current item.
    const nestedTop = atTop && current.type !== 'lambda';
    for (const [key, child] of Object.entries(current)) {
      if (key === 'type' || key === 'value' || key === 'position') continue;
      if (key === 'steps' && Array.isArray(child)) child.forEach((step, index) => visit(step, nestedTop && index === 0));
      else visit(child, nestedTop && key !== 'stages' && key !== 'predicate');
    }
  };
  visit(ast, true);

  let result = text;
  for (const end of positions.sort((a, b) => b - a)) result = result.slice(0, end - 1) + replacement + result.slice(end);

  return result;
}

function readInputs(node: Node | undefined): AdHocAction['inputs'] {
  if (!isSeq(node)) return [];

  return node.items.map((item) => {
    if (isMap(item)) {
      const pair = item.items[0];
      return { name: String((pair.key as Scalar).value), default: (pair.value as Node | null)?.toJSON() };
    }
    return { name: String((item as Scalar).value) };
  });
}

function rangeOf(node: Node | undefined, source: SourceDocument): SourceRange {
  return source.rangeOf([node?.range?.[0] ?? 0, node?.range?.[1] ?? 0]);
}
