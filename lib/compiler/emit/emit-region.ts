import type { Expression, NamedValue, Task, TransitionItem } from '../../dsl/model';
import { isForkGroup, isGuardedGroup, transitionGroups, type Fork, type Region, type TransitionGroup } from '../graph/regions';
import { renderBound, type Bindings } from './bindings';
import { emitChoice, exclusiveDefault } from './emit-choice';
import { resultOf, emitTask } from './emit-task';
import { emitRetryLoops } from './emit-retry-loop';
import { joinQuorum } from '../graph/check-partial-join';
import { emitPartialJoin } from './emit-partial-join';
import { emitPauseBefore, emitPauseState } from './emit-pause';
import { afterPauseStateOf, emitWaitAfter, emitWaitBefore, entryStateOf } from './emit-waits';
import { emitWithItems } from './emit-with-items';
import { checkPublishedValue } from './missing-publish';
import { publishEntriesOf } from './with-items-publish';
import { isChoiceRouter, isForkRouter } from './routers';
import { branchExitOutput, branchOutput, forkOutput, terminalOutput, workflowOutput } from './outputs';
import { emitBranchExit, emitFail, emitSucceed } from './emit-terminals';
import { comment, type EmitContext, type RegionScope, type States } from './context';
import { jsonataString, toAslValue } from './jsonata-text';

/** Emits the states of a region, in region order, and returns its `StartAt`. */
export function emitRegion(scope: RegionScope, context: EmitContext): string {
  for (const item of scope.region.items) {
    if (item.kind === 'fork') emitFork(item.fork, scope, context);
    else emitTaskStates(placedTask(item.name, context), scope, context);
  }

  const first = scope.region.items[0];
  return first.kind === 'fork' ? parallelName(first.fork, context) : entryStateOf(placedTask(first.name, context), first.name);
}

/** Returns the task placed under a state name, which for a copy differs from its task's name. */
function placedTask(name: string, context: EmitContext): Task {
  return context.graph.tasks.get(name) as Task;
}

/**
 * Adds a state to the region. State names are unique across the whole state
 * machine, branches included, so a second use of a name is reported at `task`.
 */
function addState(scope: RegionScope, name: string, state: Record<string, unknown>, context: EmitContext, task: Task | undefined): void {
  if (context.stateNames.has(name)) {
    context.bag.report('stateNameCollision', task?.range ?? { start: { line: 1, column: 1 } }, name);
  }
  context.stateNames.add(name);
  scope.states[name] = state;
}

/**
 * Returns the name of a fork's Parallel state: the forking task's name when
 * the task is a fork router, `join_<join>`, or without a join
 * `<task>.on-success.fork` (`.on-error.fork`) after the forking task and
 * `fork_start` for several start tasks.
 */
export function parallelName(fork: Fork, context: EmitContext): string {
  if (fork.origin?.outcome === 'success' && isForkRouter(context.graph.tasks.get(fork.origin.task))) return fork.origin.task;
  if (fork.join) return `join_${fork.join}`;
  if (!fork.origin) return 'fork_start';

  return `${fork.origin.task}.${fork.origin.outcome === 'success' ? 'on-success' : 'on-error'}.fork`;
}

/**
 * Branch-local names for the values that leave a branch, which must not
 * shadow the join's variables, and for the names that a copied task
 * publishes in the branch, which another placement of the task may publish
 * outside it.
 */
function branchRenames(branch: Region, outer: ReadonlyMap<string, string>, context: EmitContext): Map<string, string> {
  const renames = new Map(outer);
  const copied = new Set(context.graph.copyOf.values());
  for (const item of branch.items) {
    const task = item.kind === 'task' ? context.graph.tasks.get(item.name) : undefined;
    if (!task || !copied.has(context.graph.copyOf.get(task.name) ?? task.name)) continue;
    for (const entry of [...task.publish, ...task.publishOnError]) renames.set(entry.name, `${entry.name}__b${branch.id}`);
  }
  for (const name of context.definitions.branchOutputs.get(branch) ?? []) renames.set(name, `${name}__b${branch.id}`);
  return renames;
}

function emitFork(fork: Fork, scope: RegionScope, context: EmitContext): void {
  const branches = fork.branches.map((branch) => {
    const states: States = {};
    const startAt = emitRegion({ region: branch, states, renames: branchRenames(branch, scope.renames, context) }, context);
    return { StartAt: startAt, States: states };
  });
  const entries = fork.branches.map((branch) => branch.entry).join(', ');
  const joinTask = fork.join ? context.graph.tasks.get(fork.join) : undefined;

  if (!fork.join) {
    const state = { Type: 'Parallel', Comment: `Fork of ${entries} without a join, which ends when every branch has ended`, Branches: branches, Output: forkOutput(fork, scope, context), End: true };
    addState(scope, parallelName(fork, context), state, context, fork.origin && context.graph.tasks.get(fork.origin.task));
    return;
  }

  const assign: Record<string, string> = {};
  for (const [index, branch] of fork.branches.entries()) {
    for (const name of context.definitions.branchOutputs.get(branch) ?? []) {
      assign[scope.renames.get(name) ?? name] = jsonataString(`$states.result[${index}].${name}`);
    }
  }

  const state: Record<string, unknown> = {
    Type: 'Parallel',
    Comment: `Fork of ${entries} closed by ${fork.join}`,
    Branches: branches,
  };
  if (Object.keys(assign).length > 0) state.Assign = assign;
  state.Next = entryStateOf(joinTask, fork.join);
  addState(scope, parallelName(fork, context), state, context, joinTask);
  const quorum = joinQuorum(joinTask);
  if (quorum !== undefined && quorum < fork.branches.length) {
    emitPartialJoin(fork, state, quorum, context, (name, generated) => addState(scope, name, generated, context, joinTask));
  }
}

