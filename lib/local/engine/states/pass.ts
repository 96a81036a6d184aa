import type { StateContext, StateOutcome } from './state-context';
import { completeState, nextOf } from './state-output';

export function runPass(context: StateContext): Promise<StateOutcome> {
  return completeState(context, context.state, {}, context.input, nextOf(context.state));
}
