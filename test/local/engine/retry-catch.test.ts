import { errorMatches } from '../../../lib/local/engine/errors';
import { retryDelayMs } from '../../../lib/local/engine/retry';
import type { TestEngine } from './helpers';
import { createMachine, definition, finished, ok, runMachine, start, startTestEngine, thrown, waitFor } from './helpers';

function flakyTask(retry: unknown[], extra: Record<string, unknown> = {}): string {
  return definition('Call', {
    Call: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Arguments: { FunctionName: 'flaky' }, Output: '{% $states.result.Payload %}', Retry: retry, End: true, ...extra },
  });
}

describe('Retry and Catch', () => {
  let test: TestEngine;

  beforeEach(async () => {
    test = await startTestEngine();
  });

  afterEach(() => test.cleanup());

  it('retries with exponential backoff on the clock', async () => {
    let calls = 0;
    test.services.functions.set('flaky', () => (++calls < 4 ? thrown('Flaky', `attempt ${calls}`) : ok({ attempt: calls })));
    const arn = await createMachine(test.engine, 'backoff', flakyTask([{ ErrorEquals: ['Flaky'], IntervalSeconds: 2, BackoffRate: 3, MaxAttempts: 3 }]));
    const execution = await start(test.engine, arn);

    for (const expected of [2000, 6000, 18000]) {
      await waitFor(() => test.clock.pendingDelays().length === 1, `a backoff of ${expected} ms`);
      expect(test.clock.pendingDelays()).toEqual([expected]);
      test.clock.advance(expected);
    }
    const description = await finished(test.engine, execution);

    expect(description.status).toBe('SUCCEEDED');
    expect(JSON.parse(description.output as string)).toEqual({ attempt: 4 });
  });

  it('caps the backoff at MaxDelaySeconds', () => {
    const retrier = { ErrorEquals: ['X'], IntervalSeconds: 10, BackoffRate: 3, MaxDelaySeconds: 50 };

    expect([0, 1, 2, 3].map((attempt) => retryDelayMs(retrier, attempt))).toEqual([10000, 30000, 50000, 50000]);
  });

  it('uses the default interval and backoff', () => {
    expect([0, 1, 2].map((attempt) => retryDelayMs({ ErrorEquals: ['X'] }, attempt))).toEqual([1000, 2000, 4000]);
  });

  it('draws a FULL jitter delay below the backoff', () => {
    const retrier = { ErrorEquals: ['X'], IntervalSeconds: 4, JitterStrategy: 'FULL' as const };

    expect(retryDelayMs(retrier, 1, () => 0.5)).toBe(4000);
    expect(retryDelayMs(retrier, 1, () => 0)).toBe(0);
  });

  it('fails after MaxAttempts, three by default', async () => {
    let calls = 0;
    test.services.functions.set('flaky', () => thrown('Flaky', `attempt ${++calls}`));
    const arn = await createMachine(test.engine, 'exhausted', flakyTask([{ ErrorEquals: ['States.ALL'], IntervalSeconds: 1 }]));
    const execution = await start(test.engine, arn);

    for (let retry = 0; retry < 3; retry++) {
      await waitFor(() => test.clock.pendingDelays().length === 1, 'a backoff');
      test.clock.advance(test.clock.pendingDelays()[0]);
    }
    const description = await finished(test.engine, execution);

    expect(description.status).toBe('FAILED');
    expect(calls).toBe(4);
    expect(JSON.parse(description.cause as string).errorMessage).toBe('attempt 4');
  });

  it('does not retry with MaxAttempts 0', async () => {
    let calls = 0;
    test.services.functions.set('flaky', () => thrown('Flaky', `attempt ${++calls}`));

    const description = await runMachine(test, flakyTask([{ ErrorEquals: ['Flaky'], MaxAttempts: 0 }]));

    expect(description.status).toBe('FAILED');
    expect(calls).toBe(1);
  });

  it('counts retries in the context object', async () => {
    let calls = 0;
    test.services.functions.set('flaky', (payload) => (++calls < 3 ? thrown('Flaky', 'again') : ok(payload)));
    const text = definition('Call', {
      Call: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        Arguments: { FunctionName: 'flaky', Payload: { retry: '{% $states.context.State.RetryCount %}' } },
        Output: '{% $states.result.Payload %}',
        Retry: [{ ErrorEquals: ['Flaky'], IntervalSeconds: 1 }],
        End: true,
      },
    });
    const arn = await createMachine(test.engine, 'retry-count', text);
    const execution = await start(test.engine, arn);

    for (let retry = 0; retry < 2; retry++) {
      await waitFor(() => test.clock.pendingDelays().length === 1, 'a backoff');
      test.clock.advance(test.clock.pendingDelays()[0]);
    }

    expect(JSON.parse((await finished(test.engine, execution)).output as string)).toEqual({ retry: 2 });
  });

  it('uses the first matching retrier only', async () => {
    let calls = 0;
    test.services.functions.set('flaky', () => thrown('Specific', `attempt ${++calls}`));

    const description = await runMachine(test, flakyTask([{ ErrorEquals: ['Specific'], MaxAttempts: 0 }, { ErrorEquals: ['States.ALL'], MaxAttempts: 5 }]));

    expect(description.status).toBe('FAILED');
    expect(calls).toBe(1);
  });

  it('catches after retries are exhausted', async () => {
    test.services.functions.set('flaky', () => thrown('Flaky', 'always'));
    const text = definition('Call', {
      Call: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        Arguments: { FunctionName: 'flaky' },
        Retry: [{ ErrorEquals: ['Flaky'], MaxAttempts: 1 }],
        Catch: [{ ErrorEquals: ['Flaky'], Next: 'Recover' }],
        End: true,
      },
      Recover: { Type: 'Pass', Output: 'recovered', End: true },
    });
    const arn = await createMachine(test.engine, 'retry-then-catch', text);
    const execution = await start(test.engine, arn);

    await waitFor(() => test.clock.pendingDelays().length === 1, 'a backoff');
    test.clock.advance(1000);

    expect(JSON.parse((await finished(test.engine, execution)).output as string)).toBe('recovered');
  });

  it('retries a QueryEvaluationError by name', async () => {
    const text = definition('Fork', {
      Fork: {
        Type: 'Parallel',
        Branches: [{ StartAt: 'Bad', States: { Bad: { Type: 'Pass', Output: '{% $states.input.nothing %}', End: true } } }],
        Catch: [{ ErrorEquals: ['States.QueryEvaluationError'], Output: 'caught', Next: 'Done' }],
        End: true,
      },
      Done: { Type: 'Succeed' },
    });

    expect(JSON.parse((await runMachine(test, text)).output as string)).toBe('caught');
  });

  it('matches error names by the States rules', () => {
    expect(errorMatches(['States.ALL'], 'Custom')).toBe(true);
    expect(errorMatches(['States.ALL'], 'States.Runtime')).toBe(false);
    expect(errorMatches(['States.ALL'], 'States.DataLimitExceeded')).toBe(false);
    expect(errorMatches(['States.DataLimitExceeded'], 'States.DataLimitExceeded')).toBe(true);
    expect(errorMatches(['States.TaskFailed'], 'Lambda.Unknown')).toBe(true);
    expect(errorMatches(['States.TaskFailed'], 'States.Timeout')).toBe(false);
    expect(errorMatches(['States.Timeout'], 'States.Timeout')).toBe(true);
    expect(errorMatches(['States.Runtime'], 'States.Runtime')).toBe(false);
    expect(errorMatches(['Other'], 'Custom')).toBe(false);
  });

  it('rejects States.ALL that is not alone and last', async () => {
    const text = definition('Call', {
      Call: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        Arguments: { FunctionName: 'f' },
        Retry: [{ ErrorEquals: ['States.ALL', 'Other'] }, { ErrorEquals: ['Late'] }],
        End: true,
      },
    });

    const creation = test.engine.call('CreateStateMachine', { name: 'all-first', definition: text, roleArn: 'arn:aws:iam::000000000000:role/r' });

    await expect(creation).rejects.toMatchObject({ errorName: 'InvalidDefinition', message: expect.stringContaining('States.ALL must appear alone') });
    await expect(creation).rejects.toMatchObject({ message: expect.stringContaining('must be the last one') });
  });
});
