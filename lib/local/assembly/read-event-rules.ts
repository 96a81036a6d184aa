import { IntrinsicResolver } from './intrinsics';
import { EventRuleResource, EventTarget } from './stack-resources';
import { CfnResource } from './template-types';

export function readEventRule(logicalId: string, resource: CfnResource, resolver: IntrinsicResolver): EventRuleResource {
  const properties = (resolver.resolve(resource.Properties ?? {}) ?? {}) as Record<string, any>;
  const physical = resolver.physical(logicalId);
  const pattern = properties.EventPattern;

  return {
    logicalId,
    name: physical.ref,
    arn: physical.attributes.Arn,
    eventBusName: String(properties.EventBusName ?? 'default'),
    eventPattern: typeof pattern === 'string' ? JSON.parse(pattern) : pattern,
    enabled: (properties.State ?? 'ENABLED') === 'ENABLED',
    targets: ((properties.Targets ?? []) as Record<string, any>[]).map(
      (target): EventTarget => ({
        id: String(target.Id),
        arn: String(target.Arn),
        input: target.Input,
        inputPath: target.InputPath,
        inputTransformer: target.InputTransformer,
        deadLetterQueueArn: target.DeadLetterConfig?.Arn === undefined ? undefined : String(target.DeadLetterConfig.Arn),
      }),
    ),
  };
}
