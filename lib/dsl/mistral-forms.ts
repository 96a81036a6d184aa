import { createHash } from 'crypto';
import type { ExpressionNode } from './expression';
import { untranslatedHints, yaqlFunctions } from './yaql-functions';

/** JSONata for the fields of Mistral's `execution()`, read from the Step Functions context object. */
const executionFields: Record<string, string> = {
  id: '$states.context.Execution.Id',
  name: '$states.context.Execution.Name',
  input: '$states.context.Execution.Input',
  created_at: '$states.context.Execution.StartTime',
};

/** Execution input key of Mistral's environment, which the control API and the CLI fill. */
export const environmentKey = '__env';

/** JSONata of Mistral's `env()`: the execution input's reserved `__env` object. */
export const environmentPath = `$states.context.Execution.Input.${environmentKey}`;

/** `env()` where it is not the head of a path: `{}` when the execution was started without an environment. */
export const environmentValue = `($exists(${environmentPath}) ? ${environmentPath} : {})`;

/** Prefix of the variables that keep a task's result for `task(name).result`, which workflows must not use. */
export const taskResultPrefix = '__result_';

const maxVariableNameLength = 80;

/**
 * Returns the variable that keeps the result of task `name`. Dashes become
 * underscores, and a name too long for a Step Functions variable is cut and
 * ends with a hash of the whole name.
 */
export function taskResultVariable(name: string): string {
  const variable = `${taskResultPrefix}${name.replace(/-/g, '_')}`;
  if (variable.length <= maxVariableNameLength) return variable;

  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  return `${variable.slice(0, maxVariableNameLength - hash.length - 1)}_${hash}`;
}

