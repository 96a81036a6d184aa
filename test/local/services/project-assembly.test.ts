import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { DescribeExecutionCommand, SFNClient } from '@aws-sdk/client-sfn';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { readAssembly } from '../../../lib/local/assembly/read-assembly';
import { StackResources } from '../../../lib/local/assembly/stack-resources';
import { createMemoryLog } from '../../../lib/local/log';
import { LocalRuntime, startRuntime } from '../../../lib/local/runtime';
import { synthesize } from '../../../lib/local/synthesize';
import { SampleSystems, startSampleSystems } from '../../../lib/samples/sample-systems';
import { sampleSystemOverrides } from '../../../lib/samples/system-url-overrides';
import { createTempDir } from './build-assembly';
import { eventually } from './eventually';

const PROJECT_DIR = path.join(__dirname, '..', '..', '..');
const CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

/** Collects every `FunctionName` of a Task state, in nested Parallel and Map states too. */
function taskFunctionNames(value: unknown): string[] {
  if (Array.isArray(value)) {
    return value.flatMap(taskFunctionNames);
  }
  if (value === null || typeof value !== 'object') {
    return [];
  }
  const record = value as Record<string, unknown>;
  const own = typeof record.FunctionName === 'string' ? [record.FunctionName] : [];
  return [...own, ...Object.values(record).flatMap(taskFunctionNames)];
}

