import { StatesError, StatesErrorName } from '../errors';
import { payloadDetail } from '../history';
import { findCatcher, findRetrier, retryDefaults, retryDelayMs } from '../retry';
import { stateHandlers } from '../states/handlers';
import type { StateOutcome } from '../states/state-context';
import { StateContext } from '../states/state-context';
import { completeState } from '../states/state-output';
import type { ExecutionRun } from './execution-run';
import type { FrameRecord } from './records';

function toStatesError(error: unknown): StatesError {
  if (error instanceof StatesError) {
    return error;
  }
  const message = error instanceof Error ? error.message : String(error);
  return new StatesError(StatesErrorName.Runtime, `An internal error occurred while running the state: ${message}`);
}

function recordStateEntered(run: ExecutionRun, frame: FrameRecord, type: string): void {
  frame.entered = true;
  frame.enteredAt = run.clock.now();
  run.addEvent(frame, `${type}StateEntered`, {
    name: frame.stateName,
    input: payloadDetail(frame.stateInput),
    inputDetails: { truncated: false },
  });
}

function recordStateExited(run: ExecutionRun, frame: FrameRecord, type: string, outcome: StateOutcome): void {
  const assigned = Object.entries(outcome.assigned);
  run.addEvent(frame, `${type}StateExited`, {
    name: frame.stateName,
    output: payloadDetail(outcome.output),
    outputDetails: { truncated: false },
    ...(assigned.length > 0
      ? {
          assignedVariables: Object.fromEntries(assigned.map(([name, value]) => [name, payloadDetail(value)])),
          assignedVariablesDetails: { truncated: false },
        }
      : {}),
  });
}

/**
 * Applies the state's Retry, then its Catch, to an error. Returns 'retry',
 * the Catcher's outcome, or undefined when the error fails the frame.
 */
async function handleError(context: StateContext, error: StatesError): Promise<'retry' | StateOutcome | undefined> {
  const { run, frame, state } = context;

  const retrierIndex = findRetrier(state.Retry, error.error);
  if (retrierIndex >= 0) {
    const retrier = state.Retry![retrierIndex];
    const attempts = frame.retrierAttempts[retrierIndex] ?? 0;
    if (attempts < (retrier.MaxAttempts ?? retryDefaults.MaxAttempts)) {
      run.releaseChildren(frame);
      frame.retrierAttempts[retrierIndex] = attempts + 1;
      frame.retryCount++;
      frame.phase = { kind: 'retry', until: run.clock.now() + retryDelayMs(retrier, attempts) };
      await run.checkpoint(true);
      return 'retry';
    }
  }

  const catcher = findCatcher(state.Catch, error.error);
  if (catcher === undefined) {
    return undefined;
  }
  const errorOutput = error.toErrorOutput();
  return completeState(context, catcher, { errorOutput }, errorOutput, catcher.Next);
}

function enterNext(frame: FrameRecord, outcome: StateOutcome): void {
  frame.phase = undefined;
  frame.retryCount = 0;
  frame.retrierAttempts = [];
  if (outcome.next === undefined) {
    frame.status = 'SUCCEEDED';
    frame.output = outcome.output;
    return;
  }
  frame.stateName = outcome.next;
  frame.stateInput = outcome.output;
  frame.entered = false;
}

/**
 * Runs a frame's states until it succeeds, fails or its signal aborts. After
 * an abort the frame is left as it was, so that a restart or a redrive can
 * continue it.
 */
export async function runFrame(run: ExecutionRun, frame: FrameRecord, signal: AbortSignal): Promise<void> {
  const container = run.statesAt(frame.location);

  while (frame.status === 'RUNNING' && !signal.aborted) {
    const state = container.States[frame.stateName];
    const context = new StateContext(run, frame, state, signal);
    if (!frame.entered) {
      recordStateEntered(run, frame, state.Type);
      run.checkpoint(false);
    }

    let outcome: StateOutcome | 'retry' | undefined;
    try {
      if (frame.phase?.kind === 'retry') {
        await run.clock.sleep(frame.phase.until - run.clock.now(), signal);
        frame.phase = undefined;
      }
      outcome = await stateHandlers[state.Type](context);
    } catch (thrown) {
      if (signal.aborted) {
        return;
      }
      const error = toStatesError(thrown);
      try {
        outcome = await handleError(context, error);
      } catch (catchError) {
        if (signal.aborted) {
          return;
        }
        outcome = undefined;
        frame.error = { error: toStatesError(catchError).error, cause: toStatesError(catchError).causeText };
      }
      if (outcome === 'retry') {
        continue;
      }
      if (outcome === undefined) {
        frame.status = 'FAILED';
        frame.error ??= { error: error.error, cause: error.causeText };
        await run.checkpoint(true);
        return;
      }
    }

    if (signal.aborted) {
      return;
    }
    Object.assign(frame.variables, outcome.assigned);
    if (state.Type !== 'Fail') {
      recordStateExited(run, frame, state.Type, outcome);
    }
    run.releaseChildren(frame);
    enterNext(frame, outcome);
    await run.checkpoint(frame.status !== 'RUNNING');
  }
}
