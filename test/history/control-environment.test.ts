import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { DescribeExecutionCommand, SFNClient } from '@aws-sdk/client-sfn';
import { App } from 'aws-cdk-lib';

import { ControlApi } from '../../lib/cdk/control-api';
import type { CompiledWorkflow } from '../../lib/cdk/compiled-workflow';
import { compileWorkflow } from '../../lib/compiler';
import { createMemoryLog } from '../../lib/local/log';
import { type LocalRuntime, startRuntime } from '../../lib/local/runtime';
import { createStack, TEST_CONTEXT } from '../cdk/stack-fixture';
import { eventually } from '../local/services/eventually';

const SOURCE = `version: '2.0'
name: env_echo
input: [month]
tasks:
  show:
    action: std.echo
    input:
      output: <% $.month %>
output:
  month: <% task(show).result %>
  region: <% env().region %>
`;

let runtime: LocalRuntime;
let sfn: SFNClient;
let apiUrl: string;

function compileEnvEcho(): CompiledWorkflow {
  const file = 'workflows/env_echo.yaml';
  const result = compileWorkflow(SOURCE, { file });
  if (!result.asl || !result.metadata) throw new Error(result.diagnostics.map((d) => d.message).join('\n'));
  return { file, asl: result.asl, metadata: result.metadata };
}

/** Synthesizes a stack with the env_echo workflow and the control API, bundled, into a new folder. */
function synthesizeAssembly(): string {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'sirocco-control-env-'));
  const app = new App({ outdir, context: { ...TEST_CONTEXT, 'aws:cdk:enable-asset-metadata': true } });
  const workflow = compileEnvEcho();
  const stack = createStack(app, [workflow]);
  const [stateMachine] = [...stack.stateMachines.values()];
  new ControlApi(stack, 'ControlApi', {
    table: stack.historyTable,
    cloudWatchRole: true,
    workflows: [{ metadata: workflow.metadata, stateMachine: stateMachine.stateMachine }],
  });
  app.synth();
  return outdir;
}

async function start(body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${apiUrl}/workflows/env_echo/executions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

async function finished(executionArn: string) {
  return eventually('the execution to end', async () => {
    const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    return described.status === 'RUNNING' ? undefined : described;
  });
}

beforeAll(async () => {
  runtime = await startRuntime({
    assemblyDir: synthesizeAssembly(),
    dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'sirocco-control-env-data-')),
    ports: 0,
    log: createMemoryLog(),
    ttlSweepMilliseconds: 0,
  });
  apiUrl = `${runtime.urls.apiGateway}/v1`;
  sfn = new SFNClient({
    endpoint: runtime.urls.stepFunctions,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
}, 180_000);

afterAll(async () => {
  sfn?.destroy();
  await runtime?.stop();
});

describe('control API start with an environment', () => {
  it('passes env to the execution as __env', async () => {
    const started = await start({ month: '2026-11', env: { region: 'eu-west-1' } });

    expect(started.status).toBe(202);
    const execution = await finished(started.body.executionArn);
    expect(execution.status).toBe('SUCCEEDED');
    expect(JSON.parse(execution.input ?? '{}')).toStrictEqual({ month: '2026-11', __env: { region: 'eu-west-1' } });
    expect(JSON.parse(execution.output ?? '{}')).toStrictEqual({ month: '2026-11', region: 'eu-west-1' });
  });

  it('starts without env', async () => {
    const started = await start({ month: '2026-12' });

    expect(started.status).toBe(202);
    const execution = await finished(started.body.executionArn);
    expect(JSON.parse(execution.input ?? '{}')).toStrictEqual({ month: '2026-12' });
    expect(JSON.parse(execution.output ?? '{}')).toStrictEqual({ month: '2026-12' });
  });

  it('rejects an env that is not an object', async () => {
    const started = await start({ month: '2026-11', env: 'eu-west-1' });

    expect(started.status).toBe(400);
    expect(started.body.error).toBe('InvalidEnvironment');
    expect(started.body.message).toBe('The "env" field is "eu-west-1": send the environment as a JSON object, such as {"region": "eu-west-1"}.');
  });

  it('rejects __env among the input fields', async () => {
    const started = await start({ month: '2026-11', __env: { region: 'eu-west-1' } });

    expect(started.status).toBe(400);
    expect(started.body.error).toBe('InvalidInput');
    expect(started.body.fields).toStrictEqual([
      {
        field: '__env',
        message: 'Input field "__env" is reserved for the environment that env() reads: pass the environment as the "env" object beside the input fields, or with --env on the command line.',
      },
    ]);
  });

  it('replays a keyed start with the same env', async () => {
    const body = { month: '2026-10', env: { region: 'us-west-2' } };
    const first = await start(body, { 'Idempotency-Key': 'env-key-1' });
    const second = await start(body, { 'Idempotency-Key': 'env-key-1' });
    const other = await start({ ...body, env: { region: 'ap-south-1' } }, { 'Idempotency-Key': 'env-key-1' });

    expect(first.status).toBe(202);
    expect(second.status).toBe(202);
    expect(second.body.executionArn).toBe(first.body.executionArn);
    expect(other.status).toBe(409);
  });
});
