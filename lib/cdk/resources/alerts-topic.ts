import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

export interface AlertsTopicProps {
  /** E.164 numbers that receive every alert by SMS. */
  adminPhoneNumbers: string[];
}

/**
 * The SNS topic of operator alerts (failed, timed-out and aborted executions),
 * encrypted with the AWS managed key, reachable over TLS only, with one SMS
 * subscription per admin phone number.
 */
export class AlertsTopic extends Construct {
  readonly topic: sns.Topic;

  constructor(scope: Construct, id: string, props: AlertsTopicProps) {
    super(scope, id);

    this.topic = new sns.Topic(this, 'Topic', {
      displayName: 'Sirocco alerts',
      enforceSSL: true,
      masterKey: kms.Alias.fromAliasName(this, 'AwsManagedKey', 'alias/aws/sns'),
    });

    for (const phoneNumber of props.adminPhoneNumbers) {
      this.topic.addSubscription(new subscriptions.SmsSubscription(phoneNumber));
    }
  }
}
