import type { TaskView } from '../../lambdas/control/task-progress';
import type { ExecutionDetail } from '../../lib/web/page/api';
import { statusesOf } from '../../lib/web/page/task-statuses';

function taskView(name: string, status: string): TaskView {
  return { name, status, attempts: 2 };
}

describe('statusesOf', () => {
  test('draws an aborted task apart from the failed one', () => {
    const execution = {
      tasks: {
        done: [taskView('split', 'SUCCEEDED')],
        running: [],
        failed: [taskView('doomed', 'FAILED'), taskView('slow', 'ABORTED')],
        notReached: ['high'],
      },
    } as unknown as ExecutionDetail;

    expect(statusesOf(execution)).toEqual({ split: 'done', doomed: 'failed', slow: 'aborted', high: 'notReached' });
  });

  test('draws the pause that the execution waits at as running', () => {
    const execution = {
      tasks: { done: [taskView('ask_hr', 'SUCCEEDED')], running: [], failed: [], notReached: ['pay'] },
      waitingTasks: [{ task: 'pay', state: 'pay.pause', reason: 'pause-before', since: '2026-12-04T21:44:26.000Z' }],
    } as unknown as ExecutionDetail;

    expect(statusesOf(execution)).toEqual({ ask_hr: 'done', pay: 'notReached', 'pay.pause': 'running' });
  });
});
