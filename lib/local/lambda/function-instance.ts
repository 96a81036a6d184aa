import { ChildProcess, fork } from 'node:child_process';
import * as path from 'node:path';
import * as readline from 'node:readline';

import { LambdaFunctionResource } from '../assembly/stack-resources';
import { LocalLog } from '../log';

const HANDLER_PROCESS = path.join(__dirname, 'handler-process.js');

/** The outcome of one invocation inside an instance, before it becomes an Invoke API response. */
export type InstanceResult =
  | { ok: true; payload: unknown }
  | { ok: false; error: { errorType: string; errorMessage: string; trace?: string[] } };

export interface InvocationRequest {
  requestId: string;
  event: unknown;
  timeoutMilliseconds: number;
}

/**
 * One execution environment of a Lambda function: a child process that runs
 * one invocation at a time, with only the environment variables given here.
 */
export class FunctionInstance {
  private readonly child: ChildProcess;
  private pending?: { requestId: string; settle: (result: InstanceResult) => void };
  private exited = false;
  /** Settles when the handler module has loaded (or failed to load), or the process has exited. */
  readonly ready: Promise<void>;
  private markReady!: () => void;

  constructor(
    private readonly fn: LambdaFunctionResource,
    environment: Record<string, string>,
    log: LocalLog,
    onExit: (instance: FunctionInstance) => void,
  ) {
    this.ready = new Promise((resolve) => {
      this.markReady = resolve;
    });
    this.child = fork(HANDLER_PROCESS, [], {
      cwd: fn.assetPath,
      env: environment,
      execArgv: [],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });

    const source = `lambda:${fn.functionName}`;
    readline.createInterface({ input: this.child.stdout! }).on('line', (line) => log.write(source, line));
    readline.createInterface({ input: this.child.stderr! }).on('line', (line) => log.write(source, line));

    this.child.on('message', (message: (InstanceResult & { requestId: string }) | { type: 'ready' }) => {
      if ('type' in message) {
        this.markReady();
        return;
      }
      this.settle(message.requestId, message);
    });
    this.child.on('exit', (code, signal) => {
      this.exited = true;
      this.markReady();
      this.settle(this.pending?.requestId, {
        ok: false,
        error: {
          errorType: 'Runtime.ExitError',
          errorMessage: `RequestId: ${this.pending?.requestId} Error: Runtime exited with error: ${signal ? `signal: ${signal}` : `exit status ${code}`}`,
        },
      });
      onExit(this);
    });
  }

  get busy(): boolean {
    return this.pending !== undefined;
  }

  get alive(): boolean {
    return !this.exited;
  }

  /** Runs one invocation. The caller enforces the timeout through `kill`. */
  run(request: InvocationRequest): Promise<InstanceResult> {
    return new Promise((resolve) => {
      this.pending = { requestId: request.requestId, settle: resolve };
      this.child.send({
        type: 'invoke',
        requestId: request.requestId,
        event: request.event,
        timeoutMilliseconds: request.timeoutMilliseconds,
        functionName: this.fn.functionName,
        functionArn: this.fn.arn,
        memorySize: this.fn.memorySize,
      });
    });
  }

  /** Kills the process. The instance counts as gone at once, so that the pool can replace it. */
  kill(): void {
    if (!this.exited) {
      this.exited = true;
      this.child.kill('SIGKILL');
    }
  }

  private settle(requestId: string | undefined, result: InstanceResult): void {
    if (!this.pending || this.pending.requestId !== requestId) {
      return;
    }
    const { settle } = this.pending;
    this.pending = undefined;
    settle(result);
  }
}
