import { StatesError, StatesErrorName } from '../errors';
import type { StateContext } from './state-context';

/** Default TimeoutSeconds of a Task state, as in Step Functions: 99999999 seconds. */
export const defaultTaskTimeoutSeconds = 99999999;

/** Evaluates TimeoutSeconds or HeartbeatSeconds, which may be a number or an expression. */
export async function evaluateSeconds(
  context: StateContext,
  field: 'TimeoutSeconds' | 'HeartbeatSeconds',
): Promise<number | undefined> {
  const value = context.state[field];
  if (value === undefined) {
    return undefined;
  }
  const seconds = typeof value === 'number' ? value : await context.evaluate(value, field);
  if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 1) {
    throw new StatesError(
      StatesErrorName.QueryEvaluationError,
      `The ${field} of state '${context.frame.stateName}' is ${JSON.stringify(seconds)}. It must be a positive integer.`,
    );
  }
  return seconds;
}

type Deadline = { at: number; error: StatesError };

/**
 * Runs `work` until the first deadline passes, the signal aborts or `wake`
 * resolves. A passed deadline rejects with its error and aborts `work`'s signal.
 */
export async function raceDeadlines<T>(
  context: StateContext,
  deadlines: Deadline[],
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const { clock } = context.run;
  const local = new AbortController();
  const signal = AbortSignal.any([context.signal, local.signal]);
  const timers = deadlines.map((deadline) =>
    clock.sleep(deadline.at - clock.now(), signal).then(() => {
      throw deadline.error;
    }),
  );
  try {
    return await Promise.race([work(signal), ...timers]);
  } finally {
    local.abort(new Error('The task finished.'));
    await Promise.allSettled(timers);
  }
}

export function timeoutError(stateName: string, seconds: number): StatesError {
  return new StatesError(StatesErrorName.Timeout, `State '${stateName}' did not finish within its TimeoutSeconds of ${seconds}.`);
}

export function heartbeatError(stateName: string, seconds: number): StatesError {
  return new StatesError(
    StatesErrorName.HeartbeatTimeout,
    `State '${stateName}' received no heartbeat within its HeartbeatSeconds of ${seconds}.`,
  );
}
