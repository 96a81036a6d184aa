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
import { readSiroccoSettings } from '../../lib/cdk/sirocco-context';
import { SiroccoStack } from '../../lib/cdk/sirocco-stack';
import { createMemoryLog } from '../../lib/local/log';
import { startRuntime, type LocalRuntime } from '../../lib/local/runtime';
import { readCorpusEntry } from './harness-cases';
import { compileCorpusEntry } from './harness';

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
const tempDirs: string[] = [];

function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

/** Synthesizes a Sirocco stack with only the std-http workflow and returns the assembly folder. */
function synthesizeStdHttp(): string {
  const entry = readCorpusEntry('std-http');
  const result = compileCorpusEntry(entry);
  if (!result.asl || !result.metadata) throw new Error(JSON.stringify(result.diagnostics));

  const outdir = tempDir('sirocco-std-http-assembly-');
  const app = new App({ outdir, context: { 'aws:cdk:enable-asset-metadata': true, 'sirocco:systems': { accounting: 'http://127.0.0.1:4701', bonus: 'http://127.0.0.1:4702' } } });
  new SiroccoStack(app, 'Sirocco', {
    workflows: [{ file: entry.yamlPath, asl: result.asl, metadata: result.metadata }],
    settings: readSiroccoSettings(app.node),
    projectRoot,
    env: { account: '000000000000', region: 'us-east-1' },
  });
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

  runtime = await startRuntime({ assemblyDir: synthesizeStdHttp(), dataDir: tempDir('sirocco-std-http-data-'), ports: 0, log: createMemoryLog() });
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
