import { parseScheduleExpression, translatePattern } from '../../lib/dsl/triggers-expression';

describe('translatePattern', () => {
  it.each([
    ['0 2 * * *', 'cron(0 2 * * ? *)'],
    ['*/15 * * * *', 'cron(*/15 * * * ? *)'],
    ['0 6 1 * *', 'cron(0 6 1 * ? *)'],
    ['0 9 * * 1-5', 'cron(0 9 ? * 2-6 *)'],
    ['0 9 * * 0', 'cron(0 9 ? * 1 *)'],
    ['0 9 * * 7', 'cron(0 9 ? * 1 *)'],
    ['0 9 * * 5-7', 'cron(0 9 ? * 6,7,1 *)'],
    ['0 9 * * 1,3', 'cron(0 9 ? * 2,4 *)'],
    ['0 9 * * */2', 'cron(0 9 ? * 1,3,5,7 *)'],
    ['0 9 * * mon-fri', 'cron(0 9 ? * 2-6 *)'],
    ['0 0 1 jan *', 'cron(0 0 1 JAN ? *)'],
    ['@daily', 'cron(0 0 * * ? *)'],
    ['@weekly', 'cron(0 0 ? * 1 *)'],
    ['rate(5 minutes)', 'rate(5 minutes)'],
    ['cron(0 2 ? * MON *)', 'cron(0 2 ? * MON *)'],
    ['at(2027-01-31T09:00:00)', 'at(2027-01-31T09:00:00)'],
  ])('%s becomes %s', (pattern, expected) => {
    const result = translatePattern(pattern);

    expect(result).toStrictEqual({ ok: true, value: expected });
  });

  it('rejects both day fields restricted', () => {
    const result = translatePattern('0 9 1 * 1');

    expect(result.ok).toBe(false);
  });

  it('rejects a four-field pattern', () => {
    const result = translatePattern('0 9 * *');

    expect(result).toStrictEqual({ ok: false, reason: 'a cron pattern has 5 fields (minute hour day-of-month month day-of-week), not 4' });
  });
});

describe('parseScheduleExpression', () => {
  it('parses rate(1 minute)', () => {
    const result = parseScheduleExpression('rate(1 minute)');

    expect(result).toStrictEqual({ ok: true, value: { kind: 'rate', value: 1, unit: 'minute', seconds: 60 } });
  });

  it('parses at() as wall-clock fields', () => {
    const result = parseScheduleExpression('at(2027-02-28T23:59:30)');

    expect(result).toStrictEqual({ ok: true, value: { kind: 'at', year: 2027, month: 2, day: 28, hour: 23, minute: 59, second: 30 } });
  });

  it('parses cron() steps, names and ranges', () => {
    const result = parseScheduleExpression('cron(0/20 8-10 ? JAN-MAR MON,FRI 2027)');
    if (!result.ok || result.value.kind !== 'cron') throw new Error(`expected a cron expression, got ${JSON.stringify(result)}`);

    expect([...(result.value.minutes.values ?? [])]).toStrictEqual([0, 20, 40]);
    expect([...(result.value.hours.values ?? [])]).toStrictEqual([8, 9, 10]);
    expect([...(result.value.month.values ?? [])]).toStrictEqual([1, 2, 3]);
    expect([...(result.value.dayOfWeek.values ?? [])]).toStrictEqual([2, 6]);
    expect([...(result.value.year.values ?? [])]).toStrictEqual([2027]);
  });

  it('parses L, W and # forms', () => {
    const last = parseScheduleExpression('cron(0 0 L * ? *)');
    const weekday = parseScheduleExpression('cron(0 0 15W * ? *)');
    const nth = parseScheduleExpression('cron(0 0 ? * 2#1 *)');
    const lastFriday = parseScheduleExpression('cron(0 0 ? * 6L *)');

    expect(last.ok && last.value.kind === 'cron' && last.value.dayOfMonth.lastDay).toBe(true);
    expect(weekday.ok && weekday.value.kind === 'cron' && weekday.value.dayOfMonth.nearestWeekday).toBe(15);
    expect(nth.ok && nth.value.kind === 'cron' && nth.value.dayOfWeek.nthWeekday).toStrictEqual({ weekday: 2, nth: 1 });
    expect(lastFriday.ok && lastFriday.value.kind === 'cron' && lastFriday.value.dayOfWeek.lastWeekday).toBe(6);
  });

  it.each([
    ['rate(0 minutes)', 'the rate value must be a positive integer'],
    ['rate(5 weeks)', "unit 'weeks' is not one of minute, minutes, hour, hours, day, days"],
    ['rate(five minutes)', "rate() takes a positive integer and a unit, such as 'rate(5 minutes)'"],
    ['at(2027-02-30T00:00:00)', "'2027-02-30T00:00:00' is not a valid date and time"],
    ['at(2027-02-01 00:00:00)', "at() takes a date and time as yyyy-mm-ddThh:mm:ss, such as 'at(2027-01-31T09:00:00)'"],
    ['cron(0 2 * * * *)', "exactly one of day-of-month and day-of-week must be '?', the other a value or '*'"],
    ['cron(0 2 ? * ? *)', "exactly one of day-of-month and day-of-week must be '?', the other a value or '*'"],
    ['cron(60 2 * * ? *)', "'60' is outside the minutes range 0-59"],
    ['cron(0 24 * * ? *)', "'24' is outside the hours range 0-23"],
    ['cron(0 2 * 13 ? *)', "'13' is outside the month range 1-12"],
    ['cron(0 2 ? * 8 *)', "'8' is outside the day-of-week range 1-7"],
    ['cron(0 2 * * ? 1969)', "'1969' is outside the year range 1970-2199"],
    ['cron(0 ? * * ? *)', "'?' is only allowed in day-of-month and day-of-week, not in hours"],
    ['cron(0 5-2 * * ? *)', "range '5-2' of hours starts after it ends"],
    ['cron(0 2 * *)', 'cron() takes 6 fields (minutes hours day-of-month month day-of-week year), not 4'],
    ['every day', 'it is neither a 5-field cron pattern nor a cron(), rate() or at() expression'],
  ])('rejects %s', (text, reason) => {
    const result = parseScheduleExpression(text);

    expect(result).toStrictEqual({ ok: false, reason });
  });
});
