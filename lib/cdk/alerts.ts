import { Duration, Validations } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

import { BundledFunction } from './bundled-function';
import { DeadLetterQueue } from './dead-letter-queue';
import { grantExecutionActions, grantItemActions, type WorkflowStateMachineRef } from './history-grants';
import { executionStatusPattern } from './history-rule';

/** Execution statuses that send an alert. */
export const ALERT_STATUSES = ['FAILED', 'TIMED_OUT', 'ABORTED'];

export interface AlertsProps {
  /** The history table, which also stores one alert row per failure for deduplication. */
  table: dynamodb.ITable;
  /** The alerts topic, with the administrators' SMS subscriptions. The dead-letter queue alarm notifies it too. */
  topic: sns.ITopic;
  /** The Sirocco workflows whose failures send alerts, such as the stack's `WorkflowStateMachine`s. */
  workflows: WorkflowStateMachineRef[];
  /** @default the folder two levels above this file */
  projectRoot?: string;
}

/**
 * Failure alerts: an EventBridge rule on FAILED, TIMED_OUT and ABORTED
 * executions, delivering to a function that publishes one SMS per failure to
 * the alerts topic. Events that the rule cannot deliver, or that the function
 * fails on, go to a dead-letter queue.
 */
export class Alerts extends Construct {
  readonly alertFunction: nodejs.NodejsFunction;
  readonly rule: events.Rule;
  readonly deadLetterQueue: DeadLetterQueue;

  constructor(scope: Construct, id: string, props: AlertsProps) {
    super(scope, id);
    if (props.workflows.length === 0) {
      throw new Error('Alerts needs at least one state machine: pass the Sirocco workflows in "workflows".');
    }
    this.deadLetterQueue = new DeadLetterQueue(this, 'DeadLetterQueue', {
      consumer: 'alert function',
      alarmTopic: props.topic,
    });

    const alert = new BundledFunction(this, 'Alert', {
      entry: 'alerts/alert.ts',
      description: 'Sirocco failure alerts',
      projectRoot: props.projectRoot,
      timeout: Duration.minutes(1),
      deadLetterQueue: this.deadLetterQueue.queue,
      environment: {
        HISTORY_TABLE: props.table.tableName,
        ALERTS_TOPIC_ARN: props.topic.topicArn,
        POWERTOOLS_SERVICE_NAME: 'sirocco-alerts',
      },
    });
    this.alertFunction = alert.function;

    props.topic.grantPublish(this.alertFunction);
    Validations.of(alert.role).acknowledge({
      id: 'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
      reason: 'Topic.grantPublish allows the GenerateDataKey actions on the alerts topic key only, which SNS needs to encrypt each message.',
    });
    grantItemActions(props.table, this.alertFunction, 'dynamodb:PutItem', 'dynamodb:DeleteItem');
    for (const workflow of props.workflows) {
      grantExecutionActions(alert.role, workflow, 'states:GetExecutionHistory');
    }

    this.rule = new events.Rule(this, 'FailureRule', {
      description: 'Failed, timed out and aborted Sirocco executions, to the alert function',
      eventPattern: executionStatusPattern(props.workflows.map((workflow) => workflow.stateMachine), ALERT_STATUSES),
    });
    this.rule.addTarget(
      new targets.LambdaFunction(this.alertFunction, {
        retryAttempts: 10,
        maxEventAge: Duration.hours(6),
        deadLetterQueue: this.deadLetterQueue.queue,
      }),
    );
  }
}
