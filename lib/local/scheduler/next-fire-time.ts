import { daysInMonth, type CronField, type ScheduleExpression } from '../../dsl/triggers-expression';
import { zonedFields, zonedToEpoch, type ZonedFields } from './zoned-time';

const MINUTE = 60_000;
/** Last year that cron() accepts, after which the search stops. */
const LAST_CRON_YEAR = 2199;
/** Upper bound of the candidates examined. A search day by day up to 2199 takes about two steps a day, some 130,000 in all. */
const MAX_SEARCH_STEPS = 1_000_000;

type CronExpression = Extract<ScheduleExpression, { kind: 'cron' }>;

/**
 * Returns the first time after `after` (epoch milliseconds) at which the
 * schedule fires, or undefined when it never fires again. A rate() schedule
 * fires every period from `createdAt`, as EventBridge Scheduler starts a rate
 * schedule without StartDate at its creation.
 */
export function nextFireTime(expression: ScheduleExpression, timezone: string, after: number, createdAt: number): number | undefined {
  if (expression.kind === 'rate') {
    const period = expression.seconds * 1000;
    const periods = Math.floor((after - createdAt) / period) + 1;
    return createdAt + Math.max(periods, 1) * period;
  }

  if (expression.kind === 'at') {
    const time = zonedToEpoch(expression, timezone);
    return time > after ? time : undefined;
  }

  return nextCronTime(expression, timezone, after);
}

/**
 * Searches minute by minute from the minute after `after`, skipping a whole
 * hour or day whenever its fields cannot match.
 */
// NOTE: a local time that a daylight saving change skips never matches, so such a run is left out.
function nextCronTime(cron: CronExpression, timezone: string, after: number): number | undefined {
  let time = Math.floor(after / MINUTE) * MINUTE + MINUTE;
  const lastYear = cron.year.values ? Math.max(...cron.year.values) : LAST_CRON_YEAR;

  for (let step = 0; step < MAX_SEARCH_STEPS; step += 1) {
    const local = zonedFields(time, timezone);
    if (local.year > lastYear) return undefined;

    if (!matchesDay(cron, local)) {
      time += minutesToNextDay(local) * MINUTE;
    } else if (!matches(cron.hours, local.hour)) {
      time += (60 - local.minute) * MINUTE;
    } else if (!matches(cron.minutes, local.minute)) {
      time += MINUTE;
    } else {
      return time;
    }
  }

  return undefined;
}

/**
 * Returns the minutes to the next local midnight, less one hour, so that a day
 * shortened by daylight saving is not skipped. The hour steps cover the rest.
 */
function minutesToNextDay(local: ZonedFields): number {
  const remaining = 24 * 60 - (local.hour * 60 + local.minute);
  return remaining > 60 ? remaining - 60 : remaining;
}

function matches(field: CronField, value: number): boolean {
  return field.values === undefined || field.values.has(value);
}

function matchesDay(cron: CronExpression, local: ZonedFields): boolean {
  if (!matches(cron.year, local.year) || !matches(cron.month, local.month)) return false;

  return matchesDayOfMonth(cron.dayOfMonth, local) && matchesDayOfWeek(cron.dayOfWeek, local);
}

function matchesDayOfMonth(field: CronField, local: ZonedFields): boolean {
  const lastDay = daysInMonth(local.year, local.month);
  if (field.lastDay) return local.day === lastDay;
  if (field.nearestWeekday !== undefined) return local.day === nearestWeekday(local, field.nearestWeekday || lastDay, lastDay);

  return matches(field, local.day);
}

/** Returns the weekday (Monday to Friday) nearest to `target`, without leaving the month. */
function nearestWeekday(local: ZonedFields, target: number, lastDay: number): number | undefined {
  if (target > lastDay) return undefined;

  const weekdayOfTarget = ((local.weekday - 1 + (target - local.day)) % 7 + 7) % 7 + 1;
  if (weekdayOfTarget === 7) return target === 1 ? target + 2 : target - 1;
  if (weekdayOfTarget === 1) return target === lastDay ? target - 2 : target + 1;
  return target;
}

function matchesDayOfWeek(field: CronField, local: ZonedFields): boolean {
  if (field.lastWeekday !== undefined) {
    return local.weekday === field.lastWeekday && local.day + 7 > daysInMonth(local.year, local.month);
  }
  if (field.nthWeekday !== undefined) {
    return local.weekday === field.nthWeekday.weekday && Math.ceil(local.day / 7) === field.nthWeekday.nth;
  }

  return matches(field, local.weekday);
}
