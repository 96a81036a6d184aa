import { DescribeExecutionCommand, SendTaskSuccessCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { App } from 'aws-cdk-lib';
import * as fs from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

import { callbackKey } from '../../lambdas/std/callback-keys';
import type { CliOutput } from '../../lib/cli/output';
import { runCli } from '../../lib/cli/program';
import { addSiroccoStack } from '../../lib/cdk/sirocco-app';
import { createMemoryLog } from '../../lib/local/log';
import { startRuntime, type LocalRuntime } from '../../lib/local/runtime';

/**
 * Runs the std-http corpus workflow end to end: a synthesized assembly with
 * the real std.http and callback-token functions on the local runtime,
 * against an HR server on 127.0.0.1.
 */

const projectRoot = path.join(__dirname, '..', '..');
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

let hrServer: Server;
let hrUrl: string;
let runtime: LocalRuntime;
let sfn: SFNClient;
let documents: DynamoDBDocumentClient;
let historyTable: string;
let assemblyDir: string;
const tempDirs: string[] = [];

function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

/** Synthesizes the Sirocco app with only the std-http workflow and returns the assembly folder. */
function synthesizeStdHttp(): string {
  const workflowsDir = tempDir('sirocco-std-http-workflows-');
  fs.copyFileSync(path.join(__dirname, 'std-http.yaml'), path.join(workflowsDir, 'std-http.yaml'));

  const outdir = tempDir('sirocco-std-http-assembly-');
  const app = new App({ outdir, context: { 'aws:cdk:enable-asset-metadata': true, 'sirocco:workflowsDir': workflowsDir } });
  addSiroccoStack(app, projectRoot);
  app.synth();
  return outdir;
}

beforeAll(async () => {
  hrServer = createServer((request, response) => {
    if (request.url === '/employees/e-1') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ id: 'e-1', active: true }));
      return;
    }
    response.writeHead(404, { 'content-type': 'text/plain' });
    response.end('not found');
  });
  await new Promise<void>((resolve) => hrServer.listen(0, '127.0.0.1', resolve));
  hrUrl = `http://127.0.0.1:${(hrServer.address() as AddressInfo).port}`;

  assemblyDir = synthesizeStdHttp();
  runtime = await startRuntime({ assemblyDir, dataDir: tempDir('sirocco-std-http-data-'), ports: 0, log: createMemoryLog() });
  const clientOptions = { region: 'us-east-1', credentials };
  sfn = new SFNClient({ ...clientOptions, endpoint: runtime.urls.stepFunctions });
  documents = DynamoDBDocumentClient.from(new DynamoDBClient({ ...clientOptions, endpoint: runtime.urls.dynamodb }));
  historyTable = runtime.stacks[0].tables[0].tableName;
}, 120_000);

