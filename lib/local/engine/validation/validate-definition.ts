import type { Catcher, Retrier, State, StateMachineDefinition } from '../asl';
import { StatesErrorName } from '../errors';
import { collectExpressions, compileExpression } from '../expressions/evaluate';
import { resolveIntegration, supportedResources } from '../integrations/resolve';
import { maxVariableNameLength } from '../limits';
import { allowedStateFields, allowedTopLevelFields, jsonPathFields, locallyUnsupportedFields, stateTypes } from './state-fields';

const variableNamePattern = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** State fields whose values may contain `{% %}` expressions. */
const expressionFields = [
  'Arguments',
  'Output',
  'Assign',
  'Items',
  'ItemSelector',
  'Seconds',
  'Timestamp',
  'Error',
  'Cause',
  'MaxConcurrency',
  'TimeoutSeconds',
  'HeartbeatSeconds',
] as const;

/** Collects AWS-style problems (`CODE: message at /path`) instead of stopping at the first. */
class Problems {
  readonly messages: string[] = [];

  schema(message: string, path: string): void {
    this.messages.push(`SCHEMA_VALIDATION_FAILED: ${message} at ${path}`);
  }

  missingTarget(target: string, path: string): void {
    this.messages.push(`MISSING_TRANSITION_TARGET: Missing 'Next' target: ${target} at ${path}`);
  }

