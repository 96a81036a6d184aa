import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { App } from 'aws-cdk-lib';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';

import { BY_WORKFLOW_INDEX, workflowIndexKey } from '../../lambdas/history/keys';
import type { CompiledWorkflow } from '../../lib/cdk/compiled-workflow';
import { ControlApi } from '../../lib/cdk/control-api';
import { History } from '../../lib/cdk/history';
import { createMemoryLog } from '../../lib/local/log';
import { type LocalRuntime, startRuntime } from '../../lib/local/runtime';
import { createStack, TEST_CONTEXT } from '../cdk/stack-fixture';
import { eventually } from '../local/services/eventually';

// 500 starts through the control API of the local runtime, a tenth of them
// malformed, with 20 requests in flight. The workflow waits an hour, so every
// accepted start stays RUNNING and no action Lambda competes for the CPU.
const TOTAL_REQUESTS = 500;
const IN_FLIGHT = 20;
const CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

type RequestKind = 'valid' | 'missingField' | 'unknownField' | 'invalidJson';

interface LoadRequest {
  kind: RequestKind;
  name: string;
  body: string;
}

interface LoadResponse {
  request: LoadRequest;
  status: number;
  body: Record<string, any>;
}

let runtime: LocalRuntime;
let sfn: SFNClient;
let documents: DynamoDBDocumentClient;
let apiUrl: string;
const runtimeLog = createMemoryLog();

/** Returns a one-state workflow `hold` that waits for an hour. */
function holdWorkflow(): CompiledWorkflow {
  return {
    file: 'workflows/hold.yaml',
    asl: {
      QueryLanguage: 'JSONata',
      StartAt: 'hold',
      States: { hold: { Type: 'Wait', Seconds: 3600, End: true } },
    },
    metadata: {
      name: 'hold',
      input: [{ name: 'employee_id' }, { name: 'month' }],
      tasks: [{ name: 'hold', action: 'std.sleep', position: { line: 5, column: 3 } }],
      actions: [],
      substitutions: [],
      transitions: { shortest: 1, longest: 1 },
    },
  };
}

function synthesizeAssembly(): string {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'sirocco-http-load-'));
  const app = new App({ outdir, context: { ...TEST_CONTEXT, 'aws:cdk:enable-asset-metadata': true } });
  const workflow = holdWorkflow();
  const stack = createStack(app, [workflow]);
  const workflows = [...stack.stateMachines.values()];

  new History(stack, 'ExecutionHistory', { table: stack.historyTable, workflows, alarmTopic: stack.alertsTopic });
  new ControlApi(stack, 'ControlApi', {
    table: stack.historyTable,
    cloudWatchRole: true,
    workflows: [{ metadata: workflow.metadata, stateMachine: workflows[0].stateMachine }],
  });
  app.synth();
  return outdir;
}

/** Builds the requests: every tenth one malformed, cycling through the three malformations. */
function buildRequests(): LoadRequest[] {
  const malformed: RequestKind[] = ['missingField', 'unknownField', 'invalidJson'];
  return Array.from({ length: TOTAL_REQUESTS }, (_, index) => {
    const name = `load-${index}`;
    const kind: RequestKind = index % 10 === 9 ? malformed[Math.floor(index / 10) % 3] : 'valid';
    const input = { employee_id: `E${index}`, month: '2026-12' };
    if (kind === 'missingField') return { kind, name, body: JSON.stringify({ employee_id: input.employee_id }) };
    if (kind === 'unknownField') return { kind, name, body: JSON.stringify({ ...input, salary: 1 }) };
    if (kind === 'invalidJson') return { kind, name, body: '{"employee_id": "E1", "month": ' };
    return { kind, name, body: JSON.stringify(input) };
  });
}

