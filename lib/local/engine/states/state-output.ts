import type { Catcher, ChoiceRule, State } from '../asl';
import { StatesError, StatesErrorName } from '../errors';
import { checkPayloadSize } from '../limits';
import type { ScopeExtras, StateContext, StateOutcome } from './state-context';

type OutputFields = Pick<State | Catcher | ChoiceRule, 'Output' | 'Assign'>;

/**
 * Evaluates `Assign` and `Output` against the same scope, so that neither
 * reads the other's new values, and returns the state's outcome.
 */
export async function completeState(
  context: StateContext,
  fields: OutputFields,
  extras: ScopeExtras,
  defaultOutput: unknown,
  next: string | undefined,
): Promise<StateOutcome> {
  const assigned: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(fields.Assign ?? {})) {
    assigned[name] = await context.evaluate(value, `Assign.${name}`, extras);
    checkPayloadSize(assigned[name], `value assigned to variable '${name}'`);
  }
  checkAssignScope(context, assigned);

  const output = fields.Output === undefined ? defaultOutput : await context.evaluate(fields.Output, 'Output', extras);
  checkPayloadSize(output, `output of state '${context.frame.stateName}'`);

  return { output, next, assigned };
}

/** Rejects an assignment to a name that an outer scope owns, as Step Functions does. */
export function checkAssignScope(context: StateContext, assigned: Record<string, unknown>): void {
  const parent = context.run.parentOf(context.frame);
  if (parent === undefined) {
    return;
  }
  const outer = context.run.visibleVariables(parent);
  for (const name of Object.keys(assigned)) {
    if (name in outer) {
      throw new StatesError(
        StatesErrorName.Runtime,
        `State '${context.frame.stateName}' cannot assign variable '${name}' because it belongs to an outer scope. Give the inner variable another name.`,
      );
    }
  }
}

/** Returns the `Next` of a state, or undefined when it ends its frame. */
export function nextOf(state: State): string | undefined {
  return state.End ? undefined : state.Next;
}
