import { GetFunctionConfigurationCommand, type LambdaClient } from '@aws-sdk/client-lambda';

import { catalogFromEnvironment, type ControlCatalog } from './catalog';

/** Reads the catalog from the environment of the deployed control API function. */
export async function readAwsCatalog(lambda: LambdaClient, functionName: string): Promise<ControlCatalog> {
  const configuration = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: functionName }));
  // TODO: find the control function by its description when no name is given. No test runs --aws.
  return catalogFromEnvironment(configuration.Environment?.Variables ?? {}, `function ${functionName}`);
}
