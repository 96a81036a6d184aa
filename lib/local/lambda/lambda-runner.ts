import { randomUUID } from 'node:crypto';

import { lambdaFunctionName } from '../aws-names';
import { LambdaFunctionResource } from '../assembly/stack-resources';
import { LambdaInvokeResult, ServiceError } from '../engine/types';
import { LocalLog } from '../log';
import { FunctionInstance, InstanceResult } from './function-instance';

/** Lambda's limit on a synchronous invocation's request payload, 6 MB. */
const MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;

export interface LambdaRunnerOptions {
  functions: LambdaFunctionResource[];
  /** The complete environment of a function's process: template variables plus local overrides. */
  environmentOf: (fn: LambdaFunctionResource) => Record<string, string>;
  log: LocalLog;
  /**
   * Maximum instances (child processes) of one function. Invocations beyond it
   * wait for an instance, where AWS would start another execution environment.
   * @default 4
   */
  maxInstancesPerFunction?: number;
}

const DEFAULT_MAX_INSTANCES = 4;

/** Lambda's limit on the init phase (loading the handler module), 10 seconds. */
const INIT_TIMEOUT_MILLISECONDS = 10_000;

/**
 * Runs Lambda functions from their bundled assets. Each function keeps a pool
 * of instances (child processes): an invocation takes an idle instance or
 * starts a new one, up to `maxInstancesPerFunction`, so invocations run
 * concurrently, and an instance that times out is killed without touching the
 * others. Past the maximum, invocations queue in arrival order.
 */
export class LambdaRunner {
  private readonly functions = new Map<string, LambdaFunctionResource>();
  private readonly instances = new Map<string, FunctionInstance[]>();
  private readonly waiting = new Map<string, ((handedOver?: FunctionInstance) => void)[]>();
  // An instance handed to a waiting invocation stays out of reach of new ones until that invocation runs.
  private readonly reserved = new Set<FunctionInstance>();

  constructor(private readonly options: LambdaRunnerOptions) {
    for (const fn of options.functions) {
      this.functions.set(fn.functionName, fn);
    }
  }

  /** Finds a function by name, full ARN or partial ARN. */
  find(nameOrArn: string): LambdaFunctionResource | undefined {
    return this.functions.get(lambdaFunctionName(nameOrArn));
  }

  list(): LambdaFunctionResource[] {
    return [...this.functions.values()];
  }

  /**
   * Invokes a function synchronously (RequestResponse). A handler error or a
   * timeout resolves with `functionError: 'Unhandled'`. An unknown function
   * or an oversized payload rejects with a ServiceError.
   */
  async invoke(nameOrArn: string, event: unknown, signal?: AbortSignal): Promise<LambdaInvokeResult> {
    const fn = this.find(nameOrArn);
    if (!fn) {
      throw new ServiceError('Lambda.ResourceNotFoundException', `Function not found: ${nameOrArn}`);
    }
    if (!fn.assetPath) {
      throw new ServiceError('Lambda.ServiceException', `Function ${fn.functionName} has no bundled asset folder to run locally.`);
    }
    const size = Buffer.byteLength(JSON.stringify(event ?? null));
    if (size > MAX_PAYLOAD_BYTES) {
      throw new ServiceError(
        'Lambda.RequestTooLargeException',
        `Request payload of ${size} bytes exceeds the limit of ${MAX_PAYLOAD_BYTES} bytes.`,
      );
    }

    const requestId = randomUUID();
    const source = `lambda:${fn.functionName}`;
    this.options.log.write(source, `START RequestId: ${requestId}`);
    const started = Date.now();

    const result = await this.runInInstance(fn, requestId, event, signal);

    this.options.log.write(source, `END RequestId: ${requestId} Duration: ${Date.now() - started} ms`);
    if (result.ok) {
      return { statusCode: 200, payload: result.payload, executedVersion: '$LATEST' };
    }
    return { statusCode: 200, payload: result.error, functionError: 'Unhandled', executedVersion: '$LATEST' };
  }

  /** Kills every instance of every function. */
  stop(): void {
    for (const pool of this.instances.values()) {
      pool.forEach((instance) => instance.kill());
    }
    this.instances.clear();
  }

