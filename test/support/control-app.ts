import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { SFNClient } from '@aws-sdk/client-sfn';
import { App } from 'aws-cdk-lib';

import type { CompiledWorkflow } from '../../lib/cdk/compiled-workflow';
import { ControlApi } from '../../lib/cdk/control-api';
import { compileWorkflow } from '../../lib/compiler';
import { createMemoryLog } from '../../lib/local/log';
import { type LocalRuntime, startRuntime } from '../../lib/local/runtime';
import { createStack, TEST_CONTEXT } from '../cdk/stack-fixture';

/** One workflow behind the control API, running on the local runtime. */
export interface ControlApp {
  runtime: LocalRuntime;
  sfn: SFNClient;
  /** Base URL of the control API's stage, such as `http://127.0.0.1:<port>/v1`. */
  apiUrl: string;
  /** Sends POST /workflows/{name}/executions with a JSON body. */
  start(body: unknown, headers?: Record<string, string>): Promise<{ status: number; body: Record<string, any> }>;
  stop(): Promise<void>;
}

/**
 * Compiles one workflow, synthesizes it with the history table and the
 * control API, and runs the bundled app on the local runtime, every server
 * on a free loopback port.
 */
export async function startControlApp(workflowName: string, source: string): Promise<ControlApp> {
  const workflow = compileOrThrow(`workflows/${workflowName}.yaml`, source);
  const runtime = await startRuntime({
    assemblyDir: synthesizeWithControlApi(workflow),
    dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'sirocco-control-app-data-')),
    ports: 0,
    log: createMemoryLog(),
    ttlSweepMilliseconds: 0,
  });
  const apiUrl = `${runtime.urls.apiGateway}/v1`;
  const sfn = new SFNClient({
    endpoint: runtime.urls.stepFunctions,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });

  return {
    runtime,
    sfn,
    apiUrl,
    start: async (body, headers = {}) => {
      const response = await fetch(`${apiUrl}/workflows/${workflowName}/executions`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as Record<string, any> };
    },
    stop: async () => {
      sfn.destroy();
      await runtime.stop();
    },
  };
}

function compileOrThrow(file: string, source: string): CompiledWorkflow {
  const result = compileWorkflow(source, { file });
  if (!result.asl || !result.metadata) throw new Error(result.diagnostics.map((diagnostic) => diagnostic.message).join('\n'));
  return { file, asl: result.asl, metadata: result.metadata };
}

function synthesizeWithControlApi(workflow: CompiledWorkflow): string {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'sirocco-control-app-'));
  const app = new App({ outdir, context: { ...TEST_CONTEXT, 'aws:cdk:enable-asset-metadata': true } });
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
