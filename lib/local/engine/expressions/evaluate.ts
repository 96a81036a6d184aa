import jsonata from 'jsonata';

import { StatesError, StatesErrorName } from '../errors';
import { stepFunctionsFunctions } from './functions';

const expressionPattern = /^\{%([\s\S]*)%\}$/;
const compiled = new Map<string, jsonata.Expression>();

/** The reserved `$states` variable of a JSONata state. */
export interface StatesVariable {
  input: unknown;
  context: unknown;
  result?: unknown;
  errorOutput?: unknown;
}

export interface EvaluationScope {
  states: StatesVariable;
  /** Workflow variables visible to the state, outer scopes included. */
  variables: Record<string, unknown>;
}

/** Returns the JSONata text of a `{% %}` string, or undefined for any other value. */
export function expressionText(value: unknown): string | undefined {
  if (typeof value !== 'string') {
    return undefined;
  }
  const match = expressionPattern.exec(value.trim());
  return match ? match[1] : undefined;
}

/** Compiles JSONata text once and caches it. Throws jsonata's error for invalid syntax. */
export function compileExpression(text: string): jsonata.Expression {
  let expression = compiled.get(text);
  if (expression === undefined) {
    expression = jsonata(text);
    compiled.set(text, expression);
  }
  return expression;
}

function describeJsonataError(error: unknown): string {
  if (error instanceof StatesError) {
    return error.causeText;
  }
  const details = error as { message?: string; code?: string; position?: number };
  const code = details.code ? ` [${details.code}]` : '';
  return `${details.message ?? String(error)}${code}`;
}

/** Converts a JSONata result (sequences, functions) to plain JSON. */
function toJson(value: unknown): unknown {
  if (value === undefined) {
    return undefined;
  }
  const text = JSON.stringify(value);
  return text === undefined ? undefined : JSON.parse(text);
}

/** Evaluates one `{% %}` expression; `field` names the ASL field in error causes. */
export async function evaluateExpression(
  text: string,
  scope: EvaluationScope,
  field: string,
): Promise<unknown> {
  let result: unknown;
  try {
    const expression = compileExpression(text);
    const bindings = { ...stepFunctionsFunctions, ...scope.variables, states: scope.states };
    result = await expression.evaluate(scope.states.input, bindings);
  } catch (error) {
    throw new StatesError(
      StatesErrorName.QueryEvaluationError,
      `An error occurred while evaluating the JSONata expression '${text.trim()}' in field '${field}': ${describeJsonataError(error)}`,
    );
  }
  if (result === undefined) {
    throw new StatesError(
      StatesErrorName.QueryEvaluationError,
      `The JSONata expression '${text.trim()}' specified for the field '${field}' returned nothing (undefined).`,
    );
  }
  return toJson(result);
}

/**
 * Evaluates a field value: a `{% %}` string is an expression, and objects
 * and arrays are walked so that expressions may sit at any depth.
 */
export async function evaluateField(value: unknown, scope: EvaluationScope, field: string): Promise<unknown> {
  const text = expressionText(value);
  if (text !== undefined) {
    return evaluateExpression(text, scope, field);
  }
  if (Array.isArray(value)) {
    const items: unknown[] = [];
    for (let i = 0; i < value.length; i++) {
      items.push(await evaluateField(value[i], scope, `${field}[${i}]`));
    }
    return items;
  }
  if (value !== null && typeof value === 'object') {
    const object: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      object[key] = await evaluateField(item, scope, `${field}.${key}`);
    }
    return object;
  }
  return value;
}

/** Lists every `{% %}` expression text inside a field value, with its field path. */
export function collectExpressions(value: unknown, field: string): { text: string; field: string }[] {
  const text = expressionText(value);
  if (text !== undefined) {
    return [{ text, field }];
  }
  if (Array.isArray(value)) {
    return value.flatMap((item, i) => collectExpressions(item, `${field}[${i}]`));
  }
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => collectExpressions(item, `${field}.${key}`));
  }
  return [];
}
