import type { HistoryEvent } from '@aws-sdk/client-sfn';

import { type Failure, settleExecutionFailure } from './failed-state';
import {
  enteredInputOf,
  type EventPayload,
  exitedOutputOf,
  findTaskTokens,
  limitBytes,
  MAX_TASK_CAUSE_BYTES,
  MAX_TASK_PAYLOAD_BYTES,
  redactTaskTokens,
} from './task-payload';

export { findFailedTask } from './failed-state';

export type TaskStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

/** One state of an execution, folded from its history events. */
export interface TaskSummary {
  /** State name, equal to the task name for the states that the compiler emits for tasks. */
  name: string;
  /** ASL state type: Task, Pass, Wait, Map, Choice, Parallel, Fail or Succeed. */
  stateType: string;
  status: TaskStatus;
  /** First time the state was entered (ISO 8601). */
  startDate: string;
  /** Last time the state ended, successfully or not (ISO 8601). */
  stopDate?: string;
  /** Scheduled attempts of the integration (retries + 1), counted over every entry and redrive. */
  attempts: number;
  error?: string;
  cause?: string;
  /** Id of the last failure or time-out event of this state, which orders failures. Cleared on success. */
  failureEventId?: number;
  /**
   * True when the state exited after its last failure, because a Catch (an
   * on-error transition or a retry loop) handled it and the execution went on.
   */
  failureCaught?: boolean;
  /**
   * JSON text of the state input at its last entry, with task tokens redacted,
   * cut to `MAX_TASK_PAYLOAD_BYTES`.
   */
  input?: string;
  /** JSON text of the state output at its last exit after that entry, redacted and cut like `input`. */
  output?: string;
  /** The fields among `input`, `output` and `cause` that were cut, so that they may not parse as JSON. */
  truncated?: string[];
}

/** The failure of a Map iteration, and the state of the iteration that ended with it. */
interface IterationFailure extends Failure {
  state?: string;
}

/** The latest payloads of one state, before redaction and cutting. */
interface StatePayloads {
  input?: EventPayload;
  output?: EventPayload;
}

// Choice and Parallel states are recorded too, because a `std.noop` task that routes or
// forks compiles to one of them, named after the task.
const RECORDED_STATE_TYPES = new Set([
  'Task',
  'Pass',
  'Wait',
  'Map',
  'Choice',
  'Parallel',
  'Fail',
  'Succeed',
]);

// Events of the execution itself or of a Parallel or Map state as a whole, except
// `*StateExited`, which names its state. Their previousEventId chain may lead into a
// branch, so following it would attribute them to the wrong state.
const UNATTRIBUTED_PREFIXES = ['Execution', 'ParallelState', 'MapState', 'MapIteration', 'MapRun'];

const SCHEDULED_EVENTS = new Set([
  'TaskScheduled',
  'LambdaFunctionScheduled',
  'ActivityScheduled',
]);

/**
 * Folds an execution's history into one summary per recorded state, in the
 * order the states were first entered. `executionStatus` decides what a state
 * that never ended becomes: RUNNING while the execution runs, ABORTED after.
 */
