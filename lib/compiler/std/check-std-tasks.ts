import type { DiagnosticBag } from '../../diagnostics/diagnostic';
import type { Task, Transition, Workflow } from '../../dsl/model';
import { canCatch, stdActionOf, type StdActionSpec } from './std-actions';
import { checkStdParameters } from './check-std-parameters';

const stateNames = { pass: 'Pass', wait: 'Wait', fail: 'Fail' } as const;

/**
 * Checks the tasks of standard actions and returns the workflow with the
 * transitions that their states cannot take removed, each one reported.
 * A Pass or Wait state cannot fail, so its `on-error` goes and its
 * `on-complete` becomes part of `on-success`. A Fail state only fails.
 */
export function checkStdTasks(workflow: Workflow, bag: DiagnosticBag): Workflow {
  return { ...workflow, tasks: workflow.tasks.map((task) => checkStdTask(task, bag)) };
}

function checkStdTask(task: Task, bag: DiagnosticBag): Task {
  const spec = stdActionOf(task.action);
  if (!spec) return task;

  checkStdParameters(task, spec, bag);
  if (canCatch(spec)) return task;

  reportNoEffect(task, spec, bag);
  return spec.state === 'fail' ? withoutSuccessPaths(task, bag) : withoutErrorPaths(task, spec, bag);
}

function reportNoEffect(task: Task, spec: StdActionSpec, bag: DiagnosticBag): void {
  const state = stateNames[spec.state as keyof typeof stateNames];
  if (task.timeout !== undefined) bag.report('stdNoEffect', task.actionRange, 'timeout', task.name, task.action, state);
  if (task.retry !== undefined) bag.report('stdNoEffect', task.actionRange, 'retry', task.name, task.action, state);
}

function withoutErrorPaths(task: Task, spec: StdActionSpec, bag: DiagnosticBag): Task {
  const state = stateNames[spec.state as keyof typeof stateNames];
  const onError = task.transitions['on-error'];
  if (onError) bag.report('stdCannotFail', onError.range, 'on-error', task.name, task.action, state);
  if (task.publishOnError.length > 0) bag.report('stdCannotFail', task.publishOnError[0].range, 'publish-on-error', task.name, task.action, state);

  const onSuccess = task.transitions['on-success'];
  const onComplete = task.transitions['on-complete'];
  const transitions: Partial<Record<Transition['kind'], Transition>> = {};
  if (onSuccess || onComplete) {
    const items = [...(onSuccess?.items ?? []), ...(onComplete?.items ?? [])];
    transitions['on-success'] = { kind: 'on-success', items, range: (onSuccess ?? onComplete as Transition).range };
  }

  return { ...task, transitions, publishOnError: [] };
}

function withoutSuccessPaths(task: Task, bag: DiagnosticBag): Task {
  for (const kind of ['on-error', 'on-complete'] as const) {
    const transition = task.transitions[kind];
    if (transition) bag.report('stdFailCaught', transition.range, task.name, kind);
  }
  const onSuccess = task.transitions['on-success'];
  if (onSuccess) bag.report('stdFailNeverSucceeds', onSuccess.range, 'on-success', task.name);
  if (task.publish.length > 0) bag.report('stdFailNeverSucceeds', task.publish[0].range, 'publish', task.name);

  return { ...task, transitions: {}, publish: [], publishOnError: [] };
}
