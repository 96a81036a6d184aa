import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Message attributes that EventBridge sets on each event it sends to a rule target's dead-letter queue. */
export interface DeadLetterAttributes {
  RULE_ARN: string;
  TARGET_ARN: string;
  /** Such as `ERROR_FROM_TARGET` or `NO_RESOURCE`. */
  ERROR_CODE: string;
  ERROR_MESSAGE: string;
  /** `MaximumRetryAttempts` or `MaximumEventAgeInSeconds`. */
  EXHAUSTED_RETRY_CONDITION: string;
  /** Retries after the first attempt, as a decimal string. */
  RETRY_ATTEMPTS: string;
}

/** One dead-lettered event, in the shape of a message that `aws sqs receive-message` prints, plus its queue. */
export interface DeadLetterMessage {
  QueueArn: string;
  MessageId: string;
  /** The event as JSON text. */
  Body: string;
  /** `SentTimestamp` in epoch milliseconds, as a decimal string. */
  Attributes: { SentTimestamp: string };
  MessageAttributes: { [Name in keyof DeadLetterAttributes]: { DataType: 'String'; StringValue: string } };
}

/**
 * The local stand-in for the SQS dead-letter queues of EventBridge rule
 * targets. Each message is kept in memory for the lifetime of the runtime and,
 * when a file is given, appended to it as one JSON line.
 */
export class DeadLetterQueues {
  private readonly received: DeadLetterMessage[] = [];

  constructor(private readonly file?: string) {
    if (file) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
    }
  }

  /** Stores one event in the queue `queueArn` and returns the message. Throws when the file cannot be appended to. */
  send(queueArn: string, event: unknown, attributes: DeadLetterAttributes): DeadLetterMessage {
    const messageAttributes = Object.fromEntries(
      Object.entries(attributes).map(([name, value]) => [name, { DataType: 'String', StringValue: value }]),
    ) as DeadLetterMessage['MessageAttributes'];
    const message: DeadLetterMessage = {
      QueueArn: queueArn,
      MessageId: randomUUID(),
      Body: JSON.stringify(event),
      Attributes: { SentTimestamp: String(Date.now()) },
      MessageAttributes: messageAttributes,
    };

    if (this.file) {
      fs.appendFileSync(this.file, `${JSON.stringify(message)}\n`);
    }
    this.received.push(message);
    return message;
  }

  /** Messages sent since the runtime started, oldest first, of one queue when `queueArn` is given. */
  messages(queueArn?: string): DeadLetterMessage[] {
    return this.received.filter((message) => queueArn === undefined || message.QueueArn === queueArn);
  }
}

/** Returns the queue name at the end of an SQS queue ARN. */
export function queueNameOf(queueArn: string): string {
  return queueArn.split(':').pop() ?? queueArn;
}
