import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import {
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  SFNClient,
  TaskDoesNotExist,
  TaskTimedOut,
} from '@aws-sdk/client-sfn';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';

import { approvalKey, decisionKey, groupKey } from '../../lambdas/approvals/keys';
import type { ApprovalRecord, DecisionRecord, GroupRecord } from '../../lambdas/approvals/records';
import { handler as pageHandler } from '../../lambdas/approvals/page';
import { handler as requestHandler } from '../../lambdas/approvals/request';
import {
  approvalEvent,
  approvalIdOf,
  csrfTokenOf,
  decisionBody,
  OTHER_EXECUTION,
  pageEvent,
  TASK_TOKEN,
} from './support/events';
import { startLocalTable, TABLE_NAME, type LocalTable } from './support/environment';
import { OutputCapture } from './support/output-capture';
import type { ApprovalInput } from '../../lambdas/approvals/request-input';

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
  sns.on(PublishCommand).resolves({ MessageId: 'sms-1' });
  ses.on(SendEmailCommand).resolves({ MessageId: 'email-1' });
  sfn.on(SendTaskSuccessCommand).resolves({});
  sfn.on(SendTaskHeartbeatCommand).resolves({});
});

/** Runs the request handler and returns the approval id of each SMS link, in order. */
async function requestApproval(
  overrides: Partial<ApprovalInput> = {},
  execution?: string,
  token?: string,
): Promise<string[]> {
  const before = sns.commandCalls(PublishCommand).length;
  await requestHandler(approvalEvent(overrides, execution, token));

  return sns
    .commandCalls(PublishCommand)
    .slice(before)
    .map((call) => {
      const message = call.args[0].input.Message ?? '';
      return approvalIdOf(message.slice(message.lastIndexOf('\n') + 1));
    });
}

async function get(approvalId: string) {
  return pageHandler(pageEvent('GET', approvalId));
}

/** Opens the page like a browser, then submits its form. */
async function decide(
  approvalId: string,
  decision: 'approve' | 'reject',
  comment?: string,
) {
  const page = await get(approvalId);
  const fields: Record<string, string> = { decision, csrf: csrfTokenOf(page.body) };
  if (comment !== undefined) {
    fields.comment = comment;
  }
  return pageHandler(pageEvent('POST', approvalId, { body: decisionBody(fields) }));
}

async function formFields(approvalId: string, decision = 'approve'): Promise<Record<string, string>> {
  const page = await get(approvalId);
  return { decision, csrf: csrfTokenOf(page.body) };
}

async function readItem<T>(key: { pk: string; sk: string }): Promise<T | undefined> {
  const output = await table.documentClient.send(
    new GetCommand({ TableName: TABLE_NAME, Key: key, ConsistentRead: true }),
  );
  return output.Item as T | undefined;
}

async function readGroupOf(approvalId: string): Promise<GroupRecord | undefined> {
  const approval = await readItem<ApprovalRecord>(approvalKey(approvalId));
  return readItem<GroupRecord>(groupKey(approval?.groupId ?? ''));
}

function sentOutputs(): Array<Record<string, unknown>> {
  return sfn
    .commandCalls(SendTaskSuccessCommand)
    .map((call) => JSON.parse(call.args[0].input.output ?? '{}') as Record<string, unknown>);
}

