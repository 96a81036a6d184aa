/** Calendar fields of an instant in a timezone, with `weekday` 1 (Sunday) to 7 (Saturday) as in cron(). */
export interface ZonedFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
}

const weekdayNumbers: Record<string, number> = { Sun: 1, Mon: 2, Tue: 3, Wed: 4, Thu: 5, Fri: 6, Sat: 7 };
const formats = new Map<string, Intl.DateTimeFormat>();

function formatOf(timezone: string): Intl.DateTimeFormat {
  let format = formats.get(timezone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formats.set(timezone, format);
  }
  return format;
}

/** Returns the wall-clock fields of `epochMilliseconds` in the IANA timezone. */
export function zonedFields(epochMilliseconds: number, timezone: string): ZonedFields {
  const parts = Object.fromEntries(formatOf(timezone).formatToParts(new Date(epochMilliseconds)).map((part) => [part.type, part.value]));

  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: weekdayNumbers[parts.weekday],
  };
}

/**
 * Converts a wall-clock time in the timezone to epoch milliseconds. A time
 * that a daylight saving change skips comes out one offset later, and a
 * repeated time gives its first occurrence only when the offsets agree.
 */
export function zonedToEpoch(fields: Omit<ZonedFields, 'weekday'>, timezone: string): number {
  const asUtc = Date.UTC(fields.year, fields.month - 1, fields.day, fields.hour, fields.minute, fields.second);
  const firstGuess = asUtc - offsetAt(asUtc, timezone);
  return asUtc - offsetAt(firstGuess, timezone);
}

/** Milliseconds by which the timezone's wall clock is ahead of UTC at the instant. */
function offsetAt(epochMilliseconds: number, timezone: string): number {
  const local = zonedFields(epochMilliseconds, timezone);
  const wholeSeconds = Math.floor(epochMilliseconds / 1000) * 1000;
  return Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second) - wholeSeconds;
}
