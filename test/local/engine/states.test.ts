import type { TestEngine } from './helpers';
import { createMachine, definition, describe as describeExecution, eventTypes, finished, ok, runMachine, start, startTestEngine, thrown, waitFor } from './helpers';

function outputOf(description: Record<string, unknown>): unknown {
  return JSON.parse(description.output as string);
}

describe('state types', () => {
  let test: TestEngine;

  beforeEach(async () => {
    test = await startTestEngine();
  });

  afterEach(() => test.cleanup());

  it('Pass passes its input on by default', async () => {
    const text = definition('P', { P: { Type: 'Pass', End: true } });

    expect(outputOf(await runMachine(test, text, { a: 1 }))).toEqual({ a: 1 });
  });

  it('Choice takes the first true Condition', async () => {
    const text = definition('C', {
      C: {
        Type: 'Choice',
        Choices: [
          { Condition: '{% $states.input.n > 10 %}', Next: 'Big' },
          { Condition: '{% $states.input.n > 0 %}', Next: 'Small' },
        ],
        Default: 'Zero',
      },
      Big: { Type: 'Pass', Output: 'big', End: true },
      Small: { Type: 'Pass', Output: 'small', End: true },
      Zero: { Type: 'Pass', Output: 'zero', End: true },
    });

    expect(outputOf(await runMachine(test, text, { n: 5 }))).toBe('small');
    expect(outputOf(await runMachine(test, text, { n: 50 }))).toBe('big');
    expect(outputOf(await runMachine(test, text, { n: 0 }))).toBe('zero');
  });

  it('Choice merges rule and state Assign', async () => {
    const text = definition('C', {
      C: { Type: 'Choice', Assign: { always: 'state' }, Choices: [{ Condition: '{% true %}', Assign: { picked: 'rule' }, Output: { via: 'rule' }, Next: 'End' }], Default: 'End' },
      End: { Type: 'Pass', Output: { input: '{% $states.input %}', picked: '{% $picked %}', always: '{% $always %}' }, End: true },
    });

    expect(outputOf(await runMachine(test, text))).toEqual({ input: { via: 'rule' }, picked: 'rule', always: 'state' });
  });

  it('Choice Default uses the state fields', async () => {
    const text = definition('C', {
      C: { Type: 'Choice', Assign: { path: 'default' }, Output: { from: 'state' }, Choices: [{ Condition: '{% false %}', Assign: { path: 'rule' }, Next: 'End' }], Default: 'End' },
      End: { Type: 'Pass', Output: { input: '{% $states.input %}', path: '{% $path %}' }, End: true },
    });

    expect(outputOf(await runMachine(test, text))).toEqual({ input: { from: 'state' }, path: 'default' });
  });

  it('Choice without a match fails with NoChoiceMatched', async () => {
    const text = definition('C', { C: { Type: 'Choice', Choices: [{ Condition: '{% false %}', Next: 'X' }] }, X: { Type: 'Succeed' } });

    const description = await runMachine(test, text);

    expect(description.error).toBe('States.NoChoiceMatched');
  });

  it('Choice Condition must return a boolean', async () => {
    const text = definition('C', { C: { Type: 'Choice', Choices: [{ Condition: '{% "yes" %}', Next: 'X' }], Default: 'X' }, X: { Type: 'Succeed' } });

    const description = await runMachine(test, text);

    expect(description.error).toBe('States.QueryEvaluationError');
    expect(description.cause).toContain('must return a boolean');
  });

  it('Wait Seconds waits on the clock', async () => {
    const arn = await createMachine(test.engine, 'wait', definition('W', { W: { Type: 'Wait', Seconds: '{% $states.input.s %}', Next: 'Done' }, Done: { Type: 'Succeed' } }));
    const execution = await start(test.engine, arn, { s: 30 });

    await waitFor(() => test.clock.pendingDelays().length === 1, 'the Wait to sleep');
    expect(test.clock.pendingDelays()).toEqual([30000]);
    expect((await describeExecution(test.engine, execution)).status).toBe('RUNNING');
    test.clock.advance(30000);

    expect((await finished(test.engine, execution)).status).toBe('SUCCEEDED');
  });

  it('Wait Timestamp waits until that time', async () => {
    const arn = await createMachine(test.engine, 'wait-until', definition('W', { W: { Type: 'Wait', Timestamp: '2026-01-01T01:00:00Z', End: true } }));
    const execution = await start(test.engine, arn);

    await waitFor(() => test.clock.pendingDelays().length === 1, 'the Wait to sleep');
    expect(test.clock.pendingDelays()).toEqual([3600000]);
    test.clock.advance(3600000);

    expect((await finished(test.engine, execution)).status).toBe('SUCCEEDED');
  });

  it('Succeed applies its Output', async () => {
    const text = definition('S', { S: { Type: 'Succeed', Output: { done: '{% $states.input.id %}' } } });

    expect(outputOf(await runMachine(test, text, { id: 9 }))).toEqual({ done: 9 });
  });

  it('Fail evaluates Error and Cause expressions', async () => {
    const text = definition('F', { F: { Type: 'Fail', Error: '{% "Custom." & $states.input.kind %}', Cause: '{% "because " & $states.input.why %}' } });

    const description = await runMachine(test, text, { kind: 'Bad', why: 'reasons' });

    expect(description.status).toBe('FAILED');
    expect(description.error).toBe('Custom.Bad');
    expect(description.cause).toBe('because reasons');
  });

  it('Parallel passes Arguments to every branch', async () => {
    const text = definition('Fork', {
      Fork: {
        Type: 'Parallel',
        Arguments: { n: '{% $states.input.n * 10 %}' },
        Branches: [
          { StartAt: 'A', States: { A: { Type: 'Pass', Output: '{% $states.input.n + 1 %}', End: true } } },
          { StartAt: 'B', States: { B: { Type: 'Pass', Output: '{% $states.input.n + 2 %}', End: true } } },
        ],
        End: true,
      },
    });

    expect(outputOf(await runMachine(test, text, { n: 1 }))).toEqual([11, 12]);
  });

  it('Parallel fails with the failed branch error', async () => {
    test.services.functions.set('slow', () => new Promise(() => undefined));
    const text = definition('Fork', {
      Fork: {
        Type: 'Parallel',
        Branches: [
          { StartAt: 'Hang', States: { Hang: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Arguments: { FunctionName: 'slow' }, End: true } } },
          { StartAt: 'Boom', States: { Boom: { Type: 'Fail', Error: 'Branch.Broken', Cause: 'branch 2' } } },
        ],
        End: true,
      },
    });

    const description = await runMachine(test, text);

    expect(description.error).toBe('Branch.Broken');
    expect(description.cause).toBe('branch 2');
    expect(await eventTypes(test.engine, description.executionArn as string)).toContain('ParallelStateFailed');
  });

  it('Map runs the ItemProcessor per item in order', async () => {
    const text = definition('Each', {
      Each: {
        Type: 'Map',
        Items: '{% $states.input.values %}',
        ItemProcessor: { StartAt: 'Double', States: { Double: { Type: 'Pass', Output: '{% $states.input * 2 %}', End: true } } },
        End: true,
      },
    });

    expect(outputOf(await runMachine(test, text, { values: [1, 2, 3] }))).toEqual([2, 4, 6]);
  });

  it('Map with an empty array returns an empty array', async () => {
    const text = definition('Each', {
      Each: { Type: 'Map', Items: [], ItemProcessor: { StartAt: 'X', States: { X: { Type: 'Pass', End: true } } }, Next: 'After' },
      After: { Type: 'Pass', Output: { got: '{% $states.input %}' }, End: true },
    });

    const description = await runMachine(test, text);

    expect(outputOf(description)).toEqual({ got: [] });
    expect(await eventTypes(test.engine, description.executionArn as string)).toContain('MapStateSucceeded');
  });

  it('Map ItemSelector sees the item index and value', async () => {
    const text = definition('Each', {
      Each: {
        Type: 'Map',
        Items: ['a', 'b'],
        ItemSelector: { index: '{% $states.context.Map.Item.Index %}', value: '{% $states.context.Map.Item.Value %}', tag: '{% $states.input.tag %}' },
        ItemProcessor: { StartAt: 'X', States: { X: { Type: 'Pass', End: true } } },
        End: true,
      },
    });

    const output = outputOf(await runMachine(test, text, { tag: 't' }));

    expect(output).toEqual([
      { index: 0, value: 'a', tag: 't' },
      { index: 1, value: 'b', tag: 't' },
    ]);
  });

  it('Map Items must be an array', async () => {
    const text = definition('Each', { Each: { Type: 'Map', Items: '{% $states.input %}', ItemProcessor: { StartAt: 'X', States: { X: { Type: 'Pass', End: true } } }, End: true } });

    const description = await runMachine(test, text, { not: 'an array' });

    expect(description.error).toBe('States.QueryEvaluationError');
    expect(description.cause).toContain('must be a JSON array');
  });

  it('Map MaxConcurrency limits running iterations', async () => {
    let running = 0;
    let maxRunning = 0;
    const releases: (() => void)[] = [];
    test.services.functions.set('work', async () => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      await new Promise<void>((resolve) => releases.push(resolve));
      running--;
      return ok('done');
    });
    const text = definition('Each', {
      Each: {
        Type: 'Map',
        Items: [1, 2, 3, 4, 5],
        MaxConcurrency: 2,
        ItemProcessor: { StartAt: 'Work', States: { Work: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Arguments: { FunctionName: 'work' }, Output: '{% $states.result.Payload %}', End: true } } },
        End: true,
      },
    });
    const arn = await createMachine(test.engine, 'limited', text);
    const execution = await start(test.engine, arn);

    for (let released = 0; released < 5; released++) {
      await waitFor(() => releases.length > 0, 'an iteration to start');
      releases.shift()!();
    }
    const description = await finished(test.engine, execution);

    expect(maxRunning).toBe(2);
    expect(outputOf(description)).toEqual(['done', 'done', 'done', 'done', 'done']);
  });

  it('Map fails with the failed iteration error', async () => {
    test.services.functions.set('check', (payload) => ((payload as { n: number }).n === 2 ? thrown('Item.Invalid', 'two') : ok('fine')));
    const text = definition('Each', {
      Each: {
        Type: 'Map',
        Items: [1, 2, 3],
        ItemProcessor: { StartAt: 'Check', States: { Check: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Arguments: { FunctionName: 'check', Payload: { n: '{% $states.input %}' } }, End: true } } },
        End: true,
      },
    });

    const description = await runMachine(test, text);
    const types = await eventTypes(test.engine, description.executionArn as string);

    expect(description.error).toBe('Item.Invalid');
    expect(types).toContain('MapIterationFailed');
    expect(types).toContain('MapStateFailed');
  });
});
