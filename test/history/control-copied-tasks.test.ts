import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { DescribeExecutionCommand, SFNClient } from '@aws-sdk/client-sfn';
import { App } from 'aws-cdk-lib';

import type { CompiledWorkflow } from '../../lib/cdk/compiled-workflow';
import { ControlApi } from '../../lib/cdk/control-api';
import { compileWorkflow } from '../../lib/compiler';
import { createMemoryLog } from '../../lib/local/log';
import { type LocalRuntime, startRuntime } from '../../lib/local/runtime';
import { createStack, TEST_CONTEXT } from '../cdk/stack-fixture';
import { eventually } from '../local/services/eventually';

// Both branches reach `merge` without a join, so the compiler copies it as `merge.2`.
const SOURCE = `version: '2.0'
name: copied_echo
tasks:
  split:
    action: std.echo
    input:
      output: split
    on-success: [left, right]
  left:
    action: std.echo
    input:
      output: left
    on-success: merge
  right:
    action: std.echo
    input:
      output: right
    on-success: merge
  merge:
    action: std.echo
    input:
      output: merged
`;

let runtime: LocalRuntime;
let sfn: SFNClient;
let apiUrl: string;

function compileCopiedEcho(): CompiledWorkflow {
  const file = 'workflows/copied_echo.yaml';
  const result = compileWorkflow(SOURCE, { file });
  if (!result.asl || !result.metadata) throw new Error(result.diagnostics.map((diagnostic) => diagnostic.message).join('\n'));
  return { file, asl: result.asl, metadata: result.metadata };
}

function synthesizeAssembly(): string {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'sirocco-control-copies-'));
  const app = new App({ outdir, context: { ...TEST_CONTEXT, 'aws:cdk:enable-asset-metadata': true } });
  const workflow = compileCopiedEcho();
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

beforeAll(async () => {
  runtime = await startRuntime({
    assemblyDir: synthesizeAssembly(),
    dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'sirocco-control-copies-data-')),
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

describe('GET /executions/{id} with copied tasks', () => {
  it('lists each copy that ran under its state name', async () => {
    const started = await fetch(`${apiUrl}/workflows/copied_echo/executions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    const { executionArn } = (await started.json()) as { executionArn: string };
    await eventually('the execution to end', async () => {
      const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
      return described.status === 'RUNNING' ? undefined : described;
    });

    const response = await fetch(`${apiUrl}/executions/${encodeURIComponent(executionArn)}`);
    const body = (await response.json()) as { status: string; tasks: Record<string, { name: string; task?: string }[]> };

    expect(response.status).toBe(200);
    expect(body.status).toBe('SUCCEEDED');
    expect(body.tasks.done.map((task) => task.name).sort()).toStrictEqual(['left', 'merge', 'merge.2', 'right', 'split']);
    expect(body.tasks.done.find((task) => task.name === 'merge.2')?.task).toBe('merge');
    expect(body.tasks.done.find((task) => task.name === 'merge')?.task).toBeUndefined();
    expect(body.tasks.notReached).toStrictEqual([]);
  });
});
