import type { DiagnosticBag } from '../../diagnostics/diagnostic';
import type { Workflow } from '../../dsl/model';
import type { StateMachineDefinition } from '../types';
import { failError } from './context';
import { jsonataString, renderValue } from './jsonata-text';

type States = Record<string, Record<string, unknown>>;

/**
 * Adds Mistral's `output-on-error` to every Fail state of a `fail` command.
 * A failed Step Functions execution has no output, only Error and Cause, so
 * the Cause becomes the JSON text `{"message": <the fail message>, "output":
 * <output-on-error>}`. An error that no on-error catches fails the execution
 * without a Fail state, so it carries no output, and SRC2140 warns about it.
 */
export function applyOutputOnError(workflow: Workflow, asl: StateMachineDefinition, bag: DiagnosticBag): void {
  if (!workflow.outputOnError) return;
  bag.report('outputOnErrorOnFail', workflow.outputOnErrorRange ?? { start: { line: 1, column: 1 } });

  // NOTE: the expressions are rendered with the workflow's variable names, so a variable renamed inside a fork branch is not followed.
  const output = renderValue(workflow.outputOnError, (expression) => expression.text);
  visitStates(asl.States, (state) => {
    if (state.Type !== 'Fail' || state.Error !== failError) return;
    state.Cause = jsonataString(`$string({"message": ${causeExpression(state.Cause)}, "output": ${output}})`);
  });
}

/** Returns the JSONata expression of a Cause: the text inside `{% %}`, or a quoted literal. */
function causeExpression(cause: unknown): string {
  const text = String(cause ?? '');
  const inner = /^\{%([\s\S]*)%\}$/.exec(text);
  return inner ? `(${inner[1].trim()})` : JSON.stringify(text);
}

function visitStates(states: States, visit: (state: Record<string, unknown>) => void): void {
  for (const state of Object.values(states)) {
    visit(state);
    for (const branch of (state.Branches as { States: States }[] | undefined) ?? []) visitStates(branch.States, visit);
    const processor = state.ItemProcessor as { States: States } | undefined;
    if (processor) visitStates(processor.States, visit);
  }
}
