import type { StateContext, StateOutcome } from './state-context';
import { completeState } from './state-output';

export function runSucceed(context: StateContext): Promise<StateOutcome> {
  return completeState(context, { Output: context.state.Output }, {}, context.input, undefined);
}
