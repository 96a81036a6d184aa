import { callbackRow } from '../../lambdas/std/callback-token';

/** The row that the callback-token Lambda writes for a waiting task. */

const event = {
  input: {},
  execution: 'arn:aws:states:us-east-1:000000000000:execution:std_http:run-1',
  workflow: 'std_http',
  task: 'ask_hr',
  token: 'token-1',
};
const now = new Date('2026-12-04T10:00:00.000Z');
const nowSeconds = Date.parse('2026-12-04T10:00:00.000Z') / 1000;

describe('callbackRow', () => {
  it('keys the row by execution and task', () => {
    const row = callbackRow({ ...event, timeoutSeconds: 600 }, now);

    expect(row).toStrictEqual({
      pk: 'CALLBACK#arn:aws:states:us-east-1:000000000000:execution:std_http:run-1#ask_hr',
      sk: 'CALLBACK',
      token: 'token-1',
      execution: event.execution,
      workflow: 'std_http',
      task: 'ask_hr',
      createdAt: '2026-12-04T10:00:00.000Z',
      expiresAt: nowSeconds + 600 + 86400,
    });
  });

  it('expires after a year without timeout', () => {
    expect(callbackRow(event, now).expiresAt).toBe(nowSeconds + 365 * 86400 + 86400);
  });

  it('rejects an event without token', () => {
    expect(() => callbackRow({ ...event, token: '' }, now)).toThrow('The event has no task token');
  });
});
