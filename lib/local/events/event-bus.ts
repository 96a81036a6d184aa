import { EventRuleResource, EventTarget } from '../assembly/stack-resources';
import { errorMessage, LocalLog } from '../log';
import { DeadLetterQueues, queueNameOf } from './dead-letter-queues';
import { matchesEventPattern } from './event-pattern';
import { targetInput } from './target-input';

/** Invokes a Lambda target and rejects when the invocation or the handler fails. */
export type TargetDelivery = (functionArn: string, input: unknown) => Promise<void>;

export interface EventBusOptions {
  rules: EventRuleResource[];
  deliver: TargetDelivery;
  log: LocalLog;
  /** Attempts per target, including the first. */
  maxAttempts?: number;
  /** Delay before the first retry, doubled for each later one, in milliseconds. */
  retryDelayMilliseconds?: number;
  /** Receives the events of targets with a dead-letter queue after their last failed attempt. @default kept in memory only */
  deadLetterQueues?: DeadLetterQueues;
}

/**
 * The local default event bus: each event put on it goes to the targets of
 * every enabled rule whose pattern matches. Deliveries run in the background
 * and are retried. A delivery that fails every attempt goes to the target's
 * dead-letter queue, or is logged and dropped when the target has none, as
 * EventBridge does.
 */
export class LocalEventBus {
  readonly deadLetterQueues: DeadLetterQueues;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly maxAttempts: number;
  private readonly retryDelayMilliseconds: number;

  constructor(private readonly options: EventBusOptions) {
    this.maxAttempts = options.maxAttempts ?? 3;
    this.retryDelayMilliseconds = options.retryDelayMilliseconds ?? 1000;
    this.deadLetterQueues = options.deadLetterQueues ?? new DeadLetterQueues();
  }

  /** Matches the event against every rule, starts the deliveries and returns the names of the matched rules. */
  put(event: Record<string, unknown>): string[] {
    const matched = this.options.rules.filter(
      (rule) => rule.enabled && rule.eventPattern !== undefined && matchesEventPattern(rule.eventPattern, event),
    );

    for (const rule of matched) {
      for (const target of rule.targets) {
        this.track(this.deliverWithRetries(rule, target, event));
      }
    }
    return matched.map((rule) => rule.name);
  }

  /** Resolves once every delivery started so far, including its retries, has finished. */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) {
      await Promise.all([...this.inFlight]);
    }
  }

  private track(delivery: Promise<void>): void {
    this.inFlight.add(delivery);
    delivery.finally(() => this.inFlight.delete(delivery)).catch(() => undefined);
  }

  private async deliverWithRetries(rule: EventRuleResource, target: EventTarget, event: Record<string, unknown>): Promise<void> {
    const { log } = this.options;
    const eventId = String(event.id);

    if (!target.arn.startsWith('arn:aws:lambda:')) {
      log.write('events', `Rule ${rule.name} target ${target.id} (${target.arn}) is not a Lambda function, so event ${eventId} is not delivered to it.`);
      return;
    }

    for (let attempt = 1; attempt <= this.maxAttempts; attempt += 1) {
      try {
        await this.options.deliver(target.arn, targetInput(target, event));
        return;
      } catch (error) {
        const failure = `Delivery of event ${eventId} by rule ${rule.name} to ${target.arn} failed (attempt ${attempt} of ${this.maxAttempts}`;
        if (attempt === this.maxAttempts) {
          this.giveUp(rule, target, event, error, failure);
          return;
        }
        log.write('events', `${failure}, retrying): ${errorMessage(error)}`);
        await new Promise((resolve) => setTimeout(resolve, this.retryDelayMilliseconds * 2 ** (attempt - 1)));
      }
    }
  }

  /** Sends the event of a delivery whose last attempt failed to the target's dead-letter queue, or drops it, and logs which. */
  private giveUp(rule: EventRuleResource, target: EventTarget, event: Record<string, unknown>, error: unknown, failure: string): void {
    const { log } = this.options;
    const queueArn = target.deadLetterQueueArn;
    if (queueArn === undefined) {
      log.write('events', `${failure}, dropped): ${errorMessage(error)}`);
      return;
    }

    // NOTE: every local failure gets ERROR_FROM_TARGET, because `deliver` does not tell a function error from a failed invocation.
    // On AWS, a function error goes to the function's own dead-letter queue instead, because EventBridge invokes Lambda asynchronously.
    const attributes = {
      RULE_ARN: rule.arn,
      TARGET_ARN: target.arn,
      ERROR_CODE: 'ERROR_FROM_TARGET',
      ERROR_MESSAGE: errorMessage(error),
      EXHAUSTED_RETRY_CONDITION: 'MaximumRetryAttempts',
      RETRY_ATTEMPTS: String(this.maxAttempts - 1),
    };
    try {
      this.deadLetterQueues.send(queueArn, event, attributes);
    } catch (sendError) {
      log.write(
        'events',
        `${failure}, dropped): ${errorMessage(error)}. Writing it to dead-letter queue ${queueNameOf(queueArn)} failed: ${errorMessage(sendError)}`,
      );
      return;
    }
    log.write('events', `${failure}, sent to dead-letter queue ${queueNameOf(queueArn)}): ${errorMessage(error)}`);
  }
}
