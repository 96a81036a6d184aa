import {
  MAX_TASK_PAYLOAD_BYTES,
  REDACTED_TASK_TOKEN,
} from '../../lambdas/history/task-payload';
import { findFailedTask, summarizeTasks } from '../../lambdas/history/task-summary';
import { HistoryBuilder } from './support/events';

const TASK_TOKEN = 'AQCEAAAAKgAAAAMAAAAAAAAAAb+/tok3n==';

/** Appends an approval task that waits for its token and gets `decision` with SendTaskSuccess. */
function approvalTask(history: HistoryBuilder, input: string, decision: string): number {
  history.add({
    type: 'TaskStateEntered',
    stateEnteredEventDetails: { name: 'approve_bonus', input },
  });
  history.add({
    type: 'TaskScheduled',
    taskScheduledEventDetails: {
      resourceType: 'lambda',
      resource: 'invoke.waitForTaskToken',
      region: 'us-east-1',
      parameters: JSON.stringify({
        FunctionName: 'arn:aws:lambda:us-east-1:000000000000:function:approval-request',
        Payload: { input: { to: ['+15555550100'] }, token: TASK_TOKEN, timeoutSeconds: 259200 },
      }),
    },
  });
  history.add({ type: 'TaskStarted' });
  history.add({ type: 'TaskSubmitted' });
  history.add({
    type: 'TaskSucceeded',
    taskSucceededEventDetails: { resourceType: 'lambda', resource: 'invoke.waitForTaskToken', output: decision },
  });
  return history.add({
    type: 'TaskStateExited',
    stateExitedEventDetails: { name: 'approve_bonus', output: decision },
  });
}

/** Appends the salary workflow up to the approval, with one retry of salary_base. */
function salaryUntilApproval(history: HistoryBuilder): number {
  history.add({ type: 'ExecutionStarted' }, 0);
  history.add({ type: 'PassStateEntered', stateEnteredEventDetails: { name: 'input' } });
  history.add({ type: 'PassStateExited', stateExitedEventDetails: { name: 'input' } });
  const parallel = history.add({
    type: 'ParallelStateEntered',
    stateEnteredEventDetails: { name: 'join_approve_bonus' },
  });
  history.add({ type: 'ParallelStateStarted' });
  const branchStart = history.events.length;
  const salaryBase = history.task('salary_base', 1, branchStart);
  const bonus = history.task('bonus', 0, branchStart);
  history.add({ type: 'ParallelStateSucceeded' }, Math.max(salaryBase, bonus));
  history.add({
    type: 'ParallelStateExited',
    stateExitedEventDetails: { name: 'join_approve_bonus' },
  });
  expect(parallel).toBeGreaterThan(0);
  return history.add({
    type: 'TaskStateEntered',
    stateEnteredEventDetails: { name: 'approve_bonus' },
  });
}

