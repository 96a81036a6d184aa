import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { App } from 'aws-cdk-lib';

import { ControlApi } from '../../lib/cdk/control-api';
import type { CompiledWorkflow } from '../../lib/cdk/compiled-workflow';
import { compileWorkflow } from '../../lib/compiler';
import { createMemoryLog } from '../../lib/local/log';
import { type LocalRuntime, startRuntime } from '../../lib/local/runtime';
import { createStack, TEST_CONTEXT } from '../cdk/stack-fixture';

/** A reverse workflow without `target`, so that the execution input's task_name selects the target. */
const SOURCE = `version: '2.0'
name: deliveries
type: reverse
tasks:
  pack:
    action: std.noop
  ship:
    action: std.noop
    requires: [pack]
`;

let runtime: LocalRuntime;
let apiUrl: string;

function compileDeliveries(): CompiledWorkflow {
  const file = 'workflows/deliveries.yaml';
  const result = compileWorkflow(SOURCE, { file });
  if (!result.asl || !result.metadata) throw new Error(result.diagnostics.map((d) => d.message).join('\n'));
  return { file, asl: result.asl, metadata: result.metadata };
}

/** Synthesizes a stack with the deliveries workflow and the control API, bundled, into a new folder. */
function synthesizeAssembly(): string {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'sirocco-control-task-name-'));
  const app = new App({ outdir, context: { ...TEST_CONTEXT, 'aws:cdk:enable-asset-metadata': true } });
  const workflow = compileDeliveries();
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

async function start(body: unknown) {
  const response = await fetch(`${apiUrl}/workflows/deliveries/executions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

beforeAll(async () => {
  runtime = await startRuntime({
    assemblyDir: synthesizeAssembly(),
    dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'sirocco-control-task-name-data-')),
    ports: 0,
    log: createMemoryLog(),
    ttlSweepMilliseconds: 0,
  });
  apiUrl = `${runtime.urls.apiGateway}/v1`;
}, 180_000);

afterAll(async () => {
  await runtime?.stop();
});

describe('control API start of a reverse workflow', () => {
  it('rejects a task_name that names no task', async () => {
    const started = await start({ task_name: 'deliver' });

    expect(started.status).toBe(400);
    expect(started.body.error).toBe('InvalidInput');
    expect(started.body.fields).toStrictEqual([
      {
        field: 'task_name',
        message: 'Input field "task_name" is "deliver", which workflow "deliveries" does not allow: send one of pack, ship, or leave it out for the default null.',
      },
    ]);
  });

  it('accepts a task_name of a task', async () => {
    const started = await start({ task_name: 'ship' });

    expect(started.status).toBe(202);
  });

  it('accepts a start without task_name', async () => {
    const started = await start({});

    expect(started.status).toBe(202);
  });
});
