import { GetExecutionHistoryCommand, SFNClient } from '@aws-sdk/client-sfn';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

import { createMemoryLog } from '../../lib/local/log';
import { startRuntime, type LocalRuntime } from '../../lib/local/runtime';
import { synthesize } from '../../lib/local/synthesize';
import { startSampleSystems, type SampleSystems } from '../../lib/samples/sample-systems';
import { attachWebView } from '../../lib/web/web-view';

// The web view of `sirocco start` on the synthesized app: the local runtime with the
// bundled handlers, the sample systems, and headless Chromium reading the page.
const PROJECT_DIR = path.join(__dirname, '..', '..');
const RESULTS_DIR = path.join(PROJECT_DIR, 'test-results');
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const MANAGER_PHONE = '+15555550100';
// Beside salary: a task that waits for its result, then a pause before the next task.
const CALLBACKS_WORKFLOW = path.join(__dirname, '..', 'fixtures', 'callbacks', 'callbacks.yaml');
const RUNNING_FILL = 'rgb(219, 234, 254)';
const DONE_FILL = 'rgb(211, 245, 220)';
const FAILED_FILL = 'rgb(253, 226, 225)';

let systems: SampleSystems;
let runtime: LocalRuntime;
let webViewUrl: string;
let controlApiUrl: string;
let browser: Browser;

function temporaryDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `sirocco-web-${prefix}-`));
}

beforeAll(async () => {
  const assemblyDir = temporaryDir('assembly');
  const dataDir = temporaryDir('data');
  const workflowsDir = temporaryDir('workflows');
  fs.copyFileSync(path.join(PROJECT_DIR, 'workflows', 'salary.yaml'), path.join(workflowsDir, 'salary.yaml'));
  fs.copyFileSync(CALLBACKS_WORKFLOW, path.join(workflowsDir, 'callbacks.yaml'));
  await synthesize(PROJECT_DIR, assemblyDir, { 'sirocco:workflowsDir': workflowsDir });

  systems = await startSampleSystems({ accountingPort: 0, bonusPort: 0 });
  const systemUrls: Record<string, string> = {
    'http://127.0.0.1:4701': systems.accountingUrl,
    'http://127.0.0.1:4702': systems.bonusUrl,
  };
  runtime = await startRuntime({
    assemblyDir,
    dataDir,
    ports: 0,
    log: createMemoryLog(),
    environmentOverrides: (fn): Record<string, string> =>
      fn.environment.SYSTEM_URL ? { SYSTEM_URL: systemUrls[fn.environment.SYSTEM_URL] } : {},
  });
  webViewUrl = await attachWebView(runtime, { dataDir, port: 0 });
  controlApiUrl = `${runtime.urls.apiGateway}/v1`;

  browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    // Host names fail to resolve, so that the browser reaches nothing beyond loopback.
    args: ['--no-sandbox', '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'],
  });
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
  await systems?.stop();
});

/** Starts a salary execution through the control API and waits until the manager's approval SMS is sent. */
async function startSalaryAtApproval(month: string): Promise<{ executionArn: string; approvalLink: string }> {
  const executionArn = await startSalary('E1001', month);

  const sms = await runtime.outbox.waitFor(
    (message) => message.to === MANAGER_PHONE && message.body.includes(month),
    { timeoutMilliseconds: 20_000 },
  );
  await runtime.events.settled();
  return { executionArn, approvalLink: sms.body.slice(sms.body.lastIndexOf('\n') + 1) };
}

async function startSalary(employeeId: string, month: string): Promise<string> {
  return startExecution('salary', { employee_id: employeeId, month });
}

async function startExecution(workflow: string, input: Record<string, unknown>): Promise<string> {
  const response = await fetch(`${controlApiUrl}/workflows/${workflow}/executions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  const started = (await response.json()) as { executionArn?: string };
  if (response.status !== 202 || !started.executionArn) {
    throw new Error(`POST /workflows/${workflow}/executions returned ${response.status}: ${JSON.stringify(started)}`);
  }
  return started.executionArn;
}

/** Polls the control API until the execution has `status`, for at most 20 seconds. */
async function waitForStatus(executionArn: string, status: string): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const response = await fetch(`${controlApiUrl}/executions/${encodeURIComponent(executionArn)}`);
    const body = (await response.json()) as { status?: string };
    if (body.status === status) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Execution ${executionArn} did not reach ${status} within 20 seconds.`);
}

