import type { TestEngine } from './helpers';
import { definition, runMachine, startTestEngine } from './helpers';

function outputOf(description: Record<string, unknown>): unknown {
  return JSON.parse(description.output as string);
}

function passOutput(output: unknown): string {
  return definition('P', { P: { Type: 'Pass', Output: output, End: true } });
}

describe('JSONata expressions', () => {
  let test: TestEngine;

  beforeEach(async () => {
    test = await startTestEngine();
  });

  afterEach(() => test.cleanup());

  it('evaluates expressions nested in objects and arrays', async () => {
    const text = passOutput({ a: '{% $states.input.x + 1 %}', list: [1, '{% $states.input.x * 2 %}', { deep: '{% $uppercase("k") %}' }], plain: 'no {% here' });

    const description = await runMachine(test, text, { x: 4 });

    expect(outputOf(description)).toEqual({ a: 5, list: [1, 8, { deep: 'K' }], plain: 'no {% here' });
  });

  it('exposes the context object', async () => {
    const text = passOutput({
      id: '{% $states.context.Execution.Id %}',
      name: '{% $states.context.Execution.Name %}',
      input: '{% $states.context.Execution.Input %}',
      role: '{% $states.context.Execution.RoleArn %}',
      redrives: '{% $states.context.Execution.RedriveCount %}',
      start: '{% $states.context.Execution.StartTime %}',
      state: '{% $states.context.State.Name %}',
      entered: '{% $states.context.State.EnteredTime %}',
      retries: '{% $states.context.State.RetryCount %}',
      machine: '{% $states.context.StateMachine.Name %}',
      machineId: '{% $states.context.StateMachine.Id %}',
    });

    const description = await runMachine(test, text, { k: 1 });
    const output = outputOf(description) as Record<string, unknown>;

    expect(output.id).toBe(description.executionArn);
    expect(output.name).toBe(description.name);
    expect(output.input).toEqual({ k: 1 });
    expect(output.role).toBe('arn:aws:iam::000000000000:role/sirocco-test');
    expect(output.redrives).toBe(0);
    expect(output.start).toBe('2026-01-01T00:00:00.000Z');
    expect(output.state).toBe('P');
    expect(output.entered).toBe('2026-01-01T00:00:00.000Z');
    expect(output.retries).toBe(0);
    expect(output.machineId).toBe(description.stateMachineArn);
    expect(output.machine).toBe((description.stateMachineArn as string).split(':').at(-1));
  });

  it('provides $partition and $range', async () => {
    const text = passOutput({ chunks: '{% $partition([1,2,3,4,5], 2) %}', steps: '{% $range(0, 10, 5) %}', down: '{% $range(3, 1, -1) %}' });

    const output = outputOf(await runMachine(test, text));

    expect(output).toEqual({ chunks: [[1, 2], [3, 4], [5]], steps: [0, 5, 10], down: [3, 2, 1] });
  });

  it('provides $hash with the AWS algorithm names', async () => {
    const text = passOutput({ md5: "{% $hash('abc', 'MD5') %}", sha256: "{% $hash('abc', 'SHA-256') %}" });

    const output = outputOf(await runMachine(test, text)) as Record<string, string>;

    expect(output.md5).toBe('900150983cd24fb0d6963f7d28e17f72');
    expect(output.sha256).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('provides seeded $random, $uuid and $parse', async () => {
    const text = passOutput({ a: '{% $random(7) %}', b: '{% $random(7) %}', free: '{% $random() %}', id: '{% $uuid() %}', parsed: '{% $parse(\'{"n": [1]}\') %}' });

    const output = outputOf(await runMachine(test, text)) as Record<string, unknown>;

    expect(output.a).toBe(output.b);
    expect(output.free).toBeGreaterThanOrEqual(0);
    expect(output.free).toBeLessThan(1);
    expect(output.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(output.parsed).toEqual({ n: [1] });
  });

  it('rejects $eval at CreateStateMachine', async () => {
    const text = passOutput('{% $eval("1 + 1") %}');

    await expect(test.engine.call('CreateStateMachine', { name: 'uses-eval', definition: text, roleArn: 'arn:aws:iam::000000000000:role/r' })).rejects.toMatchObject({
      errorName: 'InvalidDefinition',
      message: expect.stringContaining('$eval'),
    });
  });

  it('fails with QueryEvaluationError on an undefined result', async () => {
    const description = await runMachine(test, passOutput('{% $states.input.missing %}'), {});

    expect(description.status).toBe('FAILED');
    expect(description.error).toBe('States.QueryEvaluationError');
    expect(description.cause).toContain("field 'Output' returned nothing");
  });

  it('fails with QueryEvaluationError on a runtime error', async () => {
    const description = await runMachine(test, passOutput('{% $number("abc") %}'), {});

    expect(description.error).toBe('States.QueryEvaluationError');
    expect(description.cause).toContain('$number("abc")');
  });

  it('rejects invalid JSONata syntax at CreateStateMachine', async () => {
    const text = passOutput('{% $states.input. %}');

    await expect(test.engine.call('CreateStateMachine', { name: 'bad-syntax', definition: text, roleArn: 'arn:aws:iam::000000000000:role/r' })).rejects.toMatchObject({
      errorName: 'InvalidDefinition',
      message: expect.stringContaining("field 'Output' is invalid"),
    });
  });
});
