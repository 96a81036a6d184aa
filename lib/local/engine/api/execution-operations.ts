import { randomUUID } from 'node:crypto';

import { executionArn, parseExecutionArn } from '../arn';
import { ExecutionRun } from '../execution/execution-run';
import type { ExecutionRecord } from '../execution/records';
import { rootFrameId } from '../execution/records';
import { prepareRedrive } from '../execution/redrive';
import type { StateMachineDefinition } from '../asl';
import type { HistoryEvent } from '../history';
import { maxPayloadBytes } from '../limits';
import { StepFunctionsApiError } from '../types';
import type { EngineInternals } from './engine-internals';
import { describeExecutionRecord, redriveStatus } from './execution-description';
import { findStateMachine } from './state-machine-operations';
import { checkName, epochSeconds, optionalString, paginate, requiredString } from './request-fields';

type Request = Record<string, unknown>;

const executionStatuses = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE'];

/** Returns the execution of an ARN, or throws InvalidArn or ExecutionDoesNotExist. */
export function findExecution(engine: EngineInternals, arn: string): ExecutionRun {
  if (parseExecutionArn(arn) === undefined) {
    throw new StepFunctionsApiError(
      'InvalidArn',
      `Invalid Arn: '${arn}' is not an execution ARN such as ${executionArn(engine.arnContext, 'machine', 'name')}.`,
    );
  }
  const run = engine.executions.get(arn);
  if (run === undefined) {
    throw new StepFunctionsApiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
  }
  return run;
}

function parseInput(input: string): unknown {
  if (Buffer.byteLength(input, 'utf8') > maxPayloadBytes) {
    throw new StepFunctionsApiError(
      'InvalidExecutionInput',
      `The execution input has ${Buffer.byteLength(input, 'utf8')} bytes, more than the maximum of ${maxPayloadBytes}.`,
    );
  }
  try {
    return JSON.parse(input);
  } catch (error) {
    throw new StepFunctionsApiError(
      'InvalidExecutionInput',
      `Invalid State Machine Execution Input: the input is not valid JSON (${(error as Error).message}).`,
    );
  }
}

type NewExecutionFields = Pick<
  ExecutionRecord,
  'stateMachineArn' | 'stateMachineName' | 'name' | 'input' | 'definition' | 'roleArn'
>;

function newExecutionRecord(engine: EngineInternals, fields: NewExecutionFields): ExecutionRecord {
  const now = engine.clock.now();
  const definition = JSON.parse(fields.definition) as StateMachineDefinition;
  return {
    ...fields,
    executionArn: executionArn(engine.arnContext, fields.stateMachineName, fields.name),
    status: 'RUNNING',
    startDate: now,
    redriveCount: 0,
    timeoutAt: definition.TimeoutSeconds === undefined ? undefined : now + definition.TimeoutSeconds * 1000,
    frames: {
      [rootFrameId]: {
        id: rootFrameId,
        location: [],
        status: 'RUNNING',
        stateName: definition.StartAt,
        stateInput: JSON.parse(fields.input),
        variables: {},
        entered: false,
        enteredAt: now,
        retryCount: 0,
        retrierAttempts: [],
        lastEventId: 0,
      },
    },
    nextFrameId: 1,
    eventCount: 0,
  };
}

export async function startExecution(engine: EngineInternals, request: Request): Promise<Request> {
  const machine = findStateMachine(engine, requiredString(request, 'stateMachineArn'));
  const name = optionalString(request, 'name') ?? randomUUID();
  checkName(name, 'execution');
  const input = optionalString(request, 'input') ?? '{}';
  parseInput(input);

  const arn = executionArn(engine.arnContext, machine.name, name);
  const existing = engine.executions.get(arn);
  if (existing !== undefined) {
    if (existing.isRunning && existing.record.input === input) {
      return { executionArn: arn, startDate: epochSeconds(existing.record.startDate) };
    }
    throw new StepFunctionsApiError('ExecutionAlreadyExists', `Execution Already Exists: '${arn}'`);
  }

  const record = newExecutionRecord(engine, {
    stateMachineArn: machine.stateMachineArn,
    stateMachineName: machine.name,
    name,
    input,
    definition: machine.definition,
    roleArn: machine.roleArn,
  });
  const run = new ExecutionRun(record, [], engine.host, engine.store);
  run.addEvent(undefined, 'ExecutionStarted', {
    input,
    inputDetails: { truncated: false },
    roleArn: machine.roleArn,
  });
  run.rootFrame.lastEventId = 1;
  engine.executions.set(arn, run);
  await run.checkpoint(true);
  engine.notifyStatus(run);
  engine.launch(run);

  return { executionArn: arn, startDate: epochSeconds(record.startDate) };
}

export async function describeExecution(engine: EngineInternals, request: Request): Promise<Request> {
  return describeExecutionRecord(findExecution(engine, requiredString(request, 'executionArn')));
}

