import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { SendTaskHeartbeatCommand, SFNClient, TaskTimedOut } from '@aws-sdk/client-sfn';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';

import { ApprovalRequestInvalidError } from '../../lambdas/approvals/errors';
import { approvalKey, groupKey } from '../../lambdas/approvals/keys';
import { LinkSender } from '../../lambdas/approvals/link-sender';
import { logger } from '../../lambdas/approvals/logger';
import type { ApprovalRecord, GroupRecord } from '../../lambdas/approvals/records';
import { requestApprovals } from '../../lambdas/approvals/request-approvals';
import { handler } from '../../lambdas/approvals/request';
import { gsm7Length, MAX_GSM7_SEPTETS } from '../../lambdas/approvals/sms';
import { ApprovalStore } from '../../lambdas/approvals/store';
import { approvalEvent, approvalIdOf, EXECUTION, TASK_TOKEN } from './support/events';
import { BASE_URL, FROM_EMAIL, startLocalTable, TABLE_NAME, type LocalTable } from './support/environment';
import { OutputCapture } from './support/output-capture';

const sns = mockClient(SNSClient);
const ses = mockClient(SESv2Client);
const sfn = mockClient(SFNClient);
let table: LocalTable;

beforeAll(async () => {
  table = await startLocalTable();
});

afterAll(async () => {
  await table.stop();
});

beforeEach(() => {
  sns.reset();
  ses.reset();
  sfn.reset();
  // A retried or redriven task has closed the token of its previous attempt.
  sfn.on(SendTaskHeartbeatCommand).rejects(new TaskTimedOut({ message: 'Task Timed Out', $metadata: {} }));
  sns.on(PublishCommand).resolves({ MessageId: 'sms-1' });
  ses.on(SendEmailCommand).resolves({ MessageId: 'email-1' });
});

async function readApproval(approvalId: string): Promise<ApprovalRecord | undefined> {
  const output = await table.documentClient.send(
    new GetCommand({ TableName: TABLE_NAME, Key: approvalKey(approvalId) }),
  );
  return output.Item as ApprovalRecord | undefined;
}

async function readGroup(groupId: string): Promise<GroupRecord | undefined> {
  const output = await table.documentClient.send(
    new GetCommand({ TableName: TABLE_NAME, Key: groupKey(groupId) }),
  );
  return output.Item as GroupRecord | undefined;
}

function smsLinks(): string[] {
  return sns.commandCalls(PublishCommand).map((call) => {
    const message = call.args[0].input.Message ?? '';
    return message.slice(message.lastIndexOf('\n') + 1);
  });
}

