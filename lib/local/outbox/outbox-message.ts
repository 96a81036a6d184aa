/** One message delivered to one recipient, as the outbox records it. */
export interface OutboxMessage {
  /** Unique per recipient entry. */
  id: string;
  /** MessageId that SNS or SES returned to the sender, shared by every recipient of one send. */
  messageId: string;
  /** ISO 8601 time of the send. */
  time: string;
  service: 'sns' | 'ses';
  /** `sms` and `email` for delivered messages, `topic` for a publish to a topic without subscriptions. */
  channel: 'sms' | 'email' | 'topic';
  /** Phone number, email address, or topic ARN for the `topic` channel. */
  to: string;
  body: string;
  subject?: string;
  html?: string;
  from?: string;
  topicArn?: string;
}
