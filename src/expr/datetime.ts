/**
 * Date/time support (entra-semantics.md §10): parsing the text forms CDate accepts, .NET-style
 * calendar arithmetic in UTC, the DateTime range (years 1–9999) and AD FILETIME conversion.
 */
import type { ExpressionOptions } from './options.js';
import { DateTime } from './value.js';

export type DateParse = { ok: true; value: DateTime; offsetMinutes: number | null } | { ok: false; reason: string };

const msPerMinute = 60_000;
const msPerDay = 86_400_000;

/** Milliseconds since the epoch for a UTC calendar instant; valid for years 1–9999 (no 19xx quirk). */
export function utcMs(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, ms);
  return d.getTime();
}

/** The UTC calendar fields of an instant, as Date's getUTC… methods give them (month 0–11, weekday 0 = Sunday). */
export interface CivilTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  weekday: number;
}

/**
 * The calendar fields of an instant by arithmetic (proleptic Gregorian, as Date counts): the days
 * since 1970-01-01 split into 400-year eras of 146,097 days, years of March to February.
 */
export function civilTime(ms: number): CivilTime {
  const days = Math.floor(ms / msPerDay);
  let rest = ms - days * msPerDay;
  const hour = Math.floor(rest / 3_600_000);
  rest -= hour * 3_600_000;
  const minute = Math.floor(rest / msPerMinute);
  rest -= minute * msPerMinute;
  const second = Math.floor(rest / 1000);
  const z = days + 719_468; // days since 0000-03-01
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153); // 0 = March
  const month = shiftedMonth < 10 ? shiftedMonth + 2 : shiftedMonth - 10;
  return {
    year: yearOfEra + era * 400 + (month <= 1 ? 1 : 0),
    month,
    day: dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1,
    hour,
    minute,
    second,
    millisecond: rest - second * 1000,
    weekday: (((days + 4) % 7) + 7) % 7, // 1970-01-01 was a Thursday
  };
}

/** The instant of UTC calendar fields (month 0–11), each within its range: the inverse of {@link civilTime}. */
export function civilMs(year: number, month: number, day: number, hour: number, minute: number, second: number, millisecond: number): number {
  const y = month <= 1 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month <= 1 ? month + 10 : month - 2) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  const days = era * 146_097 + dayOfEra - 719_468;
  return days * msPerDay + hour * 3_600_000 + minute * msPerMinute + second * 1000 + millisecond;
}

/** .NET DateTime.MinValue and MaxValue (UTC). */
export const minDateMs = utcMs(1, 1, 1);
export const maxDateMs = utcMs(9999, 12, 31, 23, 59, 59, 999);

export function inDateRange(ms: number): boolean {
  return ms >= minDateMs && ms <= maxDateMs;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(utcMs(year, month + 1, 1) - msPerDay).getUTCDate();
}

// yyyy-M-d, then an optional time (T or space) and an optional offset (Z, ±HH:mm, ±HHmm, ±HH).
const isoPattern =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?)?\s?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
// M/d/yyyy with an optional h:mm[:ss] [AM|PM] and an optional offset.
const usPattern = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([AP]M))?)?\s?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * Parses the date forms of §10: ISO date (`2025-08-15`), ISO date + offset without a time
 * (`2012-03-16-07:00`), ISO date-time with `T` or a space and an optional offset or `Z`, and US
 * `M/d/yyyy h:mm:ss tt`. No offset ⇒ UTC (or an error, per `dateWithoutOffset`).
 */
