import { EventRuleResource, EventTarget } from '../assembly/stack-resources';
import { errorMessage, LocalLog } from '../log';
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
}

/**
 * The local default event bus: each event put on it goes to the targets of
 * every enabled rule whose pattern matches. Deliveries run in the background
 * and are retried. A delivery that fails every attempt is logged and dropped,
 * as EventBridge drops it without a dead-letter queue.
 */
export class LocalEventBus {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly maxAttempts: number;
  private readonly retryDelayMilliseconds: number;

  constructor(private readonly options: EventBusOptions) {
    this.maxAttempts = options.maxAttempts ?? 3;
    this.retryDelayMilliseconds = options.retryDelayMilliseconds ?? 1000;
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
        const retry = attempt < this.maxAttempts;
        log.write(
          'events',
          `Delivery of event ${eventId} by rule ${rule.name} to ${target.arn} failed (attempt ${attempt} of ${this.maxAttempts}${retry ? ', retrying' : ', dropped'}): ${errorMessage(error)}`,
        );
        if (retry) {
          await new Promise((resolve) => setTimeout(resolve, this.retryDelayMilliseconds * 2 ** (attempt - 1)));
        }
      }
    }
  }
}
