import type { TestEngine } from './helpers';
import { createMachine, definition, finished, history, roleArn, start, startTestEngine, waitFor } from './helpers';

const passMachine = definition('P', { P: { Type: 'Pass', End: true } });
const waitMachine = definition('W', { W: { Type: 'Wait', Seconds: 60, End: true } });

async function invalidDefinitionMessage(test: TestEngine, text: string): Promise<string> {
  try {
    await test.engine.call('CreateStateMachine', { name: 'invalid', definition: text, roleArn });
  } catch (error) {
    expect((error as { errorName: string }).errorName).toBe('InvalidDefinition');
    return (error as Error).message;
  }
  throw new Error('CreateStateMachine accepted an invalid definition.');
}

describe('Step Functions API', () => {
  let test: TestEngine;

  beforeEach(async () => {
    test = await startTestEngine();
  });

  afterEach(() => test.cleanup());

  it('creates and describes a state machine', async () => {
    const created = await test.engine.call('CreateStateMachine', { name: 'salary', definition: passMachine, roleArn });
    const described = await test.engine.call('DescribeStateMachine', { stateMachineArn: created.stateMachineArn });

    expect(created.stateMachineArn).toBe('arn:aws:states:us-east-1:000000000000:stateMachine:salary');
    expect(created.creationDate).toBe(Date.parse('2026-01-01T00:00:00Z') / 1000);
    expect(described).toMatchObject({ name: 'salary', status: 'ACTIVE', type: 'STANDARD', definition: passMachine, roleArn });
  });

  it('answers CreateStateMachine idempotently for the same definition', async () => {
    const first = await test.engine.call('CreateStateMachine', { name: 'same', definition: passMachine, roleArn });
    const second = await test.engine.call('CreateStateMachine', { name: 'same', definition: passMachine, roleArn });
    const conflicting = test.engine.call('CreateStateMachine', { name: 'same', definition: waitMachine, roleArn });

    expect(second.stateMachineArn).toBe(first.stateMachineArn);
    await expect(conflicting).rejects.toMatchObject({ errorName: 'StateMachineAlreadyExists' });
  });

  it('rejects an invalid state machine name', async () => {
    await expect(test.engine.call('CreateStateMachine', { name: 'has space', definition: passMachine, roleArn })).rejects.toMatchObject({ errorName: 'InvalidName' });
  });

  it('lists, updates and deletes state machines', async () => {
    const arn = await createMachine(test.engine, 'b-machine', passMachine);
    await createMachine(test.engine, 'a-machine', passMachine);

    const listed = await test.engine.call('ListStateMachines', {});
    await test.engine.call('UpdateStateMachine', { stateMachineArn: arn, definition: waitMachine });
    const updated = await test.engine.call('DescribeStateMachine', { stateMachineArn: arn });
    await test.engine.call('DeleteStateMachine', { stateMachineArn: arn });

    expect((listed.stateMachines as { name: string }[]).map((machine) => machine.name)).toEqual(['a-machine', 'b-machine']);
    expect(updated.definition).toBe(waitMachine);
    await expect(test.engine.call('DescribeStateMachine', { stateMachineArn: arn })).rejects.toMatchObject({ errorName: 'StateMachineDoesNotExist' });
  });

  it('runs executions on their starting definition', async () => {
    const arn = await createMachine(test.engine, 'versioned', definition('W', { W: { Type: 'Wait', Seconds: 10, Next: 'Out' }, Out: { Type: 'Pass', Output: 'old', End: true } }));
    const execution = await start(test.engine, arn);
    await waitFor(() => test.clock.pendingDelays().length === 1, 'the Wait');

    await test.engine.call('UpdateStateMachine', { stateMachineArn: arn, definition: definition('Out', { Out: { Type: 'Pass', Output: 'new', End: true } }) });
    test.clock.advance(10000);
    const description = await finished(test.engine, execution);

    expect(JSON.parse(description.output as string)).toBe('old');
  });

  it('describes the state machine of an execution', async () => {
    const original = definition('W', { W: { Type: 'Wait', Seconds: 10, End: true } });
    const arn = await createMachine(test.engine, 'described', original);
    const execution = await start(test.engine, arn);
    await test.engine.call('UpdateStateMachine', { stateMachineArn: arn, definition: passMachine });

    const described = await test.engine.call('DescribeStateMachineForExecution', { executionArn: execution });

    expect(described).toMatchObject({ stateMachineArn: arn, name: 'described', definition: original, roleArn });
  });

  it('filters executions by redrive', async () => {
    const arn = await createMachine(test.engine, 'redriven', waitMachine);
    const execution = await start(test.engine, arn, {}, 'r1');
    await start(test.engine, arn, {}, 'r2');
    await test.engine.call('StopExecution', { executionArn: execution });
    await test.engine.call('RedriveExecution', { executionArn: execution });

    const redriven = await test.engine.call('ListExecutions', { stateMachineArn: arn, redriveFilter: 'REDRIVEN' });
    const notRedriven = await test.engine.call('ListExecutions', { stateMachineArn: arn, redriveFilter: 'NOT_REDRIVEN' });

    expect((redriven.executions as { name: string; redriveCount: number }[]).map((item) => [item.name, item.redriveCount])).toEqual([['r1', 1]]);
    expect((notRedriven.executions as { name: string }[]).map((item) => item.name)).toEqual(['r2']);
  });

  it('reports unknown fields, JSONPath fields and missing targets', async () => {
    const text = definition('A', {
      A: { Type: 'Pass', Colour: 'red', Next: 'Nowhere' },
      B: { Type: 'Pass', ResultPath: '$.x', End: true },
    });

    const message = await invalidDefinitionMessage(test, text);

    expect(message).toContain("SCHEMA_VALIDATION_FAILED: The field 'Colour' is not supported by Step Functions for Pass states at /States/A/Colour");
    expect(message).toContain("The field 'ResultPath' is a JSONPath field. In JSONata mode, use Output or Assign at /States/B/ResultPath");
    expect(message).toContain("MISSING_TRANSITION_TARGET: Missing 'Next' target: Nowhere at /States/A/Next");
    expect(message).toContain("UNREACHABLE_STATE: State 'B' is not reachable");
  });

  it('requires QueryLanguage JSONata', async () => {
    const text = JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } });

    expect(await invalidDefinitionMessage(test, text)).toContain('the local engine runs JSONata only');
  });

  it('rejects a state without Next or End', async () => {
    const text = definition('P', { P: { Type: 'Pass' } });

    expect(await invalidDefinitionMessage(test, text)).toContain("State 'P' needs either Next or \"End\": true");
  });

  it('rejects a definition that is not JSON', async () => {
    expect(await invalidDefinitionMessage(test, '{ not json')).toContain('INVALID_JSON_DESCRIPTION');
  });

  it('starts an execution idempotently while it runs', async () => {
    const arn = await createMachine(test.engine, 'waiting', waitMachine);

    const first = await test.engine.call('StartExecution', { stateMachineArn: arn, name: 'run-1', input: '{"a":1}' });
    const again = await test.engine.call('StartExecution', { stateMachineArn: arn, name: 'run-1', input: '{"a":1}' });
    const different = test.engine.call('StartExecution', { stateMachineArn: arn, name: 'run-1', input: '{"a":2}' });

    expect(again).toEqual(first);
    expect(first.executionArn).toBe('arn:aws:states:us-east-1:000000000000:execution:waiting:run-1');
    await expect(different).rejects.toMatchObject({ errorName: 'ExecutionAlreadyExists' });
  });

  it('rejects a reused name once the execution has closed', async () => {
    const arn = await createMachine(test.engine, 'quick', passMachine);
    const execution = await start(test.engine, arn, {}, 'once');
    await finished(test.engine, execution);

    await expect(test.engine.call('StartExecution', { stateMachineArn: arn, name: 'once', input: '{}' })).rejects.toMatchObject({ errorName: 'ExecutionAlreadyExists' });
  });

  it('rejects execution input that is not JSON', async () => {
    const arn = await createMachine(test.engine, 'input-check', passMachine);

    await expect(test.engine.call('StartExecution', { stateMachineArn: arn, input: '{oops' })).rejects.toMatchObject({ errorName: 'InvalidExecutionInput' });
  });

  it('answers ExecutionDoesNotExist and InvalidArn', async () => {
    await expect(test.engine.call('DescribeExecution', { executionArn: 'arn:aws:states:us-east-1:000000000000:execution:none:x' })).rejects.toMatchObject({ errorName: 'ExecutionDoesNotExist' });
    await expect(test.engine.call('DescribeExecution', { executionArn: 'not-an-arn' })).rejects.toMatchObject({ errorName: 'InvalidArn' });
  });

  it('lists executions with a status filter and pages', async () => {
    const arn = await createMachine(test.engine, 'listed', waitMachine);
    for (const name of ['e1', 'e2', 'e3']) {
      await start(test.engine, arn, {}, name);
      test.clock.advance(1);
    }
    await test.engine.call('StopExecution', { executionArn: 'arn:aws:states:us-east-1:000000000000:execution:listed:e2' });

    const running = await test.engine.call('ListExecutions', { stateMachineArn: arn, statusFilter: 'RUNNING' });
    const firstPage = await test.engine.call('ListExecutions', { stateMachineArn: arn, maxResults: 2 });
    const secondPage = await test.engine.call('ListExecutions', { stateMachineArn: arn, maxResults: 2, nextToken: firstPage.nextToken });

    expect((running.executions as { name: string }[]).map((execution) => execution.name)).toEqual(['e3', 'e1']);
    expect((firstPage.executions as { name: string }[]).map((execution) => execution.name)).toEqual(['e3', 'e2']);
    expect((secondPage.executions as { name: string }[]).map((execution) => execution.name)).toEqual(['e1']);
    expect(secondPage.nextToken).toBeUndefined();
  });

  it('numbers history events and links previous events', async () => {
    const arn = await createMachine(test.engine, 'two-steps', definition('A', { A: { Type: 'Pass', Assign: { n: 1 }, Next: 'B' }, B: { Type: 'Pass', End: true } }));
    const execution = await start(test.engine, arn, { x: 1 });
    await finished(test.engine, execution);

    const events = await history(test.engine, execution);

    expect(events.map((event) => [event.id, event.previousEventId, event.type])).toEqual([
      [1, 0, 'ExecutionStarted'],
      [2, 1, 'PassStateEntered'],
      [3, 2, 'PassStateExited'],
      [4, 3, 'PassStateEntered'],
      [5, 4, 'PassStateExited'],
      [6, 5, 'ExecutionSucceeded'],
    ]);
    expect(events[0].executionStartedEventDetails).toMatchObject({ input: '{"x":1}', roleArn });
    expect(events[2].stateExitedEventDetails).toEqual({
      name: 'A',
      output: '{"x":1}',
      outputDetails: { truncated: false },
      assignedVariables: { n: '1' },
      assignedVariablesDetails: { truncated: false },
    });
    expect(typeof events[0].timestamp).toBe('number');
  });

  it('pages history in reverse order', async () => {
    const arn = await createMachine(test.engine, 'reverse', passMachine);
    const execution = await start(test.engine, arn);
    await finished(test.engine, execution);

    const page = await test.engine.call('GetExecutionHistory', { executionArn: execution, reverseOrder: true, maxResults: 2 });

    expect((page.events as { type: string }[]).map((event) => event.type)).toEqual(['ExecutionSucceeded', 'PassStateExited']);
    expect(typeof page.nextToken).toBe('string');
  });

  it('omits execution data on request', async () => {
    const arn = await createMachine(test.engine, 'private', passMachine);
    const execution = await start(test.engine, arn, { secret: 1 });
    await finished(test.engine, execution);

    const response = await test.engine.call('GetExecutionHistory', { executionArn: execution, includeExecutionData: false });
    const events = response.events as Record<string, Record<string, unknown>>[];

    expect(events[0].executionStartedEventDetails).toEqual({ inputDetails: { truncated: false }, roleArn });
    expect(events[1].stateEnteredEventDetails).toEqual({ name: 'P', inputDetails: { truncated: false } });
    expect(JSON.stringify(events)).not.toContain('secret');
  });

  it('stops an execution as ABORTED', async () => {
    const arn = await createMachine(test.engine, 'stoppable', waitMachine);
    const execution = await start(test.engine, arn);

    await test.engine.call('StopExecution', { executionArn: execution, error: 'Manual', cause: 'operator' });
    const description = await test.engine.call('DescribeExecution', { executionArn: execution });
    const events = await history(test.engine, execution);

    expect(description).toMatchObject({ status: 'ABORTED', error: 'Manual', cause: 'operator', redriveStatus: 'REDRIVABLE' });
    expect(events.at(-1)).toMatchObject({ type: 'ExecutionAborted', executionAbortedEventDetails: { error: 'Manual', cause: 'operator' } });
    expect(events.at(-2)).toMatchObject({ type: 'WaitStateAborted', stateAbortedEventDetails: { name: 'W' } });
    expect(test.clock.pendingDelays()).toEqual([]);
  });

  it('names fields the engine does not run', async () => {
    const text = definition('Each', {
      Each: { Type: 'Map', ItemReader: { Resource: 'arn:aws:states:::s3:getObject' }, ItemProcessor: { StartAt: 'X', States: { X: { Type: 'Pass', End: true } } }, End: true },
    });

    expect(await invalidDefinitionMessage(test, text)).toContain("The field 'ItemReader' is not supported by the local engine");
  });

  it('sends EventBridge status events', async () => {
    const arn = await createMachine(test.engine, 'notified', definition('F', { F: { Type: 'Fail', Error: 'E', Cause: 'C' } }));
    const execution = await start(test.engine, arn, { a: 1 }, 'n1');
    await finished(test.engine, execution);
    await waitFor(() => test.events.length === 2, 'two status events');

    const [running, failed] = test.events;

    expect(running).toMatchObject({ 'detail-type': 'Step Functions Execution Status Change', source: 'aws.states', account: '000000000000', region: 'us-east-1', resources: [execution] });
    expect(running.detail).toMatchObject({ status: 'RUNNING', name: 'n1', input: '{"a":1}', stopDate: null, redriveCount: 0 });
    expect(failed.detail).toMatchObject({ status: 'FAILED', error: 'E', cause: 'C', redriveStatus: 'REDRIVABLE' });
    expect(failed.detail.startDate).toBe(Date.parse('2026-01-01T00:00:00Z'));
  });

  it('rejects an unknown operation', async () => {
    await expect(test.engine.call('TagResource', {})).rejects.toMatchObject({ errorName: 'UnknownOperationException' });
  });

  it('rejects a request without a required field', async () => {
    await expect(test.engine.call('DescribeExecution', {})).rejects.toMatchObject({ errorName: 'ValidationException' });
  });
});
