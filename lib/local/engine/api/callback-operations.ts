import type { ExecutionRun } from '../execution/execution-run';
import type { TaskPhase } from '../execution/records';
import { readTaskToken } from '../execution/task-token';
import { maxPayloadBytes } from '../limits';
import { StepFunctionsApiError } from '../types';
import type { EngineInternals } from './engine-internals';
import { optionalString, requiredString } from './request-fields';

type Request = Record<string, unknown>;

/** Returns the open callback task of a token, or throws InvalidToken or TaskTimedOut. */
function findOpenTask(engine: EngineInternals, token: string): { run: ExecutionRun; phase: TaskPhase } {
  const content = readTaskToken(token);
  if (content === undefined) {
    throw new StepFunctionsApiError(
      'InvalidToken',
      'Invalid Token: the task token is malformed. Pass the token from $states.context.Task.Token unchanged.',
    );
  }
  const run = engine.executions.get(content.executionArn);
  const frame = run?.isRunning ? run.record.frames[content.frameId] : undefined;
  const phase = frame?.phase;
  if (run === undefined || phase?.kind !== 'task' || phase.token !== token || phase.callback !== undefined) {
    throw new StepFunctionsApiError(
      'TaskTimedOut',
      'Task Timed Out: the task of this token has already finished, timed out or been stopped.',
    );
  }
  return { run, phase };
}

export async function sendTaskSuccess(engine: EngineInternals, request: Request): Promise<Request> {
  const token = requiredString(request, 'taskToken');
  const output = requiredString(request, 'output');
  let parsed: unknown;
  try {
    parsed = JSON.parse(output);
  } catch (error) {
    throw new StepFunctionsApiError(
      'InvalidOutput',
      `Invalid Output: the output is not valid JSON (${(error as Error).message}).`,
    );
  }
  if (Buffer.byteLength(output, 'utf8') > maxPayloadBytes) {
    throw new StepFunctionsApiError(
      'InvalidOutput',
      `Invalid Output: the output has more than ${maxPayloadBytes} bytes.`,
    );
  }

  const { run, phase } = findOpenTask(engine, token);
  phase.callback = { output: parsed };
  await run.checkpoint(true);
  run.wake(token);
  return {};
}

export async function sendTaskFailure(engine: EngineInternals, request: Request): Promise<Request> {
  const token = requiredString(request, 'taskToken');
  const { run, phase } = findOpenTask(engine, token);
  phase.callback = { error: optionalString(request, 'error') ?? '', cause: optionalString(request, 'cause') ?? '' };
  await run.checkpoint(true);
  run.wake(token);
  return {};
}

export async function sendTaskHeartbeat(engine: EngineInternals, request: Request): Promise<Request> {
  const token = requiredString(request, 'taskToken');
  const { run, phase } = findOpenTask(engine, token);
  phase.lastHeartbeatAt = engine.clock.now();
  await run.checkpoint(true);
  run.wake(token);
  return {};
}
