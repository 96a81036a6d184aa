import * as fs from 'node:fs';
import * as path from 'node:path';

import { EventRuleResource, EventTarget } from '../../../lib/local/assembly/stack-resources';
import { DeadLetterQueues } from '../../../lib/local/events/dead-letter-queues';
import { LocalEventBus } from '../../../lib/local/events/event-bus';
import { createMemoryLog } from '../../../lib/local/log';
import { createTempDir } from './build-assembly';

const FAILED_RULE: EventRuleResource = {
  logicalId: 'FailedRule',
  name: 'failed',
  arn: 'arn:aws:events:us-east-1:000000000000:rule/failed',
  eventBusName: 'default',
  eventPattern: { source: ['aws.states'], detail: { status: ['FAILED'] } },
  enabled: true,
  targets: [
    { id: 'Recorder', arn: 'arn:aws:lambda:us-east-1:000000000000:function:recorder' },
    {
      id: 'Alert',
      arn: 'arn:aws:lambda:us-east-1:000000000000:function:alert',
      inputTransformer: {
        InputPathsMap: { status: '$.detail.status', count: '$.detail.redriveCount' },
        InputTemplate: '{"text": "Execution <status>", "redrives": <count>}',
      },
    },
  ],
};

const QUEUE_ARN = 'arn:aws:sqs:us-east-1:000000000000:SiroccoTest-RecorderDeadLetterQueue';

const RECORDER_WITH_QUEUE: EventTarget = { ...FAILED_RULE.targets[0], deadLetterQueueArn: QUEUE_ARN };

function statusEvent(status: string) {
  return { id: `event-${status}`, source: 'aws.states', detail: { status, redriveCount: 1 } };
}

describe('LocalEventBus', () => {
  it('delivers matching events to Lambda targets', async () => {
    const deliveries: [string, unknown][] = [];
    const bus = new LocalEventBus({
      rules: [FAILED_RULE],
      log: createMemoryLog(),
      deliver: async (arn, input) => {
        deliveries.push([arn, input]);
      },
    });

    const matched = bus.put(statusEvent('FAILED'));
    await bus.settled();

    expect(matched).toEqual(['failed']);
    expect(deliveries).toEqual([
      ['arn:aws:lambda:us-east-1:000000000000:function:recorder', statusEvent('FAILED')],
      ['arn:aws:lambda:us-east-1:000000000000:function:alert', { text: 'Execution FAILED', redrives: 1 }],
    ]);
  });

  it('ignores events that match no rule', async () => {
    const deliveries: unknown[] = [];
    const bus = new LocalEventBus({ rules: [FAILED_RULE], log: createMemoryLog(), deliver: async (arn) => void deliveries.push(arn) });

    expect(bus.put(statusEvent('SUCCEEDED'))).toEqual([]);
    await bus.settled();
    expect(deliveries).toEqual([]);
  });

  it('skips disabled rules', () => {
    const bus = new LocalEventBus({ rules: [{ ...FAILED_RULE, enabled: false }], log: createMemoryLog(), deliver: async () => undefined });

    expect(bus.put(statusEvent('FAILED'))).toEqual([]);
  });

  it('retries a failing delivery', async () => {
    const log = createMemoryLog();
    let calls = 0;
    const bus = new LocalEventBus({
      rules: [{ ...FAILED_RULE, targets: [FAILED_RULE.targets[0]] }],
      log,
      retryDelayMilliseconds: 1,
      deliver: async () => {
        calls += 1;
        if (calls < 3) {
          throw new Error('recorder is busy');
        }
      },
    });

    bus.put(statusEvent('FAILED'));
    await bus.settled();

    expect(calls).toBe(3);
    expect(log.lines).toContain(
      '[events] Delivery of event event-FAILED by rule failed to arn:aws:lambda:us-east-1:000000000000:function:recorder failed (attempt 1 of 3, retrying): recorder is busy',
    );
  });

  it('drops a delivery after the last attempt', async () => {
    const log = createMemoryLog();
    let calls = 0;
    const bus = new LocalEventBus({
      rules: [{ ...FAILED_RULE, targets: [FAILED_RULE.targets[0]] }],
      log,
      maxAttempts: 2,
      retryDelayMilliseconds: 1,
      deliver: async () => {
        calls += 1;
        throw new Error('recorder crashed');
      },
    });

    bus.put(statusEvent('FAILED'));
    await bus.settled();

    expect(calls).toBe(2);
    expect(log.lines.at(-1)).toContain('(attempt 2 of 2, dropped): recorder crashed');
    expect(bus.deadLetterQueues.messages()).toEqual([]);
  });
});

