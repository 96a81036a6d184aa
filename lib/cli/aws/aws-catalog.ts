import {
  GetFunctionConfigurationCommand,
  paginateListFunctions,
  type FunctionConfiguration,
  type LambdaClient,
} from '@aws-sdk/client-lambda';

import { CONTROL_FUNCTION_DESCRIPTION } from '../../cdk/control-function-description';
import { UsageError } from '../exit-codes';
import { catalogFromEnvironment, type ControlCatalog } from './catalog';

/**
 * Reads the catalog from the environment of the deployed control API function:
 * the one named, or else the only function of the account and region that the
 * ControlApi construct describes as the control API.
 */
export async function readAwsCatalog(lambda: LambdaClient, functionName: string | undefined): Promise<ControlCatalog> {
  const configuration = functionName
    ? await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: functionName }))
    : await findControlFunction(lambda);

  return catalogFromEnvironment(configuration.Environment?.Variables ?? {}, `function ${configuration.FunctionName}`);
}

async function findControlFunction(lambda: LambdaClient): Promise<FunctionConfiguration> {
  const found: FunctionConfiguration[] = [];
  for await (const page of paginateListFunctions({ client: lambda }, {})) {
    found.push(...(page.Functions ?? []).filter((fn) => fn.Description === CONTROL_FUNCTION_DESCRIPTION));
  }
  const region = await lambda.config.region();

  if (found.length === 0) {
    throw new UsageError(
      `No Lambda function in ${region} is described as "${CONTROL_FUNCTION_DESCRIPTION}": deploy the Sirocco stack to this region, ` +
        'or pass --control-function NAME or set SIROCCO_CONTROL_FUNCTION.',
    );
  }
  if (found.length > 1) {
    const names = found.map((fn) => fn.FunctionName).join(', ');
    throw new UsageError(
      `Several Sirocco control API functions are deployed in ${region} (${names}): ` +
        'choose one with --control-function NAME or SIROCCO_CONTROL_FUNCTION.',
    );
  }
  return found[0];
}