/** Returns the state machine as the execution ran it, with the definition it started with. */
export async function describeStateMachineForExecution(engine: EngineInternals, request: Request): Promise<Request> {
  const { record } = findExecution(engine, requiredString(request, 'executionArn'));
  const machine = engine.stateMachines.get(record.stateMachineName);
  return {
    stateMachineArn: record.stateMachineArn,
    name: record.stateMachineName,
    definition: record.definition,
    roleArn: record.roleArn,
    updateDate: epochSeconds(machine?.updateDate ?? machine?.creationDate ?? record.startDate),
    loggingConfiguration: { level: 'OFF', includeExecutionData: false },
    tracingConfiguration: { enabled: false },
  };
}

export async function listExecutions(engine: EngineInternals, request: Request): Promise<Request> {
  const machineArn = requiredString(request, 'stateMachineArn');
  findStateMachine(engine, machineArn);
  const statusFilter = optionalString(request, 'statusFilter');
  if (statusFilter !== undefined && !executionStatuses.includes(statusFilter)) {
    throw new StepFunctionsApiError(
      'ValidationException',
      `statusFilter '${statusFilter}' is invalid. Use one of ${executionStatuses.join(', ')}.`,
    );
  }
  const redriveFilter = optionalString(request, 'redriveFilter');

  const matching = [...engine.executions.values()]
    .map((run) => run.record)
    .filter((record) => record.stateMachineArn === machineArn)
    .filter((record) => statusFilter === undefined || record.status === statusFilter)
    .filter((record) => redriveFilter === undefined || (redriveFilter === 'REDRIVEN') === record.redriveCount > 0)
    .sort((a, b) => b.startDate - a.startDate || b.name.localeCompare(a.name));
  const { page, nextToken } = paginate(matching, request, 100);

  return {
    executions: page.map((record) => ({
      executionArn: record.executionArn,
      stateMachineArn: record.stateMachineArn,
      name: record.name,
      status: record.status,
      startDate: epochSeconds(record.startDate),
      ...(record.stopDate !== undefined ? { stopDate: epochSeconds(record.stopDate) } : {}),
      redriveCount: record.redriveCount,
      ...(record.redriveDate !== undefined ? { redriveDate: epochSeconds(record.redriveDate) } : {}),
    })),
    ...(nextToken ? { nextToken } : {}),
  };
}

const executionDataFields = ['input', 'output', 'parameters', 'assignedVariables'];

/** Returns a copy of an event without inputs, outputs and variable values, for includeExecutionData false. */
function withoutExecutionData(event: HistoryEvent): HistoryEvent {
  const copy: HistoryEvent = { ...event };
  for (const [key, value] of Object.entries(event)) {
    if (key.endsWith('EventDetails') && value !== null && typeof value === 'object') {
      copy[key] = Object.fromEntries(Object.entries(value).filter(([field]) => !executionDataFields.includes(field)));
    }
  }
  return copy;
}

export async function getExecutionHistory(engine: EngineInternals, request: Request): Promise<Request> {
  const run = findExecution(engine, requiredString(request, 'executionArn'));
  const includeData = request.includeExecutionData !== false;
  const events = run.history.map((event) => (includeData ? { ...event } : withoutExecutionData(event)));
  for (const event of events) {
    event.timestamp = epochSeconds(event.timestamp)!;
  }
  if (request.reverseOrder === true) {
    events.reverse();
  }
  const { page, nextToken } = paginate(events, request, 100);
  return { events: page, ...(nextToken ? { nextToken } : {}) };
}

export async function stopExecution(engine: EngineInternals, request: Request): Promise<Request> {
  const run = findExecution(engine, requiredString(request, 'executionArn'));
  if (!run.isRunning) {
    return { stopDate: epochSeconds(run.record.stopDate) };
  }
  const error = optionalString(request, 'error');
  const cause = optionalString(request, 'cause');

  const details: Record<string, string> = {};
  if (error !== undefined) {
    details.error = error;
  }
  if (cause !== undefined) {
    details.cause = cause;
  }
  run.recordAbortedStates();
  run.addEvent(run.rootFrame, 'ExecutionAborted', details);
  run.close('ABORTED', { error, cause });
  run.controller.abort({ kind: 'stop' });
  await run.done;
  await run.checkpoint(true);
  engine.notifyStatus(run);

  return { stopDate: epochSeconds(run.record.stopDate) };
}

/** Runs a FAILED, TIMED_OUT or ABORTED execution again from its unfinished states. */
export async function redriveExecution(engine: EngineInternals, request: Request): Promise<Request> {
  const closed = findExecution(engine, requiredString(request, 'executionArn'));
  const redrive = redriveStatus(closed.record, engine.clock.now());
  if (redrive.status !== 'REDRIVABLE') {
    throw new StepFunctionsApiError(
      'ExecutionNotRedrivable',
      `Execution Not Redrivable: '${closed.record.executionArn}': ${redrive.reason}.`,
    );
  }

  await closed.done;
  const run = new ExecutionRun(closed.record, closed.history, engine.host, engine.store);
  prepareRedrive(run);
  engine.executions.set(run.record.executionArn, run);
  await run.checkpoint(true);
  engine.notifyStatus(run);
  engine.launch(run);

  return { redriveDate: epochSeconds(run.record.redriveDate) };
}