  add(code: string, message: string, path: string): void {
    this.messages.push(`${code}: ${message} at ${path}`);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function checkExpressions(problems: Problems, value: unknown, field: string, path: string): void {
  for (const expression of collectExpressions(value, field)) {
    try {
      compileExpression(expression.text);
    } catch (error) {
      const message = (error as { message?: string }).message ?? String(error);
      problems.schema(`The JSONata expression '${expression.text.trim()}' in field '${expression.field}' is invalid: ${message}`, path);
      continue;
    }
    if (/\$eval\s*\(/.test(expression.text)) {
      problems.schema(`The JSONata expression in field '${expression.field}' calls $eval, which Step Functions does not provide`, path);
    }
  }
}

function checkErrorEquals(problems: Problems, handlers: (Retrier | Catcher)[], field: string, path: string): void {
  handlers.forEach((handler, index) => {
    const handlerPath = `${path}/${field}[${index}]`;
    if (!Array.isArray(handler.ErrorEquals) || handler.ErrorEquals.length === 0) {
      problems.schema(`ErrorEquals must be a non-empty array of error names`, handlerPath);
      return;
    }
    if (handler.ErrorEquals.includes(StatesErrorName.All)) {
      if (handler.ErrorEquals.length > 1) {
        problems.schema(`${StatesErrorName.All} must appear alone in ErrorEquals`, handlerPath);
      }
      if (index !== handlers.length - 1) {
        problems.schema(`The ${field} entry with ${StatesErrorName.All} must be the last one`, handlerPath);
      }
    }
  });
}

function checkRetriers(problems: Problems, retriers: Retrier[], path: string): void {
  checkErrorEquals(problems, retriers, 'Retry', path);
  retriers.forEach((retrier, index) => {
    const retrierPath = `${path}/Retry[${index}]`;
    const integerAtLeast = (name: keyof Retrier, minimum: number) => {
      const value = retrier[name];
      if (value !== undefined && (typeof value !== 'number' || !Number.isInteger(value) || value < minimum)) {
        problems.schema(`${name} must be an integer of at least ${minimum}, got ${JSON.stringify(value)}`, retrierPath);
      }
    };
    integerAtLeast('IntervalSeconds', 1);
    integerAtLeast('MaxAttempts', 0);
    integerAtLeast('MaxDelaySeconds', 1);
    if (retrier.BackoffRate !== undefined && (typeof retrier.BackoffRate !== 'number' || retrier.BackoffRate < 1)) {
      problems.schema(`BackoffRate must be a number of at least 1.0, got ${JSON.stringify(retrier.BackoffRate)}`, retrierPath);
    }
    if (retrier.JitterStrategy !== undefined && !['FULL', 'NONE'].includes(retrier.JitterStrategy)) {
      problems.schema(`JitterStrategy must be FULL or NONE, got ${JSON.stringify(retrier.JitterStrategy)}`, retrierPath);
    }
  });
}

function checkAssignNames(problems: Problems, assign: unknown, path: string, outerNames: ReadonlySet<string>): string[] {
  if (assign === undefined) {
    return [];
  }
  if (!isObject(assign)) {
    problems.schema('Assign must be a JSON object of variable names and values', path);
    return [];
  }
  const names = Object.keys(assign);
  for (const name of names) {
    if (!variableNamePattern.test(name) || name.length > maxVariableNameLength || name === 'states') {
      problems.schema(
        `The variable name '${name}' is invalid. Use letters, digits and underscores, at most ${maxVariableNameLength} characters, and not the reserved name 'states'`,
        path,
      );
    }
    if (outerNames.has(name)) {
      problems.schema(`The variable '${name}' is assigned in an outer scope and cannot be assigned inside a Parallel branch or Map iteration`, path);
    }
  }
  return names;
}

/** Returns the names that a States container assigns, Catch and Choice rules included. */
function assignedNames(container: StateMachineDefinition): Set<string> {
  const names = new Set<string>();
  const add = (assign: unknown) => isObject(assign) && Object.keys(assign).forEach((name) => names.add(name));
  for (const state of Object.values(container.States ?? {})) {
    add(state.Assign);
    (state.Catch ?? []).forEach((catcher) => add(catcher.Assign));
    (state.Choices ?? []).forEach((rule) => add(rule.Assign));
  }
  return names;
}

function checkTransitions(problems: Problems, name: string, state: State, stateNames: Set<string>, path: string): string[] {
  const targets: string[] = [];
  const target = (value: unknown, field: string) => {
    if (typeof value !== 'string' || !stateNames.has(value)) {
      problems.missingTarget(String(value), `${path}/${field}`);
    } else {
      targets.push(value);
    }
  };
  if (state.Type === 'Choice') {
    (state.Choices ?? []).forEach((rule, index) => target(rule.Next, `Choices[${index}]/Next`));
    if (state.Default !== undefined) {
      target(state.Default, 'Default');
    }
  } else if (state.Type !== 'Succeed' && state.Type !== 'Fail') {
    if (state.End === true && state.Next !== undefined) {
      problems.schema(`State '${name}' has both Next and End, so keep only one`, path);
    } else if (state.End !== true) {
      if (state.Next === undefined) {
        problems.schema(`State '${name}' needs either Next or "End": true`, path);
      } else {
        target(state.Next, 'Next');
      }
    }
  }
  (state.Catch ?? []).forEach((catcher, index) => target(catcher.Next, `Catch[${index}]/Next`));
  return targets;
}

function checkTypeSpecific(problems: Problems, name: string, state: State, path: string, outerNames: ReadonlySet<string>): void {
  switch (state.Type) {
    case 'Task':
      if (typeof state.Resource !== 'string') {
        problems.schema(`Task state '${name}' needs a Resource`, path);
      } else if (resolveIntegration(state.Resource) === undefined) {
        problems.schema(
          `The Resource '${state.Resource}' of Task state '${name}' is not supported by the local engine. Use one of ${supportedResources.join(', ')}`,
          `${path}/Resource`,
        );
      }
      break;
    case 'Choice':
      if (!Array.isArray(state.Choices) || state.Choices.length === 0) {
        problems.schema(`Choice state '${name}' needs a non-empty Choices array`, path);
      }
      (state.Choices ?? []).forEach((rule, index) => {
        if (rule.Condition === undefined) {
          problems.schema(`Choices[${index}] of state '${name}' needs a Condition`, path);
        }
        checkAssignNames(problems, rule.Assign, `${path}/Choices[${index}]/Assign`, outerNames);
      });
      break;
    case 'Wait':
      if ((state.Seconds === undefined) === (state.Timestamp === undefined)) {
        problems.schema(`Wait state '${name}' needs exactly one of Seconds and Timestamp`, path);
      }
      break;
    case 'Parallel':
      if (!Array.isArray(state.Branches) || state.Branches.length === 0) {
        problems.schema(`Parallel state '${name}' needs a non-empty Branches array`, path);
      }
      break;
    case 'Map':
      if (!isObject(state.ItemProcessor)) {
        problems.schema(`Map state '${name}' needs an ItemProcessor`, path);
      } else if (state.ItemProcessor.ProcessorConfig?.Mode !== undefined && state.ItemProcessor.ProcessorConfig.Mode !== 'INLINE') {
        problems.schema(`Map state '${name}' uses ProcessorConfig Mode ${state.ItemProcessor.ProcessorConfig.Mode}, but the local engine runs INLINE Map states only`, `${path}/ItemProcessor`);
      }
      break;
    default:
      break;
  }
}

function checkState(problems: Problems, name: string, state: State, path: string, outerNames: ReadonlySet<string>): void {
  if (!stateTypes.includes(state.Type)) {
    problems.schema(`The state type '${String(state.Type)}' is invalid. Use one of ${stateTypes.join(', ')}`, `${path}/Type`);
    return;
  }
  if (state.QueryLanguage !== undefined && state.QueryLanguage !== 'JSONata') {
    problems.schema(`State '${name}' sets QueryLanguage ${state.QueryLanguage}, but the local engine runs JSONata only`, `${path}/QueryLanguage`);
  }
  for (const field of Object.keys(state)) {
    if (locallyUnsupportedFields.has(field)) {
      problems.schema(`The field '${field}' is not supported by the local engine, which runs inline Map states without credentials`, `${path}/${field}`);
    } else if (jsonPathFields[field] !== undefined) {
      problems.schema(`The field '${field}' is a JSONPath field. In JSONata mode, use ${jsonPathFields[field]}`, `${path}/${field}`);
    } else if (!allowedStateFields[state.Type].has(field)) {
      problems.schema(`The field '${field}' is not supported by Step Functions for ${state.Type} states`, `${path}/${field}`);
    }
  }

  checkTypeSpecific(problems, name, state, path, outerNames);
  checkAssignNames(problems, state.Assign, `${path}/Assign`, outerNames);
  (state.Catch ?? []).forEach((catcher, index) => checkAssignNames(problems, catcher.Assign, `${path}/Catch[${index}]/Assign`, outerNames));
  if (state.Retry !== undefined) {
    checkRetriers(problems, Array.isArray(state.Retry) ? state.Retry : [], path);
  }
  if (state.Catch !== undefined) {
    checkErrorEquals(problems, Array.isArray(state.Catch) ? state.Catch : [], 'Catch', path);
  }
  for (const field of expressionFields) {
    checkExpressions(problems, state[field], field, path);
  }
  (state.Choices ?? []).forEach((rule, index) => checkExpressions(problems, rule, `Choices[${index}]`, path));
  (state.Catch ?? []).forEach((catcher, index) => checkExpressions(problems, catcher, `Catch[${index}]`, path));
}

function checkReachability(
  problems: Problems,
  container: StateMachineDefinition,
  edges: Map<string, string[]>,
  path: string,
): void {
  const reached = new Set<string>();
  const pending = [container.StartAt];
  while (pending.length > 0) {
    const name = pending.pop()!;
    if (reached.has(name) || container.States[name] === undefined) {
      continue;
    }
    reached.add(name);
    pending.push(...(edges.get(name) ?? []));
  }
  for (const name of Object.keys(container.States)) {
    if (!reached.has(name)) {
      problems.add('UNREACHABLE_STATE', `State '${name}' is not reachable`, `${path}/States/${name}`);
    }
  }
}

function checkContainer(
  problems: Problems,
  container: StateMachineDefinition,
  path: string,
  outerNames: ReadonlySet<string>,
): void {
  if (!isObject(container.States) || Object.keys(container.States).length === 0) {
    problems.schema('States must be a non-empty object', `${path}/States`);
    return;
  }
  const stateNames = new Set(Object.keys(container.States));
  if (typeof container.StartAt !== 'string' || !stateNames.has(container.StartAt)) {
    problems.add('MISSING_TRANSITION_TARGET', `Missing 'StartAt' target: ${String(container.StartAt)}`, `${path}/StartAt`);
  }

  const innerOuterNames = new Set([...outerNames, ...assignedNames(container)]);
  const edges = new Map<string, string[]>();
  for (const [name, state] of Object.entries(container.States)) {
    const statePath = `${path}/States/${name}`;
    if (!isObject(state)) {
      problems.schema(`State '${name}' must be a JSON object`, statePath);
      continue;
    }
    checkState(problems, name, state, statePath, outerNames);
    edges.set(name, checkTransitions(problems, name, state, stateNames, statePath));
    (Array.isArray(state.Branches) ? state.Branches : []).forEach((branch, index) =>
      checkContainer(problems, branch, `${statePath}/Branches[${index}]`, innerOuterNames),
    );
    if (state.Type === 'Map' && isObject(state.ItemProcessor)) {
      checkContainer(problems, state.ItemProcessor, `${statePath}/ItemProcessor`, innerOuterNames);
    }
  }
  if (stateNames.has(container.StartAt)) {
    checkReachability(problems, container, edges, path);
  }
}

/**
 * Validates a definition for the local engine and returns every problem, in
 * the wording of Step Functions' InvalidDefinition errors. An empty list means valid.
 */
export function validateDefinition(text: string): string[] {
  const problems = new Problems();
  let definition: unknown;
  try {
    definition = JSON.parse(text);
  } catch (error) {
    return [`INVALID_JSON_DESCRIPTION: ${(error as Error).message}`];
  }
  if (!isObject(definition)) {
    return ['SCHEMA_VALIDATION_FAILED: The definition must be a JSON object at /'];
  }
  if (definition.QueryLanguage !== 'JSONata') {
    problems.schema(`QueryLanguage is ${JSON.stringify(definition.QueryLanguage ?? 'JSONPath')}, but the local engine runs JSONata only, so set "QueryLanguage": "JSONata"`, '/QueryLanguage');
  }
  for (const field of Object.keys(definition)) {
    if (!allowedTopLevelFields.has(field)) {
      problems.schema(`The field '${field}' is not supported by Step Functions`, `/${field}`);
    }
  }
  const timeout = definition.TimeoutSeconds;
  if (timeout !== undefined && (typeof timeout !== 'number' || !Number.isInteger(timeout) || timeout < 1)) {
    problems.schema(`TimeoutSeconds must be a positive integer, got ${JSON.stringify(timeout)}`, '/TimeoutSeconds');
  }
  checkContainer(problems, definition as unknown as StateMachineDefinition, '', new Set());
  return problems.messages;
}
