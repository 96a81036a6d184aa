import type { FoundExecution } from './execution-lookup';
import { HttpError } from './http';

/** Execution statuses that Step Functions RedriveExecution accepts. */
const REDRIVABLE_STATUSES = ['FAILED', 'TIMED_OUT', 'ABORTED'];

/**
 * Builds the 409 for a redrive that Step Functions rejected, naming the
 * execution, the reason and what to do instead of Step Functions' own message.
 */
export function notRedrivableError(execution: FoundExecution, error: unknown): HttpError {
  const name = executionNameFromArn(execution.executionArn);
  const status = execution.description.status ?? 'UNKNOWN';

  if (!REDRIVABLE_STATUSES.includes(status)) {
    return new HttpError(
      409,
      'ExecutionNotRedrivable',
      `Execution "${name}" cannot be redriven because ${statusClause(status)}. ` +
        `Only FAILED, TIMED_OUT or ABORTED executions can be redriven${nextStep(status)}.`,
    );
  }
  // A closed execution can still be rejected, such as one that ended more than 14 days ago.
  return new HttpError(
    409,
    'ExecutionNotRedrivable',
    `Execution "${name}" cannot be redriven: ${stepFunctionsReason(error)} Start a new execution instead.`,
  );
}

/** Builds the 409 for a stop request on an execution that already ended. */
export function notRunningError(execution: FoundExecution): HttpError {
  const name = executionNameFromArn(execution.executionArn);
  const status = execution.description.status ?? 'UNKNOWN';
  return new HttpError(
    409,
    'ExecutionNotRunning',
    `Execution "${name}" cannot be stopped because ${statusClause(status)}. Only RUNNING executions can be stopped.`,
  );
}

function statusClause(status: string): string {
  if (status === 'RUNNING') return 'it is still RUNNING';
  if (status === 'PENDING_REDRIVE') return 'a redrive of it is already PENDING_REDRIVE';
  return `it already ended with status ${status}`;
}

function nextStep(status: string): string {
  if (status === 'RUNNING') return ', so wait for it to end or stop it first';
  if (status === 'SUCCEEDED') return ', so start a new execution to run the workflow again';
  return '';
}

/**
 * Returns Step Functions' reason without its "Execution Not Redrivable: '<arn>': " prefix,
 * which the local runtime writes and AWS may write.
 */
function stepFunctionsReason(error: unknown): string {
  const message = (error as Error)?.message ?? '';
  const reason = message.replace(/^Execution Not Redrivable: '[^']*': /, '').trim();
  if (!reason) return 'Step Functions gave no reason.';
  return /[.!?]$/.test(reason) ? reason : `${reason}.`;
}

function executionNameFromArn(executionArn: string): string {
  return executionArn.split(':')[7] ?? executionArn;
}
