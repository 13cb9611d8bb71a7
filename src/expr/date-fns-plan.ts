/**
 * Compiled date-fns patterns for FormatDateTime (dotnet-format.ts translates the .NET formats into
 * them). date-fns' `parse` and `format` split their pattern into tokens again on every call, which
 * made FormatDateTime cost tens of microseconds; its patterns are few and fixed, so each is split
 * once here into a plan that does, token by token, what date-fns does with that pattern:
 *
 * - parsing reads each field with the same digit rules (`M` takes `1[0-2]` or `0?\d`, `MM` one or
 *   two digits…), matches literals as prefixes, rejects leftover text, then applies the fields to
 *   the reference date in date-fns' priority order (year, month, day, AM/PM, hour, minute, second,
 *   fraction, offset) with the same range checks (a day is checked against its month);
 * - formatting writes each field as date-fns does on a UTC date (en-US names, `+00:00` offsets).
 *
 * A pattern with a token outside that set (day or month names when parsing, two tokens date-fns
 * refuses to combine) has no plan, and FormatDateTime keeps calling date-fns for it, so behaviour is
 * the same either way. test/expr/date-fns-plan.test.ts checks plans against date-fns itself on
 * random formats, dates and inputs.
 */
import { enUS } from 'date-fns/locale/en-US';
import { civilMs, civilTime, type CivilTime } from './datetime.js';

/** One piece of a date-fns pattern: a field token (`yyyy`) or literal text. */
type PatternPiece = { readonly field: string } | { readonly literal: string };

/**
 * date-fns' token grammar: a letter followed by `o` (ordinals), a run of one repeated word
 * character, `''` (one quote), a quoted run (`''` inside stands for a quote; an unterminated run
 * ends the pattern), or any single character but a line break (which date-fns drops).
 */