function assignPublishes(entries: Task['publish'], bindings: Bindings, scope: RegionScope, task?: Task): Record<string, unknown> | undefined {
  if (entries.length === 0) return undefined;
  const render = (expression: Expression) => renderBound(expression, bindings);
  const valueOf = (entry: NamedValue) =>
    task && entry.value.kind === 'expression'
      ? `{% ${checkPublishedValue(task, entry, entry.value.expression, render(entry.value.expression))} %}`
      : toAslValue(entry.value, render);

  return Object.fromEntries(entries.map((entry) => [scope.renames.get(entry.name) ?? entry.name, valueOf(entry)]));
}

function isBranchExit(task: Task, target: string, scope: RegionScope): boolean {
  return scope.region.exits.some((exit) => exit.task === task.name && exit.join === target);
}

/**
 * Sets the `task` of the action events in a copy's state to the copied
 * task's name, which the actions and the history know, in place of the
 * copy's state name. A with-items Map contains the Task state in its ItemProcessor.
 */
function nameSourceTask(state: Record<string, unknown>, source: string): void {
  const payload = (state.Arguments as { Payload?: Record<string, unknown> } | undefined)?.Payload;
  if (payload && typeof payload.task === 'string') payload.task = source;
  const processor = state.ItemProcessor as { States?: Record<string, Record<string, unknown>> } | undefined;
  for (const inner of Object.values(processor?.States ?? {})) nameSourceTask(inner, source);
}

function emitTaskStates(task: Task, scope: RegionScope, context: EmitContext): void {
  // A fork router has no state of its own, because the Parallel of its fork is named after it.
  if (isForkRouter(task)) return;
  if (isChoiceRouter(task)) {
    emitRouterChoice(task, scope, context);
    return;
  }

  const state = task.withItems ? emitWithItems(task, context, scope.renames) : emitTask(task, context, scope.renames);
  const source = context.graph.copyOf.get(task.name);
  if (source) nameSourceTask(state, source);
  const addEntry = (name: string, generated: Record<string, unknown>) => addState(scope, name, generated, context, task);
  emitPauseBefore(task, afterPauseStateOf(task), context, addEntry);
  emitWaitBefore(task, context, addEntry);
  addState(scope, task.name, state, context, task);
  if (state.Type === 'Fail') return;

  const groups = transitionGroups(task);
  const success = groups.find((group) => group.outcome === 'success');
  const error = groups.find((group) => group.outcome === 'error');

  emitSuccess(task, state, success, scope, context);
  if (error) {
    const bindings: Bindings = { error: '$states.errorOutput', renames: scope.renames };
    const catcher: Record<string, unknown> = { ErrorEquals: ['States.ALL'] };
    const assign = assignPublishes(task.publishOnError, bindings, scope);
    if (assign) catcher.Assign = assign;
    catcher.Next = followGroup(task, error, scope, context);
    state.Catch = [catcher];
  }
  const addGenerated = (name: string, generated: Record<string, unknown>) => addState(scope, name, generated, context, task);
  emitWaitAfter(task, state, context, addGenerated);
  if (!task.withItems) emitRetryLoops(task, state, scope.renames, context, addGenerated);
}

/**
 * Emits a Choice router: the Choice of its success transitions under the
 * task's name, which assigns its publish values at the state level.
 * NOTE: the Step Functions docs apply a Choice's own Assign whichever rule
 * matches. That it also applies on the Default path is how the local engine
 * runs it, not checked on AWS.
 */
function emitRouterChoice(task: Task, scope: RegionScope, context: EmitContext): void {
  const success = transitionGroups(task).find((group) => group.outcome === 'success') as TransitionGroup;
  followGroup(task, success, scope, context, task.name);

  const assign = assignPublishes(publishEntriesOf(task), { result: resultOf(task, 'result', scope.renames), renames: scope.renames }, scope, task);
  if (assign) scope.states[task.name].Assign = assign;
}

