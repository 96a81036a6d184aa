import type { Retry, Task } from '../../dsl/model';
import type { StateMachineDefinition } from '../types';
import { renderBound } from './bindings';
import { comment, type EmitContext } from './context';
import { resultOf } from './emit-task';
import { jsonataString } from './jsonata-text';

/** Adds a generated state to the task's region, reporting a name collision. */
export type AddState = (name: string, state: Record<string, unknown>) => void;

/**
 * Name prefix of the variables of a task's loops. Variable names cannot
 * contain `-` or `.`, so `-` becomes `_` and a copy `<task>.<n>` gets
 * `<task>__copy<n>`, which keeps its counter apart from the task's.
 */
export function variablePrefix(task: Task): string {
  return task.name.replace(/-/g, '_').replace(/\.(\d+)$/, '__copy$1');
}

/**
 * Variable counting the loop runs of a task so far. initializeRetryCounters
 * assigns it 0 before the first run. The loop's Choice resets it to 0 when
 * it leaves the loop, and so does the task's success when no continue-on
 * Choice follows it, so that the task starts afresh when it is reached again.
 */
export function counterOf(task: Task): { name: string; read: string } {
  const name = `${variablePrefix(task)}__retries`;
  return { name, read: `$${name}` };
}

/**
 * Seconds of the Wait before the next run: `delay`, grown by `backoff` and
 * capped at `max-delay`. The Choice has already counted this run, so the
 * first Wait reads 1.
 */
function delaySeconds(retry: Retry, counter: string): number | string {
  if (retry.backoff === undefined || retry.backoff === 1) return retry.delay;

  const grown = `${retry.delay} * $power(${retry.backoff}, $${counter} - 1)`;
  return jsonataString(retry.maxDelay === undefined ? grown : `$min([${grown}, ${retry.maxDelay}])`);
}

/** The state that runs a task's action, which its counted loops run again. */
export interface LoopSite {
  /** Name of the state, and the prefix of the loop states' names. */
  name: string;
  /** JSONata of the task result in that state. */
  result: string;
  /** JSONata of the Wait's Output, which gives the state its input back before the next run. */
  input?: string;
}

/**
 * Emits the counted loop of one outcome: a Choice that either increments
 * the counter and waits before running the task again, or resets the counter
 * and leaves for `exit` with the extra `exitAssign`.
 */
function emitLoop(
  task: Task,
  site: LoopSite,
  kind: 'retry' | 'continue-on',
  condition: string,
  exit: string,
  exitAssign: Record<string, unknown>,
  context: EmitContext,
  addState: AddState,
): string {
  const retry = task.retry as Retry;
  const counter = counterOf(task);
  const line = task.range.start.line;
  const choiceName = `${site.name}.${kind}`;
  const waitName = `${choiceName}.wait`;

  addState(choiceName, {
    Type: 'Choice',
    Comment: comment(context, line),
    Choices: [
      {
        Condition: jsonataString(`${counter.read} < ${retry.count} and (${condition})`),
        Assign: { [counter.name]: jsonataString(`${counter.read} + 1`) },
        Next: waitName,
      },
      { Condition: '{% true %}', Assign: { [counter.name]: 0, ...exitAssign }, Next: exit },
    ],
  });
  const wait: Record<string, unknown> = { Type: 'Wait', Comment: comment(context, line), Seconds: delaySeconds(retry, counter.name), Next: site.name };
  if (site.input !== undefined) wait.Output = jsonataString(site.input);
  addState(waitName, wait);

  return choiceName;
}

/**
 * Adds the loops of `break-on` and `continue-on` around a task's emitted
 * state, which already has its transitions. `break-on` replaces the ASL
 * Retry: every error goes to a Choice that runs the task again unless the
 * retries are used up or the expression is true for `$error`. `continue-on`
 * runs the task again after a success while the expression is true for
 * `$result`, which the task stores in a variable for the Choice.
 */