/** Makes the bonus system fail `times` times after a delay, so that the salary_base branch has succeeded by then. */
async function injectBonusFailures(employeeId: string, times: number): Promise<void> {
  const response = await fetch(`${systems.bonusUrl}/_control/fail`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ path: `/employees/${employeeId}/bonus`, status: 500, times, delayMs: 3000 }),
  });
  expect(response.status).toBe(204);
}

async function resetBonusFailures(): Promise<void> {
  await fetch(`${systems.bonusUrl}/_control/reset`, { method: 'POST' });
}

/** Reads the task token that the execution passed to its approval request, from the Step Functions history. */
async function approvalTaskToken(executionArn: string): Promise<string> {
  const sfn = new SFNClient({
    endpoint: runtime.urls.stepFunctions,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  try {
    const { events = [] } = await sfn.send(new GetExecutionHistoryCommand({ executionArn }));
    const scheduled = events.find((event) => event.taskScheduledEventDetails?.resource === 'invoke.waitForTaskToken');
    const parameters = JSON.parse(scheduled?.taskScheduledEventDetails?.parameters ?? '{}') as { Payload?: { token?: string } };
    return parameters.Payload?.token ?? '';
  } finally {
    sfn.destroy();
  }
}

/** Opens a page that records console errors, such as Content-Security-Policy violations, and uncaught exceptions. */
async function openPage(url: string): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(url);
  return { page, problems };
}

/** Returns the fill of the Mermaid node whose label is `task`. */
async function nodeFill(page: Page, task: string): Promise<string> {
  const node = page.locator('.graph-canvas g.node').filter({ hasText: new RegExp(`^${task}$`) });
  return node.locator('rect, polygon').first().evaluate((shape) => getComputedStyle(shape).fill);
}

async function nodeClasses(page: Page, task: string): Promise<string> {
  const node = page.locator('.graph-canvas g.node').filter({ hasText: new RegExp(`^${task}$`) });
  return (await node.getAttribute('class')) ?? '';
}

describe('web view in Chromium', () => {
  test('lists workflows with their graph', async () => {
    const { page, problems } = await openPage(webViewUrl);

    await page.locator('.graph-canvas[data-rendered="true"]').first().waitFor();
    await page.screenshot({ path: path.join(RESULTS_DIR, 'web-view-workflows.png'), fullPage: true });
    const card = page.locator('[data-workflow="salary"]');

    await expect(card.locator('h2').textContent()).resolves.toBe('salary');
    await expect(card.locator('g.node').count()).resolves.toBeGreaterThanOrEqual(5);
    await expect(card.locator('.graph-canvas').textContent()).resolves.toContain('approve_bonus');
    await expect(card.locator('.graph-canvas svg').getAttribute('data-renderer')).resolves.toBe('sirocco-web-view');
    await expect(card.locator('.graph-canvas foreignObject').count()).resolves.toBe(0);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  test('colours the execution waiting at its approval', async () => {
    const { executionArn, approvalLink } = await startSalaryAtApproval('2026-09');
    const { page, problems } = await openPage(`${webViewUrl}/#/executions/${encodeURIComponent(executionArn)}`);

    await page.locator('.graph-canvas[data-rendered="true"]').waitFor();
    await page.locator('a.approval-link').waitFor();
    await page.screenshot({ path: path.join(RESULTS_DIR, 'web-view-execution.png'), fullPage: true });

    await expect(page.getByTestId('execution-status').textContent()).resolves.toBe('RUNNING');
    await expect(nodeClasses(page, 'salary_base')).resolves.toContain('done');
    await expect(nodeClasses(page, 'bonus')).resolves.toContain('done');
    await expect(nodeClasses(page, 'approve_bonus')).resolves.toContain('running');
    await expect(nodeClasses(page, 'record_payroll')).resolves.toContain('notReached');
    await expect(nodeFill(page, 'approve_bonus')).resolves.toBe(RUNNING_FILL);
    await expect(nodeFill(page, 'salary_base')).resolves.toBe(DONE_FILL);
    await expect(page.locator('a.approval-link').getAttribute('href')).resolves.toBe(approvalLink);
    await expect(page.locator('.pending-approval').textContent()).resolves.toContain(`sent to ${MANAGER_PHONE}`);
    await expect(page.locator('tr[data-task="salary_base"] td').nth(1).textContent()).resolves.toBe('SUCCEEDED');
    await expect(page.getByTestId('input').textContent()).resolves.toContain('"month": "2026-09"');
    expect(problems).toEqual([]);
    await page.context().close();
  }, 60_000);

  test('opens a task to show its input and output', async () => {
    const { executionArn } = await startSalaryAtApproval('2027-05');
    const { page, problems } = await openPage(`${webViewUrl}/#/executions/${encodeURIComponent(executionArn)}`);
    await page.locator('.graph-canvas[data-rendered="true"]').waitFor();
    const salaryBaseToggle = page.locator('tr[data-task="salary_base"] button.task-toggle');
    const detailsBefore = await page.locator('tr.task-detail').count();

    await salaryBaseToggle.click();
    await page.locator('tr[data-task="approve_bonus"] button.task-toggle').click();
    const salaryBase = page.locator('tr[data-task-detail="salary_base"]');
    const approval = page.locator('tr[data-task-detail="approve_bonus"]');
    await approval.waitFor();
    await page.screenshot({ path: path.join(RESULTS_DIR, 'web-view-task-payloads.png'), fullPage: true });
    const token = await approvalTaskToken(executionArn);
    const status = await (await fetch(`${controlApiUrl}/executions/${encodeURIComponent(executionArn)}`)).text();

    expect(detailsBefore).toBe(0);
    await expect(salaryBaseToggle.getAttribute('aria-expanded')).resolves.toBe('true');
    await expect(salaryBase.getByTestId('task-input').textContent()).resolves.toContain('"employee_id": "E1001"');
    await expect(salaryBase.getByTestId('task-input').textContent()).resolves.toContain('"month": "2027-05"');
    await expect(salaryBase.getByTestId('task-output').textContent()).resolves.toContain('"phone": "+15555550100"');
    await expect(salaryBase.getByTestId('task-output').textContent()).resolves.toMatch(/"base": \d+/);
    await expect(approval.getByTestId('task-input').textContent()).resolves.toMatch(/"bonus": \d+/);
    await expect(approval.getByTestId('task-output').textContent()).resolves.toBe('(none)');
    expect(token.length).toBeGreaterThan(20);
    expect(status).not.toContain(token);
    await expect(page.locator('main').textContent()).resolves.not.toContain(token);
    expect(problems).toEqual([]);
    await page.context().close();
  }, 60_000);

  test('shows task input as text, not HTML', async () => {
    const markup = '<img src=x class=injected>';
    const executionArn = await startSalary(markup, '2027-06');
    await waitForStatus(executionArn, 'FAILED');
    const { page, problems } = await openPage(`${webViewUrl}/#/executions/${encodeURIComponent(executionArn)}`);

    await page.locator('tr[data-task="salary_base"] button.task-toggle').click();
    const input = page.locator('tr[data-task-detail="salary_base"]').getByTestId('task-input');
    await input.waitFor();

    await expect(input.textContent()).resolves.toContain(`"employee_id": "${markup}"`);
    await expect(page.locator('img.injected').count()).resolves.toBe(0);
    expect(problems).toEqual([]);
    await page.context().close();
  }, 60_000);

  test('marks a cut task input', async () => {
    const employeeId = `E${'9'.repeat(5000)}`;
    const executionArn = await startSalary(employeeId, '2027-07');
    await waitForStatus(executionArn, 'FAILED');
    const { page, problems } = await openPage(`${webViewUrl}/#/executions/${encodeURIComponent(executionArn)}`);

    await page.locator('tr[data-task="salary_base"] button.task-toggle').click();
    const detail = page.locator('tr[data-task-detail="salary_base"]');
    const input = detail.getByTestId('task-input');
    await input.waitFor();
    const text = (await input.textContent()) ?? '';

    expect(text.startsWith(`{"employee_id":"E999`)).toBe(true);
    expect(text.endsWith('…')).toBe(true);
    expect(text.length).toBeLessThan(4200);
    await expect(detail.textContent()).resolves.toContain('Cut to its first 4 KiB.');
    expect(problems).toEqual([]);
    await page.context().close();
  }, 60_000);

  test('shows the decision after approval', async () => {
    const { executionArn } = await startSalaryAtApproval('2027-04');
    const { page, problems } = await openPage(`${webViewUrl}/#/executions/${encodeURIComponent(executionArn)}`);
    const link = page.locator('a.approval-link');
    await link.waitFor();

    await page.goto((await link.getAttribute('href')) ?? '');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Approve' }).click()]);
    await page.goto(`${webViewUrl}/#/executions/${encodeURIComponent(executionArn)}`);
    await page.getByTestId('execution-status').filter({ hasText: 'SUCCEEDED' }).waitFor();
    await page.locator('.graph-canvas[data-rendered="true"]').waitFor();

    await expect(page.locator('.decided').textContent()).resolves.toContain('approve_bonus: approve by');
    await expect(page.locator('a.approval-link').count()).resolves.toBe(0);
    await expect(nodeClasses(page, 'record_payroll')).resolves.toContain('done');
    await expect(nodeClasses(page, 'record_payroll_without_bonus')).resolves.toContain('notReached');
    await expect(page.getByTestId('output').textContent()).resolves.toContain('"approved": true');
    await page.locator('tr[data-task="record_payroll"] button.task-toggle').click();
    await expect(page.locator('tr[data-task-detail="record_payroll"]').getByTestId('task-output').textContent()).resolves.toContain('"approved": true');
    expect(problems).toEqual([]);
    await page.context().close();
  }, 60_000);

  test('lists the execution under its workflow', async () => {
    const { executionArn } = await startSalaryAtApproval('2026-10');
    const { page } = await openPage(`${webViewUrl}/#/workflows/salary`);

    const row = page.locator(`a[href="#/executions/${encodeURIComponent(executionArn)}"]`);
    await page.locator('select[name="status"]').selectOption('RUNNING');
    await page.locator('[data-loaded-status="RUNNING"]').waitFor();
    const runningText = await row.textContent();
    await page.locator('select[name="status"]').selectOption('SUCCEEDED');
    await page.locator('[data-loaded-status="SUCCEEDED"]').waitFor();

    expect(runningText).toBe(executionArn.split(':').pop());
    await expect(row.count()).resolves.toBe(0);
    await page.context().close();
  }, 60_000);

  test('shows a new execution after Refresh', async () => {
    const { page } = await openPage(`${webViewUrl}/#/workflows/salary`);
    await page.locator('[data-loaded-status="ALL"]').waitFor();
    const { executionArn } = await startSalaryAtApproval('2027-03');
    const row = page.locator(`a[href="#/executions/${encodeURIComponent(executionArn)}"]`);
    const countBefore = await row.count();

    await page.getByRole('button', { name: 'Refresh' }).click();
    await row.waitFor();

    expect(countBefore).toBe(0);
    await expect(page.locator('table.executions tbody tr').first().textContent()).resolves.toContain(executionArn.split(':').pop());
    await page.context().close();
  }, 60_000);

  test('starts an execution from the form', async () => {
    const { page, problems } = await openPage(`${webViewUrl}/#/workflows/salary`);

    await page.fill('input[name="employee_id"]', 'E1002');
    await page.fill('input[name="month"]', '2027-01');
    await page.getByRole('button', { name: 'Start' }).click();
    await page.waitForURL(/#\/executions\/arn%3Aaws%3Astates/);
    await page.getByTestId('input').filter({ hasText: '2027-01' }).waitFor();

    await expect(page.getByTestId('execution-status').textContent()).resolves.toBe('RUNNING');
    await expect(page.getByTestId('input').textContent()).resolves.toContain('"employee_id": "E1002"');
    expect(problems).toEqual([]);
    await page.context().close();
  }, 60_000);

  test('starts an execution with an environment', async () => {
    const { page, problems } = await openPage(`${webViewUrl}/#/workflows/salary`);

    await page.fill('input[name="employee_id"]', 'E1002');
    await page.fill('input[name="month"]', '2027-03');
    await page.locator('.start-form summary').click();
    await page.fill('textarea[name="env"]', '{"region": "eu-west-1"}');
    await page.getByRole('button', { name: 'Start' }).click();
    await page.waitForURL(/#\/executions\/arn%3Aaws%3Astates/);
    await page.getByTestId('input').filter({ hasText: '2027-03' }).waitFor();

    await expect(page.getByTestId('input').textContent()).resolves.toContain('"region": "eu-west-1"');
    expect(problems).toEqual([]);
    await page.context().close();
  }, 60_000);

  test('names an environment that is not an object', async () => {
    const { page } = await openPage(`${webViewUrl}/#/workflows/salary`);

    await page.fill('input[name="employee_id"]', 'E1002');
    await page.fill('input[name="month"]', '2027-04');
    await page.locator('.start-form summary').click();
    await page.fill('textarea[name="env"]', '["eu-west-1"]');
    await page.getByRole('button', { name: 'Start' }).click();
    const alert = page.locator('.start-form [role="alert"]');
    await alert.waitFor();

    await expect(alert.textContent()).resolves.toBe('The environment is ["eu-west-1"]: write a JSON object such as {"region": "eu-west-1"}.');
    await page.context().close();
  });

  test('names a missing input', async () => {
    const { page } = await openPage(`${webViewUrl}/#/workflows/salary`);
    await page.locator('input[name="employee_id"]').waitFor();

    await page.evaluate('document.querySelector("input[name=employee_id]").required = false');
    await page.fill('input[name="month"]', '2027-02');
    await page.getByRole('button', { name: 'Start' }).click();
    const alert = page.locator('.start-form [role="alert"]');
    await alert.waitFor();

    await expect(alert.textContent()).resolves.toContain('"employee_id"');
    await page.context().close();
  });

  test('stops an execution with its button', async () => {
    const { executionArn } = await startSalaryAtApproval('2026-11');
    const { page } = await openPage(`${webViewUrl}/#/executions/${encodeURIComponent(executionArn)}`);

    await page.getByRole('button', { name: 'Stop' }).click();
    await page.getByTestId('execution-status').filter({ hasText: 'ABORTED' }).waitFor();

    await expect(page.getByRole('button', { name: 'Redrive' }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: 'Stop' }).count()).resolves.toBe(0);
    await page.context().close();
  }, 60_000);

  test('completes a waiting task, then resumes its pause', async () => {
    const executionArn = await startExecution('callbacks', {});
    const { page, problems } = await openPage(`${webViewUrl}/#/executions/${encodeURIComponent(executionArn)}`);
    const completion = page.locator('.waiting-task[data-task="ask_hr"]');
    const pause = page.locator('.waiting-task[data-task="pay"]');

    await completion.waitFor();
    await expect(completion.locator('h3').textContent()).resolves.toBe('ask_hr waits for its result');
    await completion.locator('textarea').fill('not json');
    await completion.getByRole('button', { name: 'Complete' }).click();
    await expect(completion.getByRole('alert').textContent()).resolves.toContain('The result is not JSON');
    await completion.locator('textarea').fill('{"approved_by": "hr"}');
    await completion.getByRole('button', { name: 'Complete' }).click();
    await pause.waitFor();
    await page.screenshot({ path: path.join(RESULTS_DIR, 'web-view-waiting.png'), fullPage: true });
    await expect(pause.locator('h3').textContent()).resolves.toBe('Paused before pay');
    await expect(nodeClasses(page, 'pay.pause')).resolves.toContain('running');
    await expect(completion.count()).resolves.toBe(0);
    await pause.getByRole('button', { name: 'Resume' }).click();
    await page.getByTestId('execution-status').filter({ hasText: 'SUCCEEDED' }).waitFor();

    await expect(page.locator('.waiting-task').count()).resolves.toBe(0);
    await expect(page.getByTestId('output').textContent()).resolves.toContain('"approved_by": "hr"');
    expect(problems).toEqual([]);
    await page.context().close();
  }, 60_000);

  test('keeps the message of a completion that came too late', async () => {
    const executionArn = await startExecution('callbacks', {});
    const { page, problems } = await openPage(`${webViewUrl}/#/executions/${encodeURIComponent(executionArn)}`);
    const completion = page.locator('.waiting-task[data-task="ask_hr"]');
    await completion.waitFor();
    const staleDetail = await (await fetch(`${webViewUrl}/api/executions/${encodeURIComponent(executionArn)}`)).text();
    // The page keeps reading the execution as it was, so that its card stays while another client completes the task.
    await page.route(`**/api/executions/${encodeURIComponent(executionArn)}`, (route) =>
      route.request().method() === 'GET' ? route.fulfill({ status: 200, contentType: 'application/json', body: staleDetail }) : route.continue(),
    );
    const completed = await fetch(`${controlApiUrl}/executions/${encodeURIComponent(executionArn)}/tasks/ask_hr/complete`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ output: { by: 'cli' } }),
    });
    expect(completed.status).toBe(200);

    await completion.getByRole('button', { name: 'Complete' }).click();
    const notice = page.getByRole('status');
    await notice.filter({ hasText: 'ask_hr' }).waitFor();
    await page.unroute(`**/api/executions/${encodeURIComponent(executionArn)}`);
    await page.locator('.waiting-task[data-task="pay"]').waitFor();

    await expect(completion.count()).resolves.toBe(0);
    await expect(notice.textContent()).resolves.toMatch(/ask_hr.*not waiting/);
    expect(problems.filter((problem) => !problem.includes('404'))).toEqual([]);
    await page.context().close();
  }, 60_000);

  test('shows a failed branch, then redrives it', async () => {
    await injectBonusFailures('E1002', 5);
    const executionArn = await startSalary('E1002', '2026-12');
    await waitForStatus(executionArn, 'FAILED');
    const { page, problems } = await openPage(`${webViewUrl}/#/executions/${encodeURIComponent(executionArn)}`);
    await page.locator('.graph-canvas[data-rendered="true"]').waitFor();
    await page.screenshot({ path: path.join(RESULTS_DIR, 'web-view-failed-execution.png'), fullPage: true });

    await expect(page.getByTestId('execution-status').textContent()).resolves.toBe('FAILED');
    await expect(nodeClasses(page, 'bonus')).resolves.toContain('failed');
    await expect(nodeFill(page, 'bonus')).resolves.toBe(FAILED_FILL);
    await expect(nodeClasses(page, 'salary_base')).resolves.toContain('done');
    await expect(nodeClasses(page, 'approve_bonus')).resolves.toContain('notReached');
    await expect(page.locator('.error-box').textContent()).resolves.toMatch(/\S/);
    await expect(page.locator('tr[data-task="bonus"] td').nth(1).textContent()).resolves.toBe('FAILED');
    const errorBox = (await page.locator('.error-box pre').textContent()) ?? '';
    const taskCause = (await page.locator('tr[data-task="bonus"] pre.cause').textContent()) ?? '';
    for (const cause of [errorBox, taskCause]) {
      expect(cause).toMatch(/^[\w.]+: \S/);
      expect(cause).not.toContain('trace');
      expect(cause).not.toMatch(/\(\/\S+:\d+:\d+\)/);
    }

    await resetBonusFailures();
    await page.getByRole('button', { name: 'Redrive' }).click();
    await page.getByTestId('execution-status').filter({ hasText: 'RUNNING' }).waitFor();
    await page.locator('a.approval-link').waitFor();

    await expect(nodeClasses(page, 'bonus')).resolves.toContain('done');
    await expect(nodeClasses(page, 'approve_bonus')).resolves.toContain('running');
    expect(problems).toEqual([]);
    await page.context().close();
  }, 60_000);
});

describe('web view server', () => {
  test('rejects a POST from another origin', async () => {
    const response = await fetch(`${webViewUrl}/api/executions/none/stop`, {
      method: 'POST',
      headers: { origin: 'http://attacker.test', 'content-type': 'application/json' },
      body: '{}',
    });

    expect(response.status).toBe(403);
  });

  test('rejects a foreign Host header', async () => {
    // fetch() sets Host itself, so this request goes through node:http.
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const request = http.get(`${webViewUrl}/local/workflows`, { headers: { host: 'rebound.test' } }, (response) => {
        response.resume();
        resolve(response.statusCode);
      });
      request.on('error', reject);
    });

    expect(status).toBe(403);
  });

  test('forwards control API errors', async () => {
    const response = await fetch(`${webViewUrl}/api/executions/missing-execution`);
    const body = (await response.json()) as { error?: string };

    expect(response.status).toBe(404);
    expect(body.error).toBe('ExecutionDoesNotExist');
  });

  test('returns 404 for an unknown API route', async () => {
    const response = await fetch(`${webViewUrl}/api/workflows`);
    const body = (await response.json()) as { error?: string; message?: string; routes?: string[] };

    expect(response.status).toBe(404);
    expect(body.error).toBe('NotFound');
    expect(body.message).toContain('/api/workflows');
    expect(body.routes).toContain('GET /api/executions/{id}');
    expect(body.routes).toContain('POST /api/workflows/{name}/executions');
  });

  test('serves no graph text without one', async () => {
    const response = await fetch(`${webViewUrl}/local/graph`);
    const body = (await response.json()) as { error?: string };

    expect(response.status).toBe(404);
    expect(body.error).toBe('NoGraph');
  });

  test('serves every asset locally', async () => {
    for (const asset of ['app.js', 'app.css', 'mermaid.min.js']) {
      const response = await fetch(`${webViewUrl}/assets/${asset}`);

      expect(response.status).toBe(200);
    }
  });
});
