import type { ExpressionNode } from './expression';
import { untranslatedHints, yaqlFunctions } from './yaql-functions';

/** JSONata for the fields of Mistral's `execution()`, read from the Step Functions context object. */
const executionFields: Record<string, string> = {
  id: '$states.context.Execution.Id',
  name: '$states.context.Execution.Name',
  input: '$states.context.Execution.Input',
  created_at: '$states.context.Execution.StartTime',
};

interface Edit {
  start: number;
  end: number;
  replacement: string;
}

/** A Mistral function call that has no JSONata form, such as `task('other').result`. */
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
 * (lib/dsl/yaql-functions.ts). `task().result` becomes
 * `$result` and `execution().id` (also `name`, `input`, `created_at`) reads
 * `$states.context.Execution`. Returns the new text and the calls that
 * cannot be translated.
 */
export function translateMistralForms(text: string, ast: ExpressionNode): { text: string; unsupported: UnsupportedForm[] } {
  const edits: Edit[] = [];
  const unsupported: UnsupportedForm[] = [];
  visit(ast, true, edits, unsupported);

  let result = text;
  for (const edit of edits.sort((a, b) => b.start - a.start)) {
    result = result.slice(0, edit.start) + edit.replacement + result.slice(edit.end);
  }

  return { text: result, unsupported };
}

function visit(node: unknown, atTop: boolean, edits: Edit[], unsupported: UnsupportedForm[]): void {
  if (Array.isArray(node)) {
    for (const child of node) visit(child, atTop, edits, unsupported);
    return;
  }
  if (node === null || typeof node !== 'object') return;

  const current = node as ExpressionNode;
  if (current.type === 'path' && translatePath(current, atTop, edits)) {
    // The steps after the translated pair can still contain calls, such as `.where()` in `$.items.where(...)`.
    visit((current.steps as ExpressionNode[]).slice(2), false, edits, unsupported);
    return;
  }
  if (current.type === 'function') {
    const name = calledName(current);
    if (name !== undefined) translateCall(current, name, edits, unsupported);
  }

  // Inside a lambda, a filter or a later path step, `$` is the current item, not the workflow context.
  const nestedTop = atTop && current.type !== 'lambda';
  for (const [key, child] of Object.entries(current)) {
    if (key === 'type' || key === 'value' || key === 'position') continue;
    const childTop = nestedTop && key !== 'stages' && key !== 'predicate' && key !== 'steps';
    visit(child, childTop, edits, unsupported);
  }
}

/** Replaces the name of a YAQL function that has a JSONata equivalent, or records the call as unsupported. */
function translateCall(call: ExpressionNode, name: string, edits: Edit[], unsupported: UnsupportedForm[]): void {
  const start = procedureStart(call);
  const replacement = Object.hasOwn(yaqlFunctions, name) ? yaqlFunctions[name] : undefined;
  if (replacement !== undefined) {
    edits.push({ start, end: start + name.length, replacement });
    return;
  }

  const hint = Object.hasOwn(untranslatedHints, name) ? untranslatedHints[name] : undefined;
  unsupported.push({ text: `${name}()`, position: start + name.length, ...(hint === undefined ? {} : { hint }) });
}

/** Translates a path that starts with a Mistral form; returns whether it did. */
function translatePath(path: ExpressionNode, atTop: boolean, edits: Edit[]): boolean {
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
  if (name === 'task' && argumentCount === 0 && second.value === 'result') {
    edits.push({ start: procedureStart(first), end, replacement: '$result' });
    return true;
  }
  const field = executionFields[String(second.value)];
  if (name === 'execution' && argumentCount === 0 && field) {
    edits.push({ start: procedureStart(first), end, replacement: field });
    return true;
  }

  return false;
}
