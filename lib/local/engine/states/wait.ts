import { StatesError, StatesErrorName } from '../errors';
import type { StateContext, StateOutcome } from './state-context';
import { completeState, nextOf } from './state-output';

async function waitUntil(context: StateContext): Promise<number> {
  const { state } = context;
  if (state.Seconds !== undefined) {
    const seconds = await context.evaluate(state.Seconds, 'Seconds');
    if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 0) {
      throw new StatesError(
        StatesErrorName.QueryEvaluationError,
        `The Seconds field of state '${context.frame.stateName}' returned ${JSON.stringify(seconds)}. It must be a non-negative integer.`,
      );
    }
    return context.frame.enteredAt + seconds * 1000;
  }

  const timestamp = await context.evaluate(state.Timestamp, 'Timestamp');
  const time = typeof timestamp === 'string' ? Date.parse(timestamp) : Number.NaN;
  if (Number.isNaN(time)) {
    throw new StatesError(
      StatesErrorName.QueryEvaluationError,
      `The Timestamp field of state '${context.frame.stateName}' returned ${JSON.stringify(timestamp)}. It must be an ISO 8601 timestamp such as 2026-01-01T00:00:00Z.`,
    );
  }
  return time;
}

/** Waits until a time kept in the frame's phase, so that a restarted engine waits only the rest. */
export async function runWait(context: StateContext): Promise<StateOutcome> {
  const { frame, run } = context;
  if (frame.phase?.kind !== 'wait') {
    frame.phase = { kind: 'wait', until: await waitUntil(context) };
    await run.checkpoint(true);
  }

  await run.clock.sleep(frame.phase.until - run.clock.now(), context.signal);

  return completeState(context, context.state, {}, context.input, nextOf(context.state));
}
