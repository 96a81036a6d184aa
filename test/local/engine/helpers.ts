import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { FakeClock } from '../../../lib/local/engine/clock';
import { Engine } from '../../../lib/local/engine/engine';
import type { ExecutionStatusChangeEvent, LambdaInvokeResult, LocalServices } from '../../../lib/local/engine/types';

export const roleArn = 'arn:aws:iam::000000000000:role/sirocco-test';

export type LambdaHandler = (payload: unknown, signal: AbortSignal) => Promise<LambdaInvokeResult> | LambdaInvokeResult;

/** A LocalServices double: each call is recorded, and Lambda functions are plain handlers by name. */
export class FakeServices implements LocalServices {
  readonly calls: { service: string; target: string; request: unknown }[] = [];
  readonly functions = new Map<string, LambdaHandler>();

  async invokeLambda(functionName: string, payload: unknown, signal: AbortSignal): Promise<LambdaInvokeResult> {
    this.calls.push({ service: 'lambda', target: functionName, request: payload });
    const handler = this.functions.get(functionName);
    if (handler === undefined) {
      return { statusCode: 200, payload: { errorType: 'ResourceNotFound', errorMessage: `No function ${functionName}` }, functionError: 'Unhandled' };
    }
    return handler(payload, signal);
  }

  async snsPublish(request: Record<string, unknown>): Promise<{ MessageId: string }> {
    this.calls.push({ service: 'sns', target: 'Publish', request });
    return { MessageId: `message-${this.calls.length}` };
  }

  async sesSendEmail(request: Record<string, unknown>): Promise<{ MessageId: string }> {
    this.calls.push({ service: 'ses', target: 'SendEmail', request });
    return { MessageId: `email-${this.calls.length}` };
  }

  async dynamodb(operation: string, request: Record<string, unknown>): Promise<Record<string, unknown>> {
    this.calls.push({ service: 'dynamodb', target: operation, request });
    return operation === 'GetItem' ? { Item: { pk: { S: 'k' } } } : {};
  }
}

/** Returns a handler result as the Lambda runner reports a successful invocation. */
export function ok(payload: unknown): LambdaInvokeResult {
  return { statusCode: 200, payload, executedVersion: '$LATEST' };
}

/** Returns a handler result as the Lambda runner reports a thrown error. */
export function thrown(errorType: string, errorMessage: string): LambdaInvokeResult {
  return { statusCode: 200, payload: { errorType, errorMessage, trace: [] }, functionError: 'Unhandled' };
}

/** Waits for the engine's background work until `condition` holds, polling at most `maxPolls` times. */
export async function waitFor(condition: () => boolean | Promise<boolean>, what = 'condition', maxPolls = 5000): Promise<void> {
  for (let i = 0; i < maxPolls; i++) {
    if (await condition()) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  throw new Error(`Gave up waiting for ${what}.`);
}

export interface TestEngine {
  engine: Engine;
  clock: FakeClock;
  services: FakeServices;
  events: ExecutionStatusChangeEvent[];
  dataDir: string;
  cleanup(): Promise<void>;
}

export async function startTestEngine(dataDir = mkdtempSync(path.join(tmpdir(), 'sirocco-engine-')), services = new FakeServices()): Promise<TestEngine> {
  const clock = new FakeClock();
  const events: ExecutionStatusChangeEvent[] = [];
  const engine = new Engine({ dataDir, services, clock, onStatusChange: (event) => void events.push(event) });
  await engine.start();
  return {
    engine,
    clock,
    services,
    events,
    dataDir,
    async cleanup() {
      await engine.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Wraps states in a JSONata-mode definition string. */
export function definition(startAt: string, states: Record<string, unknown>, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ QueryLanguage: 'JSONata', StartAt: startAt, States: states, ...extra });
}

export async function createMachine(engine: Engine, name: string, text: string): Promise<string> {
  const response = await engine.call('CreateStateMachine', { name, definition: text, roleArn });
  return response.stateMachineArn as string;
}

export async function start(engine: Engine, machineArn: string, input: unknown = {}, name?: string): Promise<string> {
  const response = await engine.call('StartExecution', { stateMachineArn: machineArn, input: JSON.stringify(input), ...(name ? { name } : {}) });
  return response.executionArn as string;
}

export async function describe(engine: Engine, executionArn: string): Promise<Record<string, unknown>> {
  return engine.call('DescribeExecution', { executionArn });
}

/** Waits until the execution is no longer RUNNING and returns DescribeExecution's response. */
export async function finished(engine: Engine, executionArn: string): Promise<Record<string, unknown>> {
  let description: Record<string, unknown> = {};
  await waitFor(async () => {
    description = await describe(engine, executionArn);
    return description.status !== 'RUNNING';
  }, `execution ${executionArn} to finish`);
  return description;
}

/** Runs a one-off state machine to its end and returns DescribeExecution's response. */
export async function runMachine(test: TestEngine, text: string, input: unknown = {}): Promise<Record<string, unknown>> {
  const name = `m${Math.random().toString(36).slice(2, 10)}`;
  const arn = await createMachine(test.engine, name, text);
  return finished(test.engine, await start(test.engine, arn, input));
}

export async function history(engine: Engine, executionArn: string): Promise<Record<string, unknown>[]> {
  const response = await engine.call('GetExecutionHistory', { executionArn, maxResults: 1000 });
  return response.events as Record<string, unknown>[];
}

export async function eventTypes(engine: Engine, executionArn: string): Promise<string[]> {
  return (await history(engine, executionArn)).map((event) => event.type as string);
}

/** Returns the task token that a callback handler received, once it has been invoked. */
export async function tokenSentTo(services: FakeServices, functionName: string): Promise<string> {
  await waitFor(() => services.calls.some((call) => call.target === functionName), `a call of ${functionName}`);
  const call = services.calls.find((candidate) => candidate.target === functionName)!;
  return (call.request as { token: string }).token;
}
