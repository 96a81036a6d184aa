import type { Retry } from '../../dsl/model';

/**
 * Emits the ASL Retry of a Mistral `retry`: `count` more attempts after any
 * error, `delay` seconds apart, multiplied by `backoff` after each attempt
 * and capped at `max-delay` seconds. With `break-on`, the retries run in a
 * counted loop instead (emit-retry-loop.ts), so there is no Retry.
 */
export function emitRetry(retry: Retry): Record<string, unknown>[] | undefined {
  if (retry.breakOn) return undefined;

  const retrier: Record<string, unknown> = {
    ErrorEquals: ['States.ALL'],
    IntervalSeconds: retry.delay,
    MaxAttempts: retry.count,
    BackoffRate: retry.backoff ?? 1,
  };
  if (retry.maxDelay !== undefined) retrier.MaxDelaySeconds = retry.maxDelay;

  return [retrier];
}
