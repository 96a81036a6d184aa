import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { App } from 'aws-cdk-lib';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';

import { Alerts } from '../../lib/cdk/alerts';
import { ControlApi } from '../../lib/cdk/control-api';
import { History } from '../../lib/cdk/history';
import { createMemoryLog } from '../../lib/local/log';
import { type LocalRuntime, startRuntime } from '../../lib/local/runtime';
import { type SampleSystems, startSampleSystems } from '../../lib/samples/sample-systems';
import { bonusOnlyWorkflow, createStack, TEST_CONTEXT } from '../cdk/stack-fixture';
import { eventually } from '../local/services/eventually';

const EXECUTION_NAME = 'e2e-bonus-1';
const INPUT = { employee_id: 'E1001', month: '2026-11' };

let systems: SampleSystems;
let runtime: LocalRuntime;
let documents: DynamoDBDocumentClient;
let apiUrl: string;
const runtimeLog = createMemoryLog();

/** Synthesizes the Sirocco stack with the three constructs, bundled, into a new folder. */
function synthesizeAssembly(): string {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'sirocco-history-e2e-'));
  // The CDK CLI sets this context. The local runtime finds each bundle through the metadata it enables.
  const app = new App({
    outdir,
    context: { ...TEST_CONTEXT, 'aws:cdk:enable-asset-metadata': true },
  });
  const workflow = bonusOnlyWorkflow();
  const stack = createStack(app, [workflow]);
  const workflows = [...stack.stateMachines.values()];
  const table = stack.historyTable;

  new History(stack, 'ExecutionHistory', { table, workflows, alarmTopic: stack.alertsTopic });
  new Alerts(stack, 'FailureAlerts', { table, topic: stack.alertsTopic, workflows });
  new ControlApi(stack, 'ControlApi', {
    table,
    cloudWatchRole: true,
    workflows: [{ metadata: workflow.metadata, stateMachine: workflows[0].stateMachine }],
  });
  app.synth();
  return outdir;
}

async function request(method: string, route: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${apiUrl}${route}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

async function executionRows(executionArn: string) {
  const output = await documents.send(
    new QueryCommand({
      TableName: runtime.stacks[0].tables[0].tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `EXEC#${executionArn}` },
    }),
  );
  return output.Items ?? [];
}

function alertMessages() {
  return runtime.outbox.messages().filter((message) => message.body.startsWith('Sirocco: workflow'));
}

beforeAll(async () => {
  systems = await startSampleSystems({ accountingPort: 0, bonusPort: 0 });
  const assemblyDir = synthesizeAssembly();
  runtime = await startRuntime({
    assemblyDir,
    dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'sirocco-history-data-')),
    ports: 0,
    log: runtimeLog,
    ttlSweepMilliseconds: 0,
    environmentOverrides: (fn): Record<string, string> =>
      'SYSTEM_URL' in fn.environment ? { SYSTEM_URL: systems.bonusUrl } : {},
  });
  apiUrl = `${runtime.urls.apiGateway}/v1`;
  documents = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: runtime.urls.dynamodb,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    }),
  );
}, 180_000);

afterAll(async () => {
  // SHOW_RUNTIME_LOG=1 prints what the functions and services logged.
  if (process.env.SHOW_RUNTIME_LOG) console.log(runtimeLog.lines.join('\n'));
  documents?.destroy();
  await runtime?.stop();
  await systems?.stop();
});

describe('history, alerts and control API on the local runtime', () => {
  it('records, alerts and redrives a failed run', async () => {
    await fetch(`${systems.bonusUrl}/_control/fail`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ path: '/employees/', status: 503, times: 1 }),
    });

    const started = await request('POST', '/workflows/bonus_only/executions', INPUT, {
      'Idempotency-Key': EXECUTION_NAME,
    });
    expect(started.status).toBe(202);
    const executionArn = started.body.executionArn as string;
    expect(executionArn).toBe(
      `arn:aws:states:us-east-1:000000000000:execution:bonus_only:${EXECUTION_NAME}`,
    );

    const failedRows = await eventually('the recorded failure', async () => {
      const rows = await executionRows(executionArn);
      const execution = rows.find((row) => row.sk === 'EXECUTION');
      const task = rows.find((row) => row.sk === 'TASK#bonus');
      return execution?.status === 'FAILED' && task ? rows : undefined;
    });
    const failedTask = failedRows.find((row) => row.sk === 'TASK#bonus');
    expect(failedTask?.status).toBe('FAILED');
    expect(JSON.parse(failedTask?.input ?? 'null')).toEqual(INPUT);
    expect(failedTask).not.toHaveProperty('output');

    const alerts = await eventually('the failure SMS', async () =>
      alertMessages().length > 0 ? alertMessages() : undefined,
    );
    expect(alerts[0].body).toContain('Sirocco: workflow bonus_only failed at state bonus.');
    expect(alerts[0].body).toContain('SystemError.503: GET /employees/E1001/bonus failed with status 503');
    expect(alerts[0].body).toContain(`Details: sirocco status ${EXECUTION_NAME}`);

    const failed = await request('GET', `/executions/${EXECUTION_NAME}`);
    expect(failed.status).toBe(200);
    expect(failed.body.status).toBe('FAILED');
    expect(failed.body.tasks.failed.map((task: { name: string }) => task.name)).toEqual(['bonus']);

    const retried = await request('POST', '/workflows/bonus_only/executions', INPUT, {
      'Idempotency-Key': EXECUTION_NAME,
    });
    expect(retried.status).toBe(202);
    expect(retried.body.executionArn).toBe(executionArn);

    const redriven = await request('POST', `/executions/${encodeURIComponent(executionArn)}/redrive`);
    expect(redriven.status).toBe(202);

    const succeeded = await eventually('the redriven run to succeed', async () => {
      const described = await request('GET', `/executions/${EXECUTION_NAME}`);
      return described.body.status === 'SUCCEEDED' ? described : undefined;
    });
    expect(succeeded.body.redriveCount).toBe(1);
    expect(succeeded.body.tasks.done.map((task: { name: string }) => task.name)).toEqual(['bonus']);
    expect(succeeded.body.tasks.done[0].input).toEqual(INPUT);
    expect(succeeded.body.tasks.done[0].output).toEqual(expect.any(Object));

    // The recorder writes the execution row first and the task rows after it.
    const recorded = await eventually('the recorded success', async () => {
      const rows = await executionRows(executionArn);
      const task = rows.find((row) => row.sk === 'TASK#bonus');
      return task?.redriveCount === 1 ? rows : undefined;
    });
    expect(recorded.find((row) => row.sk === 'EXECUTION')?.status).toBe('SUCCEEDED');
    expect(recorded.find((row) => row.sk === 'EXECUTION')?.redriveCount).toBe(1);
    const recordedTask = recorded.find((row) => row.sk === 'TASK#bonus');
    expect(recordedTask?.status).toBe('SUCCEEDED');
    expect(JSON.parse(recordedTask?.input ?? 'null')).toEqual(INPUT);
    expect(JSON.parse(recordedTask?.output ?? 'null')).toEqual(succeeded.body.tasks.done[0].output);

    const listed = await request('GET', '/workflows/bonus_only/executions?limit=10');
    expect(listed.status).toBe(200);
    expect(listed.body.executions).toEqual([
      expect.objectContaining({ executionName: EXECUTION_NAME, status: 'SUCCEEDED', redriveCount: 1 }),
    ]);
    const alertIds = new Set(alertMessages().map((message) => message.messageId));
    expect(alertIds.size).toBe(1);
  });
});
