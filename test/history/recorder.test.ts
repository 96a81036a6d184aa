import { GetExecutionHistoryCommand, SFNClient } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';

import { MAX_TASK_PAYLOAD_BYTES } from '../../lambdas/history/task-payload';
import type { ExecutionStatusChangeEvent } from '../../lib/local/engine/types';
import { HistoryBuilder, statusEvent } from './support/events';
import { type LocalTable, startLocalTable } from './support/local-table';

const sfn = mockClient(SFNClient);
let table: LocalTable;
let handler: (event: ExecutionStatusChangeEvent) => Promise<void>;

/** Returns a salary history where record_payroll fails once, then succeeds after a redrive. */
function redrivenHistory() {
  const history = new HistoryBuilder();
  history.add({ type: 'ExecutionStarted' }, 0);
  history.task('salary_base', 0, undefined, { input: '{"employee_id":"E1"}', output: '{"base":3000}' });
  history.failedTask('record_payroll', 'Accounting.Unavailable', 'HTTP 503', 1, undefined, '{"base":3000}');
  history.add({ type: 'ExecutionFailed' });
  history.add({ type: 'ExecutionRedriven' });
  history.task('record_payroll', 0, undefined, { input: '{"base":3000}', output: '{"total":3000}' });
  history.add({ type: 'ExecutionSucceeded' });
  return history.events;
}

/** Returns the four status changes of one execution that fails once and is redriven. */
function redriveSequence(name: string): ExecutionStatusChangeEvent[] {
  const executionArn = `arn:aws:states:us-east-1:000000000000:execution:salary:${name}`;
  const identity = { name, executionArn };
  return [
    statusEvent('RUNNING', identity),
    statusEvent('FAILED', identity),
    statusEvent('RUNNING', { ...identity, redriveCount: 1 }),
    statusEvent('SUCCEEDED', { ...identity, redriveCount: 1 }),
  ];
}

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, index) =>
    permutations([...items.slice(0, index), ...items.slice(index + 1)]).map((rest) => [
      item,
      ...rest,
    ]),
  );
}

async function rowsOf(name: string): Promise<string> {
  const rows = (await table.scan()).filter((row) => row.executionName === name);
  return JSON.stringify(rows).replaceAll(name, 'NAME');
}

beforeAll(async () => {
  table = await startLocalTable();
  process.env.HISTORY_RETENTION_DAYS = '30';
  ({ handler } = await import('../../lambdas/history/recorder'));
});

afterAll(async () => {
  await table.stop();
});

beforeEach(() => {
  sfn.reset();
  sfn.on(GetExecutionHistoryCommand).resolves({ events: redrivenHistory() });
});

