import * as path from 'node:path';

import { errorMessage, type LocalLog } from './log';
import { LocalRuntime, startRuntime, type RuntimeOptions } from './runtime';
import type { ScheduleResource } from './scheduler/read-schedules';
import { RuntimePorts } from './runtime-ports';
import { synthesize } from './synthesize';
import { attachWebView, webViewPortFor } from '../web/web-view';

export interface ServeOptions {
  projectDir: string;
  /** @default `<projectDir>/cdk.out` */
  assemblyDir?: string;
  /** @default `<projectDir>/.sirocco` */
  dataDir?: string;
  /** Run `cdk synth` before starting. */
  synth: boolean;
  ports?: Partial<RuntimePorts>;
  /** Port of the web view. @default 4715, or 0 when every runtime port is 0 */
  webPort?: number;
  /** Writes one line of the banner and shutdown messages. @default console.log */
  print?: (line: string) => void;
  /** The runtime's log. @default the console, plus `<dataDir>/runtime.log` */
  log?: LocalLog;
  /** Extra environment variables for every function, or per function, passed to `startRuntime`. */
  environmentOverrides?: RuntimeOptions['environmentOverrides'];
}

/**
 * Runs the local runtime as a long-lived server: synthesizes the app when
 * asked, starts every service, prints the URLs, and stops cleanly on SIGINT
 * or SIGTERM. A second signal exits at once.
 */
export async function serve(options: ServeOptions): Promise<LocalRuntime> {
  const assemblyDir = path.resolve(options.projectDir, options.assemblyDir ?? 'cdk.out');
  const dataDir = path.resolve(options.projectDir, options.dataDir ?? '.sirocco');
  const print = options.print ?? ((line: string) => console.log(line));

  if (options.synth) {
    print(`Synthesizing the app into ${assemblyDir} ...`);
    await synthesize(options.projectDir, assemblyDir);
  }
  const runtime = await startRuntime({
    assemblyDir,
    dataDir,
    ports: options.ports,
    log: options.log,
    environmentOverrides: options.environmentOverrides,
  });
  const webViewUrl = await attachWebView(runtime, { dataDir, port: options.webPort ?? webViewPortFor(options.ports) });
  print(describeRuntime(runtime, dataDir, webViewUrl));

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      print(`Received ${signal} again, so the runtime exits without waiting for the shutdown.`);
      process.exit(1);
    }
    stopping = true;
    print(`Received ${signal}; stopping the local runtime. Running executions resume at the next start.`);
    runtime.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        print(`Shutdown failed: ${errorMessage(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return runtime;
}

/** Formats the startup banner: service URLs, state machines and the variables for AWS SDK clients. */
export function describeRuntime(runtime: LocalRuntime, dataDir: string, webViewUrl?: string): string {
  const { urls } = runtime;
  const stages = runtime.stacks.flatMap((stack) => stack.restApis.map((api) => `${urls.apiGateway}/${api.stageNames[0] ?? ''}`));

  return [
    'Sirocco local runtime is running. Press Ctrl+C to stop.',
    ...(webViewUrl ? [`  Web view        ${webViewUrl}`] : []),
    `  Step Functions  ${urls.stepFunctions}`,
    `  Lambda          ${urls.lambda}`,
    `  DynamoDB        ${urls.dynamodb}`,
    `  SNS and SES     ${urls.outbox}`,
    `  API Gateway     ${stages.length > 0 ? stages.join(', ') : urls.apiGateway}`,
    `  State machines  ${Object.keys(runtime.stateMachines).join(', ') || '(none)'}`,
    ...describeSchedules(runtime.scheduler.active),
    `  Data folder     ${dataDir}`,
    'For the AWS CLI or SDK and the sirocco execution commands, set:',
    ...Object.entries(runtime.clientEnvironment).map(([name, value]) => `  export ${name}=${value}`),
    // The execution commands read this variable to build approval links. An SDK client for API Gateway would send its management calls there.
    `  export AWS_ENDPOINT_URL_API_GATEWAY=${urls.apiGateway}`,
  ].join('\n');
}

/** Formats one banner line per schedule that fires, such as `monthly-salary-polling  rate(1 minute) UTC`. */
function describeSchedules(schedules: readonly ScheduleResource[]): string[] {
  return schedules.map((schedule, index) => {
    const label = index === 0 ? 'Schedules       ' : '                ';
    return `  ${label}${schedule.name}  ${schedule.expression} ${schedule.timezone}`;
  });
}
