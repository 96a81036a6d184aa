import type { IntrinsicResolver } from '../assembly/intrinsics';
import type { CfnResource } from '../assembly/template-types';

/** An `AWS::Scheduler::Schedule` with its references resolved to local ARNs. */
export interface ScheduleResource {
  logicalId: string;
  name: string;
  /** cron(), rate() or at() expression. */
  expression: string;
  timezone: string;
  enabled: boolean;
  /** ARN of the target, a state machine for the schedules that Sirocco deploys. */
  targetArn: string;
  /** Execution input as the JSON text of the target's `Input`, `{}` when absent. */
  input: string;
}

export function readSchedule(logicalId: string, resource: CfnResource, resolver: IntrinsicResolver): ScheduleResource {
  const properties = (resolver.resolve(resource.Properties ?? {}) ?? {}) as Record<string, any>;
  const target = (properties.Target ?? {}) as Record<string, any>;

  return {
    logicalId,
    name: String(properties.Name ?? logicalId),
    expression: String(properties.ScheduleExpression),
    timezone: String(properties.ScheduleExpressionTimezone ?? 'UTC'),
    enabled: (properties.State ?? 'ENABLED') === 'ENABLED',
    targetArn: String(target.Arn),
    input: typeof target.Input === 'string' ? target.Input : '{}',
  };
}
