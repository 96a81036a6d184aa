import type { Catcher, Retrier } from './asl';
import { errorMatches } from './errors';

export const retryDefaults = {
  IntervalSeconds: 1,
  MaxAttempts: 3,
  BackoffRate: 2,
} as const;

/** Returns the index of the first Retrier whose ErrorEquals matches, or -1. */
export function findRetrier(retriers: readonly Retrier[] | undefined, error: string): number {
  return (retriers ?? []).findIndex((retrier) => errorMatches(retrier.ErrorEquals, error));
}

/**
 * Returns the delay in milliseconds before retry number `attempt` (0 for the
 * first retry): IntervalSeconds × BackoffRate^attempt, capped at
 * MaxDelaySeconds, and drawn from [0, delay) with JitterStrategy FULL.
 */
export function retryDelayMs(retrier: Retrier, attempt: number, random: () => number = Math.random): number {
  const interval = retrier.IntervalSeconds ?? retryDefaults.IntervalSeconds;
  const backoff = retrier.BackoffRate ?? retryDefaults.BackoffRate;
  let seconds = interval * Math.pow(backoff, attempt);
  if (retrier.MaxDelaySeconds !== undefined) {
    seconds = Math.min(seconds, retrier.MaxDelaySeconds);
  }
  if (retrier.JitterStrategy === 'FULL') {
    seconds = random() * seconds;
  }
  return Math.round(seconds * 1000);
}

export function findCatcher(catchers: readonly Catcher[] | undefined, error: string): Catcher | undefined {
  return (catchers ?? []).find((catcher) => errorMatches(catcher.ErrorEquals, error));
}
