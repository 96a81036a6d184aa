import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  RedriveExecutionCommand,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';

import { approvalLinksOf, decideThroughLink } from '../../lib/cli/run/approval-decider';
import type { OutboxMessage } from '../../lib/local/outbox/outbox-message';
import { ADMIN_PHONE, startLocalApp, type LocalApp } from '../support/local-app';

// A salary run whose bonus system fails once: the administrator gets one SMS, and a redrive
// resumes at the failed branch without calling the accounting system again. The bonus system
// responds after a delay, so that the accounting branch has succeeded before the Parallel fails.
// A branch still running at that moment is aborted, and a redrive runs it again, as on AWS.
const MANAGER_PHONE = '+15555550100';
const INPUT = { employee_id: 'E1002', month: '2026-10' };

let app: LocalApp;

async function waitForStatus(executionArn: string, status: string) {
  for (let attempt = 0; attempt < 300; attempt++) {
    const execution = await app.sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (execution.status === status) return execution;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Execution ${executionArn} did not reach ${status} within 30 seconds.`);
}

async function succeededStates(executionArn: string): Promise<string[]> {
  const { events = [] } = await app.sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }));
  return events.filter((event) => event.type === 'TaskStateExited').map((event) => event.stateExitedEventDetails!.name!);
}

async function callCounts(systemUrl: string): Promise<Record<string, number>> {
  const response = await fetch(`${systemUrl}/_control/calls`);
  return ((await response.json()) as { counts: Record<string, number> }).counts;
}

function alerts(): OutboxMessage[] {
  return app.runtime.outbox.messages().filter((message) => message.to === ADMIN_PHONE);
}

beforeAll(async () => {
  app = await startLocalApp();
}, 240_000);

afterAll(async () => {
  await app?.stop();
});

test('alerts once and redrives only the failed branch', async () => {
  await fetch(`${app.systems.bonusUrl}/_control/fail`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ path: '/employees/', status: 503, times: 1, delayMs: 3000 }),
  });
  const { executionArn } = await app.sfn.send(
    new StartExecutionCommand({ stateMachineArn: app.runtime.stateMachines.salary, name: 'e2e-failure', input: JSON.stringify(INPUT) }),
  );

  const failed = await waitForStatus(executionArn!, 'FAILED');
  const alert = await app.runtime.outbox.waitFor((message) => message.to === ADMIN_PHONE, { timeoutMilliseconds: 30_000 });
  await app.runtime.events.settled();

  expect(failed.error).toBe('SystemError.503');
  expect(await succeededStates(executionArn!)).toContain('salary_base');
  expect(alerts()).toHaveLength(1);
  expect(alert.channel).toBe('sms');
  expect(alert.body).toContain('failed at state bonus');
  expect(alert.body).toContain('e2e-failure');
  expect((await callCounts(app.systems.accountingUrl))['GET /employees/E1002/salary']).toBe(1);
  expect((await callCounts(app.systems.bonusUrl))['GET /employees/E1002/bonus']).toBe(1);

  await app.sfn.send(new RedriveExecutionCommand({ executionArn }));
  const sms = await app.runtime.outbox.waitFor((message) => message.to === MANAGER_PHONE && message.body.includes('E1002'), {
    timeoutMilliseconds: 30_000,
  });
  const [link] = approvalLinksOf(sms, app.runtime.urls.apiGateway);
  await decideThroughLink(link, 'approve');
  const succeeded = await waitForStatus(executionArn!, 'SUCCEEDED');
  await app.runtime.events.settled();

  expect(succeeded.redriveCount).toBe(1);
  expect(JSON.parse(succeeded.output ?? 'null')).toMatchObject({ employee_id: 'E1002', approved: true, base: 3850, bonus: 193, total: 4043 });
  expect((await callCounts(app.systems.accountingUrl))['GET /employees/E1002/salary']).toBe(1);
  expect((await callCounts(app.systems.bonusUrl))['GET /employees/E1002/bonus']).toBe(2);
  expect((await callCounts(app.systems.accountingUrl))['POST /payroll']).toBe(1);
  expect(alerts()).toHaveLength(1);
}, 120_000);
