import { Duration, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/** How long a dead-lettered event stays in the queue: the SQS maximum. */
export const DEAD_LETTER_RETENTION = Duration.days(14);

export interface DeadLetterQueueProps {
  /** The function whose events the queue receives, named in the alarm description, such as "history recorder". */
  consumer: string;
  /** The topic that the alarm notifies, such as the stack's alerts topic. */
  alarmTopic: sns.ITopic;
}

/**
 * An SQS queue for the events that an EventBridge rule target could not
 * deliver, or that its function failed to process. Its alarm notifies the
 * topic when a message was visible in the queue during a 5-minute period.
 */
export class DeadLetterQueue extends Construct {
  readonly queue: sqs.Queue;
  readonly alarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: DeadLetterQueueProps) {
    super(scope, id);

    // SQS-managed encryption, because EventBridge and Lambda need no KMS key grant to send to such a queue.
    this.queue = new sqs.Queue(this, 'Queue', {
      retentionPeriod: DEAD_LETTER_RETENTION,
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    Validations.of(this.queue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself the dead-letter queue of an EventBridge rule target and of its Lambda function.',
    });

    this.alarm = new cloudwatch.Alarm(this, 'MessagesVisible', {
      alarmDescription:
        `Events that the Sirocco ${props.consumer} could not process are in dead-letter queue ${this.queue.queueName}. ` +
        'Read them with "aws sqs receive-message" and invoke the function again with each message body.',
      metric: this.queue.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(5),
        statistic: cloudwatch.Stats.MAXIMUM,
      }),
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      threshold: 0,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    this.alarm.addAlarmAction(new cloudwatchActions.SnsAction(props.alarmTopic));
  }
}
