import * as events from 'aws-cdk-lib/aws-events';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';

/**
 * Event pattern of the "Step Functions Execution Status Change" events of the
 * given state machines, optionally only those with one of `statuses`.
 */
export function executionStatusPattern(
  stateMachines: sfn.IStateMachine[],
  statuses?: string[],
): events.EventPattern {
  const detail: Record<string, unknown> = {
    stateMachineArn: stateMachines.map((stateMachine) => stateMachine.stateMachineArn),
  };
  if (statuses) detail.status = statuses;

  return {
    source: ['aws.states'],
    detailType: ['Step Functions Execution Status Change'],
    detail,
  };
}