  private async runInInstance(
    fn: LambdaFunctionResource,
    requestId: string,
    event: unknown,
    signal?: AbortSignal,
  ): Promise<InstanceResult> {
    const instance = await this.acquireInstance(fn, signal);
    try {
      await this.awaitInit(instance, signal);
    } catch (error) {
      this.reserved.delete(instance);
      this.wakeNextWaiting(fn);
      throw error;
    }
    this.reserved.delete(instance);
    if (!instance.alive) {
      this.wakeNextWaiting(fn);
      return {
        ok: false,
        error: {
          errorType: 'Runtime.ExitError',
          errorMessage: `RequestId: ${requestId} Error: Runtime exited during the init phase, or it took more than ${INIT_TIMEOUT_MILLISECONDS / 1000} seconds.`,
        },
      };
    }
    const timeoutMilliseconds = fn.timeoutSeconds * 1000;
    let timer: NodeJS.Timeout | undefined;
    let onAbort: (() => void) | undefined;

    const timedOut = new Promise<InstanceResult>((resolve) => {
      timer = setTimeout(() => {
        instance.kill();
        resolve({
          ok: false,
          error: {
            errorType: 'Sandbox.Timedout',
            errorMessage: `RequestId: ${requestId} Error: Task timed out after ${fn.timeoutSeconds.toFixed(2)} seconds`,
          },
        });
      }, timeoutMilliseconds);
    });
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => {
        instance.kill();
        reject(signal!.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    });

    try {
      return await Promise.race([instance.run({ requestId, event, timeoutMilliseconds }), timedOut, aborted]);
    } finally {
      clearTimeout(timer);
      if (onAbort) {
        signal?.removeEventListener('abort', onAbort);
      }
      this.wakeNextWaiting(fn);
    }
  }

  /**
   * Waits for the instance's init phase, which, as on Lambda, does not count
   * toward the function timeout. Rejects when the signal aborts.
   */
  private async awaitInit(instance: FunctionInstance, signal?: AbortSignal): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    let onAbort: (() => void) | undefined;
    const interrupted = new Promise<void>((resolve, reject) => {
      timer = setTimeout(() => {
        instance.kill();
        resolve();
      }, INIT_TIMEOUT_MILLISECONDS);
      onAbort = () => reject(signal!.reason);
      signal?.addEventListener('abort', onAbort, { once: true });
    });

    try {
      signal?.throwIfAborted();
      await Promise.race([instance.ready, interrupted]);
    } finally {
      clearTimeout(timer);
      if (onAbort) {
        signal?.removeEventListener('abort', onAbort);
      }
    }
  }

  /**
   * Takes an idle instance, starts one below the maximum, or waits for one to
   * free up. The instance comes back reserved, so that no other invocation
   * takes it before this one runs.
   */
  private async acquireInstance(fn: LambdaFunctionResource, signal?: AbortSignal): Promise<FunctionInstance> {
    for (;;) {
      signal?.throwIfAborted();
      const instance = this.idleInstance(fn);
      if (instance) {
        this.reserved.add(instance);
        return instance;
      }

      const handedOver = await new Promise<FunctionInstance | undefined>((resolve, reject) => {
        const queue = this.waiting.get(fn.functionName) ?? [];
        this.waiting.set(fn.functionName, queue);
        const onAbort = () => {
          queue.splice(queue.indexOf(wake), 1);
          reject(signal!.reason);
        };
        const wake = (freed?: FunctionInstance) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(freed);
        };
        queue.push(wake);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
      if (handedOver?.alive && !handedOver.busy) {
        return handedOver;
      }
      if (handedOver) {
        this.reserved.delete(handedOver);
      }
    }
  }

  /** Hands a freed instance, or the room to start one, to the oldest waiting invocation. */
  private wakeNextWaiting(fn: LambdaFunctionResource): void {
    const wake = this.waiting.get(fn.functionName)?.shift();
    if (!wake) {
      return;
    }
    const pool = this.instances.get(fn.functionName) ?? [];
    const idle = pool.find((instance) => instance.alive && !instance.busy && !this.reserved.has(instance));
    if (idle) {
      this.reserved.add(idle);
    }
    wake(idle);
  }

  private idleInstance(fn: LambdaFunctionResource): FunctionInstance | undefined {
    const pool = this.instances.get(fn.functionName) ?? [];
    this.instances.set(fn.functionName, pool);

    const idle = pool.find((instance) => instance.alive && !instance.busy && !this.reserved.has(instance));
    if (idle) {
      return idle;
    }
    const maxInstances = this.options.maxInstancesPerFunction ?? DEFAULT_MAX_INSTANCES;
    if (pool.filter((instance) => instance.alive).length >= maxInstances) {
      return undefined;
    }

    const instance = new FunctionInstance(fn, this.options.environmentOf(fn), this.options.log, (exited) => {
      const index = pool.indexOf(exited);
      if (index !== -1) {
        pool.splice(index, 1);
      }
    });
    pool.push(instance);
    return instance;
  }
}
