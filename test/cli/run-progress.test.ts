import type { HistoryEvent } from '@aws-sdk/client-sfn';

import type { OutboxMessage } from '../../lib/local/outbox/outbox-message';
import { approvalLinksOf } from '../../lib/cli/run/approval-decider';
import { retryWaitStatesOf, TaskProgressPrinter } from '../../lib/cli/run/task-progress-printer';

const START = Date.parse('2026-06-01T08:00:00.000Z');

function event(id: number, type: string, details: Partial<HistoryEvent> = {}): HistoryEvent {
  return { id, previousEventId: id - 1, type: type as HistoryEvent['type'], timestamp: new Date(START + id * 1_000), ...details };
}

// A Pass state, then a Lambda task that fails once and succeeds on its retry.
const RETRIED_TASK: HistoryEvent[] = [
  event(1, 'ExecutionStarted'),
  event(2, 'PassStateEntered', { stateEnteredEventDetails: { name: 'input' } }),
  event(3, 'PassStateExited', { stateExitedEventDetails: { name: 'input' } }),
  event(4, 'TaskStateEntered', { stateEnteredEventDetails: { name: 'call' } }),
  event(5, 'TaskScheduled'),
  event(6, 'TaskFailed', { taskFailedEventDetails: { error: 'Boom', cause: '{"errorMessage":"broke","trace":["at x"]}' } as never }),
  event(7, 'TaskScheduled'),
  event(8, 'TaskSucceeded'),
  event(9, 'TaskStateExited', { stateExitedEventDetails: { name: 'call' } }),
];

function printer(): { lines: string[]; progress: TaskProgressPrinter } {
  const lines: string[] = [];
  return { lines, progress: new TaskProgressPrinter(new Set(['call']), (line) => lines.push(line)) };
}