describe('LocalEventBus dead-letter queues', () => {
  it('sends the last failure to the queue', async () => {
    const log = createMemoryLog();
    const file = path.join(createTempDir('dead-letters'), 'dead-letters.jsonl');
    let calls = 0;
    const bus = new LocalEventBus({
      rules: [{ ...FAILED_RULE, targets: [RECORDER_WITH_QUEUE] }],
      log,
      maxAttempts: 3,
      retryDelayMilliseconds: 1,
      deadLetterQueues: new DeadLetterQueues(file),
      deliver: async () => {
        calls += 1;
        throw new Error(`recorder crashed on call ${calls}`);
      },
    });

    bus.put(statusEvent('FAILED'));
    await bus.settled();
    const [message, ...others] = bus.deadLetterQueues.messages(QUEUE_ARN);

    expect(calls).toBe(3);
    expect(others).toEqual([]);
    expect(message.QueueArn).toBe(QUEUE_ARN);
    expect(JSON.parse(message.Body)).toEqual(statusEvent('FAILED'));
    expect(Number(message.Attributes.SentTimestamp)).toBeGreaterThan(0);
    expect(message.MessageAttributes).toEqual({
      RULE_ARN: { DataType: 'String', StringValue: 'arn:aws:events:us-east-1:000000000000:rule/failed' },
      TARGET_ARN: { DataType: 'String', StringValue: 'arn:aws:lambda:us-east-1:000000000000:function:recorder' },
      ERROR_CODE: { DataType: 'String', StringValue: 'ERROR_FROM_TARGET' },
      ERROR_MESSAGE: { DataType: 'String', StringValue: 'recorder crashed on call 3' },
      EXHAUSTED_RETRY_CONDITION: { DataType: 'String', StringValue: 'MaximumRetryAttempts' },
      RETRY_ATTEMPTS: { DataType: 'String', StringValue: '2' },
    });
    expect(log.lines.at(-1)).toBe(
      '[events] Delivery of event event-FAILED by rule failed to arn:aws:lambda:us-east-1:000000000000:function:recorder failed ' +
        '(attempt 3 of 3, sent to dead-letter queue SiroccoTest-RecorderDeadLetterQueue): recorder crashed on call 3',
    );
    expect(fs.readFileSync(file, 'utf8')).toBe(`${JSON.stringify(message)}\n`);
  });

  it('sends the event, not the target input', async () => {
    const alertWithQueue: EventTarget = { ...FAILED_RULE.targets[1], deadLetterQueueArn: QUEUE_ARN };
    const deliveries: unknown[] = [];
    const bus = new LocalEventBus({
      rules: [{ ...FAILED_RULE, targets: [alertWithQueue] }],
      log: createMemoryLog(),
      maxAttempts: 1,
      deliver: async (arn, input) => {
        deliveries.push(input);
        throw new Error('alert function crashed');
      },
    });

    bus.put(statusEvent('FAILED'));
    await bus.settled();
    const [message] = bus.deadLetterQueues.messages();

    expect(deliveries).toEqual([{ text: 'Execution FAILED', redrives: 1 }]);
    expect(JSON.parse(message.Body)).toEqual(statusEvent('FAILED'));
    expect(message.MessageAttributes.RETRY_ATTEMPTS.StringValue).toBe('0');
  });

  it('writes nothing when a retry succeeds', async () => {
    const log = createMemoryLog();
    const file = path.join(createTempDir('dead-letters'), 'dead-letters.jsonl');
    let calls = 0;
    const bus = new LocalEventBus({
      rules: [{ ...FAILED_RULE, targets: [RECORDER_WITH_QUEUE] }],
      log,
      retryDelayMilliseconds: 1,
      deadLetterQueues: new DeadLetterQueues(file),
      deliver: async () => {
        calls += 1;
        if (calls === 1) {
          throw new Error('recorder is busy');
        }
      },
    });

    bus.put(statusEvent('FAILED'));
    await bus.settled();

    expect(calls).toBe(2);
    expect(bus.deadLetterQueues.messages()).toEqual([]);
    expect(fs.existsSync(file)).toBe(false);
    expect(log.lines.join('\n')).not.toContain('dead-letter queue');
  });

  it('drops the event when writing fails', async () => {
    const log = createMemoryLog();
    const directory = createTempDir('dead-letters');
    const bus = new LocalEventBus({
      rules: [{ ...FAILED_RULE, targets: [RECORDER_WITH_QUEUE] }],
      log,
      maxAttempts: 1,
      deadLetterQueues: new DeadLetterQueues(directory),
      deliver: async () => {
        throw new Error('recorder crashed');
      },
    });

    bus.put(statusEvent('FAILED'));
    await bus.settled();

    expect(bus.deadLetterQueues.messages()).toEqual([]);
    expect(log.lines.at(-1)).toContain('(attempt 1 of 1, dropped): recorder crashed. ');
    expect(log.lines.at(-1)).toMatch(/Writing it to dead-letter queue SiroccoTest-RecorderDeadLetterQueue failed: .*EISDIR/);
  });
});
