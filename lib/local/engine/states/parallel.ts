import { runChildFrames } from '../execution/child-frames';
import type { StateContext, StateOutcome } from './state-context';
import { completeState, nextOf } from './state-output';

/** Runs every branch as a child frame with its own variable scope and returns their outputs in order. */
export async function runParallel(context: StateContext): Promise<StateOutcome> {
  const { run, frame, state } = context;

  if (frame.phase?.kind !== 'children') {
    const branchInput = state.Arguments === undefined ? context.input : await context.evaluate(state.Arguments, 'Arguments');
    const children = (state.Branches ?? []).map((branch, index) =>
      run.createChildFrame(frame, {
        location: [...frame.location, frame.stateName, index],
        index,
        stateName: branch.StartAt,
        stateInput: branchInput,
        status: 'RUNNING',
      }),
    );
    frame.phase = { kind: 'children', childIds: children.map((child) => child.id) };
    run.addEvent(frame, 'ParallelStateStarted');
    await run.checkpoint(true);
  }

  let result: unknown[];
  try {
    result = await runChildFrames(run, frame, frame.phase.childIds, 0, context.signal);
  } catch (error) {
    if (!context.signal.aborted) {
      run.addEvent(frame, 'ParallelStateFailed');
    }
    throw error;
  }
  run.addEvent(frame, 'ParallelStateSucceeded');

  return completeState(context, state, { result }, result, nextOf(state));
}
