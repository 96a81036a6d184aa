import type { TestEngine } from './helpers';
import { createMachine, definition, eventTypes, finished, history, ok, runMachine, start, startTestEngine, thrown, waitFor } from './helpers';
import { ServiceError } from '../../../lib/local/engine/types';

function outputOf(description: Record<string, unknown>): unknown {
  return JSON.parse(description.output as string);
}

function task(resource: string, args: unknown, extra: Record<string, unknown> = {}): string {
  return definition('Call', { Call: { Type: 'Task', Resource: resource, Arguments: args, End: true, ...extra } });
}

describe('integrations', () => {
  let test: TestEngine;

  beforeEach(async () => {
    test = await startTestEngine();
  });

  afterEach(() => test.cleanup());

  it('lambda:invoke returns the Invoke response shape', async () => {
    test.services.functions.set('echo', (payload) => ok({ echoed: payload }));

    const output = outputOf(await runMachine(test, task('arn:aws:states:::lambda:invoke', { FunctionName: 'echo', Payload: { a: 1 } }))) as Record<string, unknown>;

    expect(output.Payload).toEqual({ echoed: { a: 1 } });
    expect(output.StatusCode).toBe(200);
    expect(output.ExecutedVersion).toBe('$LATEST');
    expect(output.SdkHttpMetadata).toEqual({ HttpStatusCode: 200 });
  });

  it('lambda:invoke turns a handler error into errorType and payload cause', async () => {
    test.services.functions.set('broken', () => thrown('ValidationError', 'month is missing'));

    const description = await runMachine(test, task('arn:aws:states:::lambda:invoke', { FunctionName: 'broken' }));

    expect(description.error).toBe('ValidationError');
    expect(JSON.parse(description.cause as string)).toEqual({ errorType: 'ValidationError', errorMessage: 'month is missing', trace: [] });
    expect(await eventTypes(test.engine, description.executionArn as string)).toContain('TaskFailed');
  });

  it('lambda:invoke reports a ServiceError by its name', async () => {
    test.services.invokeLambda = async () => {
      throw new ServiceError('Lambda.ResourceNotFoundException', 'Function not found: ghost');
    };

    const description = await runMachine(test, task('arn:aws:states:::lambda:invoke', { FunctionName: 'ghost' }));

    expect(description.error).toBe('Lambda.ResourceNotFoundException');
    expect(description.cause).toBe('Function not found: ghost');
  });

  it('lambda:invoke needs a FunctionName', async () => {
    const description = await runMachine(test, task('arn:aws:states:::lambda:invoke', { Payload: {} }));

    expect(description.error).toBe('States.Runtime');
    expect(description.cause).toContain("need a string 'FunctionName'");
  });

  it('a Lambda ARN resource records LambdaFunction events', async () => {
    test.services.functions.set('arn:aws:lambda:us-east-1:000000000000:function:direct', (payload) => ok({ got: payload }));

    const description = await runMachine(test, task('arn:aws:lambda:us-east-1:000000000000:function:direct', { x: 1 }));

    expect(outputOf(description)).toEqual({ got: { x: 1 } });
    expect(await eventTypes(test.engine, description.executionArn as string)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
  });

  it('sns:publish sends the Arguments as the request', async () => {
    const description = await runMachine(test, task('arn:aws:states:::sns:publish', { TopicArn: 'arn:aws:sns:us-east-1:000000000000:alerts', Message: '{% "hi " & $states.input.who %}' }), { who: 'ops' });

    expect(outputOf(description)).toEqual({ MessageId: 'message-1' });
    expect(test.services.calls[0]).toEqual({ service: 'sns', target: 'Publish', request: { TopicArn: 'arn:aws:sns:us-east-1:000000000000:alerts', Message: 'hi ops' } });
  });

  it.each([
    ['putItem', 'PutItem'],
    ['getItem', 'GetItem'],
    ['updateItem', 'UpdateItem'],
    ['deleteItem', 'DeleteItem'],
  ])('dynamodb:%s calls %s', async (resource, operation) => {
    const request = { TableName: 'history', Key: { pk: { S: 'k' } } };

    const description = await runMachine(test, task(`arn:aws:states:::dynamodb:${resource}`, request));

    expect(description.status).toBe('SUCCEEDED');
    expect(test.services.calls).toEqual([{ service: 'dynamodb', target: operation, request }]);
  });

  it('aws-sdk:sesv2:sendEmail calls SendEmail', async () => {
    const request = { FromEmailAddress: 'a@example.com', Destination: { ToAddresses: ['b@example.com'] }, Content: { Simple: { Subject: { Data: 's' }, Body: { Text: { Data: 'b' } } } } };

    const description = await runMachine(test, task('arn:aws:states:::aws-sdk:sesv2:sendEmail', request));

    expect(outputOf(description)).toEqual({ MessageId: 'email-1' });
    expect(test.services.calls[0].request).toEqual(request);
  });

  it('states:startExecution.sync:2 returns the child Output as JSON', async () => {
    const child = await createMachine(test.engine, 'child', definition('P', { P: { Type: 'Pass', Output: { doubled: '{% $states.input.n * 2 %}' }, End: true } }));
    const parent = task('arn:aws:states:::states:startExecution.sync:2', { StateMachineArn: child, Input: { n: '{% $states.input.n %}' } }, { Output: '{% $states.result.Output %}' });

    const description = await runMachine(test, parent, { n: 21 });

    expect(outputOf(description)).toEqual({ doubled: 42 });
  });

  it('states:startExecution.sync:2 fails when the child fails', async () => {
    const child = await createMachine(test.engine, 'failing-child', definition('F', { F: { Type: 'Fail', Error: 'Child.Failed', Cause: 'inner' } }));

    const description = await runMachine(test, task('arn:aws:states:::states:startExecution.sync:2', { StateMachineArn: child, Input: {} }));

    expect(description.error).toBe('States.TaskFailed');
    expect(JSON.parse(description.cause as string)).toMatchObject({ status: 'FAILED', error: 'Child.Failed' });
  });

  it('stopping a parent stops its child', async () => {
    const child = await createMachine(test.engine, 'slow-child', definition('W', { W: { Type: 'Wait', Seconds: 600, End: true } }));
    const parent = await createMachine(test.engine, 'parent', task('arn:aws:states:::states:startExecution.sync:2', { StateMachineArn: child, Input: {}, Name: 'child-1' }));
    const execution = await start(test.engine, parent);
    const childExecution = 'arn:aws:states:us-east-1:000000000000:execution:slow-child:child-1';
    const childCount = async () => ((await test.engine.call('ListExecutions', { stateMachineArn: child })).executions as unknown[]).length;
    await waitFor(async () => (await childCount()) === 1, 'the child execution');

    await test.engine.call('StopExecution', { executionArn: execution });
    const childDescription = await finished(test.engine, childExecution);

    expect(childDescription.status).toBe('ABORTED');
    expect(childDescription.error).toBe('States.Aborted');
  });

  it('rejects an unsupported resource at CreateStateMachine', async () => {
    const text = task('arn:aws:states:::ecs:runTask.sync', {});

    await expect(test.engine.call('CreateStateMachine', { name: 'ecs', definition: text, roleArn: 'arn:aws:iam::000000000000:role/r' })).rejects.toMatchObject({
      errorName: 'InvalidDefinition',
      message: expect.stringContaining("The Resource 'arn:aws:states:::ecs:runTask.sync' of Task state 'Call' is not supported"),
    });
  });

  it('records the Task parameters in TaskScheduled', async () => {
    test.services.functions.set('echo', () => ok(null));

    const description = await runMachine(test, task('arn:aws:states:::lambda:invoke', { FunctionName: 'echo', Payload: { id: '{% $states.input.id %}' } }, { TimeoutSeconds: 30 }), { id: 3 });
    const scheduled = (await history(test.engine, description.executionArn as string)).find((event) => event.type === 'TaskScheduled')!;

    expect(scheduled.taskScheduledEventDetails).toEqual({
      resourceType: 'lambda',
      resource: 'invoke',
      region: 'us-east-1',
      parameters: '{"FunctionName":"echo","Payload":{"id":3}}',
      timeoutInSeconds: 30,
    });
  });
});