afterAll(async () => {
  sfn?.destroy();
  documents?.destroy();
  await runtime?.stop();
  hrServer?.closeAllConnections();
  await new Promise((resolve) => hrServer?.close(resolve));
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

async function waitForEnd(executionArn: string): Promise<Record<string, unknown>> {
  for (;;) {
    const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (described.status !== 'RUNNING') return described as unknown as Record<string, unknown>;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function waitForCallbackRow(executionArn: string): Promise<Record<string, unknown>> {
  for (;;) {
    const row = await documents.send(new GetCommand({ TableName: historyTable, Key: callbackKey(executionArn, 'ask_hr') }));
    if (row.Item) return row.Item;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function postControl(route: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${runtime.urls.apiGateway}/v1${route}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Runs `sirocco <args>` in process against the test runtime. */
async function sirocco(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const output: CliOutput = { color: false, stdout: (text) => stdout.push(text), stderr: (text) => stderr.push(text) };
  const connection = ['--assembly', assemblyDir, '--stepfunctions-endpoint', runtime.urls.stepFunctions, '--dynamodb-endpoint', runtime.urls.dynamodb, '--api-endpoint', runtime.urls.apiGateway];
  const code = await runCli(['node', 'sirocco', ...args, ...connection], output);
  return { code, stdout: stdout.join(''), stderr: stderr.join('') };
}

function startMachine(employeeId: string) {
  const stateMachineArn = 'arn:aws:states:us-east-1:000000000000:stateMachine:std_http';
  return sfn.send(new StartExecutionCommand({ stateMachineArn, input: JSON.stringify({ hr_url: hrUrl, employee_id: employeeId }) }));
}

describe('std-http on the local runtime', () => {
  it('reads an active employee over HTTP', async () => {
    const started = await startMachine('e-1');
    const done = await waitForEnd(started.executionArn as string);

    expect({ status: done.status, error: done.error, cause: done.cause }).toStrictEqual({ status: 'SUCCEEDED', error: undefined, cause: undefined });
    expect(JSON.parse(done.output as string)).toStrictEqual({
      hr_url: hrUrl,
      employee_id: 'e-1',
      employee: { id: 'e-1', active: true },
      status: 200,
    });
  });

  it('completes the HR task through the control API', async () => {
    const started = await startMachine('e-405');
    const executionArn = started.executionArn as string;
    await waitForCallbackRow(executionArn);
    const route = `/executions/${encodeURIComponent(executionArn)}/tasks/ask_hr/complete`;

    const unknownTask = await postControl(`/executions/${encodeURIComponent(executionArn)}/tasks/fetch_employee/complete`, { output: {} });
    const completed = await postControl(route, { output: { keep: true } });
    const done = await waitForEnd(executionArn);
    const again = await postControl(route, { output: { keep: true } });

    expect(unknownTask.status).toBe(404);
    expect(unknownTask.body.error).toBe('TaskNotWaiting');
    expect(completed).toStrictEqual({ status: 200, body: { executionArn, task: 'ask_hr', completed: 'success' } });
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output as string)).toStrictEqual({ hr_url: hrUrl, employee_id: 'e-405', answer: { keep: true } });
    expect(again.status).toBe(404);
    expect(again.body.error).toBe('TaskNotWaiting');
  });

  it('fails the HR task through the control API', async () => {
    const started = await startMachine('e-406');
    const executionArn = started.executionArn as string;
    await waitForCallbackRow(executionArn);

    const failed = await postControl(`/executions/${encodeURIComponent(executionArn)}/tasks/ask_hr/complete`, { error: 'HrRejected', cause: 'Unknown employee.' });
    const done = await waitForEnd(executionArn);

    expect(failed.status).toBe(200);
    expect({ status: done.status, error: done.error, cause: done.cause }).toStrictEqual({ status: 'FAILED', error: 'HrRejected', cause: 'Unknown employee.' });
  });

  it('completes the HR task with sirocco complete', async () => {
    const started = await startMachine('e-407');
    const executionArn = started.executionArn as string;
    await waitForCallbackRow(executionArn);

    const invalid = await sirocco(['complete', executionArn, 'ask_hr', '--output', '{keep']);
    const run = await sirocco(['complete', executionArn, 'ask_hr', '--output', '{"keep": true, "by": "hr"}']);
    const done = await waitForEnd(executionArn);

    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain('--output is not valid JSON');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`Sent the result of task ask_hr of execution ${executionArn}: completed it.\n`);
    expect(JSON.parse(done.output as string)).toStrictEqual({ hr_url: hrUrl, employee_id: 'e-407', answer: { keep: true, by: 'hr' } });
  });

  it('waits for HR after a 404', async () => {
    const started = await startMachine('e-404');
    const executionArn = started.executionArn as string;
    const row = await waitForCallbackRow(executionArn);

    expect(row).toMatchObject({ execution: executionArn, workflow: 'std_http', task: 'ask_hr' });
    expect(typeof row.expiresAt).toBe('number');
    await sfn.send(new SendTaskSuccessCommand({ taskToken: row.token as string, output: JSON.stringify({ keep: false }) }));
    const done = await waitForEnd(executionArn);

    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output as string)).toStrictEqual({ hr_url: hrUrl, employee_id: 'e-404', answer: { keep: false } });
  });
});
