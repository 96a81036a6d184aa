import * as fs from 'node:fs';
import * as path from 'node:path';

import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { DescribeExecutionCommand, ListStateMachinesCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';

import { createMemoryLog } from '../../../lib/local/log';
import { LocalRuntime, startRuntime } from '../../../lib/local/runtime';
import { buildTestAssembly, createTempDir } from './build-assembly';
import { eventually } from './eventually';

const CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

describe('startRuntime on the fixture assembly', () => {
  const assemblyDir = buildTestAssembly();
  const dataDir = createTempDir('runtime');
  const log = createMemoryLog();
  let runtime: LocalRuntime;
  let sfn: SFNClient;

  const runExecution = async (input: unknown) => {
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({ stateMachineArn: runtime.stateMachines.salary, input: JSON.stringify(input) }),
    );
    return eventually(`execution ${executionArn} to end`, async () => {
      const execution = await sfn.send(new DescribeExecutionCommand({ executionArn }));
      return execution.status === 'RUNNING' ? undefined : execution;
    });
  };

  beforeAll(async () => {
    runtime = await startRuntime({
      assemblyDir,
      dataDir,
      ports: 0,
      log,
      environmentOverrides: (fn): Record<string, string> => (fn.functionName === 'echo' ? { SYSTEM_URL: 'http://127.0.0.1:9999' } : {}),
      eventDelivery: { retryDelayMilliseconds: 10 },
    });
    sfn = new SFNClient({ endpoint: runtime.urls.stepFunctions, region: 'us-east-1', credentials: CREDENTIALS });
  });

  afterAll(async () => {
    sfn.destroy();
    await runtime.stop();
  });

  it('creates the template state machines', async () => {
    const { stateMachines } = await sfn.send(new ListStateMachinesCommand({}));

    expect(runtime.stateMachines).toEqual({ salary: 'arn:aws:states:us-east-1:000000000000:stateMachine:salary' });
    expect(stateMachines?.map((machine) => machine.name)).toEqual(['salary']);
  });

  it('runs an execution through a Lambda task', async () => {
    const execution = await runExecution({ employee_id: 7 });
    const output = JSON.parse(execution.output!);

    expect(execution.status).toBe('SUCCEEDED');
    expect(output.event).toEqual({ employee_id: 7 });
    expect(output.functionName).toBe('echo');
  });

  it('applies environment overrides and local URLs', async () => {
    const execution = await runExecution({});
    const environment = JSON.parse(execution.output!).environment;

    expect(environment.SYSTEM_URL).toBe('http://127.0.0.1:9999');
    expect(environment.API_URL).toBe(`${runtime.urls.apiGateway}/prod/`);
    expect(environment.AWS_ENDPOINT_URL_SFN).toBe(runtime.urls.stepFunctions);
    expect(environment.AWS_ENDPOINT_URL_DYNAMODB).toBe(runtime.urls.dynamodb);
    expect(environment.AWS_ENDPOINT_URL_SNS).toBe(runtime.urls.outbox);
  });

  it('returns API errors in the AWS JSON shape', async () => {
    const describe = sfn.send(
      new DescribeExecutionCommand({ executionArn: 'arn:aws:states:us-east-1:000000000000:execution:salary:missing' }),
    );

    await expect(describe).rejects.toMatchObject({ name: 'ExecutionDoesNotExist', $metadata: { httpStatusCode: 400 } });
  });

  it('delivers a FAILED status event to the rule target', async () => {
    const execution = await runExecution({ fail: true });
    const dynamodb = new DynamoDBClient({ endpoint: runtime.urls.dynamodb, region: 'us-east-1', credentials: CREDENTIALS });

    const stored = await eventually('the FAILED event in the history table', async () => {
      const { Items } = await dynamodb.send(new ScanCommand({ TableName: 'SiroccoTest-HistoryTable' }));
      return Items?.map((item) => JSON.parse(item.body.S!)).find((event) => event.detail?.executionArn === execution.executionArn);
    });
    dynamodb.destroy();

    expect(execution.status).toBe('FAILED');
    expect(stored['detail-type']).toBe('Step Functions Execution Status Change');
    expect(stored.detail.status).toBe('FAILED');
    expect(stored.detail.error).toBe('Requested');
  });

  it('dead-letters events that a target failed on', async () => {
    const execution = await runExecution({ fail: true });

    const message = await eventually('the FAILED event in the dead-letter queue', async () =>
      runtime.deadLetterQueues
        .messages('arn:aws:sqs:us-east-1:000000000000:SiroccoTest-FailureDeadLetterQueue')
        .find((candidate) => JSON.parse(candidate.Body).detail?.executionArn === execution.executionArn),
    );
    const lines = fs.readFileSync(path.join(dataDir, 'dead-letters.jsonl'), 'utf8').trim().split('\n');
    const attribute = (name: keyof typeof message.MessageAttributes) => message.MessageAttributes[name].StringValue;

    expect(JSON.parse(message.Body)['detail-type']).toBe('Step Functions Execution Status Change');
    expect(attribute('RULE_ARN')).toBe('arn:aws:events:us-east-1:000000000000:rule/SiroccoTest-FailedExecutionRule');
    expect(attribute('TARGET_ARN')).toBe('arn:aws:lambda:us-east-1:000000000000:function:SiroccoTest-FailFunction');
    expect(attribute('ERROR_MESSAGE')).toBe('ValidationError: The input is invalid.');
    expect(lines.map((line) => JSON.parse(line))).toContainEqual(message);
    expect(log.lines).toContain(
      `[events] Delivery of event ${JSON.parse(message.Body).id} by rule SiroccoTest-FailedExecutionRule to ` +
        'arn:aws:lambda:us-east-1:000000000000:function:SiroccoTest-FailFunction failed ' +
        '(attempt 3 of 3, sent to dead-letter queue SiroccoTest-FailureDeadLetterQueue): ValidationError: The input is invalid.',
    );
  });

  it('lets handler SDK clients reach SNS and SES', async () => {
    const lambda = new LambdaClient({ endpoint: runtime.urls.lambda, region: 'us-east-1', credentials: CREDENTIALS });
    const event = { phone: '+15550142', email: 'manager@example.com', text: 'Approve the bonus?' };

    const response = await lambda.send(
      new InvokeCommand({ FunctionName: 'SiroccoTest-NotifyFunction', Payload: Buffer.from(JSON.stringify(event)) }),
    );
    lambda.destroy();
    const result = JSON.parse(Buffer.from(response.Payload!).toString('utf8'));
    const recipients = runtime.outbox
      .messages()
      .filter((message) => [result.sms, result.topic, result.email].includes(message.messageId))
      .map((message) => `${message.service}:${message.channel}:${message.to}`);

    expect(response.FunctionError).toBeUndefined();
    expect(recipients).toEqual([
      'sns:sms:+15550142',
      'sns:sms:+15550100',
      'sns:email:ops@example.com',
      'ses:email:manager@example.com',
    ]);
  });

  it('serves the API routes', async () => {
    const response = await fetch(`${runtime.urls.apiGateway}/prod/approvals/a1`);

    expect(response.status).toBe(201);
  });
});

