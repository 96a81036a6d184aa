import type { ArnContext } from './arn';
import type { EngineInternals } from './api/engine-internals';
import { describeExecutionRecord } from './api/execution-description';
import { startExecution, stopExecution } from './api/execution-operations';
import { operations } from './api/operations';
import { statusChangeEvent } from './api/status-event';
import { SystemClock } from './clock';
import { driveExecution } from './execution/drive-execution';
import { ExecutionRun } from './execution/execution-run';
import type { ExecutionHost } from './execution/host';
import { EngineStore } from './store';
import type { StateMachineRecord } from './store';
import type { Clock, EngineOptions, StepFunctionsApi } from './types';
import { StepFunctionsApiError } from './types';

/**
 * A local Step Functions service for Standard state machines in JSONata mode.
 * Executions are checkpointed to `dataDir` on each transition, so a new
 * engine on the same folder continues them. Task invocations in flight when
 * the process died run again, so integrations run at least once.
 */
export class Engine implements StepFunctionsApi {
  private readonly internals: EngineInternals;
  private readonly endWaiters = new Map<string, (() => void)[]>();
  private state: 'new' | 'started' | 'closed' = 'new';

  constructor(private readonly options: EngineOptions) {
    const clock: Clock = options.clock ?? new SystemClock();
    const arnContext: ArnContext = { region: options.region ?? 'us-east-1', accountId: options.accountId ?? '000000000000' };
    const host: ExecutionHost = {
      services: options.services,
      clock,
      region: arnContext.region,
      accountId: arnContext.accountId,
      startChildExecution: async (request) => (await startExecution(this.internals, request)).executionArn as string,
      stopExecution: async (executionArn, error, cause) => {
        await stopExecution(this.internals, { executionArn, error, cause });
      },
      waitForExecutionEnd: (executionArn, signal) => this.waitForExecutionEnd(executionArn, signal),
    };
    this.internals = {
      store: new EngineStore(options.dataDir),
      clock,
      arnContext,
      host,
      stateMachines: new Map<string, StateMachineRecord>(),
      executions: new Map<string, ExecutionRun>(),
      launch: (run) => this.launch(run),
      notifyStatus: (run) => this.notifyStatus(run),
    };
  }

  /** Loads state machines and executions from `dataDir` and resumes the running executions. */
  async start(): Promise<void> {
    if (this.state !== 'new') {
      throw new Error('Engine.start() was already called. Create a new Engine to start again.');
    }
    const { store } = this.internals;
    await store.init();
    for (const machine of await store.loadStateMachines()) {
      this.internals.stateMachines.set(machine.name, machine);
    }

    const resumed: ExecutionRun[] = [];
    for (const { record, history } of await store.loadExecutions()) {
      const run = new ExecutionRun(record, history, this.internals.host, store);
      this.internals.executions.set(record.executionArn, run);
      if (run.isRunning) {
        resumed.push(run);
      }
    }
    this.state = 'started';
    resumed.forEach((run) => this.launch(run));
  }

  /** Runs one API operation with the AWS JSON 1.0 request and response shapes. */
  async call(operation: string, request: Record<string, unknown>): Promise<Record<string, unknown>> {
    if (this.state !== 'started') {
      throw new StepFunctionsApiError(
        'ServiceUnavailable',
        `The engine is ${this.state === 'new' ? 'not started, so call start() first' : 'closed'}.`, 503,
      );
    }
    const handler = operations[operation];
    if (handler === undefined) {
      throw new StepFunctionsApiError(
        'UnknownOperationException',
        `The operation '${operation}' is not supported by the local engine. Supported operations: ${Object.keys(operations).join(', ')}.`,
      );
    }
    return handler(this.internals, request ?? {});
  }

  /** Stops running executions where they are, leaving them RUNNING on disk for the next start. */
  async close(): Promise<void> {
    if (this.state === 'closed') {
      return;
    }
    this.state = 'closed';
    const runs = [...this.internals.executions.values()];
    for (const run of runs) {
      if (run.isRunning) {
        run.controller.abort({ kind: 'close' });
      }
    }
    for (const run of runs) {
      await run.done;
      await run.checkpoint(true);
      await run.notifications;
    }
  }

  private launch(run: ExecutionRun): void {
    run.done = driveExecution(run, (closed) => this.notifyStatus(closed)).catch((error: unknown) => {
      console.error(`Execution ${run.record.executionArn} stopped on an internal error: ${(error as Error).stack ?? String(error)}`);
    });
  }

  /**
   * Wakes those waiting for a closed execution and queues its status event
   * behind the execution's earlier ones, so a slow listener delays no API call.
   */
  private notifyStatus(run: ExecutionRun): void {
    if (!run.isRunning) {
      const waiters = this.endWaiters.get(run.record.executionArn) ?? [];
      this.endWaiters.delete(run.record.executionArn);
      waiters.forEach((wake) => wake());
    }
    const listener = this.options.onStatusChange;
    if (listener === undefined) {
      return;
    }
    const event = statusChangeEvent(run, this.internals.arnContext);
    run.notifications = run.notifications.then(async () => {
      try {
        await listener(event);
      } catch (error) {
        console.error(`onStatusChange failed for execution ${event.detail.executionArn} (${event.detail.status}): ${(error as Error).message}`);
      }
    });
  }

  private waitForExecutionEnd(executionArn: string, signal: AbortSignal): Promise<Record<string, unknown>> {
    return new Promise((resolve, reject) => {
      if (signal.aborted) {
        reject(signal.reason);
        return;
      }
      const finish = (): void => {
        const run = this.internals.executions.get(executionArn);
        if (run === undefined) {
          reject(new Error(`Execution ${executionArn} is not known to this engine.`));
          return;
        }
        if (!run.isRunning) {
          resolve(describeExecutionRecord(run));
          return;
        }
        const waiters = this.endWaiters.get(executionArn) ?? [];
        waiters.push(finish);
        this.endWaiters.set(executionArn, waiters);
      };
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
      finish();
    });
  }
}
