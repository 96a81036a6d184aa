import type { TestEngine } from './helpers';
import { definition, ok, runMachine, startTestEngine, thrown } from './helpers';

function outputOf(description: Record<string, unknown>): unknown {
  return JSON.parse(description.output as string);
}

describe('variables', () => {
  let test: TestEngine;

  beforeEach(async () => {
    test = await startTestEngine();
  });

  afterEach(() => test.cleanup());

  it('evaluates Assign and Output against values at state entry', async () => {
    const text = definition('First', {
      First: { Type: 'Pass', Assign: { x: 1 }, Next: 'Second' },
      Second: { Type: 'Pass', Assign: { x: '{% $x + 10 %}' }, Output: { seen: '{% $x %}' }, Next: 'Third' },
      Third: { Type: 'Pass', Output: { seen: '{% $states.input.seen %}', now: '{% $x %}' }, End: true },
    });

    const output = outputOf(await runMachine(test, text));

    expect(output).toEqual({ seen: 1, now: 11 });
  });

  it('lets Parallel branches read outer variables', async () => {
    const text = definition('Init', {
      Init: { Type: 'Pass', Assign: { base: 5 }, Next: 'Fork' },
      Fork: {
        Type: 'Parallel',
        Branches: [
          { StartAt: 'A', States: { A: { Type: 'Pass', Output: '{% $base + 1 %}', End: true } } },
          { StartAt: 'B', States: { B: { Type: 'Pass', Assign: { local: 2 }, Next: 'B2' }, B2: { Type: 'Pass', Output: '{% $base * $local %}', End: true } } },
        ],
        End: true,
      },
    });

    const output = outputOf(await runMachine(test, text));

    expect(output).toEqual([6, 10]);
  });

  it('keeps branch variables out of the outer scope', async () => {
    const text = definition('Fork', {
      Fork: {
        Type: 'Parallel',
        Branches: [{ StartAt: 'A', States: { A: { Type: 'Pass', Assign: { inner: 1 }, End: true } } }],
        Next: 'After',
      },
      After: { Type: 'Pass', Output: '{% $inner %}', End: true },
    });

    const description = await runMachine(test, text);

    expect(description.status).toBe('FAILED');
    expect(description.error).toBe('States.QueryEvaluationError');
  });

  it('rejects assigning an outer variable in a branch', async () => {
    const text = definition('Init', {
      Init: { Type: 'Pass', Assign: { total: 0 }, Next: 'Fork' },
      Fork: {
        Type: 'Parallel',
        Branches: [{ StartAt: 'A', States: { A: { Type: 'Pass', Assign: { total: 1 }, End: true } } }],
        End: true,
      },
    });

    await expect(test.engine.call('CreateStateMachine', { name: 'shadow', definition: text, roleArn: 'arn:aws:iam::000000000000:role/r' })).rejects.toMatchObject({
      errorName: 'InvalidDefinition',
      message: expect.stringContaining("The variable 'total' is assigned in an outer scope"),
    });
  });

  it('rejects assigning an outer variable in a Map iteration', async () => {
    const text = definition('Init', {
      Init: { Type: 'Pass', Assign: { count: 0 }, Next: 'Each' },
      Each: {
        Type: 'Map',
        Items: [1, 2],
        ItemProcessor: { StartAt: 'A', States: { A: { Type: 'Pass', Assign: { count: 1 }, End: true } } },
        End: true,
      },
    });

    await expect(test.engine.call('CreateStateMachine', { name: 'shadow-map', definition: text, roleArn: 'arn:aws:iam::000000000000:role/r' })).rejects.toMatchObject({
      errorName: 'InvalidDefinition',
      message: expect.stringContaining('/States/Each/ItemProcessor/States/A/Assign'),
    });
  });

  it('merges branch outputs through the Parallel Assign', async () => {
    const text = definition('Fork', {
      Fork: {
        Type: 'Parallel',
        Branches: [
          { StartAt: 'A', States: { A: { Type: 'Pass', Output: { a: 1 }, End: true } } },
          { StartAt: 'B', States: { B: { Type: 'Pass', Output: { b: 2 }, End: true } } },
        ],
        Assign: { a: '{% $states.result[0].a %}', b: '{% $states.result[1].b %}' },
        Next: 'Sum',
      },
      Sum: { Type: 'Pass', Output: '{% $a + $b %}', End: true },
    });

    expect(outputOf(await runMachine(test, text))).toBe(3);
  });

  it('lets a Catch assign variables and set its own Output', async () => {
    test.services.functions.set('boom', () => thrown('Boom', 'broken'));
    const text = definition('Call', {
      Call: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        Arguments: { FunctionName: 'boom' },
        Output: 'not used',
        Catch: [{ ErrorEquals: ['Boom'], Assign: { failure: '{% $states.errorOutput.Error %}' }, Output: { from: '{% $states.input.from %}' }, Next: 'Report' }],
        End: true,
      },
      Report: { Type: 'Pass', Output: { failure: '{% $failure %}', input: '{% $states.input %}' }, End: true },
    });

    const output = outputOf(await runMachine(test, text, { from: 'start' }));

    expect(output).toEqual({ failure: 'Boom', input: { from: 'start' } });
  });

  it('lets a Parallel Catch assign outward', async () => {
    const text = definition('Fork', {
      Fork: {
        Type: 'Parallel',
        Branches: [{ StartAt: 'Boom', States: { Boom: { Type: 'Fail', Error: 'Branch.Failed', Cause: 'b' } } }],
        Catch: [{ ErrorEquals: ['Branch.Failed'], Assign: { outcome: 'caught' }, Next: 'Report' }],
        End: true,
      },
      Report: { Type: 'Pass', Output: '{% $outcome %}', End: true },
    });

    expect(outputOf(await runMachine(test, text))).toBe('caught');
  });

  it('gives Task Output and Assign the result', async () => {
    test.services.functions.set('price', () => ok({ amount: 12 }));
    const text = definition('Call', {
      Call: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        Arguments: { FunctionName: 'price' },
        Assign: { amount: '{% $states.result.Payload.amount %}' },
        Output: { doubled: '{% $states.result.Payload.amount * 2 %}', input: '{% $states.input %}' },
        Next: 'Show',
      },
      Show: { Type: 'Pass', Output: { amount: '{% $amount %}', previous: '{% $states.input %}' }, End: true },
    });

    expect(outputOf(await runMachine(test, text, { id: 1 }))).toEqual({ amount: 12, previous: { doubled: 24, input: { id: 1 } } });
  });

  it('has no task token outside callback tasks', async () => {
    test.services.functions.set('plain', () => ok(null));
    const text = definition('Call', { Call: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Arguments: { FunctionName: 'plain', Payload: '{% $states.context.Task.Token %}' }, End: true } });

    const description = await runMachine(test, text);

    expect(description.error).toBe('States.QueryEvaluationError');
  });

  it('uses the error output when a Catch has no Output', async () => {
    test.services.functions.set('boom', () => thrown('Boom', 'broken'));
    const text = definition('Call', {
      Call: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Arguments: { FunctionName: 'boom' }, Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Done' }], End: true },
      Done: { Type: 'Succeed' },
    });

    const output = outputOf(await runMachine(test, text)) as Record<string, string>;

    expect(output.Error).toBe('Boom');
    expect(JSON.parse(output.Cause)).toEqual({ errorType: 'Boom', errorMessage: 'broken', trace: [] });
  });

  it('fails with DataLimitExceeded for a variable over 256 KiB', async () => {
    const text = definition('Fork', {
      Fork: {
        Type: 'Parallel',
        Branches: [{ StartAt: 'Big', States: { Big: { Type: 'Pass', Assign: { big: "{% $pad('', 270000, 'x') %}" }, End: true } } }],
        Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Caught' }],
        End: true,
      },
      Caught: { Type: 'Succeed' },
    });

    const description = await runMachine(test, text);

    expect(description.status).toBe('FAILED');
    expect(description.error).toBe('States.DataLimitExceeded');
  });

  it('rejects an invalid variable name', async () => {
    const text = definition('P', { P: { Type: 'Pass', Assign: { 'bad-name': 1 }, End: true } });

    await expect(test.engine.call('CreateStateMachine', { name: 'bad-var', definition: text, roleArn: 'arn:aws:iam::000000000000:role/r' })).rejects.toMatchObject({
      errorName: 'InvalidDefinition',
      message: expect.stringContaining("variable name 'bad-name' is invalid"),
    });
  });
});
