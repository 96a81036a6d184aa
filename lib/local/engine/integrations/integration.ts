import type { ExecutionRun } from '../execution/execution-run';
import type { FrameRecord, TaskPhase } from '../execution/records';

/** One call of a Task state's integration. */
export interface IntegrationCall {
  stateName: string;
  arguments: unknown;
  signal: AbortSignal;
  run: ExecutionRun;
  frame: FrameRecord;
  phase: TaskPhase;
}

/** A Task `Resource`, with the names its history events carry. */
export interface Integration {
  /** `resourceType` of Task* events, such as `lambda` or `aws-sdk:sesv2`. */
  resourceType: string;
  /** `resource` of Task* events, such as `invoke.waitForTaskToken`. */
  resource: string;
  /** Whether the result comes from SendTaskSuccess after `invoke` returns. */
  waitForTaskToken: boolean;
  /** Whether history uses LambdaFunction* events: a Lambda ARN as the Resource. */
  lambdaFunctionEvents: boolean;
  invoke(call: IntegrationCall): Promise<unknown>;
}