export function summarizeTasks(
  events: HistoryEvent[],
  executionStatus: string,
): TaskSummary[] {
  const ordered = [...events].sort((a, b) => (a.id ?? 0) - (b.id ?? 0));
  const owners = new StateOwnerIndex(ordered);
  const summaries = new Map<string, TaskSummary>();
  const payloads = new Map<string, StatePayloads>();
  const executionFailure = findExecutionFailure(ordered);
  const lastEntries = new Map<string, number>();
  const iterationFailures = new Map<string, IterationFailure>();

  for (const event of ordered) {
    const type = event.type ?? '';
    if (type.endsWith('StateEntered')) {
      enterState(summaries, event, executionFailure);
      recordInput(payloads, summaries, event);
      lastEntries.set(event.stateEnteredEventDetails?.name ?? '', event.id ?? 0);
      continue;
    }

    if (type === 'ParallelStateStarted') {
      startBranches(summaries.get(owners.stateNameOf(event) ?? ''), event);
      continue;
    }
    if (type === 'MapIterationFailed') {
      const mapName = event.mapIterationFailedEventDetails?.name ?? '';
      const failure = owners.failureBefore(event);
      iterationFailures.set(mapName, { ...failure, eventId: event.id, state: owners.stateBefore(event) });
      continue;
    }
    if (type === 'MapStateFailed') {
      failMapState(summaries, owners.stateNameOf(event), iterationFailures, event);
      continue;
    }

    const exited = type.endsWith('StateExited');
    if (!exited && UNATTRIBUTED_PREFIXES.some((prefix) => type.startsWith(prefix))) continue;
    const summary = summaries.get(owners.stateNameOf(event) ?? '');
    if (!summary) continue;
    applyStateEvent(summary, event);
    if (exited && summary.status === 'SUCCEEDED') recordOutput(payloads, summary, event);
    if (exited && summary.stateType === 'Map' && summary.failureCaught) {
      catchIterationFailure(summaries, iterationFailures.get(summary.name));
    }
  }
  if (executionStatus === 'FAILED') {
    const origin = owners.failedStateOf(ordered.filter((event) => event.type === 'ExecutionFailed').pop());
    settleExecutionFailure(summaries, lastEntries, executionFailure, origin);
  }

  const tokens = findTaskTokens(ordered);
  return [...summaries.values()].map((summary) =>
    finishSummary(summary, payloads.get(summary.name) ?? {}, tokens, executionStatus),
  );
}

function enterState(
  summaries: Map<string, TaskSummary>,
  event: HistoryEvent,
  executionFailure: Failure,
): void {
  const stateType = (event.type ?? '').slice(0, -'StateEntered'.length);
  const name = event.stateEnteredEventDetails?.name;
  if (!name || !RECORDED_STATE_TYPES.has(stateType)) return;
  const timestamp = toIso(event.timestamp);

  const summary: TaskSummary = summaries.get(name) ?? {
    name,
    stateType,
    status: 'RUNNING',
    startDate: timestamp,
    attempts: 0,
  };
  summary.status = 'RUNNING';
  delete summary.stopDate;
  if (stateType === 'Fail') {
    summary.status = 'FAILED';
    summary.stopDate = timestamp;
    summary.error = executionFailure.error;
    summary.cause = executionFailure.cause;
    summary.failureEventId = event.id;
  }
  summaries.set(name, summary);
}

/**
 * Marks a Parallel state done once its branches start: its own work ends
 * there, and the states of its branches report what happens next.
 */
function startBranches(summary: TaskSummary | undefined, event: HistoryEvent): void {
  if (!summary) return;
  summary.status = 'SUCCEEDED';
  summary.stopDate = toIso(event.timestamp);
}

/**
 * Fails a Map state with the failure of its last failed iteration, because
 * MapStateFailed carries no error. `ownerName` is the state that the event's
 * previousEventId chain leads to. When it is not a Map state, the Map state of
 * the last failed iteration is taken.
 */
function failMapState(
  summaries: Map<string, TaskSummary>,
  ownerName: string | undefined,
  iterationFailures: Map<string, IterationFailure>,
  event: HistoryEvent,
): void {
  let name = ownerName ?? '';
  if (summaries.get(name)?.stateType !== 'Map') {
    const latest = [...iterationFailures.entries()].sort((a, b) => (b[1].eventId ?? 0) - (a[1].eventId ?? 0))[0];
    name = latest?.[0] ?? '';
  }
  const summary = summaries.get(name);
  if (!summary) return;

  const failure = iterationFailures.get(name) ?? {};
  summary.status = 'FAILED';
  summary.stopDate = toIso(event.timestamp);
  summary.error = failure.error;
  summary.cause = failure.cause;
  summary.failureEventId = event.id;
  delete summary.failureCaught;
}