describe('history recorder', () => {
  it('writes the execution row of a running execution', async () => {
    const event = statusEvent('RUNNING', {
      name: 'running',
      executionArn: 'arn:aws:states:us-east-1:000000000000:execution:salary:running',
    });

    await handler(event);

    const rows = (await table.scan()).filter((row) => row.executionName === 'running');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      pk: 'EXEC#arn:aws:states:us-east-1:000000000000:execution:salary:running',
      sk: 'EXECUTION',
      gsi1pk: 'WF#salary',
      gsi1sk: '2026-12-01T08:00:00.000Z#running',
      gsi2pk: 'STATUS#RUNNING',
      gsi2sk: 'salary#2026-12-01T08:00:00.000Z#running',
      workflow: 'salary',
      status: 'RUNNING',
      startDate: '2026-12-01T08:00:00.000Z',
      redriveCount: 0,
      input: '{"employee_id":"E1","month":"2026-11"}',
    });
    expect(rows[0].expiresAt).toBeUndefined();
    expect(sfn.commandCalls(GetExecutionHistoryCommand)).toHaveLength(0);
  });

  it('writes a task row per task once ended', async () => {
    const [, failed] = redriveSequence('ended');

    await handler(failed);

    const rows = (await table.scan()).filter((row) => row.executionName === 'ended');
    const execution = rows.find((row) => row.sk === 'EXECUTION');
    const payroll = rows.find((row) => row.sk === 'TASK#record_payroll');
    expect(rows.map((row) => row.sk)).toEqual([
      'EXECUTION',
      'TASK#record_payroll',
      'TASK#salary_base',
    ]);
    expect(execution).toMatchObject({
      status: 'FAILED',
      error: 'Accounting.Unavailable',
      cause: 'The accounting system answered 503.',
      stopDate: '2026-12-01T08:01:00.000Z',
    });
    expect(execution?.expiresAt).toBe(Date.parse('2026-12-31T08:01:00.000Z') / 1000);
    expect(payroll).toMatchObject({
      status: 'SUCCEEDED',
      attempts: 2,
      redriveCount: 0,
      input: '{"base":3000}',
      output: '{"total":3000}',
    });
    expect(payroll?.expiresAt).toBe(execution?.expiresAt);
  });

  it('reads every page of the execution history', async () => {
    const events = redrivenHistory();
    sfn.reset();
    sfn
      .on(GetExecutionHistoryCommand, { nextToken: undefined })
      .resolves({ events: events.slice(0, 5), nextToken: 'page-2' })
      .on(GetExecutionHistoryCommand, { nextToken: 'page-2' })
      .resolves({ events: events.slice(5) });
    const [, , , succeeded] = redriveSequence('paged');

    await handler(succeeded);

    const tasks = (await table.scan()).filter(
      (row) => row.executionName === 'paged' && String(row.sk).startsWith('TASK#'),
    );
    expect(sfn.commandCalls(GetExecutionHistoryCommand)).toHaveLength(2);
    expect(tasks.map((row) => row.sk)).toEqual(['TASK#record_payroll', 'TASK#salary_base']);
  });

  it('writes the same rows when an event is redelivered', async () => {
    const [running, failed] = redriveSequence('redelivered');
    await handler(running);
    await handler(failed);
    const once = await rowsOf('redelivered');

    await handler(failed);
    await handler(running);

    expect(await rowsOf('redelivered')).toBe(once);
  });

  it('keeps the newest status whatever the event order', async () => {
    for (const event of redriveSequence('in-order')) await handler(event);
    const expected = await rowsOf('in-order');
    expect(expected).toContain('"status":"SUCCEEDED"');
    expect(expected).toContain('"redriveCount":1');

    const orders = permutations([0, 1, 2, 3]);
    for (const [index, order] of orders.entries()) {
      const name = `order-${index}`;
      const events = redriveSequence(name);

      for (const position of order) await handler(events[position]);

      expect({ order, rows: await rowsOf(name) }).toEqual({ order, rows: expected });
    }
  });

  it('drops an event without execution detail', async () => {
    const before = await table.scan();
    const misrouted = { ...statusEvent('RUNNING'), detail: {} } as unknown as ExecutionStatusChangeEvent;

    await handler(misrouted);

    expect(await table.scan()).toEqual(before);
  });

  it('keeps a late RUNNING from replacing an ended status', async () => {
    const [running, failed] = redriveSequence('late-running');

    await handler(failed);
    await handler(running);

    const execution = (await table.scan()).find(
      (row) => row.executionName === 'late-running' && row.sk === 'EXECUTION',
    );
    expect(execution?.status).toBe('FAILED');
  });

  it('stores task input and output, cut to the limit', async () => {
    const large = JSON.stringify({ payslips: 'x'.repeat(200 * 1024) });
    const history = new HistoryBuilder();
    history.add({ type: 'ExecutionStarted' }, 0);
    history.task('salary_base', 0, undefined, { input: '{"employee_id":"E1"}', output: large });
    history.add({ type: 'ExecutionSucceeded' });
    sfn.on(GetExecutionHistoryCommand).resolves({ events: history.events });
    const succeeded = statusEvent('SUCCEEDED', {
      name: 'payloads',
      executionArn: 'arn:aws:states:us-east-1:000000000000:execution:salary:payloads',
    });

    await handler(succeeded);

    const row = (await table.scan()).find(
      (item) => item.executionName === 'payloads' && item.sk === 'TASK#salary_base',
    );
    expect(row).toStrictEqual({
      pk: 'EXEC#arn:aws:states:us-east-1:000000000000:execution:salary:payloads',
      sk: 'TASK#salary_base',
      workflow: 'salary',
      executionName: 'payloads',
      executionArn: 'arn:aws:states:us-east-1:000000000000:execution:salary:payloads',
      name: 'salary_base',
      stateType: 'Task',
      status: 'SUCCEEDED',
      startDate: '2026-12-01T08:00:02.000Z',
      stopDate: '2026-12-01T08:00:06.000Z',
      attempts: 1,
      input: '{"employee_id":"E1"}',
      output: large.slice(0, MAX_TASK_PAYLOAD_BYTES),
      truncated: ['output'],
      redriveCount: 0,
      expiresAt: Date.parse('2026-12-31T08:01:00.000Z') / 1000,
    });
  });

  it('keeps the approval task token out of the rows', async () => {
    const token = 'AQCEAAAAKgAAAAMAAAAAAAAAAecorder+t0ken/==';
    const history = new HistoryBuilder();
    history.add({ type: 'ExecutionStarted' }, 0);
    history.add({
      type: 'TaskStateEntered',
      stateEnteredEventDetails: { name: 'approve_bonus', input: JSON.stringify({ token }) },
    });
    history.add({
      type: 'TaskScheduled',
      taskScheduledEventDetails: {
        resourceType: 'lambda',
        resource: 'invoke.waitForTaskToken',
        region: 'us-east-1',
        parameters: JSON.stringify({ FunctionName: 'approval-request', Payload: { token } }),
      },
    });
    history.add({
      type: 'TaskFailed',
      taskFailedEventDetails: {
        resourceType: 'lambda',
        resource: 'invoke.waitForTaskToken',
        error: 'Approval.Failed',
        cause: `token ${token} rejected`,
      },
    });
    history.add({ type: 'ExecutionFailed' });
    sfn.on(GetExecutionHistoryCommand).resolves({ events: history.events });
    const [, failed] = redriveSequence('token');

    await handler(failed);

    const rows = (await table.scan()).filter((item) => item.executionName === 'token');
    const approval = rows.find((item) => item.sk === 'TASK#approve_bonus');
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(approval?.input).toBe('{"token":"[redacted task token]"}');
    expect(approval?.cause).toBe('token [redacted task token] rejected');
  });
});