const tokenGrammar = /[yYQqMLwIdDecihHKkms]o|(\w)\1*|''|'(?:''|[^'])+(?:'|$)|./g;
const latinLetter = /^[a-zA-Z]$/;

/** date-fns' first pass: long localized formats (`P`, `p`), quoted runs, any other character but a line break. */
const longFormatGrammar = /P+p+|P+|p+|''|'(?:''|[^'])+(?:'|$)|./g;

/**
 * The pieces of a pattern, after date-fns' two passes (the first drops line breaks outside quotes
 * and expands `P`/`p`); undefined for what the plans leave to date-fns: a `P`/`p` format, or a
 * pattern with no piece at all (date-fns throws a TypeError on it).
 */
function splitPattern(pattern: string): PatternPiece[] | undefined {
  const first = pattern.match(longFormatGrammar);
  if (!first || first.some((t) => t[0] === 'P' || t[0] === 'p')) return undefined;
  const tokens = first.join('').match(tokenGrammar);
  if (!tokens) return undefined;
  const pieces: PatternPiece[] = [];
  for (const token of tokens) {
    if (token === "''") pieces.push({ literal: "'" });
    else if (token.startsWith("'")) pieces.push({ literal: token.slice(1, token.endsWith("'") && token.length > 1 ? -1 : undefined).replace(/''/g, "'") });
    else if (latinLetter.test(token[0]!)) pieces.push({ field: token });
    else pieces.push({ literal: token });
  }
  return pieces;
}

// ---------------------------------------------------------------------------------------------
// Parsing

/** Fields read from the text, as date-fns' setters receive them. Undefined: not in the pattern. */
interface Fields {
  year?: number;
  twoDigitYear?: boolean;
  /** 0–11 once read (date-fns subtracts one). */
  month?: number;
  day?: number;
  /** Hour set by the AM/PM token: 0 or 12 (date-fns' day periods map to hours). */
  dayPeriodHour?: number;
  hour12?: number;
  hour24?: number;
  minute?: number;
  second?: number;
  millisecond?: number;
  offsetMs?: number;
}

/** Reads one field at `at` into `fields`; returns the position after it, or -1 when it does not match. */
type FieldReader = (text: string, at: number, fields: Fields) => number;

function digitAt(text: string, at: number): number {
  const d = text.charCodeAt(at) - 48;
  return d >= 0 && d <= 9 ? d : -1;
}

/** One to `max` digits, greedy (date-fns' `\d{1,n}`); -1 when none. */
function nDigits(max: number, store: (fields: Fields, value: number) => void): FieldReader {
  return (text, at, fields) => {
    let value = 0;
    let i = at;
    for (; i < at + max; i++) {
      const d = digitAt(text, i);
      if (d < 0) break;
      value = value * 10 + d;
    }
    if (i === at) return -1;
    store(fields, value);
    return i;
  };
}

/**
 * A pattern "two digits when the pair qualifies, else one digit" — the shape of date-fns' single
 * letter patterns (`M`: `1[0-2]|0?\d`, `d`: `3[01]|[0-2]?\d`, `H`: `2[0-3]|[01]?\d`, `m`: `[0-5]?\d`).
 */
function oneOrTwoDigits(pair: (first: number, second: number) => boolean, store: (fields: Fields, value: number) => void): FieldReader {
  return (text, at, fields) => {
    const first = digitAt(text, at);
    if (first < 0) return -1;
    const second = digitAt(text, at + 1);
    if (second >= 0 && pair(first, second)) {
      store(fields, first * 10 + second);
      return at + 2;
    }
    store(fields, first);
    return at + 1;
  };
}

const monthOrHour12 = (a: number, b: number) => (a === 1 && b <= 2) || a === 0;
const dayOfMonth = (a: number, b: number) => (a === 3 && b <= 1) || a <= 2;
const hour23 = (a: number, b: number) => (a === 2 && b <= 3) || a <= 1;
const sixty = (a: number) => a <= 5;

/** date-fns' offset patterns; the `Z` alternative is not anchored, so it is matched on the rest as date-fns does. */
const basicOptionalMinutes = /^([+-])(\d{2})(\d{2})?|Z/;
const extendedOffset = /^([+-])(\d{2}):(\d{2})|Z/;

function offsetReader(pattern: RegExp): FieldReader {
  return (text, at, fields) => {
    const m = text.slice(at).match(pattern);
    if (!m) return -1;
    if (m[0] === 'Z') {
      fields.offsetMs = 0;
      return at + 1;
    }
    const sign = m[1] === '+' ? 1 : -1;
    fields.offsetMs = sign * (Number(m[2] ?? 0) * 3_600_000 + Number(m[3] ?? 0) * 60_000);
    return at + m[0].length;
  };
}

/** Hours of date-fns' day periods. */
function dayPeriodHour(period: string): number {
  if (period === 'morning') return 4;
  if (period === 'evening') return 17;
  if (period === 'pm' || period === 'noon' || period === 'afternoon') return 12;
  return 0;
}

const dayPeriodReader: FieldReader = (text, at, fields) => {
  const rest = text.slice(at);
  const match = enUS.match.dayPeriod(rest, { width: 'abbreviated', context: 'formatting' }) ?? enUS.match.dayPeriod(rest, { width: 'narrow', context: 'formatting' });
  if (!match) return -1;
  fields.dayPeriodHour = dayPeriodHour(match.value);
  return at + rest.length - match.rest.length;
};

/** A run of one letter (`yyyy`), not an ordinal (`do`). */
function isRun(token: string): boolean {
  return token === token[0]!.repeat(token.length);
}

/** The reader for a field token, or undefined when the plan does not cover it. */
function fieldReader(token: string): FieldReader | undefined {
  const n = token.length;
  if (!isRun(token)) return undefined;
  switch (token[0]) {
    case 'y':
      return nDigits(n === 1 ? 4 : n, (f, v) => {
        f.year = v;
        f.twoDigitYear = token === 'yy';
      });
    case 'M':
      if (n > 2) return undefined; // month names
      return n === 1 ? oneOrTwoDigits(monthOrHour12, (f, v) => (f.month = v - 1)) : nDigits(2, (f, v) => (f.month = v - 1));
    case 'd':
      return n === 1 ? oneOrTwoDigits(dayOfMonth, (f, v) => (f.day = v)) : nDigits(n, (f, v) => (f.day = v));
    case 'h':
      return n === 1 ? oneOrTwoDigits(monthOrHour12, (f, v) => (f.hour12 = v)) : nDigits(n, (f, v) => (f.hour12 = v));
    case 'H':
      return n === 1 ? oneOrTwoDigits(hour23, (f, v) => (f.hour24 = v)) : nDigits(n, (f, v) => (f.hour24 = v));
    case 'm':
      return n === 1 ? oneOrTwoDigits(sixty, (f, v) => (f.minute = v)) : nDigits(n, (f, v) => (f.minute = v));
    case 's':
      return n === 1 ? oneOrTwoDigits(sixty, (f, v) => (f.second = v)) : nDigits(n, (f, v) => (f.second = v));
    case 'S': {
      const scale = Math.pow(10, -n + 3);
      return nDigits(n, (f, v) => (f.millisecond = Math.trunc(v * scale)));
    }
    case 'a':
      return n <= 3 ? dayPeriodReader : undefined;
    case 'x':
      return n === 1 ? offsetReader(basicOptionalMinutes) : n === 3 ? offsetReader(extendedOffset) : undefined;
    case 'X':
      return n === 3 ? offsetReader(extendedOffset) : undefined;
    default:
      return undefined;
  }
}

/** Pairs of field letters date-fns refuses in one pattern (besides a letter used twice). */
const incompatible = new Set(['hH', 'Hh', 'Ha', 'aH', 'xX', 'Xx']);

type ParseStep = { readonly literal: string } | { readonly read: FieldReader };

/** A compiled parse: the instant `text` denotes (ms), or NaN where date-fns gives Invalid Date. */
export type DateParsePlan = (text: string, referenceMs: number) => number;

const daysInMonth = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeapYear = (year: number) => year % 400 === 0 || (year % 4 === 0 && year % 100 !== 0);

/** date-fns' two-digit year rule: the year within 50 years of the reference year. */
function twoDigitYearNear(twoDigits: number, referenceYear: number): number {
  const current = referenceYear > 0 ? referenceYear : 1 - referenceYear;
  let year: number;
  if (current <= 50) year = twoDigits || 100;
  else {
    const rangeEnd = current + 50;
    const century = Math.trunc(rangeEnd / 100) * 100;
    year = twoDigits + century - (twoDigits >= rangeEnd % 100 ? 100 : 0);
  }
  return referenceYear > 0 ? year : 1 - year;
}

/**
 * Applies the fields in date-fns' setter order, each after its range check, as its setters do on
 * a UTC date: a year resets the date to 1 January, midnight; a month to its first day, midnight; a
 * day, an AM/PM or an hour to the start of that day or hour; and so on. In arithmetic rather than
 * Date setters (much faster); every value is in range, so nothing overflows into the next field.
 */
function applyFields(fields: Fields, referenceMs: number): number {
  let { year, month, day, hour, minute, second, millisecond } = civilTime(referenceMs);
  if (fields.year !== undefined) {
    if (!fields.twoDigitYear && fields.year <= 0) return NaN;
    year = fields.twoDigitYear ? twoDigitYearNear(fields.year, year) : fields.year;
    month = 0;
    day = 1;
    hour = minute = second = millisecond = 0;
  }
  if (fields.month !== undefined) {
    if (fields.month < 0 || fields.month > 11) return NaN;
    month = fields.month;
    day = 1;
    hour = minute = second = millisecond = 0;
  }
  if (fields.day !== undefined) {
    const last = month === 1 && isLeapYear(year) ? 29 : daysInMonth[month]!;
    if (fields.day < 1 || fields.day > last) return NaN;
    day = fields.day;
    hour = minute = second = millisecond = 0;
  }
  if (fields.dayPeriodHour !== undefined) {
    hour = fields.dayPeriodHour;
    minute = second = millisecond = 0;
  }
  if (fields.hour12 !== undefined) {
    const h = fields.hour12;
    if (h < 1 || h > 12) return NaN;
    const pm = hour >= 12;
    hour = pm && h < 12 ? h + 12 : !pm && h === 12 ? 0 : h;
    minute = second = millisecond = 0;
  } else if (fields.hour24 !== undefined) {
    if (fields.hour24 > 23) return NaN;
    hour = fields.hour24;
    minute = second = millisecond = 0;
  }
  if (fields.minute !== undefined) {
    if (fields.minute > 59) return NaN;
    minute = fields.minute;
    second = millisecond = 0;
  }
  if (fields.second !== undefined) {
    if (fields.second > 59) return NaN;
    second = fields.second;
    millisecond = 0;
  }
  if (fields.millisecond !== undefined) millisecond = fields.millisecond;
  const ms = civilMs(year, month, day, hour, minute, second, millisecond);
  return fields.offsetMs === undefined ? ms : ms - fields.offsetMs;
}

const nonWhite = /\S/;

/** The parse plan of a date-fns pattern, or undefined when date-fns must parse it. */
export function compileDateParse(pattern: string): DateParsePlan | undefined {
  const pieces = splitPattern(pattern);
  if (pattern === '' || !pieces) return undefined;
  const steps: ParseStep[] = [];
  const used: string[] = [];
  for (const piece of pieces) {
    if ('literal' in piece) {
      steps.push(piece);
      continue;
    }
    const letter = piece.field[0]!;
    if (used.some((u) => u === letter || incompatible.has(u + letter))) return undefined;
    used.push(letter);
    const read = fieldReader(piece.field);
    if (!read) return undefined;
    steps.push({ read });
  }
  return (text, referenceMs) => {
    const fields: Fields = {};
    let at = 0;
    for (const step of steps) {
      if ('literal' in step) {
        if (!text.startsWith(step.literal, at)) return NaN;
        at += step.literal.length;
      } else {
        at = step.read(text, at, fields);
        if (at < 0) return NaN;
      }
    }
    if (at < text.length && nonWhite.test(text.slice(at))) return NaN;
    return applyFields(fields, referenceMs);
  };
}

// ---------------------------------------------------------------------------------------------
// Formatting

type FieldWriter = (date: CivilTime) => string;

/** date-fns' zero padding (a sign before the digits). */
function pad(value: number, width: number): string {
  const digits = String(value < 0 ? -value : value);
  const padded = digits.length >= width ? digits : '0'.repeat(width - digits.length) + digits;
  return value < 0 ? `-${padded}` : padded;
}

type Width = 'narrow' | 'short' | 'abbreviated' | 'wide';

function fieldWriter(token: string): FieldWriter | undefined {
  const n = token.length;
  if (!isRun(token)) return undefined;
  switch (token[0]) {
    case 'y':
      return (d) => {
        const year = d.year > 0 ? d.year : 1 - d.year;
        return pad(token === 'yy' ? year % 100 : year, n);
      };
    case 'M': {
      if (n === 1) return (d) => String(d.month + 1);
      if (n === 2) return (d) => pad(d.month + 1, 2);
      const width: Width = n === 3 ? 'abbreviated' : n === 5 ? 'narrow' : 'wide';
      return (d) => enUS.localize.month(d.month as 0, { width, context: 'formatting' });
    }
    case 'd':
      return (d) => pad(d.day, n);
    case 'E': {
      const width: Width = n <= 3 ? 'abbreviated' : n === 5 ? 'narrow' : n === 6 ? 'short' : 'wide';
      return (d) => enUS.localize.day(d.weekday as 0, { width, context: 'formatting' });
    }
    case 'a': {
      const width: Width = n <= 3 ? 'abbreviated' : n === 5 ? 'narrow' : 'wide';
      return (d) => {
        const text = enUS.localize.dayPeriod(d.hour / 12 >= 1 ? 'pm' : 'am', { width, context: 'formatting' });
        return n === 3 ? text.toLowerCase() : text;
      };
    }
    case 'h':
      return (d) => pad(d.hour % 12 || 12, n);
    case 'H':
      return (d) => pad(d.hour, n);
    case 'm':
      return (d) => pad(d.minute, n);
    case 's':
      return (d) => pad(d.second, n);
    case 'S': {
      const scale = Math.pow(10, n - 3);
      return (d) => pad(Math.trunc(d.millisecond * scale), n);
    }
    // A UTC date's offset is zero.
    case 'x': {
      const text = n === 1 ? '+00' : n === 2 || n === 4 ? '+0000' : '+00:00';
      return () => text;
    }
    case 'X':
      return () => 'Z';
    default:
      return undefined;
  }
}

/** A compiled format: the text of a UTC instant (ms) under the pattern. */
export type DateFormatPlan = (ms: number) => string;

/** The format plan of a date-fns pattern, or undefined when date-fns must format it. */
export function compileDateFormat(pattern: string): DateFormatPlan | undefined {
  const pieces = splitPattern(pattern);
  if (pattern === '' || !pieces) return undefined;
  const steps: (string | FieldWriter)[] = [];
  for (const piece of pieces) {
    if ('literal' in piece) {
      const last = steps[steps.length - 1];
      if (typeof last === 'string') steps[steps.length - 1] = last + piece.literal;
      else steps.push(piece.literal);
      continue;
    }
    const write = fieldWriter(piece.field);
    if (!write) return undefined;
    steps.push(write);
  }
  return (ms) => {
    const date = civilTime(ms);
    let out = '';
    for (const step of steps) out += typeof step === 'string' ? step : step(date);
    return out;
  };
}
