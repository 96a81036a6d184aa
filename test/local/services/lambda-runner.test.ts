import { GetFunctionConfigurationCommand, InvokeCommand, LambdaClient, ListFunctionsCommand } from '@aws-sdk/client-lambda';

import { readAssembly } from '../../../lib/local/assembly/read-assembly';
import { LOCAL_LOCATION } from '../../../lib/local/aws-names';
import { ServiceError } from '../../../lib/local/engine/types';
import { LoopbackServer } from '../../../lib/local/http/loopback-server';
import { functionEnvironment, ServiceEndpoints } from '../../../lib/local/lambda/function-environment';
import { startLambdaApiServer } from '../../../lib/local/lambda/invoke-api-server';
import { LambdaRunner } from '../../../lib/local/lambda/lambda-runner';
import { createMemoryLog } from '../../../lib/local/log';
import { buildTestAssembly } from './build-assembly';

const ENDPOINTS: ServiceEndpoints = {
  stepFunctions: 'http://127.0.0.1:1001',
  lambda: 'http://127.0.0.1:1002',
  dynamodb: 'http://127.0.0.1:1003',
  outbox: 'http://127.0.0.1:1004',
  fallback: 'http://127.0.0.1:1002',
};

describe('LambdaRunner', () => {
  process.env.SIROCCO_RUNNER_SECRET = 'must-not-leak';
  const log = createMemoryLog();
  const [stack] = readAssembly(buildTestAssembly());
  const runner = new LambdaRunner({
    functions: stack.functions,
    environmentOf: (fn) => functionEnvironment(fn, { endpoints: ENDPOINTS, location: LOCAL_LOCATION, overrides: { EXTRA: 'override' } }),
    log,
  });
  let server: LoopbackServer;
  let client: LambdaClient;

  beforeAll(async () => {
    server = await startLambdaApiServer(runner, log, 0);
    client = new LambdaClient({
      endpoint: server.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
  });

  afterAll(async () => {
    delete process.env.SIROCCO_RUNNER_SECRET;
    client.destroy();
    await server.close();
    runner.stop();
  });

  it('returns the handler result', async () => {
    const result = await runner.invoke('echo', { hello: 'world' });
    const payload = result.payload as { event: unknown; functionName: string };

    expect(result.statusCode).toBe(200);
    expect(result.functionError).toBeUndefined();
    expect(payload.event).toEqual({ hello: 'world' });
    expect(payload.functionName).toBe('echo');
  });

  it('gives the template environment and local endpoints', async () => {
    const result = await runner.invoke('arn:aws:lambda:us-east-1:000000000000:function:echo', {});
    const environment = (result.payload as { environment: Record<string, string> }).environment;

    expect(environment.HISTORY_TABLE).toBe('SiroccoTest-HistoryTable');
    expect(environment.AWS_ENDPOINT_URL_DYNAMODB).toBe('http://127.0.0.1:1003');
    expect(environment.AWS_ENDPOINT_URL_SFN).toBe('http://127.0.0.1:1001');
    expect(environment.AWS_ACCESS_KEY_ID).toBe('test');
    expect(environment.AWS_EC2_METADATA_DISABLED).toBe('true');
    expect(environment.AWS_REGION).toBe('us-east-1');
    expect(environment.EXTRA).toBe('override');
  });

  it('turns off the AWS SDK Node.js version warning', async () => {
    const result = await runner.invoke('echo', {});
    const environment = (result.payload as { environment: Record<string, string> }).environment;
    const store = stack.functions.find((fn) => fn.assetPath?.endsWith('asset.store'));
    // The handler creates an SDK client when it loads, and its call to the closed DynamoDB port fails.
    await runner.invoke(store!.functionName, { id: 'node-version-warning' });

    expect(environment.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED).toBe('true');
    expect(log.lines.filter((line) => line.includes('NodeVersionSupportWarning'))).toStrictEqual([]);
  });

  it('inherits nothing from the runtime environment', async () => {
    const result = await runner.invoke('echo', {});
    const environment = (result.payload as { environment: Record<string, string> }).environment;

    expect(process.env.SIROCCO_RUNNER_SECRET).toBe('must-not-leak');
    expect(environment.SIROCCO_RUNNER_SECRET).toBeUndefined();
    expect(environment.PATH).toBeUndefined();
  });

  it('reports a thrown error in the Lambda shape', async () => {
    const result = await runner.invoke('SiroccoTest-FailFunction', { reason: 'Month is missing.' });
    const payload = result.payload as { errorType: string; errorMessage: string; trace: string[] };

    expect(result.functionError).toBe('Unhandled');
    expect(payload.errorType).toBe('ValidationError');
    expect(payload.errorMessage).toBe('Month is missing.');
    expect(payload.trace[0]).toBe('ValidationError: Month is missing.');
  });

  it('kills an invocation past the timeout', async () => {
    const result = await runner.invoke('SiroccoTest-SlowFunction', { milliseconds: 5000 });
    const payload = result.payload as { errorType: string; errorMessage: string };

    expect(result.functionError).toBe('Unhandled');
    expect(payload.errorType).toBe('Sandbox.Timedout');
    expect(payload.errorMessage).toMatch(/Task timed out after 1\.00 seconds$/);
  });

  it('runs concurrent invocations in separate instances', async () => {
    const results = await Promise.all(
      [1, 2, 3].map(() => runner.invoke('SiroccoTest-SlowFunction', { milliseconds: 200 })),
    );
    const pids = new Set(results.map((result) => (result.payload as { pid: number }).pid));

    expect(results.every((result) => result.functionError === undefined)).toBe(true);
    expect(pids.size).toBe(3);
  });

  it('queues invocations past the instance maximum', async () => {
    const capped = new LambdaRunner({
      functions: stack.functions,
      environmentOf: (fn) => functionEnvironment(fn, { endpoints: ENDPOINTS, location: LOCAL_LOCATION }),
      log,
      maxInstancesPerFunction: 2,
    });

    try {
      const results = await Promise.all(
        [1, 2, 3, 4, 5].map(() => capped.invoke('SiroccoTest-SlowFunction', { milliseconds: 100 })),
      );
      const pids = new Set(results.map((result) => (result.payload as { pid: number }).pid));

      expect(results.every((result) => result.functionError === undefined)).toBe(true);
      expect(pids.size).toBe(2);
    } finally {
      capped.stop();
    }
  });

  it('replaces a timed-out instance for a queued invocation', async () => {
    const capped = new LambdaRunner({
      functions: stack.functions,
      environmentOf: (fn) => functionEnvironment(fn, { endpoints: ENDPOINTS, location: LOCAL_LOCATION }),
      log,
      maxInstancesPerFunction: 1,
    });

    try {
      const [slow, queued] = await Promise.all([
        capped.invoke('SiroccoTest-SlowFunction', { milliseconds: 5000 }),
        capped.invoke('SiroccoTest-SlowFunction', { milliseconds: 10 }),
      ]);

      expect((slow.payload as { errorType: string }).errorType).toBe('Sandbox.Timedout');
      expect(queued.functionError).toBeUndefined();
    } finally {
      capped.stop();
    }
  });

  it('aborts an invocation through its signal', async () => {
    const controller = new AbortController();
    const invocation = runner.invoke('SiroccoTest-SlowFunction', { milliseconds: 5000 }, controller.signal);
    controller.abort(new Error('Execution stopped.'));

    await expect(invocation).rejects.toThrow('Execution stopped.');
  });

  it('rejects an unknown function with a ServiceError', async () => {
    const invocation = runner.invoke('missing', {});

    await expect(invocation).rejects.toBeInstanceOf(ServiceError);
    await expect(invocation).rejects.toMatchObject({ errorName: 'Lambda.ResourceNotFoundException' });
  });

  it('logs handler output under the function name', async () => {
    await runner.invoke('echo', { logged: true });

    expect(log.lines).toContain('[lambda:echo] echo received {"logged":true}');
  });

  it('serves Invoke to the AWS SDK', async () => {
    const response = await client.send(
      new InvokeCommand({ FunctionName: 'echo', Payload: Buffer.from(JSON.stringify({ via: 'sdk' })) }),
    );
    const payload = JSON.parse(Buffer.from(response.Payload!).toString('utf8'));

    expect(response.StatusCode).toBe(200);
    expect(response.FunctionError).toBeUndefined();
    expect(payload.event).toEqual({ via: 'sdk' });
  });

  it('serves a function error to the AWS SDK', async () => {
    const response = await client.send(new InvokeCommand({ FunctionName: 'SiroccoTest-FailFunction' }));
    const payload = JSON.parse(Buffer.from(response.Payload!).toString('utf8'));

    expect(response.FunctionError).toBe('Unhandled');
    expect(payload.errorType).toBe('ValidationError');
  });

  it('serves a missing function as ResourceNotFoundException', async () => {
    await expect(client.send(new InvokeCommand({ FunctionName: 'missing' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  it('serves GetFunctionConfiguration with the template environment', async () => {
    const configuration = await client.send(new GetFunctionConfigurationCommand({ FunctionName: 'echo' }));

    expect(configuration.FunctionName).toBe('echo');
    expect(configuration.FunctionArn).toBe('arn:aws:lambda:us-east-1:000000000000:function:echo');
    expect(configuration.Description).toBe('Echoes its event');
    expect(configuration.MemorySize).toBe(256);
    expect(configuration.Environment?.Variables?.HISTORY_TABLE).toEqual(expect.any(String));
    expect(configuration.Environment?.Variables).not.toHaveProperty('EXTRA');
  });

  it('serves GetFunctionConfiguration of a missing function as ResourceNotFoundException', async () => {
    await expect(client.send(new GetFunctionConfigurationCommand({ FunctionName: 'missing' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  it('serves ListFunctions with every function', async () => {
    const { Functions = [], NextMarker } = await client.send(new ListFunctionsCommand({}));

    expect(Functions.map((fn) => fn.FunctionName)).toEqual(stack.functions.map((fn) => fn.functionName));
    expect(Functions.find((fn) => fn.FunctionName === 'echo')?.Description).toBe('Echoes its event');
    expect(NextMarker).toBeUndefined();
  });

  it('accepts an Event invocation', async () => {
    const response = await client.send(
      new InvokeCommand({ FunctionName: 'echo', InvocationType: 'Event', Payload: Buffer.from('{}') }),
    );

    expect(response.StatusCode).toBe(202);
  });
});
