import { randomUUID } from 'node:crypto';

import type { ArnContext } from '../arn';
import type { ExecutionRun } from '../execution/execution-run';
import type { ExecutionStatusChangeEvent } from '../types';
import { redriveStatus } from './execution-description';

/** Builds the EventBridge "Step Functions Execution Status Change" event, with dates in epoch milliseconds. */
export function statusChangeEvent(run: ExecutionRun, arnContext: ArnContext): ExecutionStatusChangeEvent {
  const { record } = run;
  const redrive = redriveStatus(record, run.clock.now());
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Step Functions Execution Status Change',
    source: 'aws.states',
    account: arnContext.accountId,
    time: new Date(run.clock.now()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region: arnContext.region,
    resources: [record.executionArn],
    detail: {
      executionArn: record.executionArn,
      stateMachineArn: record.stateMachineArn,
      name: record.name,
      status: record.status,
      startDate: record.startDate,
      stopDate: record.stopDate ?? null,
      input: record.input,
      output: record.output ?? null,
      error: record.error ?? null,
      cause: record.cause ?? null,
      redriveCount: record.redriveCount,
      redriveDate: record.redriveDate ?? null,
      redriveStatus: redrive.status,
      redriveStatusReason: redrive.reason,
    },
  };
}
