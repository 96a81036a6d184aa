import type { TestEngine } from './helpers';
import { createMachine, definition, eventTypes, finished, history, ok, start, startTestEngine, tokenSentTo, waitFor } from './helpers';

function callbackTask(extra: Record<string, unknown>): string {
  return definition('Approve', {
    Approve: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      Arguments: { FunctionName: 'approval', Payload: { token: '{% $states.context.Task.Token %}' } },
      End: true,
      ...extra,
    },
  });
}

describe('timeouts and task tokens', () => {
  let test: TestEngine;

  beforeEach(async () => {
    test = await startTestEngine();
    test.services.functions.set('approval', () => ok(null));
  });

  afterEach(() => test.cleanup());

  it('fails a task after TimeoutSeconds', async () => {
    test.services.functions.set('hang', () => new Promise(() => undefined));
    const arn = await createMachine(test.engine, 'slow', definition('Call', { Call: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Arguments: { FunctionName: 'hang' }, TimeoutSeconds: 5, End: true } }));
    const execution = await start(test.engine, arn);

    await waitFor(() => test.clock.pendingDelays().includes(5000), 'the task timeout');
    test.clock.advance(5000);
    const description = await finished(test.engine, execution);

    expect(description.error).toBe('States.Timeout');
    expect(await eventTypes(test.engine, execution)).toContain('TaskTimedOut');
  });

  it('fails a callback task without heartbeats', async () => {
    const arn = await createMachine(test.engine, 'heartbeat', callbackTask({ HeartbeatSeconds: 60, TimeoutSeconds: 3600 }));
    const execution = await start(test.engine, arn);

    await tokenSentTo(test.services, 'approval');
    await waitFor(() => test.clock.pendingDelays().includes(60000), 'the heartbeat deadline');
    test.clock.advance(60000);
    const description = await finished(test.engine, execution);

    expect(description.error).toBe('States.HeartbeatTimeout');
  });

  it('keeps a callback task alive with heartbeats', async () => {
    const arn = await createMachine(test.engine, 'heartbeat-ok', callbackTask({ HeartbeatSeconds: 60 }));
    const execution = await start(test.engine, arn);
    const token = await tokenSentTo(test.services, 'approval');

    for (let beat = 0; beat < 3; beat++) {
      await waitFor(() => test.clock.pendingDelays().some((delay) => delay <= 60000), 'the heartbeat deadline');
      test.clock.advance(50000);
      await test.engine.call('SendTaskHeartbeat', { taskToken: token });
    }
    await test.engine.call('SendTaskSuccess', { taskToken: token, output: '{"approved":true}' });
    const description = await finished(test.engine, execution);

    expect(description.status).toBe('SUCCEEDED');
    expect(JSON.parse(description.output as string)).toEqual({ approved: true });
  });

  it('fails a callback task on SendTaskFailure', async () => {
    const arn = await createMachine(test.engine, 'rejected', callbackTask({}));
    const execution = await start(test.engine, arn);
    const token = await tokenSentTo(test.services, 'approval');

    await test.engine.call('SendTaskFailure', { taskToken: token, error: 'Approval.Rejected', cause: 'no budget' });
    const description = await finished(test.engine, execution);

    expect(description.error).toBe('Approval.Rejected');
    expect(description.cause).toBe('no budget');
  });

  it('answers TaskTimedOut for a closed token', async () => {
    const arn = await createMachine(test.engine, 'closed-token', callbackTask({}));
    const execution = await start(test.engine, arn);
    const token = await tokenSentTo(test.services, 'approval');
    await test.engine.call('SendTaskSuccess', { taskToken: token, output: '{}' });
    await finished(test.engine, execution);

    const late = test.engine.call('SendTaskSuccess', { taskToken: token, output: '{}' });

    await expect(late).rejects.toMatchObject({ errorName: 'TaskTimedOut' });
  });

  it('answers TaskTimedOut for an expired token', async () => {
    const arn = await createMachine(test.engine, 'expired-token', callbackTask({ TimeoutSeconds: 10 }));
    const execution = await start(test.engine, arn);
    const token = await tokenSentTo(test.services, 'approval');
    await waitFor(() => test.clock.pendingDelays().includes(10000), 'the task timeout');
    test.clock.advance(10000);
    await finished(test.engine, execution);

    await expect(test.engine.call('SendTaskHeartbeat', { taskToken: token })).rejects.toMatchObject({ errorName: 'TaskTimedOut' });
  });

  it('answers InvalidToken for garbage', async () => {
    await expect(test.engine.call('SendTaskSuccess', { taskToken: 'not a token', output: '{}' })).rejects.toMatchObject({ errorName: 'InvalidToken' });
  });

  it('answers InvalidOutput for output that is not JSON', async () => {
    const arn = await createMachine(test.engine, 'bad-output', callbackTask({}));
    await start(test.engine, arn);
    const token = await tokenSentTo(test.services, 'approval');

    await expect(test.engine.call('SendTaskSuccess', { taskToken: token, output: '{nope' })).rejects.toMatchObject({ errorName: 'InvalidOutput' });
  });

  it('records TaskSubmitted then TaskSucceeded for a callback', async () => {
    const arn = await createMachine(test.engine, 'callback-history', callbackTask({}));
    const execution = await start(test.engine, arn);
    const token = await tokenSentTo(test.services, 'approval');
    await test.engine.call('SendTaskSuccess', { taskToken: token, output: '{"ok":1}' });
    await finished(test.engine, execution);

    const events = await history(test.engine, execution);
    const types = events.map((event) => event.type);

    expect(types).toEqual(['ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskSubmitted', 'TaskSucceeded', 'TaskStateExited', 'ExecutionSucceeded']);
    const scheduled = events[2].taskScheduledEventDetails as Record<string, unknown>;
    expect(scheduled.resourceType).toBe('lambda');
    expect(scheduled.resource).toBe('invoke.waitForTaskToken');
    expect((events[5].taskSucceededEventDetails as Record<string, unknown>).output).toBe('{"ok":1}');
  });

  it('times out the execution after the state machine TimeoutSeconds', async () => {
    const text = definition('W', { W: { Type: 'Wait', Seconds: 3600, End: true } }, { TimeoutSeconds: 60 });
    const arn = await createMachine(test.engine, 'execution-timeout', text);
    const execution = await start(test.engine, arn);

    await waitFor(() => test.clock.pendingDelays().length === 2, 'the Wait and the execution timeout');
    test.clock.advance(60000);
    const description = await finished(test.engine, execution);

    expect(description.status).toBe('TIMED_OUT');
    expect(description.error).toBe('States.Timeout');
    expect((await eventTypes(test.engine, execution)).at(-1)).toBe('ExecutionTimedOut');
    await waitFor(() => test.events.length === 2, 'the TIMED_OUT status event');
    expect(test.events.map((event) => event.detail.status)).toEqual(['RUNNING', 'TIMED_OUT']);
  });
});
