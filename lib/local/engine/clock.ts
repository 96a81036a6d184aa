import type { Clock } from './types';

const maxTimerDelayMs = 2 ** 31 - 1;

/** Wall-clock time with `setTimeout` sleeps. */
export class SystemClock implements Clock {
  now(): number {
    return Date.now();
  }

  /** Sleeps in steps of at most 2^31-1 ms, the longest delay `setTimeout` accepts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    const until = Date.now() + ms;
    return new Promise((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      let timer: NodeJS.Timeout | undefined;
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      const step = (): void => {
        const remaining = until - Date.now();
        if (remaining <= 0) {
          signal?.removeEventListener('abort', onAbort);
          resolve();
          return;
        }
        timer = setTimeout(step, Math.min(remaining, maxTimerDelayMs));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      step();
    });
  }
}

interface Sleeper {
  until: number;
  resolve: () => void;
}

/**
 * A clock that moves only when a test calls `advance`, so that waits,
 * retry backoffs and timeouts run without real delays.
 */
export class FakeClock implements Clock {
  private time: number;
  private sleepers: Sleeper[] = [];

  constructor(startTime = Date.parse('2026-01-01T00:00:00.000Z')) {
    this.time = startTime;
  }

  now(): number {
    return this.time;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) {
      return Promise.reject(signal.reason);
    }
    if (ms <= 0) {
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const sleeper: Sleeper = { until: this.time + ms, resolve };
      this.sleepers.push(sleeper);
      signal?.addEventListener(
        'abort',
        () => {
          this.sleepers = this.sleepers.filter((s) => s !== sleeper);
          reject(signal.reason);
        },
        { once: true },
      );
    });
  }

  /** Remaining milliseconds of each pending sleep, shortest first. */
  pendingDelays(): number[] {
    return this.sleepers.map((s) => s.until - this.time).sort((a, b) => a - b);
  }

  /** Moves time forward by `ms` and wakes every sleep that is due, earliest first. */
  advance(ms: number): void {
    const target = this.time + ms;
    const due = this.sleepers
      .filter((s) => s.until <= target)
      .sort((a, b) => a.until - b.until);
    this.sleepers = this.sleepers.filter((s) => s.until > target);
    for (const sleeper of due) {
      this.time = Math.max(this.time, sleeper.until);
      sleeper.resolve();
    }
    this.time = target;
  }
}
