import { IntrinsicResolver } from './intrinsics';
import { TopicResource, TopicSubscription } from './stack-resources';
import { CfnResource } from './template-types';

/**
 * Reads the SNS topics, with their inline subscriptions and the
 * `AWS::SNS::Subscription` resources that point at them.
 */
export function readTopics(resources: [string, CfnResource][], resolver: IntrinsicResolver): TopicResource[] {
  const topics = resources
    .filter(([, resource]) => resource.Type === 'AWS::SNS::Topic')
    .map(([logicalId, resource]) => readTopic(logicalId, resource, resolver));
  const byArn = new Map(topics.map((topic) => [topic.arn, topic]));

  for (const [, resource] of resources) {
    if (resource.Type !== 'AWS::SNS::Subscription') {
      continue;
    }
    const properties = resolver.resolve(resource.Properties ?? {}) as Record<string, unknown>;
    byArn.get(String(properties.TopicArn))?.subscriptions.push({
      protocol: String(properties.Protocol),
      endpoint: String(properties.Endpoint),
    });
  }
  return topics;
}

function readTopic(logicalId: string, resource: CfnResource, resolver: IntrinsicResolver): TopicResource {
  const properties = (resolver.resolve(resource.Properties ?? {}) ?? {}) as Record<string, unknown>;
  const physical = resolver.physical(logicalId);
  const inline = (properties.Subscription as { Protocol: string; Endpoint: string }[] | undefined) ?? [];

  return {
    logicalId,
    name: physical.attributes.TopicName,
    arn: physical.ref,
    subscriptions: inline.map((subscription): TopicSubscription => ({
      protocol: subscription.Protocol,
      endpoint: subscription.Endpoint,
    })),
  };
}
