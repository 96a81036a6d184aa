import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { LocalLog } from '../log';
import { OutboxMessage } from './outbox-message';

/** How long `waitFor` waits by default, in milliseconds. */
const DEFAULT_WAIT_MILLISECONDS = 10_000;

export class OutboxWaitTimeoutError extends Error {
  constructor(milliseconds: number, received: number) {
    super(`No outbox message matched within ${milliseconds} ms, among the ${received} messages that the outbox received.`);
    this.name = 'OutboxWaitTimeoutError';
  }
}

interface Waiter {
  predicate: (message: OutboxMessage) => boolean;
  resolve: (message: OutboxMessage) => void;
}

/**
 * Records the SMS and email messages that the local SNS and SES send. Each
 * message is printed to the log, appended to a JSON lines file when one is
 * given, and kept in memory for the lifetime of this runtime.
 */
export class Outbox {
  private readonly received: OutboxMessage[] = [];
  private readonly waiters = new Set<Waiter>();

  constructor(
    private readonly log: LocalLog,
    private readonly file?: string,
  ) {
    if (file) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
    }
  }

  /** Records one message and returns the stored entry. */
  add(message: Omit<OutboxMessage, 'id' | 'time'>): OutboxMessage {
    const entry: OutboxMessage = { id: randomUUID(), time: new Date().toISOString(), ...message };
    this.received.push(entry);

    if (this.file) {
      fs.appendFileSync(this.file, `${JSON.stringify(entry)}\n`);
    }
    const subject = entry.subject ? ` "${entry.subject}"` : '';
    this.log.write('outbox', `${entry.channel.toUpperCase()} to ${entry.to}${subject}: ${entry.body}`);

    for (const waiter of this.waiters) {
      if (waiter.predicate(entry)) {
        this.waiters.delete(waiter);
        waiter.resolve(entry);
      }
    }
    return entry;
  }

  /** Messages recorded since the runtime started, oldest first. */
  messages(): OutboxMessage[] {
    return [...this.received];
  }

  /** Resolves with the first message, already recorded or future, that matches `predicate`. */
  waitFor(
    predicate: (message: OutboxMessage) => boolean,
    options: { timeoutMilliseconds?: number } = {},
  ): Promise<OutboxMessage> {
    const existing = this.received.find(predicate);
    if (existing) {
      return Promise.resolve(existing);
    }

    const milliseconds = options.timeoutMilliseconds ?? DEFAULT_WAIT_MILLISECONDS;
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        predicate,
        resolve: (message) => {
          clearTimeout(timer);
          resolve(message);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new OutboxWaitTimeoutError(milliseconds, this.received.length));
      }, milliseconds);
      this.waiters.add(waiter);
    });
  }
}
