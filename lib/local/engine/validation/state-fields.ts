import type { StateType } from '../asl';

const common = ['Type', 'Comment', 'QueryLanguage'];
const transition = ['Next', 'End'];
const data = ['Output', 'Assign'];
const errorHandling = ['Retry', 'Catch'];

/** Fields that each state type takes in JSONata mode. */
export const allowedStateFields: Record<StateType, ReadonlySet<string>> = {
  Task: new Set([...common, ...transition, ...data, ...errorHandling, 'Resource', 'Arguments', 'TimeoutSeconds', 'HeartbeatSeconds']),
  Pass: new Set([...common, ...transition, ...data]),
  Choice: new Set([...common, ...data, 'Choices', 'Default']),
  Wait: new Set([...common, ...transition, ...data, 'Seconds', 'Timestamp']),
  Succeed: new Set([...common, 'Output']),
  Fail: new Set([...common, 'Error', 'Cause']),
  Parallel: new Set([...common, ...transition, ...data, ...errorHandling, 'Branches', 'Arguments']),
  Map: new Set([...common, ...transition, ...data, ...errorHandling, 'ItemProcessor', 'Items', 'ItemSelector', 'MaxConcurrency']),
};

/** JSONPath-mode fields, with the JSONata field that replaces each. */
export const jsonPathFields: Record<string, string> = {
  InputPath: 'Arguments',
  Parameters: 'Arguments',
  ResultSelector: 'Output',
  ResultPath: 'Output or Assign',
  OutputPath: 'Output',
  ItemsPath: 'Items',
  Iterator: 'ItemProcessor',
  Result: 'Output',
  SecondsPath: 'Seconds',
  TimestampPath: 'Timestamp',
  ErrorPath: 'Error',
  CausePath: 'Cause',
  TimeoutSecondsPath: 'TimeoutSeconds',
  HeartbeatSecondsPath: 'HeartbeatSeconds',
};

/** Step Functions fields that the local engine does not run, such as distributed Map fields and Credentials. */
export const locallyUnsupportedFields = new Set([
  'Credentials',
  'ItemReader',
  'ItemBatcher',
  'ResultWriter',
  'ToleratedFailurePercentage',
  'ToleratedFailureCount',
  'Label',
]);

export const stateTypes = Object.keys(allowedStateFields) as StateType[];

export const allowedTopLevelFields = new Set(['Comment', 'QueryLanguage', 'StartAt', 'States', 'TimeoutSeconds', 'Version']);
