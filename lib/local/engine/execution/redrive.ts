import type { ExecutionRun } from './execution-run';
import type { FrameRecord } from './records';

function resetFrame(frame: FrameRecord): void {
  frame.status = 'RUNNING';
  frame.entered = false;
  frame.retryCount = 0;
  frame.retrierAttempts = [];
  frame.error = undefined;
  if (frame.phase?.kind !== 'children') {
    frame.phase = undefined;
  }
}

/**
 * Prepares a closed execution to run again from where it stopped: every
 * unfinished frame restarts its current state, while succeeded branches and
 * iterations keep their output and iterations never started stay pending.
 */
export function prepareRedrive(run: ExecutionRun): void {
  for (const frame of Object.values(run.record.frames)) {
    if (frame.status === 'RUNNING' || frame.status === 'FAILED') {
      resetFrame(frame);
    }
  }
  const { record } = run;
  record.status = 'RUNNING';
  record.redriveCount++;
  record.redriveDate = run.clock.now();
  record.stopDate = undefined;
  record.output = undefined;
  record.error = undefined;
  record.cause = undefined;
  if (run.definition.TimeoutSeconds !== undefined) {
    record.timeoutAt = record.redriveDate + run.definition.TimeoutSeconds * 1000;
  }
  run.addEvent(run.rootFrame, 'ExecutionRedriven', { redriveCount: record.redriveCount });
}
