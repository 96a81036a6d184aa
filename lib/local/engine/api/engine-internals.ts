import type { ArnContext } from '../arn';
import type { ExecutionRun } from '../execution/execution-run';
import type { ExecutionHost } from '../execution/host';
import type { EngineStore, StateMachineRecord } from '../store';
import type { Clock } from '../types';

/** The engine's state that the API operations read and change. */
export interface EngineInternals {
  store: EngineStore;
  clock: Clock;
  arnContext: ArnContext;
  host: ExecutionHost;
  stateMachines: Map<string, StateMachineRecord>;
  executions: Map<string, ExecutionRun>;
  /** Runs an execution in the background until it closes or the engine stops. */
  launch(run: ExecutionRun): void;
  /** Queues the execution's status change event and wakes those waiting for its end. */
  notifyStatus(run: ExecutionRun): void;
}
