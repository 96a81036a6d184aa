import { replaceFreeVariables } from '../../dsl/variables';
import type { Workflow } from '../../dsl/model';
import { comment, type EmitContext } from './context';
import { toAslValue } from './jsonata-text';

/** JSONata that reads a declared input, falling back to its default. */
function readInput(name: string, fallback: unknown, hasDefault: boolean): string {
  const field = `$states.input.${name}`;
  if (!hasDefault) return field;

  return `$exists(${field}) ? ${field} : ${JSON.stringify(fallback)}`;
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
    assign[input.name] = `{% ${reader} %}`;
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
