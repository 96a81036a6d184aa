import { StatesError, StatesErrorName } from '../errors';
import { payloadDetail } from '../history';
import type { TaskPhase } from '../execution/records';
import type { Integration } from '../integrations/integration';
import { resolveIntegration } from '../integrations/resolve';
import type { StateContext, StateOutcome } from './state-context';
import { completeState, nextOf } from './state-output';
import { defaultTaskTimeoutSeconds, evaluateSeconds, heartbeatError, raceDeadlines, timeoutError } from './task-timeouts';

interface TaskLimits {
  timeoutSeconds: number;
  heartbeatSeconds?: number;
}

function recordScheduled(context: StateContext, integration: Integration, args: unknown, limits: TaskLimits): void {
  const { run, frame } = context;
  if (integration.lambdaFunctionEvents) {
    run.addEvent(frame, 'LambdaFunctionScheduled', {
      resource: integration.resource,
      input: payloadDetail(args),
      inputDetails: { truncated: false },
      timeoutInSeconds: limits.timeoutSeconds,
    });
    run.addEvent(frame, 'LambdaFunctionStarted');
    return;
  }
  run.addEvent(frame, 'TaskScheduled', {
    resourceType: integration.resourceType,
    resource: integration.resource,
    region: run.host.region,
    parameters: payloadDetail(args),
    timeoutInSeconds: limits.timeoutSeconds,
    ...(limits.heartbeatSeconds !== undefined ? { heartbeatInSeconds: limits.heartbeatSeconds } : {}),
  });
  run.addEvent(frame, 'TaskStarted', { resourceType: integration.resourceType, resource: integration.resource });
}

function recordFailure(context: StateContext, integration: Integration, error: StatesError): void {
  const timedOut = error.error === StatesErrorName.Timeout || error.error === StatesErrorName.HeartbeatTimeout;
  const details = { error: error.error, cause: error.causeText };
  if (integration.lambdaFunctionEvents) {
    context.run.addEvent(context.frame, timedOut ? 'LambdaFunctionTimedOut' : 'LambdaFunctionFailed', details);
    return;
  }
  context.run.addEvent(context.frame, timedOut ? 'TaskTimedOut' : 'TaskFailed', {
    resourceType: integration.resourceType,
    resource: integration.resource,
    ...details,
  });
}

function recordSuccess(context: StateContext, integration: Integration, result: unknown): void {
  const output = { output: payloadDetail(result), outputDetails: { truncated: false } };
  if (integration.lambdaFunctionEvents) {
    context.run.addEvent(context.frame, 'LambdaFunctionSucceeded', output);
    return;
  }
  context.run.addEvent(context.frame, 'TaskSucceeded', {
    resourceType: integration.resourceType,
    resource: integration.resource,
    ...output,
  });
}

function taskDeadline(stateName: string, phase: TaskPhase, limits: TaskLimits) {
  return {
    at: phase.startedAt + limits.timeoutSeconds * 1000,
    error: timeoutError(stateName, limits.timeoutSeconds),
  };
}

/** Waits for SendTaskSuccess or SendTaskFailure. Each heartbeat restarts the heartbeat deadline. */
async function awaitCallback(context: StateContext, phase: TaskPhase, limits: TaskLimits): Promise<unknown> {
  const { run, frame } = context;
  const token = phase.token!;
  for (;;) {
    if (phase.callback !== undefined) {
      const { callback } = phase;
      if (callback.error !== undefined || callback.cause !== undefined) {
        throw new StatesError(callback.error ?? '', callback.cause ?? '');
      }
      return callback.output;
    }
    const deadlines = [taskDeadline(frame.stateName, phase, limits)];
    if (limits.heartbeatSeconds !== undefined) {
      const lastBeat = phase.lastHeartbeatAt ?? phase.startedAt;
      deadlines.push({
        at: lastBeat + limits.heartbeatSeconds * 1000,
        error: heartbeatError(frame.stateName, limits.heartbeatSeconds),
      });
    }
    await raceDeadlines(context, deadlines, () => run.waitForCallback(token));
  }
}

async function runIntegration(
  context: StateContext,
  integration: Integration,
  phase: TaskPhase,
  args: unknown,
  limits: TaskLimits,
): Promise<unknown> {
  const { run, frame } = context;
  const timeout = [taskDeadline(frame.stateName, phase, limits)];

  if (!phase.submitted) {
    const invocation = await raceDeadlines(context, timeout, (signal) =>
      integration.invoke({ stateName: frame.stateName, arguments: args, signal, run, frame, phase }),
    );
    if (!integration.waitForTaskToken) {
      return invocation;
    }
    phase.submitted = true;
    run.addEvent(frame, 'TaskSubmitted', {
      resourceType: integration.resourceType,
      resource: integration.resource,
      output: payloadDetail(invocation),
      outputDetails: { truncated: false },
    });
    await run.checkpoint(true);
  }

  return awaitCallback(context, phase, limits);
}

/**
 * Runs a Task state: evaluates Arguments, calls the integration within
 * TimeoutSeconds (and HeartbeatSeconds for callbacks), then Output and Assign.
 * After a restart an invocation in flight runs again, because its outcome was
 * never checkpointed, but a callback task whose invocation returned only waits.
 */
export async function runTask(context: StateContext): Promise<StateOutcome> {
  const { run, frame, state } = context;
  const integration = resolveIntegration(state.Resource ?? '');
  if (integration === undefined) {
    throw new StatesError(
      StatesErrorName.Runtime,
      `The Resource '${state.Resource}' of Task state '${frame.stateName}' is not supported.`,
    );
  }

  let phase = frame.phase?.kind === 'task' ? frame.phase : undefined;
  if (phase === undefined) {
    phase = { kind: 'task', startedAt: run.clock.now(), scheduled: false };
    if (integration.waitForTaskToken) {
      phase.token = run.newTaskToken(frame);
    }
    frame.phase = phase;
  }

  const limits: TaskLimits = {
    timeoutSeconds: (await evaluateSeconds(context, 'TimeoutSeconds')) ?? defaultTaskTimeoutSeconds,
    heartbeatSeconds: await evaluateSeconds(context, 'HeartbeatSeconds'),
  };
  let args = context.input;
  if (state.Arguments !== undefined) {
    args = await context.evaluate(state.Arguments, 'Arguments', { taskToken: phase.token });
  }

  if (!phase.scheduled) {
    recordScheduled(context, integration, args, limits);
    phase.scheduled = true;
    await run.checkpoint(true);
  }

  let result: unknown;
  try {
    result = await runIntegration(context, integration, phase, args, limits);
  } catch (error) {
    if (error instanceof StatesError && !context.signal.aborted) {
      recordFailure(context, integration, error);
    }
    throw error;
  }
  recordSuccess(context, integration, result);

  return completeState(context, state, { result, taskToken: phase.token }, result, nextOf(state));
}
