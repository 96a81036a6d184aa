import { Command, InvalidArgumentError } from 'commander';

import { errorMessage } from '../../local/log';
import { DEFAULT_PORTS, RuntimePorts } from '../../local/runtime-ports';
import { serve } from '../../local/serve';
import { DEFAULT_ACCOUNTING_PORT, DEFAULT_BONUS_PORT, startSampleSystems } from '../../samples/sample-systems';
import { sampleSystemOverrides, type SampleSystemOverrides } from '../../samples/system-url-overrides';
import { DEFAULT_WEB_PORT } from '../../web/web-view';
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
    .action(async (options: StartOptions) => {
      const ports: RuntimePorts = {
        stepFunctions: options.stepfunctionsPort,
        lambda: options.lambdaPort,
        dynamodb: options.dynamodbPort,
        outbox: options.outboxPort,
        apiGateway: options.apiPort,
      };
      try {
        let overrides: SampleSystemOverrides | undefined;
        if (options.samples) {
          const systems = await startSampleSystems({ accountingPort: options.accountingPort, bonusPort: options.bonusPort });
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
        output.stderr(`error: ${errorMessage(error)}\n`);
        setExitCode(START_FAILED);
      }
    });
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new InvalidArgumentError(`'${value}' is not a valid port. Use an integer from 0 to 65535.`);
  }
  return port;
}