export function parseDateText(text: string, options: Pick<ExpressionOptions, 'dateWithoutOffset'>): DateParse {
  const s = text.trim();
  let year: number, month: number, day: number;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let fraction = '';
  let offsetText: string | undefined;
  let m = isoPattern.exec(s);
  if (m) {
    year = Number(m[1]);
    month = Number(m[2]);
    day = Number(m[3]);
    if (m[4] !== undefined) {
      hour = Number(m[4]);
      minute = Number(m[5]);
      second = m[6] === undefined ? 0 : Number(m[6]);
      fraction = m[7] ?? '';
    }
    offsetText = m[8];
    if (hour > 23) return { ok: false, reason: `hour ${hour} is out of range` };
  } else if ((m = usPattern.exec(s))) {
    month = Number(m[1]);
    day = Number(m[2]);
    year = Number(m[3]);
    if (m[4] !== undefined) {
      hour = Number(m[4]);
      minute = Number(m[5]);
      second = m[6] === undefined ? 0 : Number(m[6]);
      const designator = m[7]?.toUpperCase();
      if (designator) {
        if (hour > 12) return { ok: false, reason: `hour ${hour} cannot take ${designator}` };
        hour = (hour % 12) + (designator === 'PM' ? 12 : 0);
      } else if (hour > 23) return { ok: false, reason: `hour ${hour} is out of range` };
    }
    offsetText = m[8];
  } else {
    return { ok: false, reason: 'expected yyyy-MM-dd[Thh:mm:ss][±hh:mm] or M/d/yyyy h:mm:ss tt' };
  }
  if (year < 1) return { ok: false, reason: 'year 0 does not exist' };
  if (month < 1 || month > 12) return { ok: false, reason: `month ${month} is out of range` };
  if (day < 1 || day > daysInMonth(year, month)) return { ok: false, reason: `day ${day} is out of range for ${year}-${String(month).padStart(2, '0')}` };
  if (minute > 59 || second > 59) return { ok: false, reason: 'minutes and seconds must be below 60' };
  let offsetMinutes: number | null = null;
  if (offsetText !== undefined) {
    const parsed = parseOffset(offsetText);
    if (parsed === undefined) return { ok: false, reason: `offset "${offsetText}" is out of range` };
    offsetMinutes = parsed;
  } else if (options.dateWithoutOffset === 'error') {
    return { ok: false, reason: 'it has no offset (settings.expression.dateWithoutOffset is "error")' };
  }
  const ticks = fraction === '' ? 0 : Number(fraction.padEnd(7, '0'));
  const local = utcMs(year, month, day, hour, minute, second, Math.floor(ticks / 10_000));
  const ms = local - (offsetMinutes ?? 0) * msPerMinute;
  if (!inDateRange(ms)) return { ok: false, reason: 'it is outside the years 1–9999 once converted to UTC' };
  return { ok: true, value: new DateTime(ms, ticks % 10_000), offsetMinutes };
}

/** `Z` → 0, `-07:00` → -420, `+0530` → 330, `+08` → 480; undefined when out of range. */
export function parseOffset(text: string): number | undefined {
  if (text === 'Z' || text === 'z') return 0;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(text);
  if (!m) return undefined;
  const hours = Number(m[2]);
  const minutes = m[3] === undefined ? 0 : Number(m[3]);
  if (hours > 14 || minutes > 59) return undefined;
  return (m[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

/** .NET AddMonths: shifts the month and clamps the day to the target month's length. */
export function addMonths(date: DateTime, months: number): DateTime | undefined {
  const d = new Date(date.ms);
  const total = d.getUTCFullYear() * 12 + d.getUTCMonth() + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12 + 1;
  if (year < 1 || year > 9999) return undefined;
  const day = Math.min(d.getUTCDate(), daysInMonth(year, month));
  const ms = utcMs(year, month, day, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds());
  return new DateTime(ms, date.subMsTicks);
}

/** Adds milliseconds; undefined when the result leaves the DateTime range. */
export function addMs(date: DateTime, ms: number): DateTime | undefined {
  const out = date.ms + ms;
  return inDateRange(out) ? new DateTime(out, date.subMsTicks) : undefined;
}

/** 100-ns ticks between 1601-01-01 and 1970-01-01 (AD FILETIME epoch, §10). */
const fileTimeEpochTicks = 116_444_736_000_000_000n;
/** .NET DateTime.MaxValue as a FILETIME. */
export const maxFileTime = (BigInt(maxDateMs) * 10_000n + 9_999n) + fileTimeEpochTicks;

/** DateTime → AD large-integer date (100-ns ticks since 1601-01-01 UTC). */
export function toFileTime(date: DateTime): bigint {
  return BigInt(date.ms) * 10_000n + BigInt(date.subMsTicks) + fileTimeEpochTicks;
}

/** AD large-integer date → DateTime; undefined outside 0…DateTime.MaxValue. */
export function fromFileTime(ticks: bigint): DateTime | undefined {
  if (ticks < 0n || ticks > maxFileTime) return undefined;
  const unixTicks = ticks - fileTimeEpochTicks;
  // Floor division so that instants before 1970 keep a non-negative sub-millisecond remainder.
  let ms = unixTicks / 10_000n;
  let rest = unixTicks % 10_000n;
  if (rest < 0n) {
    rest += 10_000n;
    ms -= 1n;
  }
  return new DateTime(Number(ms), Number(rest));
}

export { msPerDay, msPerMinute };
