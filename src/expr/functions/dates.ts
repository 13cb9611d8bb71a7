/**
 * Date functions (entra-semantics.md §3, §10): CDate, Now, DateAdd, DateDiff (Visual Basic
 * semantics), DateFromNum and NumFromDate (AD FILETIME). A null date gives null (nothing flows).
 */
import { bigintOf, dateOf, evalError, intOf, single, textOf } from '../coerce.js';
import { addMonths, addMs, fromFileTime, maxFileTime, msPerDay, parseDateText, toFileTime } from '../datetime.js';
import { DateTime, type Value } from '../value.js';
import type { CallSite, EagerFunction, Frame } from './types.js';

/** VB interval tokens (Connect Sync and VB.NET add q, y, w to the documented seven, §13 ?17). */
type Interval = 'yyyy' | 'q' | 'm' | 'y' | 'd' | 'w' | 'ww' | 'h' | 'n' | 's';
const intervals = new Set<string>(['yyyy', 'q', 'm', 'y', 'd', 'w', 'ww', 'h', 'n', 's']);

function intervalOf(value: Value | undefined, frame: Frame, site: CallSite): Interval {
  const raw = textOf(value, site, 0) ?? '';
  const token = frame.ctx.options.intervalCase === 'insensitive' ? raw.trim().toLowerCase() : raw.trim();
  if (intervals.has(token)) return token as Interval;
  return evalError('EXPR_EVAL_INVALID_ARGUMENT', `argument 1 (interval) "${raw}" is not an interval`, site, 0, 'use yyyy, m, d, ww, h, n or s (also q, y, w)');
}

/** A DateTime argument, or null when the value is null. */
function optionalDate(value: Value | undefined, frame: Frame, site: CallSite, index: number, name: string): DateTime | null {
  return single(value, site, index) === null ? null : dateOf(value, frame, site, index, name);
}

function outOfRange(site: CallSite): never {
  return evalError('EXPR_EVAL_DATE_OUT_OF_RANGE', 'the result is outside the years 1–9999', site);
}

/** Parses a date string and returns it as a UTC DateTime (§3 CDate). */
export const CDate: EagerFunction = {
  name: 'CDate',
  summary: 'the date in a string, as a UTC DateTime',
  params: [{ name: 'expression' }],
  call([value], frame, site) {
    return optionalDate(value, frame, site, 0, 'expression');
  },
};

/** The injected clock's instant (§3 Now). */
export const Now: EagerFunction = {
  name: 'Now',
  summary: 'the current UTC date and time (the injected clock)',
  params: [],
  call(_args, frame) {
    return new DateTime(frame.ctx.clock.now());
  },
};

/** Calendar arithmetic in UTC; months and years clamp to the month's end like .NET AddMonths. */
export const DateAdd: EagerFunction = {
  name: 'DateAdd',
  summary: 'dateTime plus value intervals',
  params: [{ name: 'interval' }, { name: 'value' }, { name: 'dateTime' }],
  call(args, frame, site) {
    const interval = intervalOf(args[0], frame, site);
    const n = intOf(args[1], site, 1, 'value');
    const date = optionalDate(args[2], frame, site, 2, 'dateTime');
    if (date === null) return null;
    let out: DateTime | undefined;
    switch (interval) {
      case 'yyyy':
        out = addMonths(date, n * 12);
        break;
      case 'q':
        out = addMonths(date, n * 3);
        break;
      case 'm':
        out = addMonths(date, n);
        break;
      case 'y':
      case 'd':
      case 'w':
        out = addMs(date, n * msPerDay);
        break;
      case 'ww':
        out = addMs(date, n * 7 * msPerDay);
        break;
      case 'h':
        out = addMs(date, n * 3_600_000);
        break;
      case 'n':
        out = addMs(date, n * 60_000);
        break;
      case 's':
        out = addMs(date, n * 1000);
        break;
    }
    return out ?? outOfRange(site);
  },
};

/** Milliseconds (with the sub-millisecond part) between two instants. */
function elapsed(from: DateTime, to: DateTime): number {
  return to.ms - from.ms + (to.subMsTicks - from.subMsTicks) / 10_000;
}

