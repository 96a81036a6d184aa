/**
 * Returns the task state, a task or a copy of it, that a state belongs to.
 * Task names contain no dot, so a state `<task>.<suffix>` that the compiler
 * generates belongs to `<task>`, and `<task>.<n>.<suffix>` to the copy `<task>.<n>`.
 */
export function owningTaskState(stateName: string): string {
  const [task, second] = stateName.split('.');
  return second !== undefined && /^\d+$/.test(second) ? `${task}.${second}` : task;
}
