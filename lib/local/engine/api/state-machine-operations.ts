import { randomUUID } from 'node:crypto';

import { parseStateMachineArn, stateMachineArn } from '../arn';
import type { StateMachineRecord } from '../store';
import { StepFunctionsApiError } from '../types';
import { validateDefinition } from '../validation/validate-definition';
import type { EngineInternals } from './engine-internals';
import { checkName, epochSeconds, optionalString, paginate, requiredString } from './request-fields';

type Request = Record<string, unknown>;

function checkDefinition(definition: string): void {
  const problems = validateDefinition(definition);
  if (problems.length > 0) {
    throw new StepFunctionsApiError(
      'InvalidDefinition',
      `Invalid State Machine Definition: '${problems.join("', '")}'`,
    );
  }
}

/** Returns the state machine of an ARN, or throws InvalidArn or StateMachineDoesNotExist. */
export function findStateMachine(engine: EngineInternals, arn: string): StateMachineRecord {
  const name = parseStateMachineArn(arn);
  if (name === undefined) {
    throw new StepFunctionsApiError(
      'InvalidArn',
      `Invalid Arn: '${arn}' is not a state machine ARN such as ${stateMachineArn(engine.arnContext, 'name')}.`,
    );
  }
  const record = engine.stateMachines.get(name);
  if (record === undefined || record.stateMachineArn !== arn) {
    throw new StepFunctionsApiError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
  }
  return record;
}

export async function createStateMachine(engine: EngineInternals, request: Request): Promise<Request> {
  const name = requiredString(request, 'name');
  const definition = requiredString(request, 'definition');
  const roleArn = requiredString(request, 'roleArn');
  checkName(name, 'state machine');
  const type = optionalString(request, 'type') ?? 'STANDARD';
  if (type !== 'STANDARD') {
    throw new StepFunctionsApiError(
      'ValidationException',
      `State machine type '${type}' is not supported locally. Use STANDARD, which has task tokens, redrive and status events.`,
    );
  }
  checkDefinition(definition);

  const existing = engine.stateMachines.get(name);
  if (existing !== undefined) {
    if (existing.definition === definition && existing.roleArn === roleArn) {
      return { stateMachineArn: existing.stateMachineArn, creationDate: epochSeconds(existing.creationDate) };
    }
    throw new StepFunctionsApiError(
      'StateMachineAlreadyExists',
      `State Machine Already Exists: '${existing.stateMachineArn}'`,
    );
  }

  const record: StateMachineRecord = {
    name,
    stateMachineArn: stateMachineArn(engine.arnContext, name),
    definition,
    roleArn,
    type: 'STANDARD',
    creationDate: engine.clock.now(),
    revisionId: randomUUID(),
  };
  await engine.store.saveStateMachine(record);
  engine.stateMachines.set(name, record);
  return { stateMachineArn: record.stateMachineArn, creationDate: epochSeconds(record.creationDate) };
}

/** Replaces the definition or role, while running executions keep the definition they started with. */
export async function updateStateMachine(engine: EngineInternals, request: Request): Promise<Request> {
  const record = findStateMachine(engine, requiredString(request, 'stateMachineArn'));
  const definition = optionalString(request, 'definition');
  const roleArn = optionalString(request, 'roleArn');
  if (definition === undefined && roleArn === undefined) {
    throw new StepFunctionsApiError(
      'MissingRequiredParameter',
      'UpdateStateMachine needs a definition or a roleArn to change.',
    );
  }
  if (definition !== undefined) {
    checkDefinition(definition);
  }

  const updated: StateMachineRecord = {
    ...record,
    definition: definition ?? record.definition,
    roleArn: roleArn ?? record.roleArn,
    updateDate: engine.clock.now(),
    revisionId: randomUUID(),
  };
  await engine.store.saveStateMachine(updated);
  engine.stateMachines.set(updated.name, updated);
  return { updateDate: epochSeconds(updated.updateDate), revisionId: updated.revisionId };
}

export async function describeStateMachine(engine: EngineInternals, request: Request): Promise<Request> {
  const record = findStateMachine(engine, requiredString(request, 'stateMachineArn'));
  return {
    stateMachineArn: record.stateMachineArn,
    name: record.name,
    status: 'ACTIVE',
    definition: record.definition,
    roleArn: record.roleArn,
    type: record.type,
    creationDate: epochSeconds(record.creationDate),
    loggingConfiguration: { level: 'OFF', includeExecutionData: false },
    tracingConfiguration: { enabled: false },
    revisionId: record.revisionId,
  };
}

export async function listStateMachines(engine: EngineInternals, request: Request): Promise<Request> {
  const all = [...engine.stateMachines.values()].sort((a, b) => a.name.localeCompare(b.name));
  const { page, nextToken } = paginate(all, request, 100);
  return {
    stateMachines: page.map((record) => ({
      stateMachineArn: record.stateMachineArn,
      name: record.name,
      type: record.type,
      creationDate: epochSeconds(record.creationDate),
    })),
    ...(nextToken ? { nextToken } : {}),
  };
}

/** Deletes a state machine, while its running executions go on with their own copy of the definition. */
export async function deleteStateMachine(engine: EngineInternals, request: Request): Promise<Request> {
  const arn = requiredString(request, 'stateMachineArn');
  const name = parseStateMachineArn(arn);
  if (name === undefined) {
    throw new StepFunctionsApiError('InvalidArn', `Invalid Arn: '${arn}' is not a state machine ARN.`);
  }
  if (engine.stateMachines.delete(name)) {
    await engine.store.deleteStateMachine(name);
  }
  return {};
}