/**
 * date2 − date1 in the interval, Microsoft.VisualBasic DateDiff semantics (§3 DateDiff, [X]):
 * `yyyy`/`q`/`m` count calendar boundaries; `d`/`h`/`n`/`s` truncate elapsed time toward zero
 * (`d` may count midnights instead: the `dateDiffDays` setting); `ww` moves both dates back to
 * their Sunday first, then counts whole weeks; `w` counts whole 7-day periods.
 */
export const DateDiff: EagerFunction = {
  name: 'DateDiff',
  summary: 'date2 − date1 in the interval (positive when date2 is later)',
  params: [{ name: 'interval' }, { name: 'date1' }, { name: 'date2' }],
  call(args, frame, site) {
    const interval = intervalOf(args[0], frame, site);
    const d1 = optionalDate(args[1], frame, site, 1, 'date1');
    const d2 = optionalDate(args[2], frame, site, 2, 'date2');
    if (d1 === null || d2 === null) return null;
    const a = new Date(d1.ms);
    const b = new Date(d2.ms);
    const fix = (x: number) => BigInt(Math.trunc(x));
    switch (interval) {
      case 'yyyy':
        return BigInt(b.getUTCFullYear() - a.getUTCFullYear());
      case 'q':
        return BigInt(b.getUTCFullYear() * 4 + Math.floor(b.getUTCMonth() / 3) - (a.getUTCFullYear() * 4 + Math.floor(a.getUTCMonth() / 3)));
      case 'm':
        return BigInt(b.getUTCFullYear() * 12 + b.getUTCMonth() - (a.getUTCFullYear() * 12 + a.getUTCMonth()));
      case 'y':
      case 'd':
        if (frame.ctx.options.dateDiffDays === 'calendar') return BigInt(Math.floor(d2.ms / msPerDay) - Math.floor(d1.ms / msPerDay));
        return fix(elapsed(d1, d2) / msPerDay);
      case 'w':
        return fix(Math.trunc(elapsed(d1, d2) / msPerDay) / 7);
      case 'ww': {
        const sunday1 = d1.ms - a.getUTCDay() * msPerDay;
        const sunday2 = d2.ms - b.getUTCDay() * msPerDay;
        return fix(Math.trunc((sunday2 - sunday1) / msPerDay) / 7);
      }
      case 'h':
        return fix(elapsed(d1, d2) / 3_600_000);
      case 'n':
        return fix(elapsed(d1, d2) / 60_000);
      case 's':
        return fix(elapsed(d1, d2) / 1000);
    }
  },
};

/** AD large-integer date (FILETIME ticks) → DateTime (§3 DateFromNum). */
export const DateFromNum: EagerFunction = {
  name: 'DateFromNum',
  summary: 'an AD large-integer date (FILETIME) as a DateTime',
  params: [{ name: 'value' }],
  call([value], _frame, site) {
    if (single(value, site, 0) === null) return null;
    const ticks = bigintOf(value, site, 0, 'value');
    const date = fromFileTime(ticks);
    if (!date) {
      return evalError('EXPR_EVAL_DATE_OUT_OF_RANGE', `argument 1 (value) ${ticks} is not a FILETIME between 0 and ${maxFileTime}`, site, 0, '9223372036854775807 means "never expires"; it has no date');
    }
    return date;
  },
};

/** ISO 8601 date-time (offset, `T` or space) → AD large-integer date (§3 NumFromDate). */
export const NumFromDate: EagerFunction = {
  name: 'NumFromDate',
  summary: 'a date as an AD large-integer date (FILETIME ticks, UTC)',
  params: [{ name: 'value' }],
  call([value], frame, site) {
    const s = single(value, site, 0);
    if (s === null) return null;
    let date: DateTime;
    if (s instanceof DateTime) date = s;
    else {
      const text = textOf(s, site, 0)!;
      const parsed = parseDateText(text, frame.ctx.options);
      if (!parsed.ok) return evalError('EXPR_EVAL_INVALID_DATE', `argument 1 (value) "${text}" is not an ISO 8601 date: ${parsed.reason}`, site, 0, 'reformat it with FormatDateTime(…, "yyyy-MM-dd") and append a time and offset');
      date = parsed.value;
    }
    const ticks = toFileTime(date);
    if (ticks < 0n) return evalError('EXPR_EVAL_DATE_OUT_OF_RANGE', 'dates before 1601-01-01 have no AD large-integer form', site, 0);
    return ticks;
  },
};

export const dateFunctions = [CDate, Now, DateAdd, DateDiff, DateFromNum, NumFromDate];
