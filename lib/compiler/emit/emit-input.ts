import { replaceFreeVariables } from '../../dsl/variables';
import type { Workflow, WorkflowInput } from '../../dsl/model';
import { comment, type EmitContext } from './context';
import { toAslValue } from './jsonata-text';

/** JSONata that reads a declared input, falling back to its default. */
function readInput(name: string, fallback: unknown, hasDefault: boolean): string {
  const field = `$states.input.${name}`;
  if (!hasDefault) return field;

  return `$exists(${field}) ? ${field} : ${JSON.stringify(fallback)}`;
}

/**
 * Wraps the reader of an input with an `allowed` list in a check that
 * raises a short error naming the allowed values, so that the Cause of
 * the failed `input` state quotes a short expression.
 */
function checkAllowed(workflow: Workflow, input: WorkflowInput, reader: string): string {
  if (input.allowed === undefined) return reader;

  const allowed = JSON.stringify(input.allowed);
  const accepted = input.default === undefined ? `$value in ${allowed}` : `$value = ${JSON.stringify(input.default)} or $value in ${allowed}`;
  const orLeaveOut = input.default === undefined ? '' : ', or leave it out';
  const sentenceEnd = ` is not allowed in workflow '${workflow.name}': set ${input.name} to one of ${input.allowed.join(', ')}${orLeaveOut}.`;
  return `($value := ${reader}; ${accepted} ? $value : $error(${JSON.stringify(`Input ${input.name} `)} & $string($value) & ${JSON.stringify(sentenceEnd)}))`;
}

/**
 * Emits the first Pass state, named `input`, which assigns the declared
 * inputs and the vars. Both are evaluated at state entry, so a var that
 * reads an input reads it from `$states.input`.
 */
export function emitInputState(workflow: Workflow, context: EmitContext, next: string): Record<string, unknown> {
  const assign: Record<string, unknown> = {};
  const readers = new Map<string, string>();

  for (const input of workflow.input) {
    const hasDefault = input.default !== undefined;
    const reader = readInput(input.name, input.default, hasDefault);
    readers.set(input.name, hasDefault ? `(${reader})` : reader);
    assign[input.name] = `{% ${checkAllowed(workflow, input, reader)} %}`;
  }
  for (const entry of workflow.vars) {
    assign[entry.name] = toAslValue(entry.value, (expression) =>
      replaceFreeVariables(expression.text, expression.ast, (name) => readers.get(name)),
    );
  }

  return {
    Type: 'Pass',
    Comment: comment(context, workflow.inputPosition?.line ?? 1),
    Assign: assign,
    Next: next,
  };
}
