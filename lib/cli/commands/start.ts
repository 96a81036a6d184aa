import { Command, InvalidArgumentError } from 'commander';

import { errorMessage } from '../../local/log';
import { DEFAULT_PORTS, RuntimePorts } from '../../local/runtime-ports';
import { serve } from '../../local/serve';
import {
  DEFAULT_ACCOUNTING_PORT,
  DEFAULT_BONUS_PORT,
  SamplePortInUseError,
  startSampleSystems,
  type SampleSystems,
} from '../../samples/sample-systems';
import { sampleSystemOverrides, type SampleSystemOverrides } from '../../samples/system-url-overrides';
import { DEFAULT_WEB_PORT, webViewPortFor } from '../../web/web-view';
import { UsageError } from '../exit-codes';
import type { CliOutput } from '../output';

/** Exit code when the runtime cannot start, the same value as a failed compile. */
const START_FAILED = 1;

interface StartOptions {
  synth: boolean;
  assembly: string;
  data: string;
  stepfunctionsPort: number;
  lambdaPort: number;
  dynamodbPort: number;
  outboxPort: number;
  apiPort: number;
  webPort?: number;
  samples: boolean;
  accountingPort: number;
  bonusPort: number;
}

/** Registers `sirocco start`, which runs the synthesized app on the local runtime until SIGINT or SIGTERM. */
export function registerStart(program: Command, output: CliOutput, setExitCode: (code: number) => void): void {
  program
    .command('start')
    .description('Run the synthesized app offline: Step Functions, Lambda, DynamoDB, SNS/SES outbox, EventBridge and API Gateway on 127.0.0.1.')
    .option('--no-synth', 'run the existing cloud assembly instead of running cdk synth first')
    .option('--assembly <dir>', 'cloud assembly folder written by cdk synth', 'cdk.out')
    .option('--data <dir>', 'folder for DynamoDB data, execution checkpoints, the outbox and logs', '.sirocco')
    .option('--stepfunctions-port <port>', 'port of the Step Functions API (0 picks a free port)', parsePort, DEFAULT_PORTS.stepFunctions)
    .option('--lambda-port <port>', 'port of the Lambda Invoke API', parsePort, DEFAULT_PORTS.lambda)
    .option('--dynamodb-port <port>', 'port of DynamoDB (dynalite)', parsePort, DEFAULT_PORTS.dynamodb)
    .option('--outbox-port <port>', 'port of SNS Publish and SES v2 SendEmail', parsePort, DEFAULT_PORTS.outbox)
    .option('--api-port <port>', 'port of the API Gateway routes', parsePort, DEFAULT_PORTS.apiGateway)
    .option('--no-samples', 'leave out the sample accounting and bonus systems, and call the system URLs of cdk.json')
    .option(
      '--accounting-port <port>',
      'port of the sample accounting system (0 picks a free port), which the accounting actions call in place of their cdk.json URL',
      parsePort,
      DEFAULT_ACCOUNTING_PORT,
    )
    .option(
      '--bonus-port <port>',
      'port of the sample bonus system (0 picks a free port), which the bonus actions call in place of their cdk.json URL',
      parsePort,
      DEFAULT_BONUS_PORT,
    )
    .option('--web-port <port>', `port of the web view (default ${DEFAULT_WEB_PORT}, or a free port when every other port is 0)`, parsePort)
    .action(async (options: StartOptions, command: Command) => {
      const ports: RuntimePorts = {
        stepFunctions: options.stepfunctionsPort,
        lambda: options.lambdaPort,
        dynamodb: options.dynamodbPort,
        outbox: options.outboxPort,
        apiGateway: options.apiPort,
      };
      checkSamplePortOptions(options, command);
      checkDistinctPorts(options, command, ports);

      let systems: SampleSystems | undefined;
      try {
        let overrides: SampleSystemOverrides | undefined;
        if (options.samples) {
          systems = await startSampleSystems({ accountingPort: options.accountingPort, bonusPort: options.bonusPort });
          output.stdout(`Sample systems: accounting ${systems.accountingUrl}, bonus ${systems.bonusUrl}\n`);
          overrides = sampleSystemOverrides(systems);
        }
        const runtime = await serve({
          projectDir: process.cwd(),
          assemblyDir: options.assembly,
          dataDir: options.data,
          synth: options.synth,
          ports,
          webPort: options.webPort,
          environmentOverrides: overrides?.environmentOf,
          print: (line) => output.stdout(`${line}\n`),
        });
        const replaced = overrides?.describe(runtime.stacks.flatMap((resources) => resources.functions));
        if (replaced) output.stdout(`${replaced}\n`);
      } catch (error) {
        // The sample servers would keep the process alive after a runtime that failed to start.
        await systems?.stop();
        output.stderr(`error: ${startErrorMessage(error)}\n`);
        setExitCode(START_FAILED);
      }
    });
}