/**
 * Marks the state that ended a failed iteration as caught once the Catch of
 * its Map state handled the failure, so that it is not taken for the state
 * where the execution failed.
 */
function catchIterationFailure(
  summaries: Map<string, TaskSummary>,
  failure: IterationFailure | undefined,
): void {
  const inner = summaries.get(failure?.state ?? '');
  if (inner && (inner.status === 'FAILED' || inner.status === 'TIMED_OUT')) inner.failureCaught = true;
}

function applyStateEvent(summary: TaskSummary, event: HistoryEvent): void {
  const type = event.type ?? '';
  const timestamp = toIso(event.timestamp);

  if (type.endsWith('StateExited')) {
    if (summary.stateType === 'Fail') return;
    summary.stopDate = timestamp;
    // A state that exits right after a failure exits through a Catch. It stays
    // failed, as a Mistral task that on-error handles is in ERROR.
    if (summary.status === 'FAILED' || summary.status === 'TIMED_OUT') {
      summary.failureCaught = true;
      return;
    }
    summary.status = 'SUCCEEDED';
    delete summary.error;
    delete summary.cause;
    delete summary.failureEventId;
    delete summary.failureCaught;
  } else if (SCHEDULED_EVENTS.has(type)) {
    summary.attempts += 1;
    summary.status = 'RUNNING';
  } else if (type.endsWith('TimedOut') || type.endsWith('Failed')) {
    const failure = failureOf(event);
    summary.status = type.endsWith('TimedOut') ? 'TIMED_OUT' : 'FAILED';
    summary.stopDate = timestamp;
    summary.error = failure.error;
    summary.cause = failure.cause;
    summary.failureEventId = event.id;
    delete summary.failureCaught;
  } else if (type.endsWith('StateAborted')) {
    summary.status = 'ABORTED';
    summary.stopDate = timestamp;
  }
}

/** Keeps the input of the state's latest entry and drops the output of an earlier run. */
function recordInput(
  payloads: Map<string, StatePayloads>,
  summaries: Map<string, TaskSummary>,
  event: HistoryEvent,
): void {
  const name = event.stateEnteredEventDetails?.name ?? '';
  if (!summaries.has(name)) return;
  payloads.set(name, { input: enteredInputOf(event) });
}

function recordOutput(
  payloads: Map<string, StatePayloads>,
  summary: TaskSummary,
  event: HistoryEvent,
): void {
  const current = payloads.get(summary.name) ?? {};
  payloads.set(summary.name, { ...current, output: exitedOutputOf(event) });
}

/**
 * Completes a summary. It counts at least one attempt, and a state that never
 * ended in an ended execution becomes ABORTED. The payloads and the cause are
 * redacted and cut to their limits, so that a task row stays far below the
 * DynamoDB item limit.
 */
function finishSummary(
  summary: TaskSummary,
  payloads: StatePayloads,
  tokens: Set<string>,
  executionStatus: string,
): TaskSummary {
  const finished = { ...summary, attempts: Math.max(summary.attempts, 1) };
  if (finished.status === 'RUNNING' && executionStatus !== 'RUNNING') {
    finished.status = 'ABORTED';
  }

  const truncated: string[] = [];
  const store = (field: 'input' | 'output' | 'cause', payload: EventPayload, maxBytes: number) => {
    const redacted = redactTaskTokens(payload.text, tokens);
    const text = limitBytes(redacted, maxBytes);
    if (payload.truncated || text !== redacted) truncated.push(field);
    finished[field] = text;
  };
  if (payloads.input) store('input', payloads.input, MAX_TASK_PAYLOAD_BYTES);
  if (payloads.output) store('output', payloads.output, MAX_TASK_PAYLOAD_BYTES);
  if (finished.cause !== undefined) {
    store('cause', { text: finished.cause, truncated: false }, MAX_TASK_CAUSE_BYTES);
  }
  if (truncated.length > 0) finished.truncated = truncated;
  return finished;
}

