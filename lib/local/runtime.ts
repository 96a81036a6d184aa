import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import * as path from 'node:path';

import { startApiGatewayServer } from './apigateway/api-gateway-server';
import { apiUrlRewriter } from './api-url-rewrite';
import { readAssembly } from './assembly/read-assembly';
import { mergeStacks, reportAssembly } from './assembly/merge-stacks';
import { LambdaFunctionResource, StackResources } from './assembly/stack-resources';
import { AwsLocation, LOCAL_LOCATION } from './aws-names';
import { clientEnvironment, RuntimeUrls } from './client-environment';
import { lockDataFolder } from './data-folder-lock';
import { deployStateMachines } from './deploy-state-machines';
import { createTables } from './dynamodb/create-tables';
import { startDynalite } from './dynamodb/dynalite-server';
import { scheduleTtlSweep } from './dynamodb/ttl-sweeper';
import { Engine } from './engine/engine';
import { DeadLetterQueues } from './events/dead-letter-queues';
import { LocalEventBus } from './events/event-bus';
import { LoopbackServer } from './http/loopback-server';
import { functionEnvironment, ServiceEndpoints } from './lambda/function-environment';
import { startLambdaApiServer } from './lambda/invoke-api-server';
import { prepareProvidedSdk } from './lambda/provided-sdk';
import { LambdaRunner } from './lambda/lambda-runner';
import { createLocalServices } from './local-services';
import { createLocalLog, errorMessage, LocalLog } from './log';
import { Outbox } from './outbox/outbox';
import { startOutboxServer } from './outbox/outbox-server';
import { LocalSns } from './outbox/sns-publish';
import { resolvePorts, RuntimePorts } from './runtime-ports';
import { startStepFunctionsApiServer } from './stepfunctions/step-functions-api-server';
import { LocalScheduler } from './scheduler/local-scheduler';
import { SystemClock } from './engine/clock';
import type { Clock } from './engine/types';

export type { RuntimeUrls } from './client-environment';

/** How often expired DynamoDB items are deleted by default, in milliseconds. */
const DEFAULT_TTL_SWEEP_MILLISECONDS = 60_000;

export interface RuntimeOptions {
  /** The cloud assembly folder that `cdk synth` wrote, usually `cdk.out`. */
  assemblyDir: string;
  /** Folder for DynamoDB data, engine checkpoints, the outbox, the dead letters and the logs, usually `.sirocco`. */
  dataDir: string;
  /** Ports to listen on. 0 gives every service a free port, and 0 in one entry gives that service one. @default DEFAULT_PORTS */
  ports?: Partial<RuntimePorts> | 0;
  /** Extra environment variables for every function, or per function. Applied last. */
  environmentOverrides?: Record<string, string> | ((fn: LambdaFunctionResource) => Record<string, string>);
  /** @default the console, plus `<dataDir>/runtime.log` */
  log?: LocalLog;
  location?: AwsLocation;
  /** Retries of EventBridge deliveries to Lambda targets. */
  eventDelivery?: { maxAttempts?: number; retryDelayMilliseconds?: number };
  /** Interval of the DynamoDB TTL sweep in milliseconds, where 0 disables it. @default 60000 */
  ttlSweepMilliseconds?: number;
  /** Maximum child processes per Lambda function; more invocations queue. @default 4 */
  maxInstancesPerFunction?: number;
  /** Clock of the EventBridge Scheduler schedules, so that tests can fire them without waiting. @default the system clock */
  schedulerClock?: Clock;
}

export interface LocalRuntime {
  urls: RuntimeUrls;
  /** `AWS_ENDPOINT_URL_*`, dummy credentials and region, for AWS SDK clients outside the functions. */
  clientEnvironment: Record<string, string>;
  stacks: StackResources[];
  /** State machine name → ARN. */
  stateMachines: Record<string, string>;
  engine: Engine;
  lambda: LambdaRunner;
  outbox: Outbox;
  events: LocalEventBus;
  /** Events that rule targets with a dead-letter queue failed on, also appended to `<dataDir>/dead-letters.jsonl`. */
  deadLetterQueues: DeadLetterQueues;
  /** Fires the template's EventBridge Scheduler schedules. */
  scheduler: LocalScheduler;
  log: LocalLog;
  /** Stops every server and function instance. Running executions stay checkpointed for the next start. */
  stop(): Promise<void>;
}

/**
 * Starts the local equivalents of everything the assembly's stacks declare.
 * These are DynamoDB tables in dynalite, Lambda functions from their assets,
 * the SNS and SES outbox, EventBridge rules, API Gateway routes, and the
 * state machines in the engine behind a Step Functions API.
 */
