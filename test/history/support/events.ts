import type { HistoryEvent } from '@aws-sdk/client-sfn';

import type { ExecutionStatusChangeEvent } from '../../../lib/local/engine/types';

export const STATE_MACHINE_ARN = 'arn:aws:states:us-east-1:000000000000:stateMachine:salary';
export const EXECUTION_ARN = 'arn:aws:states:us-east-1:000000000000:execution:salary:run-1';

const LAMBDA = { resourceType: 'lambda', resource: 'invoke' };

const START = Date.parse('2026-12-01T08:00:00.000Z');

type Status = ExecutionStatusChangeEvent['detail']['status'];

/** Returns a status change event of execution `run-1` of the salary workflow. */
export function statusEvent(
  status: Status,
  overrides: Partial<ExecutionStatusChangeEvent['detail']> = {},
): ExecutionStatusChangeEvent {
  const ended = status !== 'RUNNING' && status !== 'PENDING_REDRIVE';
  const redriveCount = overrides.redriveCount ?? 0;
  const detail: ExecutionStatusChangeEvent['detail'] = {
    executionArn: EXECUTION_ARN,
    stateMachineArn: STATE_MACHINE_ARN,
    name: 'run-1',
    status,
    startDate: START,
    stopDate: ended ? START + 60_000 * (redriveCount + 1) : null,
    input: '{"employee_id":"E1","month":"2026-11"}',
    output: status === 'SUCCEEDED' ? '{"total":4200}' : null,
    error: status === 'FAILED' ? 'Accounting.Unavailable' : null,
    cause: status === 'FAILED' ? 'The accounting system answered 503.' : null,
    redriveCount,
    redriveDate: redriveCount > 0 ? START + 60_000 * redriveCount + 1000 : null,
    redriveStatus: 'NOT_REDRIVABLE',
    redriveStatusReason: '',
    ...overrides,
  };
  return {
    version: '0',
    id: `event-${status}-${redriveCount}`,
    'detail-type': 'Step Functions Execution Status Change',
    source: 'aws.states',
    account: '000000000000',
    time: new Date(detail.stopDate ?? START).toISOString(),
    region: 'us-east-1',
    resources: [detail.executionArn],
    detail,
  };
}

/** JSON texts of a state's input and output, as `*StateEntered` and `*StateExited` carry them. */
export interface StatePayloads {
  input?: string;
  output?: string;
}

/** Builds history events with consecutive ids, each following the previous one. */
export class HistoryBuilder {
  readonly events: HistoryEvent[] = [];
  private time = START;

  /** Appends an event and returns its id. `previous` defaults to the last event. */
  add(event: Omit<HistoryEvent, 'id' | 'timestamp'>, previous?: number): number {
    const id = this.events.length + 1;
    this.time += 1000;
    this.events.push({
      id,
      previousEventId: previous ?? id - 1,
      timestamp: new Date(this.time),
      ...event,
    } as HistoryEvent);
    return id;
  }

  /** Appends a Lambda task that succeeds after `failures` failed attempts, and returns its exit event id. */
  task(name: string, failures = 0, previous?: number, payloads: StatePayloads = {}): number {
    let last = this.add(
      { type: 'TaskStateEntered', stateEnteredEventDetails: { name, input: payloads.input } },
      previous,
    );
    for (let attempt = 0; attempt <= failures; attempt++) {
      this.add({ type: 'TaskScheduled' }, last);
      this.add({ type: 'TaskStarted' });
      if (attempt < failures) {
        last = this.add({
          type: 'TaskFailed',
          taskFailedEventDetails: { ...LAMBDA, error: 'Lambda.ServiceException', cause: 'retry me' },
        });
      } else {
        this.add({ type: 'TaskSucceeded' });
      }
    }
    return this.add({
      type: 'TaskStateExited',
      stateExitedEventDetails: { name, output: payloads.output },
    });
  }

  /** Appends a Lambda task whose every attempt fails, and returns the last failure id. */
  failedTask(
    name: string,
    error: string,
    cause: string,
    attempts = 1,
    previous?: number,
    input?: string,
  ): number {
    let last = this.add(
      { type: 'TaskStateEntered', stateEnteredEventDetails: { name, input } },
      previous,
    );
    for (let attempt = 0; attempt < attempts; attempt++) {
      this.add({ type: 'TaskScheduled' }, last);
      this.add({ type: 'TaskStarted' });
      last = this.add({ type: 'TaskFailed', taskFailedEventDetails: { ...LAMBDA, error, cause } });
    }
    return last;
  }
}
