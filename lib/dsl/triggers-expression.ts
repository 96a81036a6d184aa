/**
 * EventBridge Scheduler expressions: `cron(min hour day-of-month month day-of-week year)`,
 * `rate(value unit)` and `at(yyyy-mm-ddThh:mm:ss)`, as the EventBridge Scheduler
 * User Guide ("Schedule types") defines them, and the translation of a
 * 5-field Mistral cron pattern into the cron() form.
 */

/** One cron field, checked against the local calendar fields of a candidate minute. */
export interface CronField {
  text: string;
  /** Allowed values, or undefined for `*` and `?`. */
  values?: ReadonlySet<number>;
  /** Day-of-month `L`: the last day of the month. */
  lastDay?: boolean;
  /** Day-of-month `nW` (or `LW` with 0): the weekday nearest to day n. */
  nearestWeekday?: number;
  /** Day-of-week `nL`: the last weekday n (1 = Sunday) of the month. */
  lastWeekday?: number;
  /** Day-of-week `n#k`: the k-th weekday n of the month. */
  nthWeekday?: { weekday: number; nth: number };
}

export type ScheduleExpression =
  | { kind: 'rate'; value: number; unit: 'minute' | 'hour' | 'day'; seconds: number }
  | {
      kind: 'cron';
      minutes: CronField;
      hours: CronField;
      dayOfMonth: CronField;
      month: CronField;
      dayOfWeek: CronField;
      year: CronField;
    }
  /** Wall-clock time in the schedule's timezone. */
  | { kind: 'at'; year: number; month: number; day: number; hour: number; minute: number; second: number };

export type ParseResult<T> = { ok: true; value: T } | { ok: false; reason: string };

const months = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const weekdays = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
const rateUnits: Record<string, { unit: 'minute' | 'hour' | 'day'; seconds: number }> = {
  minute: { unit: 'minute', seconds: 60 },
  minutes: { unit: 'minute', seconds: 60 },
  hour: { unit: 'hour', seconds: 3600 },
  hours: { unit: 'hour', seconds: 3600 },
  day: { unit: 'day', seconds: 86400 },
  days: { unit: 'day', seconds: 86400 },
};

/** Mistral (croniter) shorthands and their 5-field patterns. */
const cronShorthands: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

interface FieldRule {
  name: string;
  min: number;
  max: number;
  names?: string[];
  /** Value of `names[0]`. */
  namesFrom?: number;
  allowQuestion?: boolean;
}

const fieldRules: FieldRule[] = [
  { name: 'minutes', min: 0, max: 59 },
  { name: 'hours', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31, allowQuestion: true },
  { name: 'month', min: 1, max: 12, names: months, namesFrom: 1 },
  { name: 'day-of-week', min: 1, max: 7, names: weekdays, namesFrom: 1, allowQuestion: true },
  { name: 'year', min: 1970, max: 2199 },
];

/** Parses an EventBridge Scheduler expression, or returns why it is invalid. */
export function parseScheduleExpression(text: string): ParseResult<ScheduleExpression> {
  const form = /^(rate|cron|at)\((.*)\)$/.exec(text.trim());
  if (!form) return { ok: false, reason: 'it is neither a 5-field cron pattern nor a cron(), rate() or at() expression' };

  const [, kind, body] = form;
  if (kind === 'rate') return parseRate(body);
  if (kind === 'at') return parseAt(body);
  return parseCron(body);
}

function parseRate(body: string): ParseResult<ScheduleExpression> {
  const match = /^\s*(\d+)\s+([a-z]+)\s*$/.exec(body);
  if (!match) return { ok: false, reason: "rate() takes a positive integer and a unit, such as 'rate(5 minutes)'" };

  const value = Number(match[1]);
  const unit = rateUnits[match[2]];
  if (!unit) return { ok: false, reason: `unit '${match[2]}' is not one of minute, minutes, hour, hours, day, days` };
  if (value < 1) return { ok: false, reason: 'the rate value must be a positive integer' };

  return { ok: true, value: { kind: 'rate', value, unit: unit.unit, seconds: value * unit.seconds } };
}

