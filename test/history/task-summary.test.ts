import { findFailedTask, summarizeTasks } from '../../lambdas/history/task-summary';
import { HistoryBuilder } from './support/events';

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
      'salary_base',
      'bonus',
      'approve_bonus',
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
});
