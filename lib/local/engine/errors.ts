/** Error names that Step Functions defines (`States.*`). */
export const StatesErrorName = {
  All: 'States.ALL',
  TaskFailed: 'States.TaskFailed',
  Timeout: 'States.Timeout',
  HeartbeatTimeout: 'States.HeartbeatTimeout',
  QueryEvaluationError: 'States.QueryEvaluationError',
  NoChoiceMatched: 'States.NoChoiceMatched',
  DataLimitExceeded: 'States.DataLimitExceeded',
  Runtime: 'States.Runtime',
  Permissions: 'States.Permissions',
} as const;

/** A runtime error of a state, with the `Error` and `Cause` that Retry and Catch see. */
export class StatesError extends Error {
  constructor(
    readonly error: string,
    readonly causeText: string,
  ) {
    super(`${error}: ${causeText}`);
    this.name = 'StatesError';
  }

  toErrorOutput(): { Error: string; Cause: string } {
    return { Error: this.error, Cause: this.causeText };
  }
}

/**
 * Tests whether a Retrier's or Catcher's `ErrorEquals` matches an error.
 * States.ALL matches everything except States.Runtime and States.DataLimitExceeded,
 * which are terminal; States.TaskFailed also excludes States.Timeout.
 */
export function errorMatches(errorEquals: readonly string[], error: string): boolean {
  const terminal = error === StatesErrorName.Runtime || error === StatesErrorName.DataLimitExceeded;
  for (const name of errorEquals) {
    if (name === error && error !== StatesErrorName.Runtime) {
      return true;
    }
    if (name === StatesErrorName.All && !terminal) {
      return true;
    }
    if (name === StatesErrorName.TaskFailed && !terminal && error !== StatesErrorName.Timeout) {
      return true;
    }
  }
  return false;
}
