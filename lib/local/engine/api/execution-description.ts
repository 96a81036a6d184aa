import type { ExecutionRun } from '../execution/execution-run';
import type { ExecutionRecord } from '../execution/records';
import { epochSeconds } from './request-fields';

/** Redrive is possible for 14 days after an execution stops. */
export const redriveWindowMs = 14 * 24 * 60 * 60 * 1000;

export function redriveStatus(record: ExecutionRecord, now: number): { status: string; reason: string } {
  if (record.status === 'RUNNING' || record.status === 'SUCCEEDED') {
    return { status: 'NOT_REDRIVABLE', reason: `Execution is ${record.status} and cannot be redriven` };
  }
  if (record.stopDate !== undefined && now - record.stopDate > redriveWindowMs) {
    return { status: 'NOT_REDRIVABLE', reason: 'Execution can only be redriven within 14 days of stopping' };
  }
  return { status: 'REDRIVABLE', reason: `Execution is ${record.status} and can be redriven` };
}

/** Returns the DescribeExecution response of an execution. */
export function describeExecutionRecord(run: ExecutionRun): Record<string, unknown> {
  const { record } = run;
  const redrive = redriveStatus(record, run.clock.now());
  const description: Record<string, unknown> = {
    executionArn: record.executionArn,
    stateMachineArn: record.stateMachineArn,
    name: record.name,
    status: record.status,
    startDate: epochSeconds(record.startDate),
    input: record.input,
    inputDetails: { included: true },
    redriveCount: record.redriveCount,
    redriveStatus: redrive.status,
    redriveStatusReason: redrive.reason,
  };
  if (record.stopDate !== undefined) {
    description.stopDate = epochSeconds(record.stopDate);
  }
  if (record.output !== undefined) {
    description.output = record.output;
    description.outputDetails = { included: true };
  }
  if (record.error !== undefined) {
    description.error = record.error;
  }
  if (record.cause !== undefined) {
    description.cause = record.cause;
  }
  if (record.redriveDate !== undefined) {
    description.redriveDate = epochSeconds(record.redriveDate);
  }
  return description;
}