/** Rejects a sample port option next to --no-samples, which would leave it unused. */
function checkSamplePortOptions(options: StartOptions, command: Command): void {
  if (options.samples) return;

  const givenOptions = [
    ['accountingPort', '--accounting-port'],
    ['bonusPort', '--bonus-port'],
  ].flatMap(([key, option]) => (command.getOptionValueSource(key) === 'cli' ? [option] : []));
  if (givenOptions.length === 0) return;

  const names = givenOptions.join(' and ');
  throw new UsageError(
    `${names} ${givenOptions.length === 1 ? 'has' : 'have'} no effect with --no-samples, which leaves out the sample systems. ` +
      `Remove ${names}, or remove --no-samples to start the sample systems on those ports.`,
  );
}

/**
 * Rejects two options that give the same fixed port, defaults included, which
 * would otherwise fail at the second bind with a bare EADDRINUSE.
 */
function checkDistinctPorts(options: StartOptions, command: Command, runtimePorts: RuntimePorts): void {
  const label = (key: string, option: string) => (command.getOptionValueSource(key) === 'cli' ? option : `${option} (default)`);
  const ports: [string, number][] = [
    [label('stepfunctionsPort', '--stepfunctions-port'), options.stepfunctionsPort],
    [label('lambdaPort', '--lambda-port'), options.lambdaPort],
    [label('dynamodbPort', '--dynamodb-port'), options.dynamodbPort],
    [label('outboxPort', '--outbox-port'), options.outboxPort],
    [label('apiPort', '--api-port'), options.apiPort],
    [label('webPort', '--web-port'), options.webPort ?? webViewPortFor(runtimePorts)],
  ];
  if (options.samples) {
    ports.push([label('accountingPort', '--accounting-port'), options.accountingPort]);
    ports.push([label('bonusPort', '--bonus-port'), options.bonusPort]);
  }

  const optionByPort = new Map<number, string>();
  for (const [option, port] of ports) {
    if (port === 0) continue;
    const earlier = optionByPort.get(port);
    if (earlier) {
      throw new UsageError(`${earlier} and ${option} both use port ${port}: give each option its own port, or 0 to pick a free one.`);
    }
    optionByPort.set(port, option);
  }
}

/** Returns the message of a failed start, with --no-samples as one more fix for a busy sample port. */
function startErrorMessage(error: unknown): string {
  if (error instanceof SamplePortInUseError) {
    return (
      `Port ${error.port} on 127.0.0.1 (${error.option}) is already in use, so the sample ${error.system} system cannot start. ` +
      `Stop the process that uses it, choose another port with ${error.option} (0 picks a free port), ` +
      'or pass --no-samples to call the system URLs of cdk.json.'
    );
  }
  return errorMessage(error);
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new InvalidArgumentError(`'${value}' is not a valid port. Use an integer from 0 to 65535.`);
  }
  return port;
}