function emitSuccess(task: Task, state: Record<string, unknown>, group: TransitionGroup | undefined, scope: RegionScope, context: EmitContext): void {
  const single = group && group.items.length === 1 && group.items[0].guard === undefined ? group.items[0] : undefined;
  const endsHere =
    group === undefined ||
    (single?.target.kind === 'succeed' && !single.target.pause) ||
    single?.target.kind === 'noop' ||
    (single?.target.kind === 'task' && isBranchExit(task, single.target.name, scope));

  if (endsHere) {
    state.Output = scope.region.parent ? branchOutput(task, scope, context) : terminalOutput(task, context);
    state.End = true;
    return;
  }

  const assign = assignPublishes(publishEntriesOf(task), { result: resultOf(task, 'result', scope.renames), renames: scope.renames }, scope, task);
  if (assign) state.Assign = assign;
  state.Next = followGroup(task, group, scope, context);
}

/**
 * Emits what follows a task for one outcome and returns the name of the
 * next state. A guarded group gets a Choice named `choiceName`, which is
 * `<task>.on-success` (`.on-error`) unless the task is a Choice router.
 */
function followGroup(task: Task, group: TransitionGroup, scope: RegionScope, context: EmitContext, choiceName?: string): string {
  if (isForkGroup(group)) {
    const fork = context.graph.forkAt.get(`${task.name}|${group.outcome}`) as Fork;
    return parallelName(fork, context);
  }

  // Named by outcome, so that on-complete gets distinct states for success and error.
  const kind = group.outcome === 'success' ? 'on-success' : 'on-error';
  const bindings: Bindings =
    group.outcome === 'success' ? { result: resultOf(task, 'input'), renames: scope.renames } : { error: '$states.input', renames: scope.renames };
  const prefix = `${task.name}.${kind}`;
  const target = (item: TransitionItem, suffix: string) => targetState(task, item, `${prefix}${suffix}`, bindings, group.outcome, scope, context);

  if (!isGuardedGroup(group)) return target(group.items[0], '');

  const name = choiceName ?? prefix;
  addState(scope, name, {}, context, task);
  const defaultItem = exclusiveDefault(group.items);
  const rules = group.items.filter((item) => item !== defaultItem);
  const transition = task.transitions[group.items[0].kind];

  const choices = rules.map((item, index) => ({
    Condition: jsonataString(item.guard === true ? 'true' : renderBound(item.guard as Expression, bindings)),
    Next: target(item, rules.length > 1 ? `.${index + 1}` : ''),
  }));
  const defaultName = defaultItem ? target(defaultItem, '.default') : emitNoMatch(task, `${prefix}.default`, group.outcome, bindings, scope, context);

  const line = transition?.range.start.line ?? task.range.start.line;
  scope.states[name] = emitChoice(choices, defaultName, comment(context, line));
  return name;
}

/**
 * Emits the Choice's Default when no guard may match. Mistral ends the
 * workflow there: successfully after on-success, and with the task's error
 * after on-error, because the error was not handled.
 */
function emitNoMatch(task: Task, name: string, outcome: 'success' | 'error', bindings: Bindings, scope: RegionScope, context: EmitContext): string {
  const line = task.range.start.line;
  if (outcome === 'error') {
    addState(scope, name, emitFail(undefined, bindings, true, task.name, task.range, context), context, task);
    return name;
  }
  // In a branch, where checkStructure allows this only without a join exit, the path ends with the branch.
  if (scope.region.parent) {
    addState(scope, name, emitBranchExit(branchExitOutput(scope, context), line, context), context, task);
    return name;
  }

  const render = (expression: Expression) => renderBound(expression, bindings);
  addState(scope, name, emitSucceed(jsonataString(workflowOutput(task, context, 'success', render)), line, context), context, task);
  return name;
}

/** Returns the state a transition item leads to, emitting an engine-command state when needed. */
function targetState(
  task: Task,
  item: TransitionItem,
  name: string,
  bindings: Bindings,
  outcome: 'success' | 'error',
  scope: RegionScope,
  context: EmitContext,
): string {
  const target = item.target;
  const line = target.range.start.line;

  if (target.kind === 'task') {
    if (!isBranchExit(task, target.name, scope)) return entryStateOf(context.graph.tasks.get(target.name), target.name);
    const exitName = `${name}.${target.name}`;
    addState(scope, exitName, emitBranchExit(branchExitOutput(scope, context), line, context), context, task);
    return exitName;
  }
  if (target.kind === 'fail') {
    const failName = `${name}.fail`;
    addState(scope, failName, emitFail(target.message, bindings, outcome === 'error', task.name, target.range, context), context, task);
    return failName;
  }

  // In a branch, `noop` ends only the branch. At top level it ends the workflow as `succeed` does, under the same state name.
  if (target.kind === 'noop' && scope.region.parent) {
    const noopName = `${name}.noop`;
    addState(scope, noopName, emitBranchExit(branchExitOutput(scope, context), line, context), context, task);
    return noopName;
  }

  const render = (expression: Expression) => renderBound(expression, bindings);
  const succeedName = `${name}.succeed`;
  addState(scope, succeedName, emitSucceed(jsonataString(workflowOutput(task, context, outcome, render)), line, context), context, task);
  if (target.kind === 'noop' || !target.pause) return succeedName;

  emitPauseState(`${name}.pause`, succeedName, line, context, (pauseName, state) => addState(scope, pauseName, state, context, task));
  return `${name}.pause`;
}
