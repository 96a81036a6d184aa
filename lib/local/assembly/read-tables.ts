import { IntrinsicResolver } from './intrinsics';
import { SecondaryIndex, TableResource } from './stack-resources';
import { CfnResource } from './template-types';

export function readTable(logicalId: string, resource: CfnResource, resolver: IntrinsicResolver): TableResource {
  const properties = (resolver.resolve(resource.Properties ?? {}) ?? {}) as Record<string, any>;
  const physical = resolver.physical(logicalId);

  return {
    logicalId,
    tableName: physical.ref,
    arn: physical.attributes.Arn,
    keySchema: properties.KeySchema ?? [],
    attributeDefinitions: properties.AttributeDefinitions ?? [],
    globalSecondaryIndexes: readIndexes(properties.GlobalSecondaryIndexes),
    localSecondaryIndexes: readIndexes(properties.LocalSecondaryIndexes),
    billingMode: properties.BillingMode === 'PAY_PER_REQUEST' ? 'PAY_PER_REQUEST' : 'PROVISIONED',
    timeToLiveAttribute: properties.TimeToLiveSpecification?.Enabled ? properties.TimeToLiveSpecification.AttributeName : undefined,
    pointInTimeRecovery: Boolean(
      properties.PointInTimeRecoverySpecification?.PointInTimeRecoveryEnabled,
    ),
  };
}

function readIndexes(indexes: unknown): SecondaryIndex[] {
  return ((indexes as Record<string, any>[] | undefined) ?? []).map((index) => ({
    IndexName: index.IndexName,
    KeySchema: index.KeySchema,
    Projection: index.Projection ?? { ProjectionType: 'ALL' },
  }));
}
