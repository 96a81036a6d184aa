import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';

import type { TriggerInfo } from '../compiler/types';

/** Retries of a failed StartExecution call. EventBridge Scheduler allows 0 to 185. */
export const SCHEDULE_RETRY_ATTEMPTS = 3;
/** Seconds after the scheduled time past which a start is dropped instead of retried. */
export const SCHEDULE_MAX_EVENT_AGE_SECONDS = 3600;

export interface WorkflowSchedulesProps {
  workflowName: string;
  stateMachine: sfn.IStateMachine;
  triggers: readonly TriggerInfo[];
}

/**
 * The EventBridge Scheduler schedules of one workflow, one per trigger, each
 * named `<workflow>-<trigger>`. They start executions with the trigger's input
 * at the exact time (flexible time window off), through a role that may only
 * call states:StartExecution on this state machine.
 */
export class WorkflowSchedules extends Construct {
  readonly role: iam.Role;
  /** Schedules by trigger name. */
  readonly schedules: ReadonlyMap<string, scheduler.CfnSchedule>;

  constructor(scope: Construct, id: string, props: WorkflowSchedulesProps) {
    super(scope, id);
    const account = Stack.of(this).account;

    this.role = new iam.Role(this, 'Role', {
      description: `Starts executions of state machine ${props.workflowName} on its schedules.`,
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': account } },
      }),
    });
    this.role.addToPolicy(
      new iam.PolicyStatement({ actions: ['states:StartExecution'], resources: [props.stateMachine.stateMachineArn] }),
    );

    const schedules = new Map<string, scheduler.CfnSchedule>();
    for (const trigger of props.triggers) {
      schedules.set(trigger.name, this.createSchedule(trigger, props));
    }
    this.schedules = schedules;
  }

  private createSchedule(trigger: TriggerInfo, props: WorkflowSchedulesProps): scheduler.CfnSchedule {
    return new scheduler.CfnSchedule(this, `Schedule-${trigger.name}`, {
      name: `${props.workflowName}-${trigger.name}`,
      description: `Trigger ${trigger.name} of workflow ${props.workflowName}.`,
      scheduleExpression: trigger.expression,
      scheduleExpressionTimezone: trigger.timezone,
      flexibleTimeWindow: { mode: 'OFF' },
      state: 'ENABLED',
      target: {
        arn: props.stateMachine.stateMachineArn,
        roleArn: this.role.roleArn,
        input: JSON.stringify(trigger.input),
        retryPolicy: {
          maximumRetryAttempts: SCHEDULE_RETRY_ATTEMPTS,
          maximumEventAgeInSeconds: SCHEDULE_MAX_EVENT_AGE_SECONDS,
        },
      },
    });
  }
}
