import './support/silent-logs';

import {
  DescribeExecutionCommand,
  ExecutionDoesNotExist,
  ExecutionNotRedrivable,
  GetExecutionHistoryCommand,
  RedriveExecutionCommand,
  SFNClient,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';

import { handleRequest } from '../../lambdas/control/api';
import type { ControlContext } from '../../lambdas/control/context';
import { toExecutionRow } from '../../lambdas/history/execution-row';
import { putExecutionRow } from '../../lambdas/history/history-writer';
import { apiEvent } from './support/api-events';
import { HistoryBuilder, statusEvent } from './support/events';
import { type LocalTable, startLocalTable, TABLE_NAME } from './support/local-table';

const ACCOUNT = 'arn:aws:states:us-east-1:000000000000';
const SALARY_ARN = `${ACCOUNT}:stateMachine:salary`;
const PAYSLIP_ARN = `${ACCOUNT}:stateMachine:payslip`;
const START_DATE = new Date('2026-12-01T08:00:00.000Z');

const sfnMock = mockClient(SFNClient);
let table: LocalTable;
let context: ControlContext;

function executionArn(workflow: string, name: string): string {
  return `${ACCOUNT}:execution:${workflow}:${name}`;
}

function bodyOf(response: { body: string }) {
  return JSON.parse(response.body) as Record<string, any>;
}

function list(query: Record<string, string>, workflow = 'salary') {
  return handleRequest(
    context,
    apiEvent('GET', '/workflows/{name}/executions', { name: workflow }, { query }),
  );
}

function describeRequest(id: string) {
  return handleRequest(context, apiEvent('GET', '/executions/{id}', { id }));
}

/** Records executions `run-0`… of salary, a minute apart, with the given statuses. */
async function recordExecutions(prefix: string, statuses: ('SUCCEEDED' | 'FAILED')[]) {
  for (const [index, status] of statuses.entries()) {
    const name = `${prefix}-${index}`;
    const event = statusEvent(status, {
      name,
      executionArn: executionArn('salary', name),
      startDate: START_DATE.getTime() + index * 60_000,
      stopDate: START_DATE.getTime() + index * 60_000 + 30_000,
    });
    await putExecutionRow(table.documents, TABLE_NAME, toExecutionRow(event));
  }
}

async function listAll(query: Record<string, string>): Promise<string[]> {
  const names: string[] = [];
  let next: string | undefined;
  do {
    const response = await list({ ...query, ...(next ? { next } : {}) });
    expect(response.statusCode).toBe(200);
    const body = bodyOf(response);
    names.push(...body.executions.map((execution: { executionName: string }) => execution.executionName));
    next = body.next;
  } while (next);
  return names;
}

beforeAll(async () => {
  table = await startLocalTable();
  context = {
    sfn: new SFNClient({ region: 'us-east-1', endpoint: 'http://127.0.0.1:9' }),
    documents: table.documents,
    tableName: TABLE_NAME,
    workflows: {
      salary: {
        stateMachineArn: SALARY_ARN,
        input: [{ name: 'employee_id' }, { name: 'month' }],
        tasks: ['salary_base', 'bonus', 'approve_bonus', 'record_payroll', 'record_payroll_without_bonus'],
        approvalTasks: ['approve_bonus'],
      },
      payslip: {
        stateMachineArn: PAYSLIP_ARN,
        input: [{ name: 'employee_id' }],
        tasks: ['send_payslip'],
      },
    },
  };
  await recordExecutions('page', ['SUCCEEDED', 'FAILED', 'SUCCEEDED', 'FAILED', 'SUCCEEDED']);
});

afterAll(async () => {
  await table.stop();
});

beforeEach(() => {
  sfnMock.reset();
  sfnMock.on(DescribeExecutionCommand).rejects(
    new ExecutionDoesNotExist({ message: 'Execution Does Not Exist', $metadata: {} }),
  );
});

describe('GET /workflows/{name}/executions', () => {
  it('lists executions newest first across pages', async () => {
    const first = bodyOf(await list({ limit: '2' }));

    expect(first.executions.map((execution: { executionName: string }) => execution.executionName)).toEqual([
      'page-4',
      'page-3',
    ]);
    expect(first.executions[0]).toEqual({
      executionName: 'page-4',
      executionArn: executionArn('salary', 'page-4'),
      status: 'SUCCEEDED',
      startDate: '2026-12-01T08:04:00.000Z',
      stopDate: '2026-12-01T08:04:30.000Z',
      redriveCount: 0,
    });
    expect(typeof first.next).toBe('string');
    expect(await listAll({ limit: '2' })).toEqual(['page-4', 'page-3', 'page-2', 'page-1', 'page-0']);
  });

  it('filters by status', async () => {
    expect(await listAll({ status: 'FAILED', limit: '1' })).toEqual(['page-3', 'page-1']);
  });

  it('rejects a token of another listing', async () => {
    const failedPage = bodyOf(await list({ status: 'FAILED', limit: '1' }));

    const response = await list({ limit: '1', next: failedPage.next });

    expect(response.statusCode).toBe(400);
    expect(bodyOf(response).error).toBe('InvalidNextToken');
  });

  it.each([
    ['a garbled token', { next: 'not-a-token' }, 'InvalidNextToken'],
    [
      'a forged start key',
      {
        next: Buffer.from(
          JSON.stringify({ v: 1, workflow: 'salary', status: null, key: { gsi1pk: 'WF#payslip' } }),
        ).toString('base64url'),
      },
      'InvalidNextToken',
    ],
    ['a zero limit', { limit: '0' }, 'InvalidLimit'],
    ['a limit over 100', { limit: '101' }, 'InvalidLimit'],
    ['an unknown status', { status: 'DONE' }, 'InvalidStatus'],
  ])('rejects %s', async (_case, query, error) => {
    const response = await list(query);

    expect(response.statusCode).toBe(400);
    expect(bodyOf(response).error).toBe(error);
  });

  it('returns 404 for an unknown workflow', async () => {
    const response = await list({}, 'payroll');

    expect(response.statusCode).toBe(404);
  });
});

describe('GET /executions/{id}', () => {
  function runningHistory() {
    const history = new HistoryBuilder();
    history.add({ type: 'ExecutionStarted' }, 0);
    history.task('salary_base', 0, undefined, {
      input: '{"employee_id":"E1","month":"2026-11"}',
      output: '{"base":3000,"manager":{"phone":"+15555550100"}}',
    });
    history.task('bonus');
    history.add({
      type: 'TaskStateEntered',
      stateEnteredEventDetails: { name: 'approve_bonus', input: '[{"base":3000},{"bonus":500}]' },
    });
    history.add({
      type: 'TaskScheduled',
      taskScheduledEventDetails: {
        resourceType: 'lambda',
        resource: 'invoke.waitForTaskToken',
        region: 'us-east-1',
        parameters: JSON.stringify({ Payload: { token: 'live-task-token' } }),
      },
    });
    history.add({ type: 'TaskStarted' });
    return history.events;
  }

  it('describes a running execution found by name', async () => {
    const arn = executionArn('salary', 'live');
    sfnMock.on(DescribeExecutionCommand, { executionArn: arn }).resolves({
      executionArn: arn,
      name: 'live',
      status: 'RUNNING',
      startDate: START_DATE,
      input: '{"employee_id":"E1","month":"2026-11"}',
    });
    sfnMock.on(GetExecutionHistoryCommand).resolves({ events: runningHistory() });
    await table.documents.send(
      new PutCommand({
        TableName: TABLE_NAME,
        Item: { pk: `APPROVALTASK#${arn}#approve_bonus`, sk: 'APPROVALTASK', groupId: 'g-1' },
      }),
    );
    await table.documents.send(
      new PutCommand({
        TableName: TABLE_NAME,
        Item: {
          pk: 'APPROVALGROUP#g-1',
          sk: 'APPROVALGROUP',
          groupId: 'g-1',
          workflow: 'salary',
          execution: arn,
          task: 'approve_bonus',
          status: 'pending',
          approvalIds: ['a-1', 'a-2'],
          createdAt: '2026-12-01T08:00:10.000Z',
          deadline: '2026-12-04T08:00:10.000Z',
          expiresAt: 1_800_000_000,
        },
      }),
    );

    await table.documents.send(
      new PutCommand({
        TableName: TABLE_NAME,
        Item: {
          pk: 'APPROVAL#a-0',
          sk: 'DECISION',
          gsi1pk: `EXEC#${arn}`,
          gsi1sk: 'APPROVAL#2026-12-01T08:00:05.000Z#a-0',
          kind: 'approvalDecision',
          approvalId: 'a-0',
          groupId: 'g-0',
          workflow: 'salary',
          execution: arn,
          task: 'approve_bonus',
          approver: 'grace.hollow@example.com',
          decision: 'reject',
          decidedAt: '2026-12-01T08:00:05.000Z',
          outcome: 'taskClosed',
        },
      }),
    );

    const response = await describeRequest('live');

    expect(response.statusCode).toBe(200);
    const body = bodyOf(response);
    expect(body).toMatchObject({
      workflow: 'salary',
      executionArn: arn,
      status: 'RUNNING',
      input: { employee_id: 'E1', month: '2026-11' },
      redriveCount: 0,
    });
    expect(body.tasks.done.map((task: { name: string }) => task.name)).toEqual(['salary_base', 'bonus']);
    expect(body.tasks.running.map((task: { name: string }) => task.name)).toEqual(['approve_bonus']);
    expect(body.tasks.failed).toEqual([]);
    expect(body.tasks.notReached).toEqual(['record_payroll', 'record_payroll_without_bonus']);
    expect(body.tasks.done[0]).toStrictEqual({
      name: 'salary_base',
      status: 'SUCCEEDED',
      startDate: '2026-12-01T08:00:02.000Z',
      stopDate: '2026-12-01T08:00:06.000Z',
      attempts: 1,
      input: { employee_id: 'E1', month: '2026-11' },
      output: { base: 3000, manager: { phone: '+15555550100' } },
    });
    expect(body.tasks.running[0].input).toStrictEqual([{ base: 3000 }, { bonus: 500 }]);
    expect(body.tasks.running[0]).not.toHaveProperty('output');
    expect(response.body).not.toContain('live-task-token');
    expect(body.pendingApprovals).toEqual([
      {
        task: 'approve_bonus',
        groupId: 'g-1',
        status: 'pending',
        approvers: 2,
        createdAt: '2026-12-01T08:00:10.000Z',
        deadline: '2026-12-04T08:00:10.000Z',
      },
    ]);
    expect(body.decidedApprovals).toEqual([
      {
        task: 'approve_bonus',
        approver: 'grace.hollow@example.com',
        decision: 'reject',
        decidedAt: '2026-12-01T08:00:05.000Z',
        outcome: 'taskClosed',
      },
    ]);
  });

  it('reads the task rows of an ended execution', async () => {
    const arn = executionArn('salary', 'page-1');
    sfnMock.on(DescribeExecutionCommand, { executionArn: arn }).resolves({
      executionArn: arn,
      name: 'page-1',
      status: 'FAILED',
      startDate: START_DATE,
      error: 'Accounting.Unavailable',
    });
    await table.documents.send(
      new PutCommand({
        TableName: TABLE_NAME,
        Item: {
          pk: `EXEC#${arn}`,
          sk: 'TASK#record_payroll',
          name: 'record_payroll',
          stateType: 'Task',
          status: 'FAILED',
          startDate: '2026-12-01T08:01:10.000Z',
          attempts: 3,
          error: 'Accounting.Unavailable',
          redriveCount: 0,
        },
      }),
    );

    const response = await describeRequest(encodeURIComponent(arn));

    expect(response.statusCode).toBe(200);
    const body = bodyOf(response);
    expect(body.error).toBe('Accounting.Unavailable');
    expect(body.tasks.failed).toEqual([
      expect.objectContaining({ name: 'record_payroll', attempts: 3, error: 'Accounting.Unavailable' }),
    ]);
    expect(sfnMock.commandCalls(GetExecutionHistoryCommand)).toHaveLength(0);
  });

  it('returns task input and output from the rows', async () => {
    const arn = executionArn('salary', 'page-3');
    const cutOutput = '{"payslips":"xxxx';
    sfnMock.on(DescribeExecutionCommand, { executionArn: arn }).resolves({
      executionArn: arn,
      name: 'page-3',
      status: 'FAILED',
      startDate: START_DATE,
      error: 'Accounting.Unavailable',
    });
    await table.documents.send(
      new PutCommand({
        TableName: TABLE_NAME,
        Item: {
          pk: `EXEC#${arn}`,
          sk: 'TASK#salary_base',
          name: 'salary_base',
          stateType: 'Task',
          status: 'SUCCEEDED',
          startDate: '2026-12-01T08:00:02.000Z',
          stopDate: '2026-12-01T08:00:06.000Z',
          attempts: 1,
          input: '{"employee_id":"E1","month":"2026-11"}',
          output: cutOutput,
          truncated: ['output'],
          redriveCount: 0,
        },
      }),
    );

    const body = bodyOf(await describeRequest(encodeURIComponent(arn)));

    expect(body.tasks.done).toStrictEqual([
      {
        name: 'salary_base',
        status: 'SUCCEEDED',
        startDate: '2026-12-01T08:00:02.000Z',
        stopDate: '2026-12-01T08:00:06.000Z',
        attempts: 1,
        input: { employee_id: 'E1', month: '2026-11' },
        output: cutOutput,
        truncated: ['output'],
      },
    ]);
    expect(sfnMock.commandCalls(GetExecutionHistoryCommand)).toHaveLength(0);
  });

  it('reads the history over stale task rows', async () => {
    const arn = executionArn('salary', 'redriven');
    sfnMock.on(DescribeExecutionCommand, { executionArn: arn }).resolves({
      executionArn: arn,
      name: 'redriven',
      status: 'SUCCEEDED',
      startDate: START_DATE,
      redriveCount: 1,
    });
    const history = new HistoryBuilder();
    history.add({ type: 'ExecutionStarted' }, 0);
    history.failedTask('record_payroll', 'Accounting.Unavailable', 'HTTP 503');
    history.add({ type: 'ExecutionRedriven' });
    history.task('record_payroll');
    sfnMock.on(GetExecutionHistoryCommand).resolves({ events: history.events });
    await table.documents.send(
      new PutCommand({
        TableName: TABLE_NAME,
        Item: {
          pk: `EXEC#${arn}`,
          sk: 'TASK#record_payroll',
          name: 'record_payroll',
          status: 'FAILED',
          attempts: 1,
          redriveCount: 0,
        },
      }),
    );

    const response = await describeRequest('redriven');

    const body = bodyOf(response);
    expect(body.tasks.failed).toEqual([]);
    expect(body.tasks.done).toEqual([
      expect.objectContaining({ name: 'record_payroll', status: 'SUCCEEDED', attempts: 2 }),
    ]);
  });

  it('reads the history of an execution that just ended', async () => {
    const arn = executionArn('salary', 'just-ended');
    sfnMock.on(DescribeExecutionCommand, { executionArn: arn }).resolves({
      executionArn: arn,
      name: 'just-ended',
      status: 'SUCCEEDED',
      startDate: START_DATE,
      stopDate: new Date(),
    });
    const history = new HistoryBuilder();
    history.add({ type: 'ExecutionStarted' }, 0);
    history.task('salary_base');
    history.task('record_payroll');
    sfnMock.on(GetExecutionHistoryCommand).resolves({ events: history.events });
    await table.documents.send(
      new PutCommand({
        TableName: TABLE_NAME,
        Item: { pk: `EXEC#${arn}`, sk: 'TASK#salary_base', name: 'salary_base', status: 'SUCCEEDED', attempts: 1, redriveCount: 0 },
      }),
    );

    const response = await describeRequest('just-ended');

    const body = bodyOf(response);
    expect(body.tasks.done.map((task: { name: string }) => task.name)).toEqual(['salary_base', 'record_payroll']);
  });

  it('returns 409 for a name that two workflows use', async () => {
    sfnMock.on(DescribeExecutionCommand).resolves({ status: 'SUCCEEDED', startDate: START_DATE });

    const response = await describeRequest('shared-name');

    expect(response.statusCode).toBe(409);
    expect(bodyOf(response).executionArns).toEqual([
      executionArn('salary', 'shared-name'),
      executionArn('payslip', 'shared-name'),
    ]);
  });

  it('returns 404 for an unknown execution', async () => {
    const response = await describeRequest('nobody');

    expect(response.statusCode).toBe(404);
    expect(bodyOf(response).message).toBe('No workflow has an execution named "nobody".');
  });

  it('returns 404 for an ARN of another state machine', async () => {
    const response = await describeRequest(encodeURIComponent(executionArn('other', 'x')));

    expect(response.statusCode).toBe(404);
    expect(bodyOf(response).error).toBe('WorkflowNotFound');
  });
});

describe('POST /executions/{id}/redrive and /stop', () => {
  const arn = executionArn('salary', 'broken');

  beforeEach(() => {
    sfnMock.on(DescribeExecutionCommand, { executionArn: arn }).resolves({
      executionArn: arn,
      status: 'FAILED',
      startDate: START_DATE,
    });
  });

  it('redrives a failed execution', async () => {
    sfnMock.on(RedriveExecutionCommand).resolves({ redriveDate: new Date('2026-12-02T09:00:00.000Z') });

    const response = await handleRequest(
      context,
      apiEvent('POST', '/executions/{id}/redrive', { id: 'broken' }),
    );

    expect(response.statusCode).toBe(202);
    expect(bodyOf(response)).toEqual({ executionArn: arn, redriveDate: '2026-12-02T09:00:00.000Z' });
    expect(sfnMock.commandCalls(RedriveExecutionCommand)[0].args[0].input).toEqual({ executionArn: arn });
  });

  it('returns 409 when Step Functions cannot redrive', async () => {
    sfnMock.on(RedriveExecutionCommand).rejects(
      new ExecutionNotRedrivable({ message: 'Execution is older than 14 days.', $metadata: {} }),
    );

    const response = await handleRequest(
      context,
      apiEvent('POST', '/executions/{id}/redrive', { id: 'broken' }),
    );

    expect(response.statusCode).toBe(409);
    expect(bodyOf(response)).toEqual({
      error: 'ExecutionNotRedrivable',
      message: 'Execution "broken" cannot be redriven: Execution is older than 14 days. Start a new execution instead.',
    });
  });

  it('names the status of a succeeded execution that cannot be redriven', async () => {
    sfnMock.on(DescribeExecutionCommand, { executionArn: arn }).resolves({ executionArn: arn, status: 'SUCCEEDED', startDate: START_DATE });
    sfnMock.on(RedriveExecutionCommand).rejects(
      new ExecutionNotRedrivable({ message: `Execution Not Redrivable: '${arn}': Execution is SUCCEEDED and cannot be redriven.`, $metadata: {} }),
    );

    const response = await handleRequest(
      context,
      apiEvent('POST', '/executions/{id}/redrive', { id: 'broken' }),
    );

    expect(response.statusCode).toBe(409);
    expect(bodyOf(response).message).toBe(
      'Execution "broken" cannot be redriven because it already ended with status SUCCEEDED. ' +
        'Only FAILED, TIMED_OUT or ABORTED executions can be redriven, so start a new execution to run the workflow again.',
    );
  });

  it('strips the execution ARN from the Step Functions reason', async () => {
    sfnMock.on(RedriveExecutionCommand).rejects(
      new ExecutionNotRedrivable({ message: `Execution Not Redrivable: '${arn}': Execution was redriven too many times`, $metadata: {} }),
    );

    const response = await handleRequest(
      context,
      apiEvent('POST', '/executions/{id}/redrive', { id: 'broken' }),
    );

    expect(bodyOf(response).message).toBe(
      'Execution "broken" cannot be redriven: Execution was redriven too many times. Start a new execution instead.',
    );
  });

  it('stops an execution with a reason', async () => {
    sfnMock.on(DescribeExecutionCommand, { executionArn: arn }).resolves({ executionArn: arn, status: 'RUNNING', startDate: START_DATE });
    sfnMock.on(StopExecutionCommand).resolves({ stopDate: new Date('2026-12-02T09:00:00.000Z') });

    const response = await handleRequest(
      context,
      apiEvent('POST', '/executions/{id}/stop', { id: 'broken' }, { body: { cause: 'Wrong month' } }),
    );

    expect(response.statusCode).toBe(202);
    expect(sfnMock.commandCalls(StopExecutionCommand)[0].args[0].input).toEqual({
      executionArn: arn,
      error: undefined,
      cause: 'Wrong month',
    });
  });

  it('returns 409 when stopping an ended execution', async () => {
    const response = await handleRequest(
      context,
      apiEvent('POST', '/executions/{id}/stop', { id: 'broken' }),
    );

    expect(response.statusCode).toBe(409);
    expect(bodyOf(response)).toEqual({
      error: 'ExecutionNotRunning',
      message: 'Execution "broken" cannot be stopped because it already ended with status FAILED. Only RUNNING executions can be stopped.',
    });
    expect(sfnMock.commandCalls(StopExecutionCommand)).toHaveLength(0);
  });

  it('rejects a stop reason that is not a string', async () => {
    const response = await handleRequest(
      context,
      apiEvent('POST', '/executions/{id}/stop', { id: 'broken' }, { body: { error: 42 } }),
    );

    expect(response.statusCode).toBe(400);
    expect(bodyOf(response).message).toBe('Field "error" must be a string.');
  });
});

describe('routing', () => {
  it('routes by path when the resource is unknown', async () => {
    const event = apiEvent('GET', '/workflows/{name}/executions', { name: 'salary' }, { query: { limit: '1' } });

    const response = await handleRequest(context, { ...event, resource: '/{proxy+}', pathParameters: null });

    expect(response.statusCode).toBe(200);
    expect(bodyOf(response).executions).toHaveLength(1);
  });

  it('returns 405 for a wrong method', async () => {
    const response = await handleRequest(context, apiEvent('DELETE', '/executions/{id}', { id: 'x' }));

    expect(response.statusCode).toBe(405);
    expect(bodyOf(response).message).toBe('DELETE is not allowed on /executions/x: use GET.');
  });

  it('returns 404 for an unknown path', async () => {
    const response = await handleRequest(context, apiEvent('GET', '/metrics', {}));

    expect(response.statusCode).toBe(404);
  });
});
