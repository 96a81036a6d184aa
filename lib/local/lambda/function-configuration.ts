import type { LambdaFunctionResource } from '../assembly/stack-resources';

/** A function's configuration as GetFunctionConfiguration and ListFunctions return it. */
export function functionConfiguration(fn: LambdaFunctionResource): Record<string, unknown> {
  return {
    FunctionName: fn.functionName,
    FunctionArn: fn.arn,
    Runtime: fn.runtime,
    Handler: fn.handler,
    Timeout: fn.timeoutSeconds,
    MemorySize: fn.memorySize,
    Description: fn.description ?? '',
    Environment: { Variables: fn.environment },
    Version: '$LATEST',
    PackageType: 'Zip',
    State: 'Active',
    LastUpdateStatus: 'Successful',
  };
}