function parseAt(body: string): ParseResult<ScheduleExpression> {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/.exec(body.trim());
  if (!match) return { ok: false, reason: "at() takes a date and time as yyyy-mm-ddThh:mm:ss, such as 'at(2027-01-31T09:00:00)'" };

  const [year, month, day, hour, minute, second] = match.slice(1).map(Number);
  const valid = month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) && hour <= 23 && minute <= 59 && second <= 59;
  if (!valid) return { ok: false, reason: `'${body.trim()}' is not a valid date and time` };

  return { ok: true, value: { kind: 'at', year, month, day, hour, minute, second } };
}

function parseCron(body: string): ParseResult<ScheduleExpression> {
  const texts = body.trim().split(/\s+/);
  if (texts.length !== 6) {
    return { ok: false, reason: `cron() takes 6 fields (minutes hours day-of-month month day-of-week year), not ${texts.length}` };
  }

  const fields: CronField[] = [];
  for (const [index, rule] of fieldRules.entries()) {
    const field = parseField(texts[index], rule);
    if (!field.ok) return field;
    fields.push(field.value);
  }

  const [minutes, hours, dayOfMonth, month, dayOfWeek, year] = fields;
  const questions = [dayOfMonth, dayOfWeek].filter((field) => field.text === '?').length;
  if (questions !== 1) {
    return { ok: false, reason: "exactly one of day-of-month and day-of-week must be '?', the other a value or '*'" };
  }

  return { ok: true, value: { kind: 'cron', minutes, hours, dayOfMonth, month, dayOfWeek, year } };
}

function parseField(text: string, rule: FieldRule): ParseResult<CronField> {
  if (text === '*') return { ok: true, value: { text } };
  if (text === '?') {
    return rule.allowQuestion ? { ok: true, value: { text } } : { ok: false, reason: `'?' is only allowed in day-of-month and day-of-week, not in ${rule.name}` };
  }

  const special = parseSpecial(text, rule);
  if (special) return special;

  const values = new Set<number>();
  for (const element of text.split(',')) {
    const range = parseRange(element, rule);
    if (!range.ok) return range;
    for (const value of range.value) values.add(value);
  }

  return { ok: true, value: { text, values } };
}

/** Parses the `L`, `W` and `#` forms, which stand alone in their field. */
function parseSpecial(text: string, rule: FieldRule): ParseResult<CronField> | undefined {
  if (rule.name === 'day-of-month') {
    if (text === 'L') return { ok: true, value: { text, lastDay: true } };
    if (text === 'LW') return { ok: true, value: { text, nearestWeekday: 0 } };
    const weekday = /^(\d{1,2})W$/.exec(text);
    if (weekday) {
      const day = Number(weekday[1]);
      if (day < 1 || day > 31) return { ok: false, reason: `day ${day} of '${text}' is outside 1-31` };
      return { ok: true, value: { text, nearestWeekday: day } };
    }
  }

  if (rule.name === 'day-of-week') {
    const last = /^([1-7]|[A-Z]{3})L$/.exec(text);
    if (last) {
      const weekday = valueOf(last[1], rule);
      if (weekday === undefined) return { ok: false, reason: `'${text}' does not name a day of the week` };
      return { ok: true, value: { text, lastWeekday: weekday } };
    }
    const nth = /^([1-7]|[A-Z]{3})#([1-5])$/.exec(text);
    if (nth) {
      const weekday = valueOf(nth[1], rule);
      if (weekday === undefined) return { ok: false, reason: `'${text}' does not name a day of the week` };
      return { ok: true, value: { text, nthWeekday: { weekday, nth: Number(nth[2]) } } };
    }
  }

  return undefined;
}

