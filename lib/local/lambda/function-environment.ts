import { LambdaFunctionResource } from '../assembly/stack-resources';
import { AwsLocation } from '../aws-names';

/** Base URLs of the local services, as the AWS SDK's `AWS_ENDPOINT_URL_<SERVICE>` variables take them. */
export interface ServiceEndpoints {
  stepFunctions: string;
  lambda: string;
  dynamodb: string;
  /** Serves both the SNS Query API and the SES v2 REST API. */
  outbox: string;
  /** Endpoint for every other AWS service, so that no SDK client reaches AWS. */
  fallback: string;
}

export interface FunctionEnvironmentOptions {
  endpoints: ServiceEndpoints;
  location: AwsLocation;
  /** Folder of modules the runtime provides, such as the AWS SDK (see `prepareProvidedSdk`). */
  nodePath?: string;
  overrides?: Record<string, string>;
}

/**
 * Builds the whole environment of a function's process: the template's
 * variables, then the Lambda runtime's reserved variables, the local
 * endpoints, dummy credentials and the AWS SDK's settings, then the
 * caller's overrides. Nothing is
 * inherited from the runtime's own environment, so real credentials never
 * reach a handler.
 */
export function functionEnvironment(fn: LambdaFunctionResource, options: FunctionEnvironmentOptions): Record<string, string> {
  const { endpoints, location } = options;
  const nodePath: Record<string, string> = options.nodePath ? { NODE_PATH: options.nodePath } : {};

  return {
    ...fn.environment,
    AWS_LAMBDA_FUNCTION_NAME: fn.functionName,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memorySize),
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${fn.functionName}`,
    AWS_EXECUTION_ENV: `AWS_Lambda_${fn.runtime}`,
    LAMBDA_TASK_ROOT: fn.assetPath ?? '',
    _HANDLER: fn.handler,
    ...nodePath,
    TZ: 'UTC',
    AWS_REGION: location.region,
    AWS_DEFAULT_REGION: location.region,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_SESSION_TOKEN: 'test',
    AWS_EC2_METADATA_DISABLED: 'true',
    // The SDK warns about Node.js versions older than the one its next releases require, once per function instance.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    AWS_ENDPOINT_URL: endpoints.fallback,
    AWS_ENDPOINT_URL_SFN: endpoints.stepFunctions,
    AWS_ENDPOINT_URL_LAMBDA: endpoints.lambda,
    AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
    AWS_ENDPOINT_URL_SNS: endpoints.outbox,
    AWS_ENDPOINT_URL_SESV2: endpoints.outbox,
    ...options.overrides,
  };
}
