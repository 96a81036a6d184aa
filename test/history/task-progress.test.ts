import { groupTasks } from '../../lambdas/control/task-progress';
import { summarizeTasks } from '../../lambdas/history/task-summary';
import { HistoryBuilder } from './support/events';

/** Builds a failed run: `flaky` fails and is caught, then `items` fails evaluating its continue-on. */
function failedInHelperState(): HistoryBuilder {
  const history = new HistoryBuilder();
  history.add({ type: 'ExecutionStarted' }, 0);
  history.add({ type: 'ChoiceStateEntered', stateEnteredEventDetails: { name: 'start' } });
  history.add({ type: 'ChoiceStateExited', stateExitedEventDetails: { name: 'start' } });
  history.failedTask('flaky', 'HttpError.500', 'The server failed.');
  history.add({ type: 'TaskStateExited', stateExitedEventDetails: { name: 'flaky' } });
  history.task('items', 0, undefined, { output: '[1,2]' });
  history.add({
    type: 'ChoiceStateEntered',
    stateEnteredEventDetails: { name: 'items.continue-on' },
  });
  history.add({
    type: 'ExecutionFailed',
    executionFailedEventDetails: {
      error: 'States.QueryEvaluationError',
      cause: 'The JSONata expression returned nothing.',
    },
  });
  return history;
}

describe('groupTasks', () => {
  it('lists a noop router that ran as done', () => {
    const summaries = summarizeTasks(failedInHelperState().events, 'FAILED');

    const progress = groupTasks(['start', 'flaky', 'items', 'done'], summaries);

    expect(progress.done.map((task) => task.name)).toEqual(['start']);
    expect(progress.notReached).toEqual(['done']);
  });

  it('lists a caught failure as failed', () => {
    const summaries = summarizeTasks(failedInHelperState().events, 'FAILED');

    const progress = groupTasks(['start', 'flaky', 'items', 'done'], summaries);
    const flaky = progress.failed.find((task) => task.name === 'flaky');

    expect(flaky?.status).toBe('FAILED');
    expect(flaky?.error).toBe('HttpError.500');
    expect(flaky?.cause).toBe('The server failed.');
    expect(flaky?.output).toBeUndefined();
  });

  it('fails the task of the failed helper state', () => {
    const summaries = summarizeTasks(failedInHelperState().events, 'FAILED');

    const progress = groupTasks(['start', 'flaky', 'items', 'done'], summaries);
    const items = progress.failed.find((task) => task.name === 'items');

    expect(progress.failed.map((task) => task.name)).toEqual(['flaky', 'items']);
    expect(items?.status).toBe('FAILED');
    expect(items?.error).toBe('States.QueryEvaluationError');
    expect(items?.cause).toBe('The JSONata expression returned nothing.');
    expect(items?.output).toBeUndefined();
  });

  it('fails a copy rather than its task', () => {
    const history = new HistoryBuilder();
    history.add({ type: 'ExecutionStarted' }, 0);
    history.task('fetch');
    history.task('fetch.2');
    history.add({ type: 'ChoiceStateEntered', stateEnteredEventDetails: { name: 'fetch.2.retry' } });
    history.add({ type: 'ExecutionFailed', executionFailedEventDetails: { error: 'States.QueryEvaluationError' } });
    const summaries = summarizeTasks(history.events, 'FAILED');

    const progress = groupTasks(['fetch'], summaries, { 'fetch.2': 'fetch' });

    expect(progress.done.map((task) => task.name)).toEqual(['fetch']);
    expect(progress.failed.map((task) => task.name)).toEqual(['fetch.2']);
    expect(progress.failed[0].task).toBe('fetch');
  });

  it('lists the states of a partly run task as not reached', () => {
    const history = new HistoryBuilder();
    history.add({ type: 'ExecutionStarted' }, 0);
    history.task('route');
    history.task('low');
    history.task('route.2');
    history.task('high.2');
    history.add({ type: 'ExecutionSucceeded' });
    const summaries = summarizeTasks(history.events, 'SUCCEEDED');

    const progress = groupTasks(['route', 'low', 'high', 'tally'], summaries, {
      'route.2': 'route',
      'low.2': 'low',
      'high.2': 'high',
    });

    expect(progress.done.map((task) => task.name)).toEqual(['route', 'route.2', 'low', 'high.2']);
    expect(progress.notReached).toEqual(['low.2', 'high', 'tally']);
  });

  it('fails the task of a retry loop that gave up', () => {
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
    history.add({ type: 'ExecutionFailed', executionFailedEventDetails: { error: 'HttpError.500' } });
    const summaries = summarizeTasks(history.events, 'FAILED');

    const progress = groupTasks(['split', 'doomed', 'slow'], summaries);
    const statuses = progress.failed.map((task) => `${task.name} ${task.status} ${task.attempts}`);

    expect(statuses).toEqual(['doomed FAILED 2', 'slow ABORTED 2']);
  });
});