describe('startRuntime restart', () => {
  it('resumes an execution with the new endpoints', async () => {
    const assemblyDir = buildTestAssembly();
    const dataDir = createTempDir('resume');
    const first = await startRuntime({ assemblyDir, dataDir, ports: 0, log: createMemoryLog() });
    const firstClient = new SFNClient({ endpoint: first.urls.stepFunctions, region: 'us-east-1', credentials: CREDENTIALS });
    const { executionArn } = await firstClient.send(
      new StartExecutionCommand({ stateMachineArn: first.stateMachines.salary, input: '{"wait":true}' }),
    );
    firstClient.destroy();
    await first.stop();

    const second = await startRuntime({ assemblyDir, dataDir, ports: 0, log: createMemoryLog() });
    const secondClient = new SFNClient({ endpoint: second.urls.stepFunctions, region: 'us-east-1', credentials: CREDENTIALS });
    const execution = await eventually('the resumed execution to end', async () => {
      const described = await secondClient.send(new DescribeExecutionCommand({ executionArn }));
      return described.status === 'RUNNING' ? undefined : described;
    });
    secondClient.destroy();
    await second.stop();
    const environment = JSON.parse(execution.output!).environment;

    expect(execution.status).toBe('SUCCEEDED');
    expect(environment.AWS_ENDPOINT_URL_SFN).toBe(second.urls.stepFunctions);
    expect(environment.API_URL).toBe(`${second.urls.apiGateway}/prod/`);
  });

  it('keeps executions and tables on disk', async () => {
    const assemblyDir = buildTestAssembly();
    const dataDir = createTempDir('restart');
    const eventDelivery = { retryDelayMilliseconds: 10 };
    const first = await startRuntime({ assemblyDir, dataDir, ports: 0, log: createMemoryLog(), eventDelivery });
    const firstClient = new SFNClient({ endpoint: first.urls.stepFunctions, region: 'us-east-1', credentials: CREDENTIALS });
    const { executionArn } = await firstClient.send(
      new StartExecutionCommand({ stateMachineArn: first.stateMachines.salary, name: 'before-restart', input: '{"fail":true}' }),
    );
    await eventually('the first execution to end', async () => {
      const execution = await firstClient.send(new DescribeExecutionCommand({ executionArn }));
      return execution.status === 'RUNNING' ? undefined : execution;
    });
    firstClient.destroy();
    await first.stop();

    const second = await startRuntime({ assemblyDir, dataDir, ports: 0, log: createMemoryLog() });
    const secondClient = new SFNClient({ endpoint: second.urls.stepFunctions, region: 'us-east-1', credentials: CREDENTIALS });
    const execution = await secondClient.send(new DescribeExecutionCommand({ executionArn }));
    secondClient.destroy();
    await second.stop();

    expect(second.stateMachines.salary).toBe(first.stateMachines.salary);
    expect(execution.status).toBe('FAILED');
  });
});
