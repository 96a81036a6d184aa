import { IntrinsicResolver } from './intrinsics';
import { StateMachineResource } from './stack-resources';
import { CfnResource } from './template-types';

export function readStateMachine(
  logicalId: string,
  resource: CfnResource,
  resolver: IntrinsicResolver,
): StateMachineResource {
  const properties = resource.Properties ?? {};
  const physical = resolver.physical(logicalId);
  const substitutions = (resolver.resolve(properties.DefinitionSubstitutions ?? {}) ?? {}) as Record<string, unknown>;

  return {
    logicalId,
    name: physical.attributes.Name,
    arn: physical.attributes.Arn,
    definition: substitute(definitionText(logicalId, properties, resolver), substitutions),
    type: String(properties.StateMachineType ?? 'STANDARD'),
    roleArn: resolver.resolveString(properties.RoleArn ?? `arn:aws:iam::000000000000:role/${logicalId}`, `${logicalId}.RoleArn`),
  };
}

function definitionText(logicalId: string, properties: Record<string, unknown>, resolver: IntrinsicResolver): string {
  if (properties.DefinitionString !== undefined) {
    return resolver.resolveString(properties.DefinitionString, `${logicalId}.DefinitionString`);
  }
  if (properties.Definition !== undefined) {
    return JSON.stringify(resolver.resolve(properties.Definition));
  }
  throw new Error(
    `State machine ${logicalId} has neither DefinitionString nor Definition. The local runtime cannot read DefinitionS3Location, so synthesize the definition inline.`,
  );
}

/** Replaces each `${key}` placeholder, as Step Functions applies `DefinitionSubstitutions`. */
function substitute(definition: string, substitutions: Record<string, unknown>): string {
  return definition.replace(/\$\{([^}]+)\}/g, (placeholder, key: string) =>
    key in substitutions ? String(substitutions[key]) : placeholder,
  );
}
