import { parseScheduleExpression, type ScheduleExpression } from '../../../lib/dsl/triggers-expression';
import { nextFireTime } from '../../../lib/local/scheduler/next-fire-time';
import { zonedFields, zonedToEpoch } from '../../../lib/local/scheduler/zoned-time';

function expressionOf(text: string): ScheduleExpression {
  const result = parseScheduleExpression(text);
  if (!result.ok) throw new Error(`${text} is invalid: ${result.reason}`);
  return result.value;
}

function next(text: string, after: string, timezone = 'UTC', createdAt = after): string | undefined {
  const time = nextFireTime(expressionOf(text), timezone, Date.parse(after), Date.parse(createdAt));
  return time === undefined ? undefined : new Date(time).toISOString();
}

describe('nextFireTime', () => {
  it.each([
    ['cron(0 2 * * ? *)', '2026-12-04T17:00:00Z', '2026-12-05T02:00:00.000Z'],
    ['cron(0 2 * * ? *)', '2026-12-05T01:59:59Z', '2026-12-05T02:00:00.000Z'],
    ['cron(0 2 * * ? *)', '2026-12-05T02:00:00Z', '2026-12-06T02:00:00.000Z'],
    ['cron(*/15 * * * ? *)', '2026-12-04T17:01:00Z', '2026-12-04T17:15:00.000Z'],
    ['cron(30 7 ? * MON-FRI *)', '2026-12-04T08:00:00Z', '2026-12-07T07:30:00.000Z'],
    ['cron(0 0 L * ? *)', '2027-02-01T00:00:00Z', '2027-02-28T00:00:00.000Z'],
    ['cron(0 0 L * ? *)', '2028-02-01T00:00:00Z', '2028-02-29T00:00:00.000Z'],
    ['cron(0 9 ? * 2#1 *)', '2026-12-04T00:00:00Z', '2026-12-07T09:00:00.000Z'],
    ['cron(0 9 ? * 2#1 *)', '2026-12-07T10:00:00Z', '2027-01-04T09:00:00.000Z'],
    ['cron(0 9 ? * 6L *)', '2026-12-04T00:00:00Z', '2026-12-25T09:00:00.000Z'],
    ['cron(0 9 1W * ? *)', '2027-04-15T00:00:00Z', '2027-05-03T09:00:00.000Z'],
    ['cron(0 9 15W * ? *)', '2026-11-01T00:00:00Z', '2026-11-16T09:00:00.000Z'],
    ['cron(0 0 1 JAN ? 2027)', '2026-12-04T00:00:00Z', '2027-01-01T00:00:00.000Z'],
  ])('%s after %s is %s', (text, after, expected) => {
    expect(next(text, after)).toBe(expected);
  });

  it('cron() in a timezone', () => {
    expect(next('cron(0 6 1 * ? *)', '2026-12-04T00:00:00Z', 'Europe/Paris')).toBe('2027-01-01T05:00:00.000Z');
    expect(next('cron(0 6 1 * ? *)', '2027-06-04T00:00:00Z', 'Europe/Paris')).toBe('2027-07-01T04:00:00.000Z');
  });

  it('cron() across a daylight saving change', () => {
    // Clocks in Paris go from 02:00 to 03:00 on 2027-03-28, so 02:30 does not exist that day.
    expect(next('cron(30 2 * * ? *)', '2027-03-27T02:00:00Z', 'Europe/Paris')).toBe('2027-03-29T00:30:00.000Z');
    // The 23-hour day of the change must not be skipped: 00:30 on 2027-03-29 is 22:30 UTC in summer time.
    expect(next('cron(30 0 * * ? *)', '2027-03-27T23:30:00Z', 'Europe/Paris')).toBe('2027-03-28T22:30:00.000Z');
  });

  it('cron() past its last year', () => {
    expect(next('cron(0 0 1 JAN ? 2027)', '2027-01-01T00:00:00Z')).toBeUndefined();
  });

  it('cron() that never matches', () => {
    expect(next('cron(0 0 31 FEB ? *)', '2026-12-04T00:00:00Z')).toBeUndefined();
  });

  it('rate() counts periods from creation', () => {
    expect(next('rate(1 minute)', '2026-12-04T17:00:00Z')).toBe('2026-12-04T17:01:00.000Z');
    expect(next('rate(5 minutes)', '2026-12-04T17:07:30Z', 'UTC', '2026-12-04T17:00:00Z')).toBe('2026-12-04T17:10:00.000Z');
    expect(next('rate(2 hours)', '2026-12-04T19:00:00Z', 'UTC', '2026-12-04T17:00:00Z')).toBe('2026-12-04T21:00:00.000Z');
  });

  it('at() fires once in its timezone', () => {
    expect(next('at(2027-01-31T09:00:00)', '2026-12-04T00:00:00Z', 'Europe/Paris')).toBe('2027-01-31T08:00:00.000Z');
    expect(next('at(2027-01-31T09:00:00)', '2027-01-31T08:00:00Z', 'Europe/Paris')).toBeUndefined();
  });
});

describe('zoned time', () => {
  it('reads fields in a timezone', () => {
    expect(zonedFields(Date.parse('2026-12-31T23:30:00Z'), 'Asia/Kolkata')).toStrictEqual({
      year: 2027, month: 1, day: 1, hour: 5, minute: 0, second: 0, weekday: 6,
    });
  });

  it('converts wall-clock time to epoch', () => {
    const epoch = zonedToEpoch({ year: 2027, month: 7, day: 1, hour: 6, minute: 0, second: 0 }, 'America/New_York');

    expect(new Date(epoch).toISOString()).toBe('2027-07-01T10:00:00.000Z');
  });
});
