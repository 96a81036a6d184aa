/**
 * Row of the history table that keeps the task token of a task waiting for
 * a completion through the control API (`std.async_noop`, and `pause-before`):
 * pk `CALLBACK#<execution ARN>#<state name>`, sk `CALLBACK`.
 */

export const CALLBACK_SORT_KEY = 'CALLBACK';

export function callbackKey(executionArn: string, stateName: string): { pk: string; sk: string } {
  return { pk: `CALLBACK#${executionArn}#${stateName}`, sk: CALLBACK_SORT_KEY };
}

/** Stored callback row. The token completes the task through SendTaskSuccess or SendTaskFailure. */
export interface CallbackRow {
  pk: string;
  sk: string;
  token: string;
  execution: string;
  workflow: string;
  task: string;
  createdAt: string;
  /** Epoch seconds after which DynamoDB TTL deletes the row. */
  expiresAt: number;
}

/** Row lifetime when the task has no timeout: the one-year maximum duration of a Standard execution. */
export const DEFAULT_CALLBACK_TTL_SECONDS = 365 * 24 * 3600;
