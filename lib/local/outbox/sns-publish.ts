import { randomUUID } from 'node:crypto';

import { TopicResource } from '../assembly/stack-resources';
import { ServiceError } from '../engine/types';
import { errorMessage, LocalLog } from '../log';
import { Outbox } from './outbox';

const E164_PHONE_NUMBER = /^\+[1-9]\d{1,14}$/;

/** Delivers an SNS message to a Lambda subscription. */
export type LambdaDelivery = (functionArn: string, event: unknown) => Promise<unknown>;

/**
 * The local SNS: Publish to a phone number, or to a topic of the template
 * whose subscriptions get one outbox entry each (SMS and email) or an
 * asynchronous invocation (Lambda).
 */
export class LocalSns {
  private readonly topics: Map<string, TopicResource>;

  constructor(
    topics: TopicResource[],
    private readonly outbox: Outbox,
    private readonly log: LocalLog,
    private readonly deliverToLambda?: LambdaDelivery,
  ) {
    this.topics = new Map(topics.map((topic) => [topic.arn, topic]));
  }

  /** Publishes with the request shape of the SNS API, or rejects with a ServiceError named `SNS.<Code>`. */
  publish(request: Record<string, unknown>): { MessageId: string } {
    const messageId = randomUUID();
    const subject = request.Subject === undefined ? undefined : String(request.Subject);
    const topicArn = (request.TopicArn ?? request.TargetArn) as string | undefined;
    const phoneNumber = request.PhoneNumber as string | undefined;

    if (request.Message === undefined || request.Message === null || request.Message === '') {
      throw new ServiceError('SNS.InvalidParameterException', 'Invalid parameter: Message is missing. Set Message to the text to send.');
    }
    if (phoneNumber !== undefined) {
      this.publishToPhone(messageId, String(phoneNumber), request);
      return { MessageId: messageId };
    }
    if (topicArn === undefined) {
      throw new ServiceError('SNS.InvalidParameterException', 'Invalid parameter: set TopicArn, TargetArn or PhoneNumber.');
    }

    this.publishToTopic(messageId, topicArn, subject, request);
    return { MessageId: messageId };
  }

  private publishToPhone(messageId: string, phoneNumber: string, request: Record<string, unknown>): void {
    if (!E164_PHONE_NUMBER.test(phoneNumber)) {
      throw new ServiceError(
        'SNS.InvalidParameterException',
        `Invalid parameter: PhoneNumber Reason: ${phoneNumber} is not in E.164 format, such as +15550100.`,
      );
    }
    this.outbox.add({ messageId, service: 'sns', channel: 'sms', to: phoneNumber, body: messageFor('sms', request) });
  }

  private publishToTopic(messageId: string, topicArn: string, subject: string | undefined, request: Record<string, unknown>): void {
    const topic = this.topics.get(topicArn);
    if (!topic) {
      throw new ServiceError('SNS.NotFoundException', `Topic does not exist: ${topicArn} is not a topic of the template.`);
    }
    if (topic.subscriptions.length === 0) {
      this.outbox.add({ messageId, service: 'sns', channel: 'topic', to: topicArn, topicArn, subject, body: messageFor('default', request) });
      return;
    }

    for (const subscription of topic.subscriptions) {
      const { protocol, endpoint } = subscription;
      if (protocol === 'sms' || protocol === 'email' || protocol === 'email-json') {
        const channel = protocol === 'sms' ? 'sms' : 'email';
        this.outbox.add({ messageId, service: 'sns', channel, to: endpoint, topicArn, subject, body: messageFor(protocol, request) });
      } else if (protocol === 'lambda' && this.deliverToLambda) {
        this.deliver(endpoint, snsEvent(messageId, topic, subject, messageFor('lambda', request)));
      } else {
        this.log.write('sns', `Subscription ${protocol}:${endpoint} of ${topicArn} is not delivered locally, so message ${messageId} skips it.`);
      }
    }
  }

  private deliver(functionArn: string, event: unknown): void {
    this.deliverToLambda!(functionArn, event).catch((error: unknown) => {
      this.log.write('sns', `Delivery to ${functionArn} failed: ${errorMessage(error)}`);
    });
  }
}

/** Picks the text for one protocol, honouring `MessageStructure: json`. */
function messageFor(protocol: string, request: Record<string, unknown>): string {
  const message = request.Message;
  const text = typeof message === 'string' ? message : JSON.stringify(message);
  if (request.MessageStructure !== 'json') {
    return text;
  }

  const variants = (typeof message === 'string' ? JSON.parse(message) : message) as Record<string, unknown>;
  const variant = variants[protocol] ?? variants.default;
  if (variant === undefined) {
    throw new ServiceError('SNS.InvalidParameterException', 'Invalid parameter: Message Structure - No default entry in JSON message body.');
  }
  return String(variant);
}

function snsEvent(messageId: string, topic: TopicResource, subject: string | undefined, message: string): unknown {
  return {
    Records: [
      {
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        EventSubscriptionArn: `${topic.arn}:local`,
        Sns: {
          Type: 'Notification',
          MessageId: messageId,
          TopicArn: topic.arn,
          Subject: subject ?? null,
          Message: message,
          Timestamp: new Date().toISOString(),
          MessageAttributes: {},
        },
      },
    ],
  };
}
