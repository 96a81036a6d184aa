import * as path from 'node:path';

import { IntrinsicResolver } from './intrinsics';
import { LambdaFunctionResource } from './stack-resources';
import { CfnResource } from './template-types';

/** Lambda's defaults when the template leaves them out. */
const DEFAULT_TIMEOUT_SECONDS = 3;
const DEFAULT_MEMORY_SIZE = 128;

export function readLambdaFunction(
  logicalId: string,
  resource: CfnResource,
  resolver: IntrinsicResolver,
  assemblyDir: string,
): LambdaFunctionResource {
  const properties = (resolver.resolve(resource.Properties ?? {}) ?? {}) as Record<string, unknown>;
  const physical = resolver.physical(logicalId);
  const environment = (properties.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {};
  const assetPath = resource.Metadata?.['aws:asset:path'];

  return {
    logicalId,
    functionName: physical.ref,
    arn: physical.attributes.Arn,
    handler: String(properties.Handler ?? 'index.handler'),
    runtime: String(properties.Runtime ?? 'nodejs20.x'),
    timeoutSeconds: Number(properties.Timeout ?? DEFAULT_TIMEOUT_SECONDS),
    memorySize: Number(properties.MemorySize ?? DEFAULT_MEMORY_SIZE),
    ...(typeof properties.Description === 'string' ? { description: properties.Description } : {}),
    environment: Object.fromEntries(Object.entries(environment).map(([name, value]) => [name, String(value)])),
    assetPath: typeof assetPath === 'string' ? path.resolve(assemblyDir, assetPath) : undefined,
  };
}
