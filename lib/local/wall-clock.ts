import { Clock } from './engine/types';

/** The maximum delay of `setTimeout`, 2^31 - 1 ms (about 24.8 days). Node.js fires a longer one after 1 ms. */
const MAX_TIMER_MILLISECONDS = 2 ** 31 - 1;

/**
 * Wall-clock time whose sleeps may exceed the `setTimeout` limit, as Step
 * Functions timeouts do (the Task default is 99999999 seconds). A long sleep
 * runs as a chain of timers of at most the limit each.
 */
export class WallClock implements Clock {
  now(): number {
    return Date.now();
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }

      const deadline = Date.now() + Math.max(0, ms);
      let timer: NodeJS.Timeout;
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      const wait = (): void => {
        const remaining = deadline - Date.now();
        if (remaining <= 0) {
          signal?.removeEventListener('abort', onAbort);
          resolve();
          return;
        }
        timer = setTimeout(wait, Math.min(remaining, MAX_TIMER_MILLISECONDS));
      };

      signal?.addEventListener('abort', onAbort, { once: true });
      wait();
    });
  }
}
