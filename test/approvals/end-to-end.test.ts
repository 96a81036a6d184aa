import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeExecutionCommand,
  SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

import { decisionKey } from '../../lambdas/approvals/keys';
import type { DecisionRecord } from '../../lambdas/approvals/records';
import { gsm7Length, MAX_GSM7_SEPTETS } from '../../lambdas/approvals/sms';
import { readAssembly } from '../../lib/local/assembly/read-assembly';
import { createMemoryLog } from '../../lib/local/log';
import { startRuntime, type LocalRuntime } from '../../lib/local/runtime';
import { synthesize } from '../../lib/local/synthesize';
import { startSampleSystems, type SampleSystems } from '../../lib/samples/sample-systems';
import { sampleSystemOverrides } from '../../lib/samples/system-url-overrides';
import { approvalIdOf } from './support/events';

// The whole product path: `cdk synth` of this project, the local runtime with the bundled
// handlers, the sample systems, and a phone-sized headless Chromium that follows the SMS link.
const PROJECT_DIR = path.join(__dirname, '..', '..');
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };
const MANAGER_PHONE = '+15555550100';

let systems: SampleSystems;
let runtime: LocalRuntime;
let browser: Browser;
let sfn: SFNClient;
let documentClient: DynamoDBDocumentClient;
let tableName: string;

function temporaryDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `sirocco-approvals-${prefix}-`));
}

beforeAll(async () => {
  const assemblyDir = temporaryDir('assembly');
  await synthesize(PROJECT_DIR, assemblyDir);
  const [stack] = readAssembly(assemblyDir);
  tableName = stack.tables[0].tableName;

  systems = await startSampleSystems({ accountingPort: 0, bonusPort: 0 });
  runtime = await startRuntime({
    assemblyDir,
    dataDir: temporaryDir('data'),
    ports: 0,
    log: createMemoryLog(),
    environmentOverrides: sampleSystemOverrides(systems).environmentOf,
  });

  sfn = new SFNClient({ endpoint: runtime.urls.stepFunctions, region: 'us-east-1', credentials: CREDENTIALS });
  documentClient = DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: runtime.urls.dynamodb, region: 'us-east-1', credentials: CREDENTIALS }),
  );
  browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    // Host names fail to resolve, so that the browser reaches nothing beyond loopback.
    args: ['--no-sandbox', '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'],
  });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  sfn?.destroy();
  documentClient?.destroy();
  await runtime?.stop();
  await systems?.stop();
});

/** Starts a salary execution and returns its ARN and the link of the manager's SMS. */
async function startSalary(employeeId: string, month: string): Promise<{ executionArn: string; sms: string }> {
  const { executionArn } = await sfn.send(
    new StartExecutionCommand({
      stateMachineArn: runtime.stateMachines.salary,
      input: JSON.stringify({ employee_id: employeeId, month }),
    }),
  );
  const message = await runtime.outbox.waitFor(
    (candidate) => candidate.to === MANAGER_PHONE && candidate.body.includes(month),
    { timeoutMilliseconds: 20_000 },
  );
  return { executionArn: executionArn ?? '', sms: message.body };
}

function linkOf(sms: string): string {
  return sms.slice(sms.lastIndexOf('\n') + 1);
}

async function openOnPhone(link: string): Promise<{ page: Page; status: number | undefined }> {
  const context = await browser.newContext({ viewport: { width: 375, height: 667 }, isMobile: true });
  const page = await context.newPage();
  const response = await page.goto(link);
  return { page, status: response?.status() };
}

async function click(page: Page, button: 'Approve' | 'Reject'): Promise<number | undefined> {
  const [response] = await Promise.all([
    page.waitForNavigation(),
    page.getByRole('button', { name: button }).click(),
  ]);
  return response?.status();
}

/** Polls DescribeExecution until the execution leaves RUNNING, for at most 20 seconds. */
async function waitForEnd(executionArn: string) {
  for (let attempt = 0; attempt < 200; attempt++) {
    const execution = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (execution.status !== 'RUNNING') {
      return execution;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Execution ${executionArn} was still running after 20 seconds.`);
}

async function readDecision(approvalId: string): Promise<DecisionRecord | undefined> {
  const output = await documentClient.send(new GetCommand({ TableName: tableName, Key: decisionKey(approvalId) }));
  return output.Item as DecisionRecord | undefined;
}

describe('salary approval on the local runtime', () => {
  test('sends the manager one SMS within two parts', async () => {
    const { sms } = await startSalary('E1002', '2026-05');

    expect(gsm7Length(sms)).toBeLessThanOrEqual(MAX_GSM7_SEPTETS);
    expect(linkOf(sms)).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/prod\/approvals\/[A-Za-z0-9_-]{32}$/);
  });

  test('approves a bonus from a phone browser', async () => {
    const { executionArn, sms } = await startSalary('E1001', '2026-06');
    const link = linkOf(sms);
    const { page, status } = await openOnPhone(link);
    const summary = await page.locator('dl').textContent();

    const decided = await click(page, 'Approve');
    const execution = await waitForEnd(executionArn);
    const again = await page.goto(link);

    expect(status).toBe(200);
    expect(summary).toContain('salary');
    expect(summary).toContain('E1001');
    expect(summary).toContain('420');
    expect(decided).toBe(200);
    expect(execution.status).toBe('SUCCEEDED');
    expect(JSON.parse(execution.output ?? '{}')).toMatchObject({ employee_id: 'E1001', approved: true, bonus: 420 });
    expect(again?.status()).toBe(409);
    const decision = await readDecision(approvalIdOf(link));
    expect(decision?.decision).toBe('approve');
    expect(decision?.outcome).toBe('delivered');
    expect(decision?.execution).toBe(executionArn);
    await page.context().close();
  }, 60_000);

  test('rejects a bonus, so none is paid', async () => {
    const { executionArn, sms } = await startSalary('E1001', '2026-07');
    const { page } = await openOnPhone(linkOf(sms));

    await page.fill('textarea[name="comment"]', 'Not this month');
    const decided = await click(page, 'Reject');
    const execution = await waitForEnd(executionArn);

    expect(decided).toBe(200);
    expect(execution.status).toBe('SUCCEEDED');
    expect(JSON.parse(execution.output ?? '{}')).toMatchObject({ approved: false, bonus: 0 });
    const decision = await readDecision(approvalIdOf(linkOf(sms)));
    expect(decision?.comment).toBe('Not this month');
    await page.context().close();
  }, 60_000);

  test('answers a link opened or clicked after the execution stopped with 410', async () => {
    const { executionArn, sms } = await startSalary('E1002', '2026-08');
    const { page } = await openOnPhone(linkOf(sms));
    await sfn.send(new StopExecutionCommand({ executionArn }));

    const reopened = await openOnPhone(linkOf(sms));
    const decided = await click(page, 'Approve');

    expect(reopened.status).toBe(410);
    expect(await reopened.page.locator('p').textContent()).toContain('no longer waits');
    expect(await reopened.page.getByRole('button', { name: 'Approve' }).count()).toBe(0);
    expect(decided).toBe(410);
    expect(await page.locator('p').textContent()).toContain('no longer waits');
    await reopened.page.context().close();
    await page.context().close();
  }, 60_000);
});