/**
 * Maps each event to the state that produced it by following
 * `previousEventId` back to the nearest `*StateEntered` event.
 */
class StateOwnerIndex {
  private readonly byId = new Map<number, HistoryEvent>();
  private readonly owners = new Map<number, string | undefined>();

  constructor(events: HistoryEvent[]) {
    for (const event of events) {
      if (event.id !== undefined) this.byId.set(event.id, event);
    }
  }

  stateNameOf(event: HistoryEvent): string | undefined {
    const exitedName = event.stateExitedEventDetails?.name;
    if (exitedName) return exitedName;

    const visited: number[] = [];
    let current: HistoryEvent | undefined = event;
    let name: string | undefined;
    while (current?.id !== undefined) {
      if (this.owners.has(current.id)) {
        name = this.owners.get(current.id);
        break;
      }
      visited.push(current.id);
      if (current.stateEnteredEventDetails?.name) {
        name = current.stateEnteredEventDetails.name;
        break;
      }
      current = this.byId.get(current.previousEventId ?? -1);
    }

    for (const id of visited) this.owners.set(id, name);
    return name;
  }

  /** Returns the state of the event that `event` follows. */
  stateBefore(event: HistoryEvent): string | undefined {
    const previous = this.byId.get(event.previousEventId ?? -1);
    return previous ? this.stateNameOf(previous) : undefined;
  }

  /** Returns the error and cause of the nearest event with a failure on the event's previousEventId chain. */
  failureBefore(event: HistoryEvent): Failure {
    let current = this.byId.get(event.previousEventId ?? -1);
    while (current) {
      const failure = failureOf(current);
      if (failure.error !== undefined || failure.cause !== undefined) return failure;
      current = this.byId.get(current.previousEventId ?? -1);
    }
    return {};
  }

  /**
   * Returns the state where the execution failed, by following the
   * previousEventId chain of ExecutionFailed through the failures of Parallel
   * and Map states to the first event of a state. Returns undefined when the
   * chain ends at the start of a Parallel or Map state rather than in the
   * branch that failed, as in the local runtime.
   * NOTE: whether Step Functions links ParallelStateFailed into the failed branch is not checked.
   */
  failedStateOf(executionFailed: HistoryEvent | undefined): string | undefined {
    let current = this.byId.get(executionFailed?.previousEventId ?? -1);
    while (current) {
      const type = current.type ?? '';
      if (!PASSED_FAILURES.has(type)) {
        const unattributed = UNATTRIBUTED_PREFIXES.some((prefix) => type.startsWith(prefix));
        if (unattributed && !type.endsWith('StateExited')) return undefined;
        return this.stateNameOf(current);
      }
      current = this.byId.get(current.previousEventId ?? -1);
    }
    return undefined;
  }
}

// Failures that a Parallel or Map state passes on from one of its branches or iterations.
const PASSED_FAILURES = new Set(['ParallelStateFailed', 'MapStateFailed', 'MapIterationFailed']);

/** Reads the failure of the execution's last run, which a redrive may follow. */
function findExecutionFailure(events: HistoryEvent[]): Failure {
  const failed = events.filter((event) => event.type === 'ExecutionFailed').pop();
  return failed ? { ...failureOf(failed), eventId: failed.id } : {};
}

/** Reads `error` and `cause` from whichever `*EventDetails` member the event carries. */
function failureOf(event: HistoryEvent): Failure {
  for (const [key, value] of Object.entries(event)) {
    if (!key.endsWith('EventDetails') || typeof value !== 'object' || !value) continue;
    const details = value as Failure;
    if (details.error !== undefined || details.cause !== undefined) {
      return { error: details.error, cause: details.cause };
    }
  }
  return {};
}

function toIso(timestamp: Date | string | number | undefined): string {
  if (timestamp === undefined) return new Date(0).toISOString();
  return new Date(timestamp).toISOString();
}
