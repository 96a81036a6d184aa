import type { TestEngine } from './helpers';
import { createMachine, definition, eventTypes, finished, ok, start, startTestEngine, thrown, waitFor } from './helpers';

describe('RedriveExecution', () => {
  let test: TestEngine;

  beforeEach(async () => {
    test = await startTestEngine();
  });

  afterEach(() => test.cleanup());

  it('re-runs only the failed Parallel branch', async () => {
    let stableCalls = 0;
    let flakyCalls = 0;
    test.services.functions.set('stable', () => ok(`stable ${++stableCalls}`));
    test.services.functions.set('flaky', () => (++flakyCalls === 1 ? thrown('Flaky', 'first time') : ok(`flaky ${flakyCalls}`)));
    const invoke = (name: string) => ({ Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Arguments: { FunctionName: name }, Output: '{% $states.result.Payload %}', End: true });
    const text = definition('Fork', {
      Fork: {
        Type: 'Parallel',
        Branches: [
          { StartAt: 'Stable', States: { Stable: invoke('stable') } },
          { StartAt: 'Flaky', States: { Flaky: invoke('flaky') } },
        ],
        End: true,
      },
    });
    const arn = await createMachine(test.engine, 'forked', text);
    const execution = await start(test.engine, arn);
    expect((await finished(test.engine, execution)).status).toBe('FAILED');

    const redrive = await test.engine.call('RedriveExecution', { executionArn: execution });
    const description = await finished(test.engine, execution);

    expect(redrive.redriveDate).toBe(Date.parse('2026-01-01T00:00:00Z') / 1000);
    expect(description.status).toBe('SUCCEEDED');
    expect(JSON.parse(description.output as string)).toEqual(['stable 1', 'flaky 2']);
    expect(stableCalls).toBe(1);
    expect(description.redriveCount).toBe(1);
    expect(await eventTypes(test.engine, execution)).toContain('ExecutionRedriven');
  });

  it('re-runs only the failed Map iterations', async () => {
    const calls: number[] = [];
    let failOnce = true;
    test.services.functions.set('item', (payload) => {
      const n = payload as number;
      calls.push(n);
      if (n === 2 && failOnce) {
        failOnce = false;
        return thrown('Item.Failed', 'two');
      }
      return ok(n * 10);
    });
    const text = definition('Each', {
      Each: {
        Type: 'Map',
        Items: [1, 2, 3],
        MaxConcurrency: 1,
        ItemProcessor: { StartAt: 'Work', States: { Work: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Arguments: { FunctionName: 'item', Payload: '{% $states.input %}' }, Output: '{% $states.result.Payload %}', End: true } } },
        End: true,
      },
    });
    const arn = await createMachine(test.engine, 'mapped', text);
    const execution = await start(test.engine, arn);
    expect((await finished(test.engine, execution)).error).toBe('Item.Failed');

    await test.engine.call('RedriveExecution', { executionArn: execution });
    const description = await finished(test.engine, execution);

    expect(JSON.parse(description.output as string)).toEqual([10, 20, 30]);
    expect(calls).toEqual([1, 2, 2, 3]);
  });

  it('re-runs from the failed state with the variables it had', async () => {
    let calls = 0;
    test.services.functions.set('once', () => (++calls === 1 ? thrown('Down', 'service down') : ok('up')));
    const text = definition('Init', {
      Init: { Type: 'Pass', Assign: { id: '{% $states.input.id %}' }, Next: 'Call' },
      Call: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Arguments: { FunctionName: 'once' }, Output: { id: '{% $id %}', redrives: '{% $states.context.Execution.RedriveCount %}' }, End: true },
    });
    const arn = await createMachine(test.engine, 'linear', text);
    const execution = await start(test.engine, arn, { id: 'x-1' });
    await finished(test.engine, execution);

    await test.engine.call('RedriveExecution', { executionArn: execution });
    const description = await finished(test.engine, execution);
    const types = await eventTypes(test.engine, execution);

    expect(JSON.parse(description.output as string)).toEqual({ id: 'x-1', redrives: 1 });
    expect(types.filter((type) => type === 'PassStateEntered')).toHaveLength(1);
    await waitFor(() => test.events.length === 4, 'four status events');
    expect(test.events.map((event) => event.detail.status)).toEqual(['RUNNING', 'FAILED', 'RUNNING', 'SUCCEEDED']);
  });

  it('refuses to redrive a succeeded execution', async () => {
    const arn = await createMachine(test.engine, 'fine', definition('P', { P: { Type: 'Pass', End: true } }));
    const execution = await start(test.engine, arn);
    const description = await finished(test.engine, execution);

    expect(description.redriveStatus).toBe('NOT_REDRIVABLE');
    await expect(test.engine.call('RedriveExecution', { executionArn: execution })).rejects.toMatchObject({ errorName: 'ExecutionNotRedrivable' });
  });

  it('redrives a timed-out execution', async () => {
    const text = definition('W', { W: { Type: 'Wait', Seconds: 100, End: true } }, { TimeoutSeconds: 50 });
    const arn = await createMachine(test.engine, 'timed', text);
    const execution = await start(test.engine, arn);
    await waitFor(() => test.clock.pendingDelays().length === 2, 'the Wait and the execution timeout');
    test.clock.advance(50000);
    expect((await finished(test.engine, execution)).status).toBe('TIMED_OUT');

    await test.engine.call('RedriveExecution', { executionArn: execution });
    await waitFor(() => test.clock.pendingDelays().length === 2, 'the redriven Wait and timeout');
    const delays = test.clock.pendingDelays();
    test.clock.advance(50000);

    expect(delays).toEqual([50000, 100000]);
    expect((await finished(test.engine, execution)).status).toBe('TIMED_OUT');
  });

  it('redrives an aborted execution', async () => {
    const arn = await createMachine(test.engine, 'aborted', definition('W', { W: { Type: 'Wait', Seconds: 10, End: true } }));
    const execution = await start(test.engine, arn);
    await test.engine.call('StopExecution', { executionArn: execution });

    await test.engine.call('RedriveExecution', { executionArn: execution });
    await waitFor(() => test.clock.pendingDelays().length === 1, 'the Wait to sleep again');
    test.clock.advance(10000);

    expect((await finished(test.engine, execution)).status).toBe('SUCCEEDED');
  });
});