describe('the project synthesized assembly', () => {
  const assemblyDir = createTempDir('project-assembly');
  let stack: StackResources;

  beforeAll(async () => {
    await synthesize(PROJECT_DIR, assemblyDir);
    [stack] = readAssembly(assemblyDir);
  }, 180_000);

  it('resolves every placeholder of the salary definition', () => {
    const salary = stack.stateMachines.find((machine) => machine.name === 'salary');

    expect(salary?.arn).toBe('arn:aws:states:us-east-1:000000000000:stateMachine:salary');
    expect(salary?.definition).not.toMatch(/\$\{[^}]+\}/);
  });

  it('points each Lambda task at a stack function', () => {
    const salary = stack.stateMachines.find((machine) => machine.name === 'salary')!;
    const arns = new Set(stack.functions.map((fn) => fn.arn));
    const names = taskFunctionNames(JSON.parse(salary.definition));

    expect(names.length).toBeGreaterThan(0);
    for (const name of names) {
      expect(arns).toContain(name);
    }
  });

  it('finds the bundled handler of every function', () => {
    for (const fn of stack.functions) {
      const [file] = fn.handler.split('.');
      expect(fs.existsSync(path.join(fn.assetPath ?? '', `${file}.js`))).toBe(true);
    }
  });

  it('reads the history table as agreed', () => {
    const [table] = stack.tables;

    expect(stack.tables).toHaveLength(1);
    expect(table.keySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
    expect(table.globalSecondaryIndexes.map((index) => index.IndexName).sort()).toEqual(['byStatus', 'byWorkflow']);
    expect(table.timeToLiveAttribute).toBe('expiresAt');
    expect(table.billingMode).toBe('PAY_PER_REQUEST');
    expect(table.pointInTimeRecovery).toBe(true);
  });

  it('targets stack functions from rules and routes', () => {
    const names = new Set(stack.functions.map((fn) => fn.functionName));
    const ruleTargets = stack.eventRules.flatMap((rule) => rule.targets.map((target) => target.arn.split(':').pop()));
    const routeTargets = stack.restApis.flatMap((api) => api.routes.map((route) => route.functionName));

    expect(ruleTargets.length).toBeGreaterThan(0);
    expect(routeTargets.length).toBeGreaterThan(0);
    for (const name of [...ruleTargets, ...routeTargets]) {
      expect(names).toContain(name);
    }
  });

  it('gives the status rule targets dead-letter queues', () => {
    const statusRules = stack.eventRules.filter((rule) => /^(History|Alerts)/.test(rule.logicalId));
    const queueArns = statusRules.flatMap((rule) => rule.targets.map((target) => target.deadLetterQueueArn));
    const queueIds = stack.unsupported.filter((resource) => resource.type === 'AWS::SQS::Queue').map((resource) => resource.logicalId);

    expect(statusRules).toHaveLength(2);
    expect(queueArns).toHaveLength(2);
    expect(new Set(queueArns).size).toBe(2);
    expect(queueArns.map((arn) => arn?.replace('arn:aws:sqs:us-east-1:000000000000:Sirocco-', '')).sort()).toEqual(queueIds.sort());
  });

  it('leaves no reference unresolved', () => {
    expect(stack.warnings).toEqual([]);
  });

  describe('on the local runtime', () => {
    let systems: SampleSystems;
    let runtime: LocalRuntime;
    let sfn: SFNClient;

    const startSalary = async (input: Record<string, unknown>) => {
      const controlApi = stack.restApis.find((api) => api.routes.some((route) => route.resourcePath === '/workflows/{name}/executions'));
      return fetch(`${runtime.urls.apiGateway}/${controlApi!.stageNames[0]}/workflows/salary/executions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(input),
      });
    };

    beforeAll(async () => {
      systems = await startSampleSystems({ accountingPort: 0, bonusPort: 0 });
      runtime = await startRuntime({
        assemblyDir,
        dataDir: createTempDir('project-runtime'),
        ports: 0,
        log: createMemoryLog(),
        environmentOverrides: sampleSystemOverrides(systems).environmentOf,
      });
      sfn = new SFNClient({ endpoint: runtime.urls.stepFunctions, region: 'us-east-1', credentials: CREDENTIALS });
    }, 60_000);

    afterAll(async () => {
      sfn?.destroy();
      await runtime?.stop();
      await systems?.stop();
    });

    it('starts an execution through the control API', async () => {
      const response = await startSalary({ employee_id: 'E1002', month: '2026-02' });
      const body = (await response.json()) as { executionArn: string };
      expect(response.status).toBe(202);
      const execution = await sfn.send(new DescribeExecutionCommand({ executionArn: body.executionArn }));

      expect(execution.stateMachineArn).toBe(runtime.stateMachines.salary);
      expect(JSON.parse(execution.input!)).toEqual({ employee_id: 'E1002', month: '2026-02' });
    });

    it('runs the salary process through an approval', async () => {
      const response = await startSalary({ employee_id: 'E1001', month: '2026-03' });
      const { executionArn } = (await response.json()) as { executionArn: string };

      const sms = await runtime.outbox.waitFor(
        (message) => message.to === '+15555550100' && message.body.includes('2026-03'),
        { timeoutMilliseconds: 20_000 },
      );
      const link = /http:\/\/127\.0\.0\.1:\d+\/\S+/.exec(sms.body)?.[0];
      expect(link).toBeDefined();
      const page = await (await fetch(link!)).text();
      const csrf = /name="csrf" value="([^"]+)"/.exec(page)?.[1];
      expect(csrf).toBeDefined();
      const decision = await fetch(link!, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ decision: 'approve', csrf: csrf! }).toString(),
      });
      const execution = await eventually(`execution ${executionArn} to end`, async () => {
        const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
        return described.status === 'RUNNING' ? undefined : described;
      });

      expect(decision.status).toBe(200);
      expect(execution.status).toBe('SUCCEEDED');
    }, 60_000);

    it('records status events in the history table', async () => {
      const dynamodb = new DynamoDBClient({ endpoint: runtime.urls.dynamodb, region: 'us-east-1', credentials: CREDENTIALS });
      const tableName = stack.tables[0].tableName;

      const items = await eventually('a history row of a salary execution', async () => {
        const { Items } = await dynamodb.send(new ScanCommand({ TableName: tableName }));
        return Items && Items.length > 0 ? Items : undefined;
      });
      dynamodb.destroy();

      expect(JSON.stringify(items)).toContain(':execution:salary:');
    });
  });
});
