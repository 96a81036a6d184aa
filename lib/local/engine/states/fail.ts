import { StatesError } from '../errors';
import type { StateContext, StateOutcome } from './state-context';

/** Fails the frame with the state's `Error` and `Cause`, either of which may be an expression. */
export async function runFail(context: StateContext): Promise<StateOutcome> {
  const { state } = context;
  const error = state.Error === undefined ? '' : await context.evaluate(state.Error, 'Error');
  const cause = state.Cause === undefined ? '' : await context.evaluate(state.Cause, 'Cause');
  throw new StatesError(String(error), String(cause));
}
