import type { ExecutionRecord, FrameRecord } from './records';

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** Builds `$states.context` for a state of a frame. */
export function contextObject(
  record: ExecutionRecord,
  frame: FrameRecord,
  extra: { taskToken?: string; mapItem?: { index: number; value: unknown } } = {},
): Record<string, unknown> {
  const context: Record<string, unknown> = {
    Execution: {
      Id: record.executionArn,
      Input: JSON.parse(record.input),
      Name: record.name,
      RoleArn: record.roleArn,
      StartTime: iso(record.startDate),
      RedriveCount: record.redriveCount,
      ...(record.redriveDate !== undefined ? { RedriveTime: iso(record.redriveDate) } : {}),
    },
    State: {
      EnteredTime: iso(frame.enteredAt),
      Name: frame.stateName,
      RetryCount: frame.retryCount,
    },
    StateMachine: {
      Id: record.stateMachineArn,
      Name: record.stateMachineName,
    },
  };
  if (extra.taskToken !== undefined) {
    context.Task = { Token: extra.taskToken };
  }
  if (extra.mapItem !== undefined) {
    context.Map = { Item: { Index: extra.mapItem.index, Value: extra.mapItem.value } };
  }
  return context;
}