/** Matches `task(name)`, `task('name')` and `task("name")` at the start of a text. */
const namedTaskCall = /^task\s*\(\s*(['"]?)([A-Za-z_][A-Za-z0-9_-]*)\1\s*\)/;

/** Matches `env()` at the start of a text. */
const environmentCall = /^env\s*\(\s*\)/;

interface Edit {
  start: number;
  end: number;
  replacement: string;
}

/** A Mistral function call that has no JSONata form, such as `task('other').state`. */
export interface UnsupportedForm {
  text: string;
  /** Offset just past the function name in the expression text. */
  position: number;
  /** The JSONata form to write instead, for the YAQL and Mistral calls that have one. */
  hint?: string;
}

function step(node: ExpressionNode, index: number): ExpressionNode | undefined {
  return (node.steps as ExpressionNode[] | undefined)?.[index];
}

/** Returns the name of a call like `task()`, whose procedure is a bare name, not a `$function`. */
function calledName(node: ExpressionNode | undefined): string | undefined {
  if (node?.type !== 'function') return undefined;
  const procedure = node.procedure as ExpressionNode;
  const only = procedure.type === 'path' && (procedure.steps as ExpressionNode[]).length === 1 ? step(procedure, 0) : undefined;
  return only?.type === 'name' ? String(only.value) : undefined;
}

function procedureStart(call: ExpressionNode): number {
  const name = step(call.procedure as ExpressionNode, 0) as ExpressionNode;
  return (name.position ?? 0) - String(name.value).length;
}

/**
 * Translates the Mistral forms that have a JSONata equivalent. `$.name` and
 * Jinja's `_.name` at the top of an expression become `$name`. YAQL
 * functions such as `len()` and `not()` become their JSONata equivalents
 * (lib/dsl/yaql-functions.ts). `task().result` becomes `$result`, and
 * `task(name).result` the variable of `taskResultVariable(name)`, which the
 * compiler assigns in that task's state. `execution().id` (also `name`,
 * `input`, `created_at`) reads `$states.context.Execution`, and `env()` the
 * execution input's `__env`. Returns the new text, the task names written
 * in `task(name).result` by variable, and the calls that cannot be translated.
 */
export function translateMistralForms(
  text: string,
  ast: ExpressionNode,
): { text: string; taskNames: Record<string, string[]>; unsupported: UnsupportedForm[] } {
  const edits: Edit[] = [];
  const unsupported: UnsupportedForm[] = [];
  const taskNames: Record<string, string[]> = {};
  visit(ast, true, { text, edits, unsupported, taskNames });

  let result = text;
  for (const edit of edits.sort((a, b) => b.start - a.start)) {
    result = result.slice(0, edit.start) + edit.replacement + result.slice(edit.end);
  }

  return { text: result, taskNames, unsupported };
}

/** The expression text being translated, with the edits and unsupported calls found so far. */
interface Translation {
  text: string;
  edits: Edit[];
  unsupported: UnsupportedForm[];
  taskNames: Record<string, string[]>;
}

function visit(node: unknown, atTop: boolean, translation: Translation): void {
  if (Array.isArray(node)) {
    for (const child of node) visit(child, atTop, translation);
    return;
  }
  if (node === null || typeof node !== 'object') return;

  const current = node as ExpressionNode;
  if (current.type === 'path' && translatePath(current, atTop, translation)) {
    // The steps after the translated pair can still contain calls, such as `.where()` in `$.items.where(...)`.
    visit((current.steps as ExpressionNode[]).slice(2), false, translation);
    return;
  }
  if (current.type === 'function') {
    const name = calledName(current);
    if (name !== undefined) translateCall(current, name, translation);
  }

  // Inside a lambda, a filter or a later path step, `$` is the current item, not the workflow context.
  const nestedTop = atTop && current.type !== 'lambda';
  for (const [key, child] of Object.entries(current)) {
    if (key === 'type' || key === 'value' || key === 'position') continue;
    const childTop = nestedTop && key !== 'stages' && key !== 'predicate' && key !== 'steps';
    visit(child, childTop, translation);
  }
}

/**
 * Replaces `env()` or the name of a YAQL function that has a JSONata
 * equivalent, or records the call as unsupported.
 */
function translateCall(call: ExpressionNode, name: string, { text, edits, unsupported }: Translation): void {
  const start = procedureStart(call);
  const environment = name === 'env' ? environmentCall.exec(text.slice(start)) : null;
  if (environment) {
    edits.push({ start, end: start + environment[0].length, replacement: environmentValue });
    return;
  }
  const replacement = Object.hasOwn(yaqlFunctions, name) ? yaqlFunctions[name] : undefined;
  if (replacement !== undefined) {
    edits.push({ start, end: start + name.length, replacement });
    return;
  }

  const hint = Object.hasOwn(untranslatedHints, name) ? untranslatedHints[name] : undefined;
  unsupported.push({ text: `${name}()`, position: start + name.length, ...(hint === undefined ? {} : { hint }) });
}

/** Translates a path that starts with a Mistral form; returns whether it did. */
function translatePath(path: ExpressionNode, atTop: boolean, { text, edits, taskNames }: Translation): boolean {
  const first = step(path, 0);
  const second = step(path, 1);
  if (!first || second?.type !== 'name' || second.stages || second.predicate) return false;
  const end = second.position ?? 0;

  const context = (first.type === 'variable' && first.value === '') || (first.type === 'name' && first.value === '_');
  if (atTop && context && !first.stages && !first.predicate) {
    edits.push({ start: (first.position ?? 1) - 1, end, replacement: `$${String(second.value)}` });
    return true;
  }

  const name = calledName(first);
  const argumentCount = (first.arguments as unknown[] | undefined)?.length ?? 0;
  const start = name === undefined ? 0 : procedureStart(first);
  if (name === 'task' && argumentCount === 0 && second.value === 'result') {
    edits.push({ start, end, replacement: '$result' });
    return true;
  }
  const named = name === 'task' && argumentCount === 1 && second.value === 'result' ? namedTaskCall.exec(text.slice(start)) : null;
  if (named) {
    const variable = taskResultVariable(named[2]);
    edits.push({ start, end, replacement: `$${variable}` });
    taskNames[variable] = [...new Set([...(taskNames[variable] ?? []), named[2]])];
    return true;
  }
  const environment = name === 'env' && argumentCount === 0 ? environmentCall.exec(text.slice(start)) : null;
  if (environment) {
    edits.push({ start, end: start + environment[0].length, replacement: environmentPath });
    return true;
  }
  const field = executionFields[String(second.value)];
  if (name === 'execution' && argumentCount === 0 && field) {
    edits.push({ start, end, replacement: field });
    return true;
  }

  return false;
}