function parseRange(element: string, rule: FieldRule): ParseResult<number[]> {
  const match = /^(\*|[0-9A-Z]+)(?:-([0-9A-Z]+))?(?:\/(\d+))?$/.exec(element);
  if (!match) return { ok: false, reason: `'${element}' is not a valid ${rule.name} value` };

  const [, startText, endText, stepText] = match;
  const start = startText === '*' ? rule.min : valueOf(startText, rule);
  const end = endText !== undefined ? valueOf(endText, rule) : startText === '*' || stepText !== undefined ? rule.max : start;
  if (start === undefined || end === undefined || (startText === '*' && endText !== undefined)) {
    return { ok: false, reason: `'${element}' is outside the ${rule.name} range ${rule.min}-${rule.max}` };
  }
  if (start > end) return { ok: false, reason: `range '${element}' of ${rule.name} starts after it ends` };

  const step = stepText === undefined ? 1 : Number(stepText);
  if (step < 1) return { ok: false, reason: `the step of '${element}' must be at least 1` };

  const values: number[] = [];
  for (let value = start; value <= end; value += step) values.push(value);
  return { ok: true, value: values };
}

function valueOf(text: string, rule: FieldRule): number | undefined {
  const byName = rule.names?.indexOf(text) ?? -1;
  const value = byName >= 0 ? byName + (rule.namesFrom ?? 0) : /^\d+$/.test(text) ? Number(text) : undefined;
  return value !== undefined && value >= rule.min && value <= rule.max ? value : undefined;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Translates a trigger pattern into an EventBridge Scheduler expression. A
 * cron(), rate() or at() expression is kept as written. A 5-field Mistral cron
 * pattern becomes cron() with any year, and its day of week moves from
 * croniter's 0-7 (0 and 7 are Sunday) to EventBridge's 1-7 (1 is Sunday).
 */
export function translatePattern(pattern: string): ParseResult<string> {
  const text = pattern.trim();
  if (/^(rate|cron|at)\(/.test(text)) return { ok: true, value: text };

  const fields = (cronShorthands[text] ?? text).split(/\s+/);
  if (fields.length !== 5) {
    return { ok: false, reason: `a cron pattern has 5 fields (minute hour day-of-month month day-of-week), not ${fields.length}` };
  }

  const [minute, hour, dayOfMonth, month, dayOfWeek] = fields.map((field) => field.toUpperCase());
  const dayOfMonthSet = dayOfMonth !== '*' && dayOfMonth !== '?';
  const dayOfWeekSet = dayOfWeek !== '*' && dayOfWeek !== '?';
  if (dayOfMonthSet && dayOfWeekSet) {
    return { ok: false, reason: "it restricts both the day of month and the day of week, which cron runs on either but EventBridge Scheduler cannot combine: set one of them to '*'" };
  }

  const weekday: ParseResult<string> = dayOfWeekSet ? translateWeekdays(dayOfWeek) : { ok: true, value: '?' };
  if (!weekday.ok) return weekday;
  let monthDay = dayOfMonth === '?' ? '*' : dayOfMonth;
  if (dayOfWeekSet) monthDay = '?';

  return { ok: true, value: `cron(${minute} ${hour} ${monthDay} ${month} ${weekday.value} *)` };
}

function translateWeekdays(field: string): ParseResult<string> {
  const elements: string[] = [];
  for (const element of field.split(',')) {
    const match = /^(\*|\d+|[A-Z]{3})(?:-(\d+|[A-Z]{3}))?(?:\/(\d+))?$/.exec(element);
    if (!match) return { ok: false, reason: `'${element}' is not a valid day-of-week value` };

    const [, start, end, step] = match;
    const from = start === '*' ? 0 : croniterWeekday(start);
    let to = end === undefined ? from : croniterWeekday(end);
    if (end === undefined && (start === '*' || step !== undefined)) to = 6;
    if (from === undefined || to === undefined) return { ok: false, reason: `'${element}' is outside the day-of-week range 0-7` };

    // 7 (Sunday) at the end of a range cannot stay in the 1-7 order, so the range is listed.
    if (to === 7 || step !== undefined) {
      const every = step === undefined ? 1 : Number(step);
      for (let day = from; day <= to; day += every) elements.push(String((day % 7) + 1));
    } else {
      elements.push(from === to ? String((from % 7) + 1) : `${(from % 7) + 1}-${(to % 7) + 1}`);
    }
  }

  return { ok: true, value: [...new Set(elements)].join(',') };
}

function croniterWeekday(text: string): number | undefined {
  const byName = weekdays.indexOf(text);
  if (byName >= 0) return byName;

  const value = Number(text);
  return Number.isInteger(value) && value >= 0 && value <= 7 ? value : undefined;
}
