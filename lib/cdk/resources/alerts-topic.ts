import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

export interface AlertsTopicProps {
  /** E.164 numbers that receive every alert by SMS. */
  adminPhoneNumbers: string[];
}

/**
 * The SNS topic of operator alerts (failed, timed-out and aborted executions,
 * and the alarms of the dead-letter queues), reachable over TLS only, with one
 * SMS subscription per admin phone number. It is encrypted with a customer
 * managed key, because CloudWatch alarms cannot use the AWS managed key
 * `alias/aws/sns`, whose key policy no one can change.
 */
export class AlertsTopic extends Construct {
  readonly topic: sns.Topic;
  readonly key: kms.Key;

  constructor(scope: Construct, id: string, props: AlertsTopicProps) {
    super(scope, id);
    const { account, region, partition } = Stack.of(this);
    const cloudWatch = new iam.ServicePrincipal('cloudwatch.amazonaws.com');
    const fromThisAccountsAlarms = {
      StringEquals: { 'aws:SourceAccount': account },
      ArnLike: { 'aws:SourceArn': `arn:${partition}:cloudwatch:${region}:${account}:alarm:*` },
    };

    this.key = new kms.Key(this, 'Key', {
      description: 'Sirocco alerts topic',
      enableKeyRotation: true,
    });
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [cloudWatch],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': account } },
      }),
    );

    this.topic = new sns.Topic(this, 'Topic', {
      displayName: 'Sirocco alerts',
      enforceSSL: true,
      masterKey: this.key,
    });
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [cloudWatch],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: fromThisAccountsAlarms,
      }),
    );

    for (const phoneNumber of props.adminPhoneNumbers) {
      this.topic.addSubscription(new subscriptions.SmsSubscription(phoneNumber));
    }
  }
}
