/** The parts of a CloudFormation template that the local runtime reads. */

export interface CfnResource {
  Type: string;
  Properties?: Record<string, unknown>;
  Metadata?: Record<string, unknown>;
  Condition?: string;
  DependsOn?: string | string[];
}

export interface CfnTemplate {
  Parameters?: Record<string, { Type?: string; Default?: unknown }>;
  Mappings?: Record<string, Record<string, Record<string, unknown>>>;
  Conditions?: Record<string, unknown>;
  Resources?: Record<string, CfnResource>;
  Outputs?: Record<string, { Value: unknown; Export?: unknown }>;
}

/** Local values of `Ref` and `Fn::GetAtt` for one resource. */
export interface PhysicalResource {
  ref: string;
  attributes: Record<string, string>;
}