describe('TaskProgressPrinter', () => {
  test('prints each change once', () => {
    const { lines, progress } = printer();

    progress.update(RETRIED_TASK.slice(0, 5), 'RUNNING');
    progress.update(RETRIED_TASK.slice(0, 5), 'RUNNING');
    progress.update(RETRIED_TASK.slice(0, 6), 'RUNNING');
    progress.update(RETRIED_TASK.slice(0, 7), 'RUNNING');
    progress.update(RETRIED_TASK, 'SUCCEEDED');

    expect(lines[0]).toBe('08:00:04.000  call started');
    expect(lines[1]).toBe('08:00:06.000  call failed: Boom (broke)');
    expect(lines[2]).toMatch(/^\d\d:\d\d:\d\d\.\d{3} {2}call attempt 2 started$/);
    expect(lines[3]).toBe('08:00:09.000  call finished in 5.00 s');
    expect(lines).toHaveLength(4);
  });

  test('prints start and finish in one read', () => {
    const { lines, progress } = printer();

    progress.update(RETRIED_TASK, 'SUCCEEDED');

    expect(lines).toEqual(['08:00:04.000  call started', '08:00:09.000  call finished in 5.00 s']);
  });

  test('leaves out states that are not tasks', () => {
    const { lines, progress } = printer();

    progress.update(RETRIED_TASK.slice(0, 3), 'RUNNING');

    expect(lines).toEqual([]);
  });

  test('counts attempts of a failed task', () => {
    const { lines, progress } = printer();
    const failedAgain = [
      ...RETRIED_TASK.slice(0, 7),
      event(8, 'TaskFailed', { taskFailedEventDetails: { error: 'Boom' } as never }),
      event(9, 'ExecutionFailed', { executionFailedEventDetails: { error: 'Boom' } }),
    ];

    progress.update(failedAgain, 'FAILED');

    expect(lines[1]).toBe('08:00:08.000  call failed after 2 attempts: Boom');
  });

  test('prints a failure that a retry loop retries', () => {
    const lines: string[] = [];
    const retryWaits = retryWaitStatesOf({
      States: { split: { Type: 'Parallel', Branches: [{ States: { 'shared.retry.wait': { Type: 'Wait' } } }] } },
    });
    const progress = new TaskProgressPrinter(new Set(['shared']), (line) => lines.push(line), retryWaits);
    const loop = [
      event(1, 'ExecutionStarted'),
      event(2, 'TaskStateEntered', { stateEnteredEventDetails: { name: 'shared' } }),
      event(3, 'TaskScheduled'),
      event(4, 'TaskFailed', { taskFailedEventDetails: { error: 'HttpError.500' } as never }),
      event(5, 'TaskStateExited', { stateExitedEventDetails: { name: 'shared' } }),
      event(6, 'ChoiceStateEntered', { stateEnteredEventDetails: { name: 'shared.retry' } }),
      event(7, 'ChoiceStateExited', { stateExitedEventDetails: { name: 'shared.retry' } }),
      event(8, 'WaitStateEntered', { stateEnteredEventDetails: { name: 'shared.retry.wait' } }),
      event(9, 'WaitStateExited', { stateExitedEventDetails: { name: 'shared.retry.wait' } }),
      event(10, 'TaskStateEntered', { stateEnteredEventDetails: { name: 'shared' } }),
      event(11, 'TaskScheduled'),
      event(12, 'TaskSucceeded'),
      event(13, 'TaskStateExited', { stateExitedEventDetails: { name: 'shared' } }),
    ];

    progress.update(loop.slice(0, 3), 'RUNNING');
    progress.update(loop.slice(0, 5), 'RUNNING');
    progress.update(loop.slice(0, 6), 'RUNNING');
    progress.update(loop.slice(0, 8), 'RUNNING');
    progress.update(loop.slice(0, 11), 'RUNNING');
    progress.update(loop, 'SUCCEEDED');

    expect(lines[0]).toBe('08:00:02.000  shared started');
    expect(lines[1]).toBe('08:00:05.000  shared attempt 1 failed and is retried: HttpError.500');
    expect(lines[2]).toMatch(/^\d\d:\d\d:\d\d\.\d{3} {2}shared attempt 2 started$/);
    expect(lines[3]).toBe('08:00:13.000  shared finished in 11.00 s');
    expect(lines).toHaveLength(4);
  });

  test('prints two quick failed attempts', () => {
    const lines: string[] = [];
    const retryWaits = new Set(['shared.retry.wait']);
    const progress = new TaskProgressPrinter(new Set(['shared']), (line) => lines.push(line), retryWaits);
    const attempt = (first: number) => [
      event(first, 'TaskStateEntered', { stateEnteredEventDetails: { name: 'shared' } }),
      event(first + 1, 'TaskScheduled'),
      event(first + 2, 'TaskFailed', { taskFailedEventDetails: { error: 'HttpError.500' } as never }),
      event(first + 3, 'TaskStateExited', { stateExitedEventDetails: { name: 'shared' } }),
      event(first + 4, 'ChoiceStateEntered', { stateEnteredEventDetails: { name: 'shared.retry' } }),
      event(first + 5, 'ChoiceStateExited', { stateExitedEventDetails: { name: 'shared.retry' } }),
      event(first + 6, 'WaitStateEntered', { stateEnteredEventDetails: { name: 'shared.retry.wait' } }),
    ];
    const twoFailures = [
      event(1, 'ExecutionStarted'),
      ...attempt(2),
      event(9, 'WaitStateExited', { stateExitedEventDetails: { name: 'shared.retry.wait' } }),
      ...attempt(10),
    ];

    progress.update(twoFailures.slice(0, 8), 'RUNNING');
    progress.update(twoFailures, 'RUNNING');

    expect(lines).toEqual([
      '08:00:02.000  shared started',
      '08:00:05.000  shared attempt 1 failed and is retried: HttpError.500',
      '08:00:13.000  shared attempt 2 started',
      '08:00:13.000  shared attempt 2 failed and is retried: HttpError.500',
    ]);
  });

  test('prints a failure that on-error catches as failed', () => {
    const lines: string[] = [];
    const progress = new TaskProgressPrinter(new Set(['call', 'notify']), (line) => lines.push(line));
    const caught = [
      event(1, 'ExecutionStarted'),
      event(2, 'TaskStateEntered', { stateEnteredEventDetails: { name: 'call' } }),
      event(3, 'TaskScheduled'),
      event(4, 'TaskFailed', { taskFailedEventDetails: { error: 'Boom' } as never }),
      event(5, 'TaskStateExited', { stateExitedEventDetails: { name: 'call' } }),
      event(6, 'TaskStateEntered', { stateEnteredEventDetails: { name: 'notify' } }),
    ];

    progress.update(caught, 'RUNNING');

    expect(lines).toEqual(['08:00:02.000  call started', '08:00:05.000  call failed: Boom', '08:00:06.000  notify started']);
  });

  test('prints each copy under its state name', () => {
    const lines: string[] = [];
    const progress = new TaskProgressPrinter(new Set(['shared', 'shared.2']), (line) => lines.push(line));
    const copies = [
      event(1, 'ExecutionStarted'),
      event(2, 'TaskStateEntered', { stateEnteredEventDetails: { name: 'shared' } }),
      event(3, 'TaskStateEntered', { stateEnteredEventDetails: { name: 'shared.2' }, previousEventId: 1 }),
    ];

    progress.update(copies, 'RUNNING');

    expect(lines).toEqual(['08:00:02.000  shared started', '08:00:03.000  shared.2 started']);
  });

  test('orders a failure before the aborts it causes', () => {
    const lines: string[] = [];
    const progress = new TaskProgressPrinter(new Set(['left', 'right']), (line) => lines.push(line));
    const branches = [
      event(1, 'ExecutionStarted'),
      event(2, 'ParallelStateEntered', { stateEnteredEventDetails: { name: 'fork' } }),
      event(3, 'TaskStateEntered', { stateEnteredEventDetails: { name: 'left' }, previousEventId: 2 }),
      event(4, 'TaskStateEntered', { stateEnteredEventDetails: { name: 'right' }, previousEventId: 2 }),
      event(5, 'TaskScheduled', { previousEventId: 3 }),
      event(6, 'TaskScheduled', { previousEventId: 4 }),
      event(7, 'TaskFailed', { previousEventId: 6, taskFailedEventDetails: { error: 'Boom' } as never }),
      event(8, 'ParallelStateFailed', { previousEventId: 7 }),
      event(9, 'ExecutionFailed', { previousEventId: 8 }),
    ];
    progress.update(branches.slice(0, 6), 'RUNNING');

    progress.update(branches, 'FAILED');

    expect(lines[2]).toBe('08:00:07.000  right failed: Boom');
    expect(lines[3]).toMatch(/^\d\d:\d\d:\d\d\.\d{3} {2}left aborted$/);
  });
});

describe('approvalLinksOf', () => {
  const message: OutboxMessage = {
    id: '1',
    messageId: 'm1',
    time: '2026-06-01T08:00:00.000Z',
    service: 'sns',
    channel: 'sms',
    to: '+15555550100',
    body: 'Approve?\nhttp://127.0.0.1:4714/prod/approvals/abcDEF123_-x',
  };

  test('finds a link to the local API', () => {
    expect(approvalLinksOf(message, 'http://127.0.0.1:4714')).toEqual(['http://127.0.0.1:4714/prod/approvals/abcDEF123_-x']);
  });

  test('ignores links to other hosts', () => {
    expect(approvalLinksOf(message, 'http://127.0.0.1:9999')).toEqual([]);
  });

  test('reads each link of an email once', () => {
    const email = { ...message, channel: 'email' as const, html: '<a href="http://127.0.0.1:4714/prod/approvals/abcDEF123_-x">Open</a>' };

    expect(approvalLinksOf(email, 'http://127.0.0.1:4714')).toHaveLength(1);
  });
});