describe('approval page GET', () => {
  test('shows the request without deciding', async () => {
    const [id] = await requestApproval();

    const response = await get(id);

    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(response.body).toContain('salary');
    expect(response.body).toContain('E-42');
    expect(response.body).toContain('1200');
    expect(response.body).toContain('Approve a bonus of 1200 EUR for employee E-42 (2026-11)?');
    expect(response.body).toContain('value="approve"');
    expect(response.body).toContain('value="reject"');
    expect(response.body).not.toMatch(/<script|src=|href=/);
    expect(response.body).not.toContain(TASK_TOKEN);
    expect(sfn.commandCalls(SendTaskSuccessCommand)).toHaveLength(0);
    expect((await readGroupOf(id))?.status).toBe('pending');
  });

  test('shows that the process no longer waits when its task is closed', async () => {
    const [id] = await requestApproval();
    sfn.on(SendTaskHeartbeatCommand).rejects(new TaskTimedOut({ message: 'Task Timed Out', $metadata: {} }));

    const response = await get(id);

    expect(response.statusCode).toBe(410);
    expect(response.body).toContain('no longer waits');
    expect(response.body).not.toContain('value="approve"');
    expect(sfn.commandCalls(SendTaskHeartbeatCommand)[0].args[0].input.taskToken).toBe(TASK_TOKEN);
    expect((await readGroupOf(id))?.status).toBe('pending');
  });

  test('shows the form when the state of the task is unknown', async () => {
    const [id] = await requestApproval();
    sfn.on(SendTaskHeartbeatCommand).rejects(new Error('Rate exceeded'));

    const response = await get(id);

    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('value="approve"');
  });

  test('escapes values from the workflow', async () => {
    const [id] = await requestApproval({
      message: 'Approve <b>this</b>?',
      details: { employee: '<script>alert(1)</script>', bonus: '"><img src=x>' },
    });

    const response = await get(id);

    expect(response.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(response.body).toContain('Approve &lt;b&gt;this&lt;/b&gt;?');
    expect(response.body).not.toContain('<script>');
    expect(response.body).not.toContain('<img');
  });

  test('sends security headers', async () => {
    const [id] = await requestApproval();

    const response = await get(id);

    const headers = response.headers ?? {};
    expect(headers['Content-Type']).toBe('text/html; charset=utf-8');
    expect(headers['Cache-Control']).toBe('no-store');
    expect(headers['Content-Security-Policy']).toContain("default-src 'none'");
    expect(headers['Content-Security-Policy']).toContain("form-action 'self'");
    expect(headers['Content-Security-Policy']).toContain("frame-ancestors 'none'");
    expect(headers['X-Frame-Options']).toBe('DENY');
    expect(headers['Referrer-Policy']).toBe('same-origin');
  });

  test('answers a forged id like an unknown one', async () => {
    const unknown = await get('A'.repeat(32));
    const malformed = await get('../../etc/passwd');

    expect(unknown.statusCode).toBe(404);
    expect(malformed.statusCode).toBe(404);
    expect(malformed.body).toBe(unknown.body);
  });

  test('answers a visitor who only follows the link many times', async () => {
    const [id] = await requestApproval();

    for (let visit = 0; visit < 3; visit++) {
      expect((await get(id)).statusCode).toBe(200);
    }

    expect(sfn.commandCalls(SendTaskSuccessCommand)).toHaveLength(0);
    expect((await readGroupOf(id))?.status).toBe('pending');
  });
});

describe('approval page POST', () => {
  test('approves once with the decision as task output', async () => {
    const [id] = await requestApproval();

    const response = await decide(id, 'approve', 'Well deserved.\r\nThanks');

    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('You approved this request');
    const calls = sfn.commandCalls(SendTaskSuccessCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0].args[0].input.taskToken).toBe(TASK_TOKEN);
    const output = sentOutputs()[0];
    expect(output.approved).toBe(true);
    expect(output.decidedBy).toBe('+15555550100');
    expect(output.comment).toBe('Well deserved.\nThanks');
    expect(Number.isNaN(Date.parse(String(output.decidedAt)))).toBe(false);
  });

  test('records the decision in the history', async () => {
    const [id] = await requestApproval();

    await decide(id, 'reject', 'Budget is closed.');

    const group = await readGroupOf(id);
    const decision = await readItem<DecisionRecord>(decisionKey(id));
    expect(group?.status).toBe('rejected');
    expect(group?.decidedBy).toBe('+15555550100');
    expect(decision?.decision).toBe('reject');
    expect(decision?.approver).toBe('+15555550100');
    expect(decision?.comment).toBe('Budget is closed.');
    expect(decision?.userAgent).toContain('iPhone');
    expect(decision?.outcome).toBe('delivered');
    expect(decision?.gsi1pk).toBe(`EXEC#${decision?.execution}`);
    expect(decision).not.toHaveProperty('token');
    expect(sentOutputs()[0].approved).toBe(false);
  });

  test('removes the task token once decided', async () => {
    const [first, second] = await requestApproval({ to: ['+15555550100', '+15555550101'] });

    await decide(first, 'approve');

    expect((await readItem<ApprovalRecord>(approvalKey(first)))?.token).toBeUndefined();
    expect((await readItem<ApprovalRecord>(approvalKey(second)))?.token).toBeUndefined();
  });

  test('answers a replayed form with already decided', async () => {
    const [id] = await requestApproval();
    const body = decisionBody(await formFields(id));

    const first = await pageHandler(pageEvent('POST', id, { body }));
    const replay = await pageHandler(pageEvent('POST', id, { body }));

    expect(first.statusCode).toBe(200);
    expect(replay.statusCode).toBe(409);
    expect(replay.body).toContain('You already approved this request');
    expect(sfn.commandCalls(SendTaskSuccessCommand)).toHaveLength(1);
  });

  test('decides a double click once', async () => {
    const [id] = await requestApproval();
    const body = decisionBody(await formFields(id));

    const responses = await Promise.all([
      pageHandler(pageEvent('POST', id, { body })),
      pageHandler(pageEvent('POST', id, { body })),
    ]);

    const statuses = responses.map((response) => response.statusCode).sort();
    expect(statuses).toEqual([200, 409]);
    expect(sfn.commandCalls(SendTaskSuccessCommand)).toHaveLength(1);
  });

  test('lets exactly one of two racing approvers decide', async () => {
    const [first, second] = await requestApproval({ to: ['+15555550100', '+15555550101'] });
    const firstBody = decisionBody(await formFields(first, 'approve'));
    const secondBody = decisionBody(await formFields(second, 'reject'));

    const responses = await Promise.all([
      pageHandler(pageEvent('POST', first, { body: firstBody })),
      pageHandler(pageEvent('POST', second, { body: secondBody })),
    ]);

    const statuses = responses.map((response) => response.statusCode).sort();
    expect(statuses).toEqual([200, 409]);
    expect(sfn.commandCalls(SendTaskSuccessCommand)).toHaveLength(1);
    const group = await readGroupOf(first);
    expect(group?.status).toBe(sentOutputs()[0].approved ? 'approved' : 'rejected');
  });

  test('tells a later approver who decided', async () => {
    const [first, second] = await requestApproval({ to: ['+15555550100', '+15555550101'] });
    await decide(first, 'approve');

    const page = await get(second);

    expect(page.statusCode).toBe(409);
    expect(page.body).toContain('already approved by +1555****100');
    expect(page.body).not.toContain('+15555550100');
    expect(page.body).not.toContain('name="csrf"');
  });

  test('does not decide with the form of another execution', async () => {
    const [ours] = await requestApproval();
    const [theirs] = await requestApproval({}, OTHER_EXECUTION, 'token-of-the-other-execution');
    const theirForm = await formFields(theirs);

    const response = await pageHandler(pageEvent('POST', ours, { body: decisionBody(theirForm) }));

    expect(response.statusCode).toBe(403);
    expect(sfn.commandCalls(SendTaskSuccessCommand)).toHaveLength(0);
    expect((await readGroupOf(ours))?.status).toBe('pending');
  });

  test('sends only the token of the decided execution', async () => {
    await requestApproval();
    const [theirs] = await requestApproval({}, OTHER_EXECUTION, 'token-of-the-other-execution');

    await decide(theirs, 'approve');

    const calls = sfn.commandCalls(SendTaskSuccessCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0].args[0].input.taskToken).toBe('token-of-the-other-execution');
  });

  test('expires a link after its deadline', async () => {
    const [id] = await requestApproval();
    const fields = await formFields(id);
    const approval = await readItem<ApprovalRecord>(approvalKey(id));
    await table.documentClient.send(
      new UpdateCommand({
        TableName: TABLE_NAME,
        Key: groupKey(approval?.groupId ?? ''),
        UpdateExpression: 'SET #deadline = :past',
        ExpressionAttributeNames: { '#deadline': 'deadline' },
        ExpressionAttributeValues: { ':past': '2020-01-01T00:00:00.000Z' },
      }),
    );

    const page = await get(id);
    const late = await pageHandler(pageEvent('POST', id, { body: decisionBody(fields) }));

    expect(page.statusCode).toBe(410);
    expect(late.statusCode).toBe(410);
    expect(late.body).toContain('expired');
    expect(sfn.commandCalls(SendTaskSuccessCommand)).toHaveLength(0);
  });

  test('expires a link when Step Functions answers TaskTimedOut', async () => {
    sfn.on(SendTaskSuccessCommand).rejects(new TaskTimedOut({ message: 'Task Timed Out', $metadata: {} }));
    const [id] = await requestApproval();
    const body = decisionBody(await formFields(id));

    const late = await pageHandler(pageEvent('POST', id, { body }));
    const again = await pageHandler(pageEvent('POST', id, { body }));

    expect(late.statusCode).toBe(410);
    expect(late.body).toContain('no longer waits');
    expect(again.statusCode).toBe(410);
    expect(sfn.commandCalls(SendTaskSuccessCommand)).toHaveLength(1);
    const group = await readGroupOf(id);
    expect(group?.status).toBe('expired');
    expect(group?.expiredReason).toBe('taskClosed');
    expect((await readItem<DecisionRecord>(decisionKey(id)))?.outcome).toBe('taskClosed');
  });

  test('expires a link when the task no longer exists', async () => {
    sfn.on(SendTaskSuccessCommand).rejects(new TaskDoesNotExist({ message: 'Task does not exist', $metadata: {} }));
    const [id] = await requestApproval();

    const response = await decide(id, 'approve');

    expect(response.statusCode).toBe(410);
  });

  test('lets the approver retry after a passing failure', async () => {
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
    sfn.on(SendTaskSuccessCommand).rejectsOnce(throttled).resolves({});
    const [id] = await requestApproval();
    const body = decisionBody(await formFields(id));

    const failed = await pageHandler(pageEvent('POST', id, { body }));
    const pending = (await readGroupOf(id))?.status;
    const retried = await pageHandler(pageEvent('POST', id, { body }));

    expect(failed.statusCode).toBe(503);
    expect(pending).toBe('pending');
    expect(retried.statusCode).toBe(200);
    expect(sfn.commandCalls(SendTaskSuccessCommand)).toHaveLength(2);
  });

  test('takes over a claim abandoned by a crashed invocation', async () => {
    const [id] = await requestApproval();
    const fields = await formFields(id);
    const approval = await readItem<ApprovalRecord>(approvalKey(id));
    await table.documentClient.send(
      new UpdateCommand({
        TableName: TABLE_NAME,
        Key: groupKey(approval?.groupId ?? ''),
        UpdateExpression: 'SET #status = :deciding, claimId = :claimId, claimedAt = :longAgo',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':deciding': 'deciding', ':claimId': 'crashed', ':longAgo': 0 },
      }),
    );

    const response = await pageHandler(pageEvent('POST', id, { body: decisionBody(fields) }));

    expect(response.statusCode).toBe(200);
    expect(sfn.commandCalls(SendTaskSuccessCommand)).toHaveLength(1);
  });

  test('answers a superseded link with expired', async () => {
    const execution = `${OTHER_EXECUTION}-redriven`;
    const [old] = await requestApproval({}, execution, 'token-before-redrive');
    const oldForm = await formFields(old);
    sfn.on(SendTaskHeartbeatCommand, { taskToken: 'token-before-redrive' }).rejects(new TaskTimedOut({ message: 'Task Timed Out', $metadata: {} }));
    const [current] = await requestApproval({}, execution, 'token-after-redrive');

    const page = await get(old);
    const post = await pageHandler(pageEvent('POST', old, { body: decisionBody(oldForm) }));

    expect(page.statusCode).toBe(410);
    expect(page.body).toContain('newer request');
    expect(post.statusCode).toBe(410);
    expect((await get(current)).statusCode).toBe(200);
    expect(sfn.commandCalls(SendTaskSuccessCommand)).toHaveLength(0);
  });
});

