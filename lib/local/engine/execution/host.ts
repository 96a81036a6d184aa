import type { Clock, LocalServices } from '../types';

/** Services that the engine gives each execution it runs. */
export interface ExecutionHost {
  services: LocalServices;
  clock: Clock;
  region: string;
  accountId: string;
  /** Starts an execution for a `states:startExecution` task and returns its ARN. */
  startChildExecution(request: Record<string, unknown>): Promise<string>;
  /** Stops an execution that a `.sync` task started, when that task is cancelled. */
  stopExecution(executionArn: string, error: string, cause: string): Promise<void>;
  /** Resolves with DescribeExecution's response once the execution is no longer RUNNING. */
  waitForExecutionEnd(executionArn: string, signal: AbortSignal): Promise<Record<string, unknown>>;
}