async function send(request: LoadRequest): Promise<LoadResponse> {
  const response = await fetch(`${apiUrl}/workflows/hold/executions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': request.name },
    body: request.body,
  });
  return { request, status: response.status, body: (await response.json()) as Record<string, any> };
}

/** Sends every request with at most `limit` in flight and returns the responses in request order. */
async function sendAll(requests: LoadRequest[], limit: number): Promise<LoadResponse[]> {
  const responses: LoadResponse[] = new Array(requests.length);
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const index = next++;
      responses[index] = await send(requests[index]);
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return responses;
}

async function listedExecutionNames(): Promise<string[]> {
  const names: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(
      new ListExecutionsCommand({ stateMachineArn: runtime.stateMachines.hold, maxResults: 100, nextToken }),
    );
    names.push(...(page.executions ?? []).map((execution) => execution.name ?? ''));
    nextToken = page.nextToken;
  } while (nextToken);
  return names;
}

async function recordedExecutionNames(): Promise<string[]> {
  const names: string[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documents.send(
      new QueryCommand({
        TableName: runtime.stacks[0].tables[0].tableName,
        IndexName: BY_WORKFLOW_INDEX,
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': workflowIndexKey('hold') },
        ExclusiveStartKey: startKey,
      }),
    );
    names.push(...(page.Items ?? []).map((item) => item.executionName as string));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return names;
}

beforeAll(async () => {
  const assemblyDir = synthesizeAssembly();
  runtime = await startRuntime({
    assemblyDir,
    dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'sirocco-http-load-data-')),
    ports: 0,
    log: runtimeLog,
    ttlSweepMilliseconds: 0,
  });
  apiUrl = `${runtime.urls.apiGateway}/v1`;
  sfn = new SFNClient({ endpoint: runtime.urls.stepFunctions, region: 'us-east-1', credentials: CREDENTIALS });
  documents = DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: runtime.urls.dynamodb, region: 'us-east-1', credentials: CREDENTIALS }),
  );
}, 180_000);

afterAll(async () => {
  // SHOW_RUNTIME_LOG=1 prints what the functions and services logged.
  if (process.env.SHOW_RUNTIME_LOG) console.log(runtimeLog.lines.join('\n'));
  sfn?.destroy();
  documents?.destroy();
  await runtime?.stop();
});

describe('control API start under load', () => {
  let responses: LoadResponse[];

  beforeAll(async () => {
    responses = await sendAll(buildRequests(), IN_FLIGHT);
  }, 30_000);

  it('accepts every valid start', () => {
    const valid = responses.filter((response) => response.request.kind === 'valid');
    const statuses = new Set(valid.map((response) => response.status));

    expect(valid).toHaveLength(450);
    expect(statuses).toEqual(new Set([202]));
    for (const response of valid) {
      expect(response.body.executionName).toBe(response.request.name);
    }
  });

  it.each([
    ['missingField', 'Input field "month" is missing: workflow "hold" requires it.'],
    ['unknownField', 'Input field "salary" is unknown: workflow "hold" declares employee_id, month.'],
    ['invalidJson', 'The request body is not valid JSON: send a JSON object.'],
  ])('rejects each %s request with a 400', (kind, message) => {
    const malformed = responses.filter((response) => response.request.kind === kind);

    expect(malformed.length).toBeGreaterThanOrEqual(16);
    for (const response of malformed) {
      expect(response.status).toBe(400);
      expect(response.body.message).toBe(message);
    }
  });

  it('loses no accepted execution', async () => {
    const accepted = responses
      .filter((response) => response.status === 202)
      .map((response) => response.body.executionName as string)
      .sort();

    const listed = (await listedExecutionNames()).sort();

    expect(listed).toHaveLength(accepted.length);
    expect(listed).toEqual(accepted);
  });

  it('records a history row for each accepted execution', async () => {
    const accepted = responses
      .filter((response) => response.status === 202)
      .map((response) => response.body.executionName as string)
      .sort();

    // The recorder writes the rows after the RUNNING events arrive, which can trail the starts.
    const recorded = await eventually(
      'a history row per accepted start',
      async () => {
        const names = await recordedExecutionNames();
        return names.length >= accepted.length ? names : undefined;
      },
      400,
    );

    expect(recorded).toHaveLength(accepted.length);
    expect(recorded.sort()).toEqual(accepted);
  }, 30_000);
});