describe('approval page POST validation', () => {
  test.each([
    ['a missing decision', { csrf: 'x' }, 'application/x-www-form-urlencoded'],
    ['an unknown decision', { decision: 'maybe', csrf: 'x' }, 'application/x-www-form-urlencoded'],
    ['a missing CSRF token', { decision: 'approve' }, 'application/x-www-form-urlencoded'],
    ['a comment that is too long', { decision: 'approve', csrf: 'x', comment: 'a'.repeat(501) }, 'application/x-www-form-urlencoded'],
    ['a JSON body', { decision: 'approve', csrf: 'x' }, 'application/json'],
  ])('rejects %s with 400', async (_case, fields: Record<string, string>, contentType) => {
    const [id] = await requestApproval();
    const csrf = (await formFields(id)).csrf;
    const body = decisionBody({ ...fields, ...(fields.csrf ? { csrf } : {}) });

    const response = await pageHandler(
      pageEvent('POST', id, { body, headers: { 'Content-Type': contentType } }),
    );

    expect(response.statusCode).toBe(400);
    expect(sfn.commandCalls(SendTaskSuccessCommand)).toHaveLength(0);
    expect((await readGroupOf(id))?.status).toBe('pending');
  });

  test('rejects a form with two decisions', async () => {
    const [id] = await requestApproval();
    const { csrf } = await formFields(id);
    const body = `decision=approve&decision=reject&csrf=${encodeURIComponent(csrf)}`;

    const response = await pageHandler(pageEvent('POST', id, { body }));

    expect(response.statusCode).toBe(400);
  });

  test.each([
    ['another origin', { Origin: 'https://attacker.example' }],
    ['an opaque origin', { Origin: 'null' }],
    ['a cross-site fetch', { 'Sec-Fetch-Site': 'cross-site' }],
    ['a same-site fetch', { 'Sec-Fetch-Site': 'same-site' }],
  ])('rejects a POST from %s with 403', async (_case, headers) => {
    const [id] = await requestApproval();
    const body = decisionBody(await formFields(id));

    const response = await pageHandler(pageEvent('POST', id, { body, headers }));

    expect(response.statusCode).toBe(403);
    expect(sfn.commandCalls(SendTaskSuccessCommand)).toHaveLength(0);
    expect((await readGroupOf(id))?.status).toBe('pending');
  });

  test('rejects a wrong CSRF token with 403', async () => {
    const [id] = await requestApproval();

    const response = await pageHandler(
      pageEvent('POST', id, { body: decisionBody({ decision: 'approve', csrf: 'A'.repeat(32) }) }),
    );

    expect(response.statusCode).toBe(403);
    expect(sfn.commandCalls(SendTaskSuccessCommand)).toHaveLength(0);
  });

  test('accepts a form without Origin headers when its CSRF token matches', async () => {
    const [id] = await requestApproval();
    const body = decisionBody(await formFields(id));
    const event = pageEvent('POST', id, { body });
    delete event.headers.Origin;
    delete event.headers['Sec-Fetch-Site'];

    const response = await pageHandler(event);

    expect(response.statusCode).toBe(200);
  });

  test('rejects other methods with 405', async () => {
    const [id] = await requestApproval();

    const response = await pageHandler(pageEvent('PUT', id));

    expect(response.statusCode).toBe(405);
    expect(response.headers?.Allow).toBe('GET, POST');
  });
});

describe('approval page logs', () => {
  test('never contain the token, the link or a full phone number', async () => {
    const [id] = await requestApproval();
    const body = decisionBody(await formFields(id));
    const output = new OutputCapture();
    output.start();

    try {
      await pageHandler(pageEvent('POST', id, { body }));
      await pageHandler(pageEvent('POST', id, { body }));
      await pageHandler(pageEvent('POST', id, { body: 'decision=approve&csrf=wrong' }));
    } finally {
      output.stop();
    }

    const logs = output.logLines().map((line) => JSON.stringify(line)).join('\n');
    expect(logs).toContain('Recorded an approval decision');
    expect(logs).not.toContain(TASK_TOKEN);
    expect(logs).not.toContain(id);
    expect(logs).not.toContain('+15555550100');
  });
});
