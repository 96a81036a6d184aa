import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { GetExecutionHistoryCommand, SFNClient } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';

import type { ExecutionStatusChangeEvent } from '../../lib/local/engine/types';
import { HistoryBuilder, statusEvent } from './support/events';
import { type LocalTable, startLocalTable } from './support/local-table';

const TOPIC_ARN = 'arn:aws:sns:us-east-1:000000000000:alerts';

const sfn = mockClient(SFNClient);
const sns = mockClient(SNSClient);
let table: LocalTable;
let handler: (event: ExecutionStatusChangeEvent) => Promise<void>;

function failedHistory() {
  const history = new HistoryBuilder();
  history.add({ type: 'ExecutionStarted' }, 0);
  history.task('salary_base');
  history.failedTask('record_payroll', 'Accounting.Unavailable', 'HTTP 503', 3);
  history.add({ type: 'ExecutionFailed' });
  return history.events;
}

function failure(name: string, redriveCount = 0): ExecutionStatusChangeEvent {
  return statusEvent('FAILED', {
    name,
    executionArn: `arn:aws:states:us-east-1:000000000000:execution:salary:${name}`,
    redriveCount,
  });
}

function publishedMessages(): string[] {
  return sns.commandCalls(PublishCommand).map((call) => call.args[0].input.Message ?? '');
}

beforeAll(async () => {
  table = await startLocalTable();
  process.env.ALERTS_TOPIC_ARN = TOPIC_ARN;
  ({ handler } = await import('../../lambdas/alerts/alert'));
});

afterAll(async () => {
  await table.stop();
});

beforeEach(() => {
  sfn.reset();
  sns.reset();
  sfn.on(GetExecutionHistoryCommand).resolves({ events: failedHistory() });
  sns.on(PublishCommand).resolves({ MessageId: 'message-1' });
});

describe('failure alert', () => {
  it('publishes the failed state and error', async () => {
    await handler(failure('alerted'));

    const calls = sns.commandCalls(PublishCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0].args[0].input.TopicArn).toBe(TOPIC_ARN);
    expect(calls[0].args[0].input.Message).toBe(
      [
        'Sirocco: workflow salary failed at state record_payroll.',
        'Accounting.Unavailable: HTTP 503',
        'Details: sirocco status alerted',
      ].join('\n'),
    );
  });

  it('names the task of a helper state', async () => {
    const history = new HistoryBuilder();
    history.add({ type: 'ExecutionStarted' }, 0);
    const doomed = history.failedTask('doomed', 'HttpError.500', 'The server failed.', 2);
    history.add({ type: 'TaskStateExited', stateExitedEventDetails: { name: 'doomed' } }, doomed);
    history.add({ type: 'ChoiceStateEntered', stateEnteredEventDetails: { name: 'doomed.2.retry' } });
    history.add({ type: 'ChoiceStateExited', stateExitedEventDetails: { name: 'doomed.2.retry' } });
    history.add({ type: 'FailStateEntered', stateEnteredEventDetails: { name: 'doomed.2.retry.fail' } });
    history.add({
      type: 'ExecutionFailed',
      executionFailedEventDetails: { error: 'HttpError.500', cause: 'The server failed.' },
    });
    sfn.on(GetExecutionHistoryCommand).resolves({ events: history.events });

    await handler(failure('helper'));

    expect(publishedMessages()[0].split('\n')[0]).toBe('Sirocco: workflow salary failed at state doomed.2.');
  });

  it('sends one alert per failure', async () => {
    await handler(failure('twice'));
    await handler(failure('twice'));

    expect(publishedMessages()).toHaveLength(1);
    const alertRows = (await table.scan()).filter(
      (row) => row.executionArn === failure('twice').detail.executionArn,
    );
    expect(alertRows.map((row) => row.sk)).toEqual(['ALERT#0#FAILED']);
  });

  it('alerts again when a redrive fails', async () => {
    await handler(failure('redriven'));
    await handler(failure('redriven', 1));

    expect(publishedMessages()).toHaveLength(2);
  });

  it('releases the alert when publishing fails', async () => {
    sns.on(PublishCommand).rejectsOnce(new Error('SNS is down')).resolves({ MessageId: 'm-2' });

    await expect(handler(failure('retried'))).rejects.toThrow('SNS is down');
    await handler(failure('retried'));

    expect(sns.commandCalls(PublishCommand)).toHaveLength(2);
    const alertRows = (await table.scan()).filter((row) => row.sk === 'ALERT#0#FAILED');
    expect(alertRows.some((row) => String(row.pk).endsWith(':retried'))).toBe(true);
  });

  it('alerts without history when it cannot be read', async () => {
    sfn.on(GetExecutionHistoryCommand).rejects(new Error('AccessDenied'));

    await handler(failure('no-history'));

    expect(publishedMessages()).toEqual([
      [
        'Sirocco: workflow salary failed.',
        'Accounting.Unavailable: The accounting system answered 503.',
        'Details: sirocco status no-history',
      ].join('\n'),
    ]);
  });

  it('ignores a succeeded execution', async () => {
    await handler(statusEvent('SUCCEEDED', { name: 'fine' }));

    expect(publishedMessages()).toHaveLength(0);
  });
});
