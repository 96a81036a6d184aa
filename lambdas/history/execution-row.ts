import type { ExecutionStatusChangeEvent } from '../../lib/local/engine/types';
import {
  EXECUTION_SORT_KEY,
  executionPartitionKey,
  startSortKey,
  statusIndexKey,
  statusSortKey,
  workflowIndexKey,
} from './keys';

export type ExecutionStatusDetail = ExecutionStatusChangeEvent['detail'];

/** The `EXECUTION` row of an execution partition. */
export interface ExecutionRow {
  pk: string;
  sk: string;
  gsi1pk: string;
  gsi1sk: string;
  gsi2pk: string;
  gsi2sk: string;
  workflow: string;
  executionName: string;
  executionArn: string;
  stateMachineArn: string;
  status: string;
  /** ISO 8601, like every date in the table. */
  startDate: string;
  stopDate?: string;
  redriveDate?: string;
  redriveCount: number;
  input?: string;
  output?: string;
  error?: string;
  cause?: string;
  /** Set when `input`, `output` or `cause` was cut to fit the item size limit. */
  truncated?: string[];
  /** Rank of `status` within one redrive: PENDING_REDRIVE 0, RUNNING 1, ended 2. */
  statusRank: number;
  /** Epoch milliseconds of the status change, the last tie-breaker between events. */
  eventTime: number;
  /** DynamoDB TTL in epoch seconds, set once the execution has ended. */
  expiresAt?: number;
}

// DynamoDB items are limited to 400 KB, while input and output may reach 256 KiB each.
const MAX_DATA_BYTES = 96 * 1024;
const MAX_CAUSE_BYTES = 32 * 1024;

const ENDED_STATUSES = new Set(['SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED']);

/**
 * Returns whether the event carries the detail fields that the recorder and
 * the alert function read, so that a misrouted event is dropped, not retried.
 */
export function isExecutionStatusChange(event: ExecutionStatusChangeEvent): boolean {
  const detail = event?.detail;
  return (
    typeof detail?.executionArn === 'string' &&
    typeof detail.stateMachineArn === 'string' &&
    typeof detail.name === 'string' &&
    typeof detail.status === 'string' &&
    typeof detail.startDate === 'number'
  );
}

export function isEnded(status: string): boolean {
  return ENDED_STATUSES.has(status);
}

export function statusRank(status: string): number {
  if (status === 'PENDING_REDRIVE') return 0;
  if (status === 'RUNNING') return 1;
  return 2;
}

/** Returns the state machine name from a state machine or execution ARN. */
export function workflowNameOf(arn: string): string {
  const parts = arn.split(':');
  return parts[6] ?? arn;
}

/** Builds the execution row that one status change event describes. */
export function toExecutionRow(
  event: ExecutionStatusChangeEvent,
  retentionDays?: number,
): ExecutionRow {
  const detail = event.detail;
  const workflow = workflowNameOf(detail.stateMachineArn);
  const startDate = new Date(detail.startDate).toISOString();
  const truncated: string[] = [];
  const limit = (field: string, text: string | null, maxBytes: number) => {
    const limited = limitBytes(text, maxBytes);
    if (limited !== (text ?? undefined)) truncated.push(field);
    return limited;
  };

  const row: ExecutionRow = {
    pk: executionPartitionKey(detail.executionArn),
    sk: EXECUTION_SORT_KEY,
    gsi1pk: workflowIndexKey(workflow),
    gsi1sk: startSortKey(startDate, detail.name),
    gsi2pk: statusIndexKey(detail.status),
    gsi2sk: statusSortKey(workflow, startDate, detail.name),
    workflow,
    executionName: detail.name,
    executionArn: detail.executionArn,
    stateMachineArn: detail.stateMachineArn,
    status: detail.status,
    startDate,
    redriveCount: detail.redriveCount ?? 0,
    input: limit('input', detail.input, MAX_DATA_BYTES),
    output: limit('output', detail.output, MAX_DATA_BYTES),
    error: detail.error ?? undefined,
    cause: limit('cause', detail.cause, MAX_CAUSE_BYTES),
    statusRank: statusRank(detail.status),
    eventTime: eventTimeOf(event),
  };

  if (detail.stopDate) row.stopDate = new Date(detail.stopDate).toISOString();
  if (detail.redriveDate) row.redriveDate = new Date(detail.redriveDate).toISOString();
  if (truncated.length > 0) row.truncated = truncated;
  if (retentionDays !== undefined && isEnded(detail.status)) {
    row.expiresAt = expiryOf(detail.stopDate ?? row.eventTime, retentionDays);
  }
  return row;
}

/** Returns the DynamoDB TTL, in epoch seconds, `retentionDays` after `from` (epoch ms). */
export function expiryOf(from: number, retentionDays: number): number {
  return Math.floor(from / 1000) + retentionDays * 24 * 60 * 60;
}

/**
 * Returns the time of the status change: the stop date once ended, the
 * redrive date after a redrive, otherwise the start date.
 */
function eventTimeOf(event: ExecutionStatusChangeEvent): number {
  const detail = event.detail;
  if (isEnded(detail.status) && detail.stopDate) return detail.stopDate;
  if (detail.redriveDate) return detail.redriveDate;
  if (detail.status === 'RUNNING' && detail.startDate) return detail.startDate;
  return Date.parse(event.time);
}

function limitBytes(text: string | null, maxBytes: number): string | undefined {
  if (text === null || text === undefined) return undefined;
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= maxBytes) return text;
  return bytes.subarray(0, maxBytes).toString('utf8').replace(/\uFFFD+$/, '');
}
