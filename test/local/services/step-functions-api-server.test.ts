import { CreateStateMachineCommand, DescribeExecutionCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';

import { Engine } from '../../../lib/local/engine/engine';
import { LocalServices, ServiceError } from '../../../lib/local/engine/types';
import { LoopbackServer } from '../../../lib/local/http/loopback-server';
import { createMemoryLog } from '../../../lib/local/log';
import { startStepFunctionsApiServer } from '../../../lib/local/stepfunctions/step-functions-api-server';
import { createTempDir } from './build-assembly';
import { eventually } from './eventually';

const NO_SERVICES: LocalServices = {
  invokeLambda: async () => {
    throw new ServiceError('Lambda.ResourceNotFoundException', 'No functions in this test.');
  },
  snsPublish: async () => ({ MessageId: 'unused' }),
  sesSendEmail: async () => ({ MessageId: 'unused' }),
  dynamodb: async () => ({}),
};
const GREETING = {
  QueryLanguage: 'JSONata',
  StartAt: 'greet',
  States: { greet: { Type: 'Pass', Output: "{% 'Hello, ' & $states.input.name %}", End: true } },
};

describe('Step Functions API server', () => {
  const log = createMemoryLog();
  const engine = new Engine({ dataDir: createTempDir('sfn-api'), services: NO_SERVICES });
  let server: LoopbackServer;
  let client: SFNClient;

  const post = (target: string | undefined, body: string) =>
    fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.0', ...(target ? { 'x-amz-target': target } : {}) },
      body,
    });

  beforeAll(async () => {
    await engine.start();
    server = await startStepFunctionsApiServer(engine, log, 0);
    client = new SFNClient({ endpoint: server.url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  });

  afterAll(async () => {
    client.destroy();
    await server.close();
    await engine.close();
  });

  it('runs an execution for the AWS SDK', async () => {
    const { stateMachineArn } = await client.send(
      new CreateStateMachineCommand({ name: 'greeting', definition: JSON.stringify(GREETING), roleArn: 'arn:aws:iam::000000000000:role/local' }),
    );
    const { executionArn } = await client.send(new StartExecutionCommand({ stateMachineArn, input: '{"name":"Ada"}' }));

    const execution = await eventually('the greeting execution to end', async () => {
      const described = await client.send(new DescribeExecutionCommand({ executionArn }));
      return described.status === 'RUNNING' ? undefined : described;
    });

    expect(execution.status).toBe('SUCCEEDED');
    expect(execution.output).toBe('"Hello, Ada"');
    expect(execution.startDate).toBeInstanceOf(Date);
  });

  it('returns engine errors with __type and status', async () => {
    const response = await post('AWSStepFunctions.DescribeStateMachine', JSON.stringify({ stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:missing' }));
    const body = (await response.json()) as { __type: string; message: string };

    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/x-amz-json-1.0');
    expect(body.__type).toBe('StateMachineDoesNotExist');
  });

  it('surfaces errors to the AWS SDK by name', async () => {
    const describe = client.send(new DescribeExecutionCommand({ executionArn: 'arn:aws:states:us-east-1:000000000000:execution:greeting:missing' }));

    await expect(describe).rejects.toMatchObject({ name: 'ExecutionDoesNotExist' });
  });

  it('rejects a request without a target', async () => {
    const response = await post(undefined, '{}');
    const body = (await response.json()) as { __type: string };

    expect(response.status).toBe(400);
    expect(body.__type).toBe('UnknownOperationException');
  });

  it('rejects a body that is not JSON', async () => {
    const response = await post('AWSStepFunctions.ListStateMachines', '{not json');
    const body = (await response.json()) as { __type: string };

    expect(response.status).toBe(400);
    expect(body.__type).toBe('SerializationException');
  });

  it('rejects an unknown operation', async () => {
    const response = await post('AWSStepFunctions.TagResourceEverywhere', '{}');
    const body = (await response.json()) as { __type: string };

    expect(response.status).toBe(400);
    expect(body.__type).toBe('UnknownOperationException');
  });
});