describe('summarizeTasks', () => {
  it('summarizes a succeeded salary run', () => {
    const history = new HistoryBuilder();
    const approval = salaryUntilApproval(history);
    history.add({ type: 'TaskScheduled' }, approval);
    history.add({ type: 'TaskStarted' });
    history.add({ type: 'TaskSubmitted' });
    history.add({ type: 'TaskSucceeded' });
    history.add({ type: 'TaskStateExited', stateExitedEventDetails: { name: 'approve_bonus' } });
    history.add({
      type: 'ChoiceStateEntered',
      stateEnteredEventDetails: { name: 'approve_bonus.on-success' },
    });
    history.add({
      type: 'ChoiceStateExited',
      stateExitedEventDetails: { name: 'approve_bonus.on-success' },
    });
    history.task('record_payroll');
    history.add({ type: 'ExecutionSucceeded' });

    const summaries = summarizeTasks(history.events, 'SUCCEEDED');

    expect(summaries.map((task) => task.name)).toEqual([
      'input',
      'join_approve_bonus',
      'salary_base',
      'bonus',
      'approve_bonus',
      'approve_bonus.on-success',
      'record_payroll',
    ]);
    expect(summaries.every((task) => task.status === 'SUCCEEDED')).toBe(true);
    const salaryBase = summaries.find((task) => task.name === 'salary_base');
    expect(salaryBase?.attempts).toBe(2);
    expect(salaryBase?.stateType).toBe('Task');
    expect(salaryBase?.stopDate).toBeDefined();
    expect(summaries.find((task) => task.name === 'input')?.attempts).toBe(1);
    expect(findFailedTask(summaries)).toBeUndefined();
  });

  it('reports noop routers and forks as succeeded', () => {
    const history = new HistoryBuilder();
    history.add({ type: 'ExecutionStarted' }, 0);
    history.add({ type: 'ChoiceStateEntered', stateEnteredEventDetails: { name: 'route' } });
    history.add({ type: 'ChoiceStateExited', stateExitedEventDetails: { name: 'route' } });
    const split = history.add({
      type: 'ParallelStateEntered',
      stateEnteredEventDetails: { name: 'split' },
    });
    const branches = history.add({ type: 'ParallelStateStarted' }, split);
    history.task('left', 0, branches);
    history.failedTask('right', 'HttpError.500', 'The server failed.', 1, branches);
    history.add({ type: 'ParallelStateFailed' });
    history.add({ type: 'ExecutionFailed' });

    const summaries = summarizeTasks(history.events, 'FAILED');
    const statusOf = (name: string) => summaries.find((task) => task.name === name)?.status;

    expect(statusOf('route')).toBe('SUCCEEDED');
    expect(statusOf('split')).toBe('SUCCEEDED');
    expect(summaries.find((task) => task.name === 'split')?.stateType).toBe('Parallel');
    expect(statusOf('left')).toBe('SUCCEEDED');
    expect(statusOf('right')).toBe('FAILED');
    expect(findFailedTask(summaries)?.name).toBe('right');
  });

  it('keeps the error of a failed task', () => {
    const history = new HistoryBuilder();
    history.add({ type: 'ExecutionStarted' }, 0);
    history.task('salary_base');
    history.failedTask('record_payroll', 'Accounting.Unavailable', 'HTTP 503', 3);
    history.add({ type: 'ExecutionFailed', executionFailedEventDetails: {} });

    const summaries = summarizeTasks(history.events, 'FAILED');
    const failed = findFailedTask(summaries);

    expect(failed?.name).toBe('record_payroll');
    expect(failed?.status).toBe('FAILED');
    expect(failed?.attempts).toBe(3);
    expect(failed?.error).toBe('Accounting.Unavailable');
    expect(failed?.cause).toBe('HTTP 503');
  });

  it('keeps a caught failure as FAILED', () => {
    const history = new HistoryBuilder();
    history.add({ type: 'ExecutionStarted' }, 0);
    history.failedTask('flaky', 'HttpError.500', 'The server failed.', 2);
    history.add({
      type: 'TaskStateExited',
      stateExitedEventDetails: { name: 'flaky', output: '{"Error":"HttpError.500"}' },
    });
    history.add({ type: 'ChoiceStateEntered', stateEnteredEventDetails: { name: 'flaky.on-error' } });
    history.add({ type: 'ChoiceStateExited', stateExitedEventDetails: { name: 'flaky.on-error' } });
    history.task('notify');
    history.add({ type: 'ExecutionSucceeded' });

    const summaries = summarizeTasks(history.events, 'SUCCEEDED');
    const flaky = summaries.find((task) => task.name === 'flaky');

    expect(flaky?.status).toBe('FAILED');
    expect(flaky?.failureCaught).toBe(true);
    expect(flaky?.attempts).toBe(2);
    expect(flaky?.error).toBe('HttpError.500');
    expect(flaky?.cause).toBe('The server failed.');
    expect(flaky?.output).toBeUndefined();
    expect(flaky?.stopDate).toBeDefined();
    expect(findFailedTask(summaries)).toBeUndefined();
  });

  it('reports a retry loop that succeeds at last as SUCCEEDED', () => {
    const history = new HistoryBuilder();
    history.add({ type: 'ExecutionStarted' }, 0);
    history.failedTask('flaky', 'HttpError.500', 'The server failed.');
    history.add({ type: 'TaskStateExited', stateExitedEventDetails: { name: 'flaky' } });
    history.add({ type: 'WaitStateEntered', stateEnteredEventDetails: { name: 'flaky.retry.wait' } });
    history.add({ type: 'WaitStateExited', stateExitedEventDetails: { name: 'flaky.retry.wait' } });
    history.task('flaky', 0, undefined, { output: '{"attempt":2}' });
    history.add({ type: 'ExecutionSucceeded' });

    const [flaky] = summarizeTasks(history.events, 'SUCCEEDED');

    expect(flaky.status).toBe('SUCCEEDED');
    expect(flaky.failureCaught).toBeUndefined();
    expect(flaky.error).toBeUndefined();
    expect(flaky.output).toBe('{"attempt":2}');
  });

  it('names the uncaught failure, not a caught one', () => {
    const history = new HistoryBuilder();
    history.add({ type: 'ExecutionStarted' }, 0);
    const split = history.add({
      type: 'ParallelStateEntered',
      stateEnteredEventDetails: { name: 'split' },
    });
    const branches = history.add({ type: 'ParallelStateStarted' }, split);
    history.failedTask('payroll', 'Accounting.Unavailable', 'HTTP 503', 1, branches);
    const caught = history.failedTask('flaky', 'HttpError.500', 'The server failed.', 1, branches);
    history.add({ type: 'TaskStateExited', stateExitedEventDetails: { name: 'flaky' } }, caught);
    history.add({ type: 'WaitStateEntered', stateEnteredEventDetails: { name: 'flaky.retry.wait' } });
    history.add({ type: 'ParallelStateFailed' }, branches);
    history.add({ type: 'ExecutionFailed' });

    const summaries = summarizeTasks(history.events, 'FAILED');

    expect(findFailedTask(summaries)?.name).toBe('payroll');
    expect(summaries.find((task) => task.name === 'flaky')?.status).toBe('FAILED');
    expect(summaries.find((task) => task.name === 'flaky.retry.wait')?.status).toBe('ABORTED');
  });

  it('fails the state whose expression failed', () => {
    const history = new HistoryBuilder();
    history.add({ type: 'ExecutionStarted' }, 0);
    const split = history.add({
      type: 'ParallelStateEntered',
      stateEnteredEventDetails: { name: 'split' },
    });
    const branches = history.add({ type: 'ParallelStateStarted' }, split);
    const caught = history.failedTask('flaky', 'HttpError.500', 'The server failed.', 1, branches);
    history.add({ type: 'TaskStateExited', stateExitedEventDetails: { name: 'flaky' } }, caught);
    history.add({ type: 'WaitStateEntered', stateEnteredEventDetails: { name: 'flaky.retry.wait' } });
    history.task('items', 0, branches);
    history.add({
      type: 'ChoiceStateEntered',
      stateEnteredEventDetails: { name: 'items.continue-on' },
    });
    history.add({ type: 'ParallelStateFailed' }, branches);
    history.add({
      type: 'ExecutionFailed',
      executionFailedEventDetails: {
        error: 'States.QueryEvaluationError',
        cause: 'The JSONata expression returned nothing.',
      },
    });

    const summaries = summarizeTasks(history.events, 'FAILED');
    const failed = findFailedTask(summaries);

    expect(failed?.name).toBe('items.continue-on');
    expect(failed?.status).toBe('FAILED');
    expect(failed?.error).toBe('States.QueryEvaluationError');
    expect(failed?.cause).toBe('The JSONata expression returned nothing.');
    expect(summaries.find((task) => task.name === 'flaky.retry.wait')?.status).toBe('ABORTED');
  });

  it('aborts a task waiting for its retry', () => {
    const history = new HistoryBuilder();
    history.add({ type: 'ExecutionStarted' }, 0);
    const split = history.add({ type: 'ParallelStateEntered', stateEnteredEventDetails: { name: 'split' } });
    const branches = history.add({ type: 'ParallelStateStarted' }, split);
    history.failedTask('slow', 'HttpError.500', 'The slow server failed.', 2, branches);
    const doomed = history.failedTask('doomed', 'HttpError.500', 'The server failed.', 2, branches);
    history.add({ type: 'TaskStateExited', stateExitedEventDetails: { name: 'doomed' } }, doomed);
    history.add({ type: 'ChoiceStateEntered', stateEnteredEventDetails: { name: 'doomed.retry' } });
    history.add({ type: 'ChoiceStateExited', stateExitedEventDetails: { name: 'doomed.retry' } });
    history.add({ type: 'FailStateEntered', stateEnteredEventDetails: { name: 'doomed.retry.fail' } });
    history.add({ type: 'ParallelStateFailed' }, branches);
    history.add({
      type: 'ExecutionFailed',
      executionFailedEventDetails: { error: 'HttpError.500', cause: 'The server failed.' },
    });

    const summaries = summarizeTasks(history.events, 'FAILED');
    const slow = summaries.find((task) => task.name === 'slow');

    expect(findFailedTask(summaries)?.name).toBe('doomed.retry.fail');
    expect(slow?.status).toBe('ABORTED');
    expect(slow?.attempts).toBe(2);
  });

  it('blames the branch whose error the execution carries', () => {
    const history = new HistoryBuilder();
    history.add({ type: 'ExecutionStarted' }, 0);
    const split = history.add({ type: 'ParallelStateEntered', stateEnteredEventDetails: { name: 'split' } });
    const branches = history.add({ type: 'ParallelStateStarted' }, split);
    history.failedTask('bonus', 'SystemError.404', 'GET /employees/E9999/bonus failed with status 404', 1, branches);
    history.failedTask('salary_base', 'SystemError.404', 'GET /employees/E9999/salary failed with status 404', 1, branches);
    history.add({ type: 'ParallelStateFailed' }, split);
    history.add({
      type: 'ExecutionFailed',
      executionFailedEventDetails: { error: 'SystemError.404', cause: 'GET /employees/E9999/bonus failed with status 404' },
    });

    const summaries = summarizeTasks(history.events, 'FAILED');

    expect(findFailedTask(summaries)?.name).toBe('bonus');
    expect(summaries.find((task) => task.name === 'bonus')?.status).toBe('FAILED');
    expect(summaries.find((task) => task.name === 'salary_base')?.status).toBe('ABORTED');
  });

  it('follows the failure chain into a branch', () => {
    const history = new HistoryBuilder();
    history.add({ type: 'ExecutionStarted' }, 0);
    const split = history.add({ type: 'ParallelStateEntered', stateEnteredEventDetails: { name: 'split' } });
    const branches = history.add({ type: 'ParallelStateStarted' }, split);
    const payroll = history.failedTask('payroll', 'Accounting.Unavailable', 'HTTP 503', 1, branches);
    history.failedTask('slow', 'HttpError.500', 'The slow server failed.', 1, branches);
    history.add({ type: 'ParallelStateFailed' }, payroll);
    history.add({
      type: 'ExecutionFailed',
      executionFailedEventDetails: { error: 'Accounting.Unavailable', cause: 'HTTP 503' },
    });

    const summaries = summarizeTasks(history.events, 'FAILED');

    expect(findFailedTask(summaries)?.name).toBe('payroll');
    expect(summaries.find((task) => task.name === 'slow')?.status).toBe('ABORTED');
  });

  it('fails the state that the failure chain names', () => {
    const history = new HistoryBuilder();
    history.add({ type: 'ExecutionStarted' }, 0);
    const split = history.add({ type: 'ParallelStateEntered', stateEnteredEventDetails: { name: 'split' } });
    const branches = history.add({ type: 'ParallelStateStarted' }, split);
    const show = history.add({ type: 'PassStateEntered', stateEnteredEventDetails: { name: 'show' } }, branches);
    history.add({ type: 'WaitStateEntered', stateEnteredEventDetails: { name: 'later' } }, branches);
    history.add({ type: 'ParallelStateFailed' }, show);
    history.add({
      type: 'ExecutionFailed',
      executionFailedEventDetails: { error: 'States.QueryEvaluationError', cause: 'returned nothing' },
    });

    const summaries = summarizeTasks(history.events, 'FAILED');
    const failed = findFailedTask(summaries);

    expect(failed?.name).toBe('show');
    expect(failed?.error).toBe('States.QueryEvaluationError');
    expect(summaries.find((task) => task.name === 'later')?.status).toBe('ABORTED');
  });

  it('fails a Map state with its iteration error', () => {
    const history = new HistoryBuilder();
    history.add({ type: 'ExecutionStarted' }, 0);
    history.add({ type: 'MapStateEntered', stateEnteredEventDetails: { name: 'left' } });
    const map = history.add({ type: 'MapStateStarted' });
    history.add({ type: 'MapIterationStarted', mapIterationStartedEventDetails: { name: 'left', index: 0 } }, map);
    const item = history.failedTask('left.item', 'HttpError.500', 'The server failed.', 1);
    history.add({ type: 'TaskStateExited', stateExitedEventDetails: { name: 'left.item' } }, item);
    history.add({ type: 'FailStateEntered', stateEnteredEventDetails: { name: 'left.item.retry.fail' } });
    history.add({ type: 'MapIterationFailed', mapIterationFailedEventDetails: { name: 'left', index: 0 } });
    history.add({ type: 'MapStateFailed' }, map);
    history.add({ type: 'MapStateExited', stateExitedEventDetails: { name: 'left' } });
    history.task('recover');
    history.add({ type: 'ExecutionSucceeded' });

    const summaries = summarizeTasks(history.events, 'SUCCEEDED');
    const left = summaries.find((task) => task.name === 'left');

    expect(findFailedTask(summaries)).toBeUndefined();
    expect(left?.status).toBe('FAILED');
    expect(left?.error).toBe('HttpError.500');
    expect(left?.cause).toBe('The server failed.');
    expect(left?.failureCaught).toBe(true);
    expect(left?.attempts).toBe(1);
  });

  it('marks a time-out as TIMED_OUT', () => {
    const history = new HistoryBuilder();
    history.add({ type: 'ExecutionStarted' }, 0);
    history.add({ type: 'TaskStateEntered', stateEnteredEventDetails: { name: 'approve_bonus' } });
    history.add({ type: 'TaskScheduled' });
    history.add({ type: 'TaskStarted' });
    history.add({
      type: 'TaskTimedOut',
      taskTimedOutEventDetails: {
        resourceType: 'lambda',
        resource: 'invoke.waitForTaskToken',
        error: 'States.Timeout',
      },
    });

    const [approval] = summarizeTasks(history.events, 'FAILED');

    expect(approval.status).toBe('TIMED_OUT');
    expect(approval.error).toBe('States.Timeout');
  });

  it('reports an unfinished task as running or aborted', () => {
    const history = new HistoryBuilder();
    const approval = salaryUntilApproval(history);
    history.add({ type: 'TaskScheduled' }, approval);
    history.add({ type: 'TaskStarted' });

    const running = summarizeTasks(history.events, 'RUNNING');
    const aborted = summarizeTasks(history.events, 'ABORTED');

    expect(running.find((task) => task.name === 'approve_bonus')?.status).toBe('RUNNING');
    expect(aborted.find((task) => task.name === 'approve_bonus')?.status).toBe('ABORTED');
    expect(aborted.find((task) => task.name === 'bonus')?.status).toBe('SUCCEEDED');
  });

  it('reports a redriven task by its last outcome', () => {
    const history = new HistoryBuilder();
    history.add({ type: 'ExecutionStarted' }, 0);
    history.failedTask('record_payroll', 'Accounting.Unavailable', 'HTTP 503', 2);
    history.add({ type: 'ExecutionFailed' });
    history.add({ type: 'ExecutionRedriven' });
    history.task('record_payroll');
    history.add({ type: 'ExecutionSucceeded' });

    const [payroll] = summarizeTasks(history.events, 'SUCCEEDED');

    expect(payroll.status).toBe('SUCCEEDED');
    expect(payroll.attempts).toBe(3);
  });

  it('takes the error of a Fail state from the execution', () => {
    const history = new HistoryBuilder();
    history.add({ type: 'ExecutionStarted' }, 0);
    history.task('salary_base');
    history.add({ type: 'FailStateEntered', stateEnteredEventDetails: { name: 'reject' } });
    history.add({
      type: 'ExecutionFailed',
      executionFailedEventDetails: { error: 'Rejected', cause: 'The manager said no.' },
    });

    const summaries = summarizeTasks(history.events, 'FAILED');
    const failed = findFailedTask(summaries);

    expect(failed?.name).toBe('reject');
    expect(failed?.status).toBe('FAILED');
    expect(failed?.error).toBe('Rejected');
  });

  it('gives the same result whatever the event order', () => {
    const history = new HistoryBuilder();
    salaryUntilApproval(history);

    const forward = summarizeTasks(history.events, 'RUNNING');
    const reversed = summarizeTasks([...history.events].reverse(), 'RUNNING');

    expect(reversed).toEqual(forward);
  });

  it('keeps the input and output of each task', () => {
    const history = new HistoryBuilder();
    history.add({ type: 'ExecutionStarted' }, 0);
    history.task('salary_base', 1, undefined, {
      input: '{"employee_id":"E1","month":"2026-11"}',
      output: '{"base":3000,"manager":{"phone":"+15555550100"}}',
    });
    history.add({ type: 'ExecutionSucceeded' });

    const [salaryBase] = summarizeTasks(history.events, 'SUCCEEDED');

    expect(salaryBase).toStrictEqual({
      name: 'salary_base',
      stateType: 'Task',
      status: 'SUCCEEDED',
      startDate: '2026-12-01T08:00:02.000Z',
      stopDate: '2026-12-01T08:00:09.000Z',
      attempts: 2,
      input: '{"employee_id":"E1","month":"2026-11"}',
      output: '{"base":3000,"manager":{"phone":"+15555550100"}}',
    });
  });

  it('keeps the latest input of a redriven task', () => {
    const history = new HistoryBuilder();
    history.add({ type: 'ExecutionStarted' }, 0);
    history.failedTask('record_payroll', 'Accounting.Unavailable', 'HTTP 503', 1, undefined, '{"try":1}');
    history.add({ type: 'ExecutionFailed' });
    const failed = summarizeTasks(history.events, 'FAILED');
    history.add({ type: 'ExecutionRedriven' });
    history.task('record_payroll', 0, undefined, { input: '{"try":2}', output: '{"total":4200}' });
    history.add({ type: 'ExecutionSucceeded' });

    const [payroll] = summarizeTasks(history.events, 'SUCCEEDED');

    expect(failed[0].input).toBe('{"try":1}');
    expect(failed[0]).not.toHaveProperty('output');
    expect(payroll.input).toBe('{"try":2}');
    expect(payroll.output).toBe('{"total":4200}');
  });

  it('drops the output of an earlier entry', () => {
    const history = new HistoryBuilder();
    history.add({ type: 'ExecutionStarted' }, 0);
    history.task('poll', 0, undefined, { input: '{"round":1}', output: '{"ready":false}' });
    history.add({ type: 'TaskStateEntered', stateEnteredEventDetails: { name: 'poll', input: '{"round":2}' } });
    history.add({ type: 'TaskScheduled' });

    const [poll] = summarizeTasks(history.events, 'RUNNING');

    expect(poll.status).toBe('RUNNING');
    expect(poll.input).toBe('{"round":2}');
    expect(poll).not.toHaveProperty('output');
  });

  it('cuts a large output and marks it', () => {
    const history = new HistoryBuilder();
    const output = JSON.stringify({ rows: 'é'.repeat(100_000) });
    history.add({ type: 'ExecutionStarted' }, 0);
    history.task('salary_base', 0, undefined, { input: '{"employee_id":"E1"}', output });

    const [salaryBase] = summarizeTasks(history.events, 'SUCCEEDED');

    expect(salaryBase.input).toBe('{"employee_id":"E1"}');
    expect(Buffer.byteLength(salaryBase.output ?? '')).toBeLessThanOrEqual(MAX_TASK_PAYLOAD_BYTES);
    expect(Buffer.byteLength(salaryBase.output ?? '')).toBeGreaterThan(MAX_TASK_PAYLOAD_BYTES - 4);
    expect(output.startsWith(salaryBase.output ?? 'missing')).toBe(true);
    expect(salaryBase.truncated).toStrictEqual(['output']);
  });

  it('cuts a long cause and marks it', () => {
    const history = new HistoryBuilder();
    history.add({ type: 'ExecutionStarted' }, 0);
    history.failedTask('record_payroll', 'Accounting.Unavailable', 'x'.repeat(40_000));

    const [payroll] = summarizeTasks(history.events, 'FAILED');

    expect(payroll.cause).toHaveLength(32 * 1024);
    expect(payroll.truncated).toStrictEqual(['cause']);
  });

  it('marks a payload that Step Functions cut', () => {
    const history = new HistoryBuilder();
    history.add({ type: 'ExecutionStarted' }, 0);
    history.add({
      type: 'TaskStateEntered',
      stateEnteredEventDetails: {
        name: 'salary_base',
        input: '{"employee_id":"E1","no',
        inputDetails: { truncated: true },
      },
    });

    const [salaryBase] = summarizeTasks(history.events, 'RUNNING');

    expect(salaryBase.input).toBe('{"employee_id":"E1","no');
    expect(salaryBase.truncated).toStrictEqual(['input']);
  });

  it('redacts the task token of an approval', () => {
    const history = new HistoryBuilder();
    history.add({ type: 'ExecutionStarted' }, 0);
    const input = JSON.stringify([{ base: 3000 }, { bonus: 500, echoed: { token: TASK_TOKEN } }]);
    approvalTask(history, input, JSON.stringify({ approved: true, note: `token ${TASK_TOKEN}` }));
    const escapedToken = TASK_TOKEN.replaceAll('/', '\\/');
    history.task('record_payroll', 0, undefined, { input: `{"approved":true,"escaped":"${escapedToken}"}` });

    const summaries = summarizeTasks(history.events, 'SUCCEEDED');
    const stored = JSON.stringify(summaries);

    expect(stored).not.toContain(TASK_TOKEN);
    expect(stored).not.toContain(TASK_TOKEN.slice(0, 16));
    expect(JSON.parse(summaries[0].input ?? 'null')).toStrictEqual([
      { base: 3000 },
      { bonus: 500, echoed: { token: REDACTED_TASK_TOKEN } },
    ]);
    expect(JSON.parse(summaries[0].output ?? 'null')).toStrictEqual({
      approved: true,
      note: `token ${REDACTED_TASK_TOKEN}`,
    });
    expect(JSON.parse(summaries[1].input ?? 'null')).toStrictEqual({
      approved: true,
      escaped: REDACTED_TASK_TOKEN,
    });
  });

  it('redacts a token before cutting the payload', () => {
    const history = new HistoryBuilder();
    // The token starts about 20 bytes before the cut, so that cutting first would keep its start.
    const padding = 'p'.repeat(MAX_TASK_PAYLOAD_BYTES - 40);
    history.add({ type: 'ExecutionStarted' }, 0);
    approvalTask(history, JSON.stringify({ padding, token: TASK_TOKEN }), '{"approved":false}');

    const [approval] = summarizeTasks(history.events, 'SUCCEEDED');

    expect(approval.input).not.toContain(TASK_TOKEN.slice(0, 8));
    expect(approval.truncated).toStrictEqual(['input']);
  });
});
