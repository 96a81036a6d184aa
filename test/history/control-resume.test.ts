import './support/silent-logs';

import { DescribeExecutionCommand, ExecutionDoesNotExist, SendTaskSuccessCommand, SFNClient, TaskTimedOut } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';

import { handleRequest } from '../../lambdas/control/api';
import type { ControlContext } from '../../lambdas/control/context';
import { handler as pause } from '../../lambdas/std/pause';
import { apiEvent } from './support/api-events';
import { type LocalTable, startLocalTable, TABLE_NAME } from './support/local-table';

const ACCOUNT = 'arn:aws:states:us-east-1:000000000000';
const PAYROLL_ARN = `${ACCOUNT}:stateMachine:payroll`;

const sfnMock = mockClient(SFNClient);
let table: LocalTable;
let context: ControlContext;

function executionArn(name: string): string {
  return `${ACCOUNT}:execution:payroll:${name}`;
}

/** Runs the pause Lambda as the `pause-before` state of `task` would, against the local table. */
async function pauseBefore(execution: string, task: string, token: string): Promise<void> {
  await pause({ input: {}, token, execution: executionArn(execution), workflow: 'payroll', task: `${task}.pause` });
}

function resume(id: string, body?: unknown) {
  return handleRequest(context, apiEvent('POST', '/executions/{id}/resume', { id }, { body }));
}

function bodyOf(response: { body: string }) {
  return JSON.parse(response.body) as Record<string, any>;
}

beforeAll(async () => {
  table = await startLocalTable();
  context = {
    sfn: new SFNClient({ region: 'us-east-1', endpoint: 'http://127.0.0.1:9' }),
    documents: table.documents,
    tableName: TABLE_NAME,
    workflows: { payroll: { stateMachineArn: PAYROLL_ARN, input: [], tasks: ['compute', 'pay', 'notify'] } },
  };
});

afterAll(async () => {
  await table.stop();
});

beforeEach(() => {
  sfnMock.reset();
  sfnMock.on(DescribeExecutionCommand).rejects(new ExecutionDoesNotExist({ message: 'Execution Does Not Exist', $metadata: {} }));
  for (const name of ['run-1', 'run-2', 'run-3', 'run-4']) {
    sfnMock.on(DescribeExecutionCommand, { executionArn: executionArn(name) }).resolves({ executionArn: executionArn(name), status: 'RUNNING' });
  }
  sfnMock.on(SendTaskSuccessCommand).resolves({});
});

describe('POST /executions/{id}/resume', () => {
  it('sends the pause token back', async () => {
    await pauseBefore('run-1', 'pay', 'token-1');

    const response = await resume('run-1');

    expect(response.statusCode).toBe(200);
    expect(bodyOf(response)).toStrictEqual({ executionArn: executionArn('run-1'), resumed: ['pay'] });
    expect(sfnMock.commandCalls(SendTaskSuccessCommand).map((call) => call.args[0].input.taskToken)).toStrictEqual(['token-1']);
    expect((await table.scan()).filter((item) => item.execution === executionArn('run-1'))).toStrictEqual([]);
  });

  it('rejects a second resume', async () => {
    await pauseBefore('run-2', 'pay', 'token-2');
    await resume('run-2');

    const response = await resume('run-2');

    expect(response.statusCode).toBe(409);
    expect(bodyOf(response).error).toBe('NotPaused');
  });

  it('resumes only the named task', async () => {
    await pauseBefore('run-3', 'pay', 'token-pay');
    await pauseBefore('run-3', 'notify', 'token-notify');

    const response = await resume('run-3', { task: 'notify' });

    expect(bodyOf(response).resumed).toStrictEqual(['notify']);
    expect(sfnMock.commandCalls(SendTaskSuccessCommand).map((call) => call.args[0].input.taskToken)).toStrictEqual(['token-notify']);
    expect((await table.scan()).filter((item) => item.execution === executionArn('run-3')).map((item) => item.task)).toStrictEqual(['pay.pause']);
  });

  it('reports a pause that timed out', async () => {
    sfnMock.on(SendTaskSuccessCommand).rejects(new TaskTimedOut({ message: 'Task Timed Out', $metadata: {} }));
    await pauseBefore('run-4', 'pay', 'token-4');

    const response = await resume('run-4');

    expect(response.statusCode).toBe(409);
    expect(bodyOf(response).message).toContain('no longer waits');
    expect((await table.scan()).filter((item) => item.execution === executionArn('run-4'))).toStrictEqual([]);
  });

  it('rejects a task that is not a name', async () => {
    const response = await resume('run-1', { task: 7 });

    expect(response.statusCode).toBe(400);
  });
});
