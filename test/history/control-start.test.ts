import './support/silent-logs';

import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';

import { handleRequest } from '../../lambdas/control/api';
import type { ControlContext } from '../../lambdas/control/context';
import { apiEvent } from './support/api-events';

const STATE_MACHINE_ARN = 'arn:aws:states:us-east-1:000000000000:stateMachine:salary';
const EXECUTION_ARN = 'arn:aws:states:us-east-1:000000000000:execution:salary:key-1';
const START_DATE = new Date('2026-12-01T08:00:00.000Z');

const sfnMock = mockClient(SFNClient);
const context: ControlContext = {
  sfn: new SFNClient({ region: 'us-east-1', endpoint: 'http://127.0.0.1:9' }),
  // Starting an execution reads no table. The closed loopback port keeps any stray request local.
  documents: DynamoDBDocumentClient.from(
    new DynamoDBClient({ region: 'us-east-1', endpoint: 'http://127.0.0.1:9' }),
  ),
  tableName: 'history',
  workflows: {
    salary: {
      stateMachineArn: STATE_MACHINE_ARN,
      input: [{ name: 'employee_id' }, { name: 'month' }, { name: 'currency', default: 'EUR' }],
      tasks: ['salary_base', 'bonus', 'approve_bonus', 'record_payroll'],
      approvalTasks: ['approve_bonus'],
    },
  },
};

function start(body: unknown, headers: Record<string, string> = {}) {
  return handleRequest(
    context,
    apiEvent('POST', '/workflows/{name}/executions', { name: 'salary' }, { body, headers }),
  );
}

function bodyOf(response: { body: string }) {
  return JSON.parse(response.body) as Record<string, unknown>;
}

beforeEach(() => {
  sfnMock.reset();
  sfnMock
    .on(StartExecutionCommand)
    .resolves({ executionArn: EXECUTION_ARN, startDate: START_DATE });
});

describe('POST /workflows/{name}/executions', () => {
  it('starts an execution with the body as input', async () => {
    const response = await start({ employee_id: 'E1', month: '2026-11' });

    expect(response.statusCode).toBe(202);
    expect(bodyOf(response)).toEqual({
      executionArn: EXECUTION_ARN,
      executionName: 'key-1',
      startDate: '2026-12-01T08:00:00.000Z',
    });
    const [call] = sfnMock.commandCalls(StartExecutionCommand);
    expect(call.args[0].input).toEqual({
      stateMachineArn: STATE_MACHINE_ARN,
      name: undefined,
      input: '{"employee_id":"E1","month":"2026-11"}',
    });
  });

  it('rejects a missing input naming it', async () => {
    const response = await start({ employee_id: 'E1' });

    expect(response.statusCode).toBe(400);
    expect(bodyOf(response).message).toBe(
      'Input field "month" is missing: workflow "salary" requires it.',
    );
    expect(sfnMock.commandCalls(StartExecutionCommand)).toHaveLength(0);
  });

  it('rejects an unknown input naming it', async () => {
    const response = await start({ employee_id: 'E1', month: '2026-11', bonus: 100 });

    expect(response.statusCode).toBe(400);
    expect(bodyOf(response).message).toBe(
      'Input field "bonus" is unknown: workflow "salary" declares employee_id, month, currency.',
    );
  });

  it('lists every invalid field', async () => {
    const response = await start({ bonus: 100 });

    expect(response.statusCode).toBe(400);
    expect(bodyOf(response).fields).toEqual([
      { field: 'employee_id', message: expect.stringContaining('"employee_id" is missing') },
      { field: 'month', message: expect.stringContaining('"month" is missing') },
      { field: 'bonus', message: expect.stringContaining('"bonus" is unknown') },
    ]);
  });

  it.each([
    ['not JSON', '{employee_id:', 'The request body is not valid JSON: send a JSON object.'],
    ['an array', '[1]', 'The request body must be a JSON object.'],
  ])('rejects a body that is %s', async (_case, body, message) => {
    const response = await start(body);

    expect(response.statusCode).toBe(400);
    expect(bodyOf(response).message).toBe(message);
  });

  it('returns 404 for an unknown workflow', async () => {
    const response = await handleRequest(
      context,
      apiEvent('POST', '/workflows/{name}/executions', { name: 'payslip' }, { body: {} }),
    );

    expect(response.statusCode).toBe(404);
    expect(bodyOf(response).message).toBe(
      'Workflow "payslip" is not deployed: deployed workflows are salary.',
    );
  });

  it('names the execution after the Idempotency-Key', async () => {
    const response = await start(
      { employee_id: 'E1', month: '2026-11' },
      { 'idempotency-key': 'key-1' },
    );

    expect(response.statusCode).toBe(202);
    const [call] = sfnMock.commandCalls(StartExecutionCommand);
    expect(call.args[0].input.name).toBe('key-1');
  });

  it('returns the first run to a retried request', async () => {
    sfnMock
      .on(StartExecutionCommand)
      .rejects(new ExecutionAlreadyExists({ message: 'Execution Already Exists', $metadata: {} }));
    sfnMock.on(DescribeExecutionCommand, { executionArn: EXECUTION_ARN }).resolves({
      executionArn: EXECUTION_ARN,
      stateMachineArn: STATE_MACHINE_ARN,
      status: 'SUCCEEDED',
      startDate: START_DATE,
      input: '{"employee_id":"E1","month":"2026-11"}',
    });

    const response = await start(
      { month: '2026-11', employee_id: 'E1' },
      { 'Idempotency-Key': 'key-1' },
    );

    expect(response.statusCode).toBe(202);
    expect(bodyOf(response).executionArn).toBe(EXECUTION_ARN);
    expect(bodyOf(response).existing).toBe(true);
    expect(bodyOf(response).status).toBe('SUCCEEDED');
  });

  it('rejects a reused key with another input', async () => {
    sfnMock
      .on(StartExecutionCommand)
      .rejects(new ExecutionAlreadyExists({ message: 'Execution Already Exists', $metadata: {} }));
    sfnMock.on(DescribeExecutionCommand).resolves({
      executionArn: EXECUTION_ARN,
      status: 'RUNNING',
      startDate: START_DATE,
      input: '{"employee_id":"E2","month":"2026-11"}',
    });

    const response = await start(
      { employee_id: 'E1', month: '2026-11' },
      { 'Idempotency-Key': 'key-1' },
    );

    expect(response.statusCode).toBe(409);
    expect(bodyOf(response).error).toBe('IdempotencyKeyReused');
  });

  it.each([
    ['a space', 'two words'],
    ['a colon', 'key:1'],
    ['81 characters', 'k'.repeat(81)],
  ])('rejects an Idempotency-Key with %s', async (_case, key) => {
    const response = await start({ employee_id: 'E1', month: '2026-11' }, { 'Idempotency-Key': key });

    expect(response.statusCode).toBe(400);
    expect(bodyOf(response).error).toBe('InvalidIdempotencyKey');
    expect(sfnMock.commandCalls(StartExecutionCommand)).toHaveLength(0);
  });

  it('hides an unexpected failure behind a 500', async () => {
    sfnMock.on(StartExecutionCommand).rejects(new Error('socket hang up'));

    const response = await start({ employee_id: 'E1', month: '2026-11' });

    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('socket hang up');
    expect(bodyOf(response).error).toBe('InternalError');
  });
});
