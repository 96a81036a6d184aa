import { DescribeExecutionCommand, StartExecutionCommand, type HistoryEvent } from '@aws-sdk/client-sfn';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';

import { readExecutionHistory } from '../../lambdas/history/execution-history';
import { approvalLinksOf, decideThroughLink } from '../../lib/cli/run/approval-decider';
import { startLocalApp, type LocalApp } from '../support/local-app';

// The salary process as `npm start` runs it: the synthesized app on the local runtime, the
// approval decided through the link of the manager's SMS over plain HTTP.
const MANAGER_PHONE = '+15555550100';
const INPUT = { employee_id: 'E1001', month: '2026-11' };

let app: LocalApp;
let executionArn: string;
let history: HistoryEvent[];

async function waitForEnd(arn: string) {
  for (let attempt = 0; attempt < 300; attempt++) {
    const execution = await app.sfn.send(new DescribeExecutionCommand({ executionArn: arn }));
    if (execution.status !== 'RUNNING') return execution;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Execution ${arn} was still running after 30 seconds.`);
}

async function historyRows(arn: string): Promise<Record<string, unknown>[]> {
  const output = await app.documents.send(
    new QueryCommand({
      TableName: app.historyTable,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `EXEC#${arn}` },
    }),
  );
  return output.Items ?? [];
}

/** Polls the history table until the recorder has written the execution row and every task row. */
async function waitForHistoryRows(arn: string, taskCount: number): Promise<Record<string, unknown>[]> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const rows = await historyRows(arn);
    const execution = rows.find((row) => row.sk === 'EXECUTION');
    const tasks = rows.filter((row) => String(row.sk).startsWith('TASK#'));
    if (execution?.status === 'SUCCEEDED' && tasks.length >= taskCount) return rows;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return historyRows(arn);
}

beforeAll(async () => {
  app = await startLocalApp();

  const started = await app.sfn.send(
    new StartExecutionCommand({ stateMachineArn: app.runtime.stateMachines.salary, name: 'e2e-salary', input: JSON.stringify(INPUT) }),
  );
  executionArn = started.executionArn!;

  const sms = await app.runtime.outbox.waitFor((message) => message.to === MANAGER_PHONE, { timeoutMilliseconds: 30_000 });
  const [link] = approvalLinksOf(sms, app.runtime.urls.apiGateway);
  const decision = await decideThroughLink(link, 'approve');
  if (!decision.decided) throw new Error(`The approval page did not decide: HTTP ${decision.status}.`);

  await waitForEnd(executionArn);
  history = await readExecutionHistory(app.sfn, executionArn);
}, 240_000);

afterAll(async () => {
  await app?.stop();
});

describe('salary process on the local runtime', () => {
  test('succeeds with the approved bonus', async () => {
    const execution = await app.sfn.send(new DescribeExecutionCommand({ executionArn }));

    expect(execution.status).toBe('SUCCEEDED');
    expect(JSON.parse(execution.output ?? 'null')).toStrictEqual({
      employee_id: 'E1001',
      month: '2026-11',
      base: 4200,
      bonus: 420,
      total: 4620,
      approved: true,
    });
  });

  test('records the payroll in the accounting system', async () => {
    const response = await fetch(`${app.systems.accountingUrl}/payroll`);
    const payroll = (await response.json()) as { records: { employee: string; month: string; total: number }[] };

    expect(payroll.records).toEqual([expect.objectContaining({ employee: 'E1001', month: '2026-11', base: 4200, bonus: 420, total: 4620 })]);
  });

  test('sends the manager one SMS with the approval link', () => {
    const sms = app.runtime.outbox.messages().filter((message) => message.channel === 'sms');

    expect(sms).toHaveLength(1);
    expect(sms[0].to).toBe(MANAGER_PHONE);
    expect(sms[0].body).toContain('420');
    expect(approvalLinksOf(sms[0], app.runtime.urls.apiGateway)).toHaveLength(1);
  });

  test('runs the two start tasks in one Parallel state', () => {
    const entered = history.filter((event) => event.type?.endsWith('StateEntered')).map((event) => event.stateEnteredEventDetails?.name);

    expect(entered.slice(0, 2)).toEqual(['input', 'join_approve_bonus']);
    expect(new Set(entered.slice(2, 4))).toEqual(new Set(['salary_base', 'bonus']));
    expect(entered.slice(4)).toEqual(['approve_bonus', 'approve_bonus.on-success', 'record_payroll']);
  });

  test('waits for the approval through a task token', () => {
    const submitted = history.find(
      (event) => event.type === 'TaskSubmitted' && event.taskSubmittedEventDetails?.resource === 'invoke.waitForTaskToken',
    );
    const types = history.map((event) => event.type);

    expect(submitted).toBeDefined();
    expect(types[0]).toBe('ExecutionStarted');
    expect(types.at(-1)).toBe('ExecutionSucceeded');
    expect(types).not.toContain('TaskFailed');
  });

  test('writes the execution and task rows to the history', async () => {
    const rows = await waitForHistoryRows(executionArn, 7);
    const execution = rows.find((row) => row.sk === 'EXECUTION');
    const tasks = Object.fromEntries(
      rows.filter((row) => String(row.sk).startsWith('TASK#')).map((row) => [String(row.sk).slice('TASK#'.length), row]),
    );

    expect(execution).toMatchObject({ status: 'SUCCEEDED', workflow: 'salary', executionName: 'e2e-salary', executionArn });
    // Every state gets a row, also the `input` Pass state and the Choice and Parallel states.
    expect(Object.keys(tasks).sort()).toEqual([
      'approve_bonus',
      'approve_bonus.on-success',
      'bonus',
      'input',
      'join_approve_bonus',
      'record_payroll',
      'salary_base',
    ]);
    expect(Object.values(tasks).every((task) => task.status === 'SUCCEEDED')).toBe(true);
  });

  test('records who approved and when', async () => {
    const rows = await historyRows(executionArn);
    const output = await app.documents.send(
      new QueryCommand({
        TableName: app.historyTable,
        IndexName: 'byWorkflow',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': `EXEC#${executionArn}` },
      }),
    );
    const decision = (output.Items ?? []).find((item) => item.sk === 'DECISION');

    expect(rows.length).toBeGreaterThan(0);
    expect(decision).toMatchObject({ decision: 'approve', outcome: 'delivered' });
    expect(typeof decision?.decidedAt).toBe('string');
  });
});
