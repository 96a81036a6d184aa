import { SendTaskSuccessCommand, SFNClient } from '@aws-sdk/client-sfn';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { chromium, type Browser, type Page } from 'playwright-core';

import { handler as pageHandler } from '../../lambdas/approvals/page';
import { handler as requestHandler } from '../../lambdas/approvals/request';
import { approvalEvent, approvalIdOf, csrfTokenOf, pageEvent, TASK_TOKEN } from './support/events';
import { startLocalTable, type LocalTable } from './support/environment';
import { startPageServer, startStaticServer, type PageServer } from './support/page-server';

// Headless Chromium loads the page from a loopback server, so that its real Origin,
// Sec-Fetch-Site, Content-Security-Policy and form encoding reach the handler.
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const sns = mockClient(SNSClient);
const sfn = mockClient(SFNClient);
let table: LocalTable;
let pages: PageServer;
let attacker: PageServer;
let attackTarget = '';
let attackCsrfToken = '';
let browser: Browser;

beforeAll(async () => {
  table = await startLocalTable();
  pages = await startPageServer(pageHandler);
  process.env.APPROVALS_BASE_URL = `${pages.url}/prod`;
  attacker = await startStaticServer(
    () =>
      '<!doctype html><html><body><form id="f" method="post" action="' +
      attackTarget +
      '"><input name="decision" value="approve"><input name="csrf" value="' +
      attackCsrfToken +
      '"></form>' +
      '<script>document.getElementById("f").submit()</script></body></html>',
  );

  browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    // `attacker.test` is another site on loopback. Every other host name fails to resolve,
    // so that the browser reaches nothing beyond this machine.
    args: [
      '--no-sandbox',
      '--host-resolver-rules=MAP attacker.test 127.0.0.1, MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
    ],
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await attacker?.stop();
  await pages?.stop();
  await table?.stop();
});

beforeEach(() => {
  sns.reset();
  sfn.reset();
  sns.on(PublishCommand).resolves({ MessageId: 'sms-1' });
  sfn.on(SendTaskSuccessCommand).resolves({});
});

async function requestLink(): Promise<string> {
  await requestHandler(approvalEvent());
  const message = sns.commandCalls(PublishCommand)[0].args[0].input.Message ?? '';
  return message.slice(message.lastIndexOf('\n') + 1);
}

/** Opens a phone-sized page that records Content-Security-Policy violations. */
async function openPhonePage(): Promise<{ page: Page; violations: string[] }> {
  const context = await browser.newContext({ viewport: { width: 375, height: 667 }, isMobile: true });
  const page = await context.newPage();
  const violations: string[] = [];
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) {
      violations.push(message.text());
    }
  });
  return { page, violations };
}

describe('approval page in Chromium', () => {
  test('shows the request on a phone without deciding', async () => {
    const link = await requestLink();
    const { page, violations } = await openPhonePage();

    const response = await page.goto(link);

    expect(response?.status()).toBe(200);
    await expect(page.locator('h1').textContent()).resolves.toBe('Approval requested');
    const approve = await page.getByRole('button', { name: 'Approve' }).boundingBox();
    expect(approve?.height).toBeGreaterThanOrEqual(44);
    const width = await page.evaluate<number>('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(375);
    expect(violations).toEqual([]);
    expect(sfn.commandCalls(SendTaskSuccessCommand)).toHaveLength(0);
    await page.context().close();
  });

  test('approves with a click, rejects a resubmission', async () => {
    const link = await requestLink();
    const { page } = await openPhonePage();
    await page.goto(link);

    await page.fill('textarea[name="comment"]', 'Well deserved');
    const [decided] = await Promise.all([
      page.waitForNavigation(),
      page.getByRole('button', { name: 'Approve' }).click(),
    ]);
    const resubmitted = await page.reload();

    expect(decided?.status()).toBe(200);
    expect(resubmitted?.status()).toBe(409);
    const calls = sfn.commandCalls(SendTaskSuccessCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0].args[0].input.taskToken).toBe(TASK_TOKEN);
    expect(JSON.parse(calls[0].args[0].input.output ?? '{}').comment).toBe('Well deserved');
    await page.context().close();
  });

  test('rejects a form posted from another site', async () => {
    const link = await requestLink();
    const form = await pageHandler(pageEvent('GET', approvalIdOf(link)));
    // Even a site that learned the form's CSRF token cannot post it.
    attackTarget = link;
    attackCsrfToken = csrfTokenOf(form.body);
    const { page } = await openPhonePage();

    const [posted] = await Promise.all([
      page.waitForResponse((response) => response.url() === link),
      page.goto(`http://attacker.test:${new URL(attacker.url).port}/`),
    ]);

    expect(posted.status()).toBe(403);
    expect(sfn.commandCalls(SendTaskSuccessCommand)).toHaveLength(0);
    await page.context().close();
  });
});
