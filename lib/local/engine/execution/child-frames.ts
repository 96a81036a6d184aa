import { StatesError } from '../errors';
import type { ExecutionRun } from './execution-run';
import { runFrame } from './frame-runner';
import type { FrameRecord } from './records';

/** History hooks of the parent state for each child frame. */
export interface ChildFrameEvents {
  started?(child: FrameRecord): void;
  succeeded?(child: FrameRecord): void;
  failed?(child: FrameRecord): void;
  aborted?(child: FrameRecord): void;
}

/**
 * Runs the child frames that have not succeeded yet, at most `maxConcurrency`
 * at a time (0 for no limit), and returns every child's output in order. The
 * first failure aborts the others and is thrown as the parent state's error.
 */
export async function runChildFrames(
  run: ExecutionRun,
  parent: FrameRecord,
  childIds: string[],
  maxConcurrency: number,
  signal: AbortSignal,
  events: ChildFrameEvents = {},
): Promise<unknown[]> {
  const children = childIds.map((id) => run.record.frames[id]);
  const siblings = new AbortController();
  const childSignal = AbortSignal.any([signal, siblings.signal]);
  const queue = children.filter((child) => child.status !== 'SUCCEEDED');
  let firstFailure: FrameRecord | undefined;

  const worker = async (): Promise<void> => {
    for (let child = queue.shift(); child; child = queue.shift()) {
      if (childSignal.aborted) {
        return;
      }
      if (child.status === 'PENDING') {
        child.status = 'RUNNING';
        child.lastEventId = parent.lastEventId;
        events.started?.(child);
      }
      await runFrame(run, child, childSignal);
      if (child.status === 'SUCCEEDED') {
        events.succeeded?.(child);
      } else if (child.status === 'FAILED' && firstFailure === undefined) {
        firstFailure = child;
        events.failed?.(child);
        siblings.abort();
      } else if (siblings.signal.aborted && !signal.aborted) {
        events.aborted?.(child);
      }
    }
  };

  const workerCount = maxConcurrency > 0 ? Math.min(maxConcurrency, queue.length) : queue.length;
  await Promise.all(Array.from({ length: workerCount }, worker));

  if (signal.aborted) {
    throw signal.reason;
  }
  if (firstFailure !== undefined) {
    const { error, cause } = firstFailure.error ?? { error: 'States.Runtime', cause: '' };
    throw new StatesError(error, cause);
  }
  return children.map((child) => child.output);
}
