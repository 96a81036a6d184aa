import { EventRuleResource } from '../../../lib/local/assembly/stack-resources';
import { LocalEventBus } from '../../../lib/local/events/event-bus';
import { createMemoryLog } from '../../../lib/local/log';

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
  });
});