describe('approval request handler', () => {
  test('stores one approval row per approver', async () => {
    const before = Date.now();

    const result = await handler(approvalEvent({ to: ['+15555550100', 'jane@example.com'] }));

    const smsLink = smsLinks()[0];
    const emailText = ses.commandCalls(SendEmailCommand)[0].args[0].input.Content?.Simple?.Body?.Text?.Data ?? '';
    const emailLink = /https:\/\/\S+/.exec(emailText)?.[0] ?? '';
    const ids = [approvalIdOf(smsLink), approvalIdOf(emailLink)];
    expect(result.approvalCount).toBe(2);
    expect(ids[0]).not.toBe(ids[1]);

    for (const id of ids) {
      expect(id).toMatch(/^[A-Za-z0-9_-]{32}$/);
      const approval = await readApproval(id);
      expect(approval?.token).toBe(TASK_TOKEN);
      expect(approval?.groupId).toBe(result.groupId);
      expect(approval?.workflow).toBe('salary');
      expect(approval?.execution).toBe(EXECUTION);
      expect(approval?.task).toBe('approve_bonus');
      expect(approval?.message).toBe('Approve a bonus of 1200 EUR for employee E-42 (2026-11)?');
      expect(approval?.details).toEqual({ employee: 'E-42', month: '2026-11', base: 5000, bonus: 1200 });
      const deadline = Date.parse(approval?.deadline ?? '');
      expect(deadline).toBeGreaterThanOrEqual(before + 259200 * 1000);
      expect(deadline).toBeLessThanOrEqual(Date.now() + 259200 * 1000);
      expect((approval?.expiresAt ?? 0) * 1000).toBeGreaterThan(deadline);
    }

    const group = await readGroup(result.groupId);
    expect(result.groupId.startsWith(`${EXECUTION}#approve_bonus#`)).toBe(true);
    expect(group?.status).toBe('pending');
    expect(group?.approvalIds).toEqual(ids);
  });

  test('sends each approver their own link', async () => {
    await handler(approvalEvent({ to: ['+15555550100', 'jane@example.com'] }));

    const publish = sns.commandCalls(PublishCommand)[0].args[0].input;
    const email = ses.commandCalls(SendEmailCommand)[0].args[0].input;
    expect(publish.PhoneNumber).toBe('+15555550100');
    expect(publish.Message).toMatch(new RegExp(`\n${BASE_URL}/approvals/[A-Za-z0-9_-]{32}$`));
    expect(email.FromEmailAddress).toBe(FROM_EMAIL);
    expect(email.Destination?.ToAddresses).toEqual(['jane@example.com']);
    expect(email.Content?.Simple?.Body?.Html?.Data).toContain(`${BASE_URL}/approvals/`);
  });

  test('creates a new group on each invocation', async () => {
    const first = await handler(approvalEvent());
    const second = await handler(approvalEvent());

    expect(second.groupId).not.toBe(first.groupId);
    expect(smsLinks()[0]).not.toBe(smsLinks()[1]);
  });

  test('supersedes the group of a retried task', async () => {
    const execution = `${EXECUTION}-retried`;
    const first = await handler(approvalEvent({}, execution, 'token-attempt-1'));
    const second = await handler(approvalEvent({}, execution, 'token-attempt-2'));

    const heartbeats = sfn.commandCalls(SendTaskHeartbeatCommand);
    expect(heartbeats).toHaveLength(1);
    expect(heartbeats[0].args[0].input.taskToken).toBe('token-attempt-1');
    expect((await readGroup(first.groupId))?.status).toBe('superseded');
    expect((await readGroup(second.groupId))?.status).toBe('pending');
  });

  test('supersedes a repeated invocation without probing', async () => {
    const execution = `${EXECUTION}-repeated`;
    const first = await handler(approvalEvent({}, execution, 'same-token'));
    const second = await handler(approvalEvent({}, execution, 'same-token'));

    expect(sfn.commandCalls(SendTaskHeartbeatCommand)).toHaveLength(0);
    expect((await readGroup(first.groupId))?.status).toBe('superseded');
    expect((await readGroup(second.groupId))?.status).toBe('pending');
  });

  test('keeps the group of a parallel Map iteration', async () => {
    sfn.on(SendTaskHeartbeatCommand).resolves({});
    const execution = `${EXECUTION}-map`;
    const first = await handler(approvalEvent({}, execution, 'token-item-0'));
    const second = await handler(approvalEvent({}, execution, 'token-item-1'));

    expect((await readGroup(first.groupId))?.status).toBe('pending');
    expect((await readGroup(second.groupId))?.status).toBe('pending');
  });

  test('keeps the previous group when the probe fails', async () => {
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
    sfn.on(SendTaskHeartbeatCommand).rejects(throttled);
    const execution = `${EXECUTION}-throttled`;
    const first = await handler(approvalEvent({}, execution, 'token-attempt-1'));
    await handler(approvalEvent({}, execution, 'token-attempt-2'));

    expect((await readGroup(first.groupId))?.status).toBe('pending');
  });

  test('keeps a long SMS within two parts', async () => {
    const message = `Approve a bonus for employee E-42? ${'Details of the bonus calculation. '.repeat(20)}`;

    await handler(approvalEvent({ message }));

    const text = sns.commandCalls(PublishCommand)[0].args[0].input.Message ?? '';
    expect(gsm7Length(text)).toBeLessThanOrEqual(MAX_GSM7_SEPTETS);
    expect(text.startsWith('Approve a bonus for employee E-42?')).toBe(true);
    expect(text).toMatch(new RegExp(`\\.\\.\\.\n${BASE_URL}/approvals/[A-Za-z0-9_-]{32}$`));
  });

  test('masks addresses and omits secrets in logs', async () => {
    const output = new OutputCapture();
    output.start();

    try {
      await handler(approvalEvent({ to: ['+15555550100', 'jane@example.com'] }));
    } finally {
      output.stop();
    }

    const logs = output.logLines().map((line) => JSON.stringify(line)).join('\n');
    const ids = [...smsLinks(), ...ses.commandCalls(SendEmailCommand).map(() => '')]
      .filter((link) => link !== '')
      .map(approvalIdOf);
    expect(logs).toContain('+1555****100');
    expect(logs).toContain('j***@example.com');
    expect(logs).not.toContain('+15555550100');
    expect(logs).not.toContain('jane@example.com');
    expect(logs).not.toContain(TASK_TOKEN);
    for (const id of ids) {
      expect(logs).not.toContain(id);
    }
  });

  test('expires the group when a send fails', async () => {
    sns.on(PublishCommand, { PhoneNumber: '+15555550101' }).rejects(new Error('SMS failed'));

    const request = handler(approvalEvent({ to: ['+15555550100', '+15555550101'] }));

    await expect(request).rejects.toThrow('SMS failed');
    const sentLink = smsLinks()[0];
    const approval = await readApproval(approvalIdOf(sentLink));
    const group = await readGroup(approval?.groupId ?? '');
    expect(group?.status).toBe('expired');
    expect(group?.expiredReason).toBe('taskClosed');
  });

  test('rejects an invalid approver by name', async () => {
    const request = handler(approvalEvent({ to: ['+15555550100', '555-0100'] }));

    await expect(request).rejects.toThrow(ApprovalRequestInvalidError);
    await expect(request).rejects.toThrow('"555-0100"');
    expect(sns.commandCalls(PublishCommand)).toHaveLength(0);
  });

  test.each([
    ['an empty list', { to: [] }, "'to'"],
    ['a missing message', { message: '' }, "'message'"],
    ['details that are a list', { details: [1] as unknown as Record<string, unknown> }, "'details'"],
  ])('rejects %s', async (_case, overrides, field) => {
    const request = handler(approvalEvent(overrides));

    await expect(request).rejects.toThrow(ApprovalRequestInvalidError);
    await expect(request).rejects.toThrow(field);
  });

  test('requires a from address for email approvers', async () => {
    const deps = {
      store: new ApprovalStore(table.documentClient, TABLE_NAME),
      sender: new LinkSender(new SNSClient({}), new SESv2Client({}), undefined),
      sfn: new SFNClient({}),
      logger,
      baseUrl: BASE_URL,
      defaultTimeoutSeconds: 3600,
    };

    const request = requestApprovals(approvalEvent({ to: ['jane@example.com'] }), deps);

    await expect(request).rejects.toThrow('APPROVALS_FROM_EMAIL is not set');
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(0);
  });
});
