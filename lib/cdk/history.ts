import { Duration } from 'aws-cdk-lib';
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

export interface HistoryProps {
  /** The history table (`pk`/`sk`, GSIs `byWorkflow` and `byStatus`, TTL `expiresAt`). */
  table: dynamodb.ITable;
  /** The Sirocco workflows whose executions are recorded, such as the stack's `WorkflowStateMachine`s. */
  workflows: WorkflowStateMachineRef[];
  /** The topic that the dead-letter queue alarm notifies, such as the stack's alerts topic. */
  alarmTopic: sns.ITopic;
  /**
   * How long the rows of an ended execution stay, through the table's TTL.
   * @default Duration.days(365)
   */
  retention?: Duration;
  /** @default the folder two levels above this file */
  projectRoot?: string;
}

/**
 * The execution history recorder: an EventBridge rule on the status changes
 * of the Sirocco state machines, delivering to a function that writes the
 * execution and task rows of the history table. Events that the rule cannot
 * deliver, or that the recorder fails on, go to a dead-letter queue.
 */
export class History extends Construct {
  readonly recorder: nodejs.NodejsFunction;
  readonly rule: events.Rule;
  readonly deadLetterQueue: DeadLetterQueue;

  constructor(scope: Construct, id: string, props: HistoryProps) {
    super(scope, id);
    if (props.workflows.length === 0) {
      throw new Error('History needs at least one state machine: pass the Sirocco workflows in "workflows".');
    }
    const retention = props.retention ?? Duration.days(365);
    this.deadLetterQueue = new DeadLetterQueue(this, 'DeadLetterQueue', {
      consumer: 'history recorder',
      alarmTopic: props.alarmTopic,
    });

    const recorder = new BundledFunction(this, 'Recorder', {
      entry: 'history/recorder.ts',
      description: 'Sirocco execution history recorder',
      projectRoot: props.projectRoot,
      timeout: Duration.minutes(1),
      deadLetterQueue: this.deadLetterQueue.queue,
      environment: {
        HISTORY_TABLE: props.table.tableName,
        HISTORY_RETENTION_DAYS: String(retention.toDays()),
        POWERTOOLS_SERVICE_NAME: 'sirocco-history',
      },
    });
    this.recorder = recorder.function;

    grantItemActions(props.table, this.recorder, 'dynamodb:PutItem');
    for (const workflow of props.workflows) {
      grantExecutionActions(recorder.role, workflow, 'states:GetExecutionHistory');
    }

    this.rule = new events.Rule(this, 'StatusChangeRule', {
      description: 'Status changes of the Sirocco executions, to the history recorder',
      eventPattern: executionStatusPattern(props.workflows.map((workflow) => workflow.stateMachine)),
    });
    this.rule.addTarget(
      new targets.LambdaFunction(this.recorder, {
        retryAttempts: 10,
        maxEventAge: Duration.hours(6),
        deadLetterQueue: this.deadLetterQueue.queue,
      }),
    );
  }
}
