import { StatesErrorName } from '../errors';
import { payloadDetail } from '../history';
import type { AbortReason, ExecutionRun } from './execution-run';
import { runFrame } from './frame-runner';

/** Arms the state machine's TimeoutSeconds and returns the function that disarms it. */
function armExecutionTimeout(run: ExecutionRun): () => void {
  const { timeoutAt } = run.record;
  const disarm = new AbortController();
  if (timeoutAt !== undefined) {
    const signal = AbortSignal.any([run.controller.signal, disarm.signal]);
    run.clock.sleep(timeoutAt - run.clock.now(), signal).then(
      () => run.controller.abort({ kind: 'timeout' } satisfies AbortReason),
      () => undefined,
    );
  }
  return () => disarm.abort();
}

function closeTimedOut(run: ExecutionRun): void {
  const error = StatesErrorName.Timeout;
  const cause = 'The execution did not finish within the state machine TimeoutSeconds.';
  run.recordAbortedStates();
  run.addEvent(run.rootFrame, 'ExecutionTimedOut', { error, cause });
  run.close('TIMED_OUT', { error, cause });
}

/**
 * Runs an execution's root frame to its end and closes the execution:
 * SUCCEEDED, FAILED or TIMED_OUT. A stop closes it elsewhere, and an engine
 * shutdown leaves it RUNNING on disk.
 */
export async function driveExecution(run: ExecutionRun, onClosed: (run: ExecutionRun) => void): Promise<void> {
  const root = run.rootFrame;
  const disarmTimeout = armExecutionTimeout(run);
  const signal = run.controller.signal;

  await runFrame(run, root, signal);
  disarmTimeout();

  if (signal.aborted) {
    if ((signal.reason as AbortReason).kind !== 'timeout' || !run.isRunning) {
      return;
    }
    closeTimedOut(run);
  } else if (root.status === 'SUCCEEDED') {
    run.addEvent(root, 'ExecutionSucceeded', { output: payloadDetail(root.output), outputDetails: { truncated: false } });
    run.close('SUCCEEDED', { output: JSON.stringify(root.output ?? null) });
  } else {
    const { error, cause } = root.error ?? { error: StatesErrorName.Runtime, cause: 'The execution stopped without an error.' };
    run.addEvent(root, 'ExecutionFailed', { error, cause });
    run.close('FAILED', { error, cause });
  }

  await run.checkpoint(true);
  onClosed(run);
}