export async function startRuntime(options: RuntimeOptions): Promise<LocalRuntime> {
  const location = options.location ?? LOCAL_LOCATION;
  const log = options.log ?? createLocalLog({ file: path.join(options.dataDir, 'runtime.log') });
  const ports = resolvePorts(options.ports);
  const stacks = readAssembly(options.assemblyDir, location);
  const resources = mergeStacks(stacks);
  const cleanup: (() => Promise<void> | void)[] = [lockDataFolder(options.dataDir)];
  reportAssembly(stacks, log);

  try {
    const dynalite = track(cleanup, await startDynalite({ dataDir: path.join(options.dataDir, 'dynamodb'), port: ports.dynamodb }));
    const dynamodb = new DynamoDBClient({
      endpoint: dynalite.url,
      region: location.region,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    cleanup.push(() => dynamodb.destroy());
    const created = await createTables(dynamodb, resources.tables, options.dataDir);
    log.write('runtime', `DynamoDB on ${dynalite.url}: ${resources.tables.length} tables, ${created.length} created.`);

    const endpoints: ServiceEndpoints = { stepFunctions: '', lambda: '', dynamodb: dynalite.url, outbox: '', fallback: '' };
    let rewriteApiUrls = (value: string) => value;
    const nodePath = prepareProvidedSdk(path.join(options.dataDir, 'lambda-runtime'));
    const lambda = new LambdaRunner({
      functions: resources.functions,
      environmentOf: (fn) => {
        const environment = functionEnvironment(fn, { endpoints, location, nodePath, overrides: overridesFor(options, fn) });
        return rewriteEnvironment(environment, rewriteApiUrls);
      },
      log,
      maxInstancesPerFunction: options.maxInstancesPerFunction,
    });
    cleanup.push(() => lambda.stop());

    const outbox = new Outbox(log, path.join(options.dataDir, 'outbox.jsonl'));
    const sns = new LocalSns(resources.topics, outbox, log, async (arn, event) => lambda.invoke(arn, event));
    const deadLetterQueues = new DeadLetterQueues(path.join(options.dataDir, 'dead-letters.jsonl'));
    const events = new LocalEventBus({
      rules: resources.eventRules,
      log,
      deliver: (arn, input) => invokeOrThrow(lambda, arn, input),
      deadLetterQueues,
      ...options.eventDelivery,
    });

    const lambdaServer = track(cleanup, await startLambdaApiServer(lambda, log, ports.lambda));
    const outboxServer = track(cleanup, await startOutboxServer(sns, outbox, log, ports.outbox));
    endpoints.lambda = lambdaServer.url;
    endpoints.fallback = lambdaServer.url;
    endpoints.outbox = outboxServer.url;
    // Runs after the engine closes and before these servers close, because deliveries may call them.
    cleanup.push(() => events.settled());

    const engine = new Engine({
      dataDir: path.join(options.dataDir, 'engine'),
      services: createLocalServices({ lambda, sns, outbox, dynamodb }),
      region: location.region,
      accountId: location.accountId,
      onStatusChange: (event) => {
        events.put(event as unknown as Record<string, unknown>);
      },
    });
    cleanup.push(() => engine.close());

    // Every endpoint must be known before the engine starts, because resumed executions invoke functions at once.
    const stepFunctionsServer = track(cleanup, await startStepFunctionsApiServer(engine, log, ports.stepFunctions));
    endpoints.stepFunctions = stepFunctionsServer.url;
    const apiGatewayServer = track(
      cleanup,
      await startApiGatewayServer(resources.restApis, (name, event) => lambda.invoke(name, event), { log, location, port: ports.apiGateway }),
    );
    rewriteApiUrls = apiUrlRewriter(resources.restApis, location, apiGatewayServer.url);

    await engine.start();
    const stateMachines = await deployStateMachines(engine, resources.stateMachines);

    const scheduler = new LocalScheduler({
      schedules: resources.schedules ?? [],
      clock: options.schedulerClock ?? new SystemClock(),
      startExecution: async (stateMachineArn, input) => String((await engine.call('StartExecution', { stateMachineArn, input })).executionArn),
      log,
    });
    scheduler.start();
    cleanup.push(() => scheduler.stop());

    const sweep = scheduleTtlSweep(dynamodb, resources.tables, log, options.ttlSweepMilliseconds ?? DEFAULT_TTL_SWEEP_MILLISECONDS);
    cleanup.push(() => clearInterval(sweep));
    // Deliveries in flight call the Step Functions API (the history recorder reads the execution), so they finish before it closes.
    cleanup.push(() => events.settled());

    const urls: RuntimeUrls = {
      stepFunctions: stepFunctionsServer.url,
      lambda: lambdaServer.url,
      dynamodb: dynalite.url,
      outbox: outboxServer.url,
      apiGateway: apiGatewayServer.url,
    };
    log.write('runtime', `Started ${Object.keys(stateMachines).length} state machines and ${resources.functions.length} functions.`);

    return {
      urls,
      clientEnvironment: clientEnvironment(urls, location),
      stacks,
      stateMachines,
      engine,
      lambda,
      outbox,
      events,
      deadLetterQueues,
      scheduler,
      log,
      stop: () => runCleanup(cleanup, log),
    };
  } catch (error) {
    await runCleanup(cleanup, log);
    throw error;
  }
}

function track(cleanup: (() => Promise<void> | void)[], server: LoopbackServer): LoopbackServer {
  cleanup.push(() => server.close());
  return server;
}

/** Runs the cleanup steps in reverse order of start. A failing step is logged, and the others still run. */
async function runCleanup(cleanup: (() => Promise<void> | void)[], log: LocalLog): Promise<void> {
  while (cleanup.length > 0) {
    const step = cleanup.pop()!;
    try {
      await step();
    } catch (error) {
      log.write('runtime', `A shutdown step failed: ${errorMessage(error)}`);
    }
  }
}

async function invokeOrThrow(lambda: LambdaRunner, functionArn: string, input: unknown): Promise<void> {
  const result = await lambda.invoke(functionArn, input);
  if (result.functionError) {
    const payload = result.payload as { errorType?: string; errorMessage?: string };
    throw new Error(`${payload.errorType}: ${payload.errorMessage}`);
  }
}

function overridesFor(options: RuntimeOptions, fn: LambdaFunctionResource): Record<string, string> {
  const overrides = options.environmentOverrides;
  return typeof overrides === 'function' ? overrides(fn) : (overrides ?? {});
}

function rewriteEnvironment(environment: Record<string, string>, rewrite: (value: string) => string): Record<string, string> {
  return Object.fromEntries(Object.entries(environment).map(([name, value]) => [name, rewrite(value)]));
}
