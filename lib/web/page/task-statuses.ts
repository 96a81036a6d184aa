import type { TaskStatus } from '../mermaid';
import type { ExecutionDetail, TaskView } from './api';

/**
 * Maps the status API's task groups to the graph's status classes. A failed
 * task that the execution's end stopped (ABORTED) gets its own class, so that
 * only the task where the execution failed is red. A pause state that the
 * execution waits at, such as `pay.pause`, shows as running.
 */
export function statusesOf(execution: ExecutionDetail): Record<string, TaskStatus> {
  const statuses: Record<string, TaskStatus> = {};
  for (const task of execution.tasks.done) statuses[task.name] = 'done';
  for (const task of execution.tasks.running) statuses[task.name] = 'running';
  for (const task of execution.tasks.failed) statuses[task.name] = failedStatusOf(task);
  for (const name of execution.tasks.notReached) statuses[name] = 'notReached';
  for (const waiting of execution.waitingTasks ?? []) statuses[waiting.state] = 'running';
  return statuses;
}

/** Returns the status class of a task of the status API's `failed` group. */
export function failedStatusOf(task: TaskView): 'failed' | 'aborted' {
  return task.status === 'ABORTED' ? 'aborted' : 'failed';
}
