import type { Command } from 'commander';

import { DEFAULT_PORTS } from '../../local/runtime-ports';

/** Adds the options that choose the local runtime or AWS, and `--json`. */
export function addConnectionOptions(command: Command): Command {
  return command
    .option('--json', 'print the result as JSON')
    .option('--aws', 'send the requests to AWS with the default credential chain and region, instead of the local runtime')
    .option('--assembly <dir>', 'cloud assembly that the local runtime runs, read for the workflow catalog', 'cdk.out')
    .option(
      '--stepfunctions-endpoint <url>',
      `Step Functions endpoint of the local runtime (default: AWS_ENDPOINT_URL_SFN or http://127.0.0.1:${DEFAULT_PORTS.stepFunctions})`,
    )
    .option(
      '--dynamodb-endpoint <url>',
      `DynamoDB endpoint of the local runtime (default: AWS_ENDPOINT_URL_DYNAMODB or http://127.0.0.1:${DEFAULT_PORTS.dynamodb})`,
    )
    .option(
      '--api-endpoint <url>',
      `API Gateway endpoint of the local runtime, used in approval links (default: AWS_ENDPOINT_URL_API_GATEWAY or http://127.0.0.1:${DEFAULT_PORTS.apiGateway})`,
    )
    .option('--control-function <name>', 'with --aws: name of the deployed control API function (default: SIROCCO_CONTROL_FUNCTION, or the only function described as the Sirocco control API)')
    .option('--approvals-url <url>', 'base URL of the approval pages, for the links that status prints');
}