export function emitRetryLoops(
  task: Task,
  state: Record<string, unknown>,
  renames: ReadonlyMap<string, string>,
  context: EmitContext,
  addState: AddState,
  site: LoopSite = { name: task.name, result: resultOf(task, 'result') },
): void {
  // A Pass or Wait state of a standard action cannot catch errors, and SRC2208 reports that its retry has no effect.
  if (state.Type !== 'Task') return;

  const retry = task.retry;
  if (retry?.continueOn) {
    const resultName = `${variablePrefix(task)}__result`;
    const condition = renderBound(retry.continueOn, { result: `$${resultName}`, renames });
    let exit = state.Next as string | undefined;
    if (state.End) {
      exit = `${site.name}.continue-on.end`;
      addState(exit, { Type: 'Pass', Comment: comment(context, task.range.start.line), End: true });
      delete state.End;
    }
    state.Assign = { ...((state.Assign as object | undefined) ?? {}), [resultName]: jsonataString(site.result) };
    state.Next = emitLoop(task, site, 'continue-on', condition, exit as string, {}, context, addState);
  }

  if (retry?.breakOn) {
    const condition = `$not(${renderBound(retry.breakOn, { error: '$states.input', renames })})`;
    const handler = (state.Catch as Record<string, unknown>[] | undefined)?.[0];
    let exit = handler?.Next as string | undefined;
    if (exit === undefined) {
      exit = `${site.name}.retry.fail`;
      addState(exit, { Type: 'Fail', Comment: comment(context, task.range.start.line), Error: '{% $states.input.Error %}', Cause: '{% $states.input.Cause %}' });
    }
    if (!retry.continueOn) state.Assign = { ...((state.Assign as object | undefined) ?? {}), [counterOf(task).name]: 0 };

    // The Choice reads the caught error as its input, where the Catch read $states.errorOutput.
    const exitAssign = JSON.parse(JSON.stringify(handler?.Assign ?? {}).replace(/\$states\.errorOutput/g, '$states.input')) as Record<string, unknown>;
    state.Catch = [{ ErrorEquals: ['States.ALL'], Next: emitLoop(task, site, 'retry', condition, exit, exitAssign, context, addState) }];
  }
}

/** A `States` container of the ASL: the state machine, a Parallel branch or a Map's ItemProcessor. */
interface Container {
  StartAt: string;
  States: Record<string, Record<string, unknown>>;
}

function innerContainers(state: Record<string, unknown>): Container[] {
  const branches = (state.Branches as Container[] | undefined) ?? [];
  const processor = state.ItemProcessor as Container | undefined;
  return processor ? [...branches, processor] : branches;
}

/** Returns the container whose `States` contains the state `name`, searching branches and item processors too. */
function containerOf(container: Container, name: string): Container | undefined {
  if (name in container.States) return container;
  for (const state of Object.values(container.States)) {
    for (const inner of innerContainers(state)) {
      const found = containerOf(inner, name);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * Assigns 0 to the counter of every counted loop at the start of the
 * container that runs the task, because a Parallel branch or Map iteration
 * has its own variable scope and an outer scope cannot assign its names.
 * The assignment joins the container's first state when that state is a
 * Pass (the `input` state), and a Pass `<task>.retry.init` goes first
 * otherwise. A Pass that a loop enters again resets counters of loops that
 * are not running, which is harmless.
 */
export function initializeRetryCounters(definition: StateMachineDefinition, tasks: readonly Task[], context: EmitContext): void {
  const counters = new Map<Container, { first: Task; names: string[] }>();
  const root = definition as unknown as Container;
  for (const task of tasks) {
    if (!task.retry?.breakOn && !task.retry?.continueOn) continue;
    // The loops of a with-items task run inside each Map iteration, which initializes its own counter.
    if (task.withItems) continue;
    const container = containerOf(root, task.name);
    if (!container || container.States[task.name]?.Type !== 'Task') continue;
    const entry = counters.get(container) ?? { first: task, names: [] };
    entry.names.push(counterOf(task).name);
    counters.set(container, entry);
  }

  for (const [container, { first, names }] of counters) {
    const zeros = Object.fromEntries(names.map((name) => [name, 0]));
    const start = container.States[container.StartAt];
    if (start?.Type === 'Pass') {
      start.Assign = { ...((start.Assign as object | undefined) ?? {}), ...zeros };
      continue;
    }

    const initName = `${first.name}.retry.init`;
    if (context.stateNames.has(initName)) context.bag.report('stateNameCollision', first.range, initName);
    context.stateNames.add(initName);
    const init = { Type: 'Pass', Comment: comment(context, first.range.start.line), Assign: zeros, Next: container.StartAt };
    container.States = { [initName]: init, ...container.States };
    container.StartAt = initName;
  }
}
