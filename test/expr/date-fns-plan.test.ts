import { UTCDate } from '@date-fns/utc';
import { format as formatDate, parse as parseDate } from 'date-fns';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileDateFormat, compileDateParse } from '../../src/expr/date-fns-plan.js';
import { civilMs, civilTime, maxDateMs, minDateMs } from '../../src/expr/datetime.js';
import { dateFnsPattern, translateDotnetFormat } from '../../src/expr/dotnet-format.js';

/** What date-fns does: the instant, NaN for Invalid Date, or the error it throws. */
function dateFnsParse(text: string, pattern: string, referenceMs: number): number | string {
  try {
    return parseDate(text, pattern, new UTCDate(referenceMs)).getTime();
  } catch (error) {
    return `throws ${(error as Error).name}`;
  }
}

function dateFnsFormat(ms: number, pattern: string): string {
  try {
    return formatDate(new UTCDate(ms), pattern);
  } catch (error) {
    return `throws ${(error as Error).name}`;
  }
}

const tokens = [
  ['d', 'dd', 'ddd', 'dddd', '%d'],
  ['M', 'MM', 'MMM', 'MMMM', '%M'],
  ['yy', 'yyy', 'yyyy', 'yyyyy'],
  ['h', 'hh', 'H', 'HH', '%h', '%H'],
  ['m', 'mm', '%m'],
  ['s', 'ss', '%s'],
  ['f', 'ff', 'fff', 'ffff', 'fffff', 'ffffff', 'fffffff', '%f'],
  ['tt'],
  ['zz', 'zzz', 'K'],
];
const literals = ['-', '/', ':', ' ', '.', 'T', 'Z', "'at'", '\\T', "\\'", '"o"', ',', '  ', '\n'];

/** Mostly nothing between two fields, where date-fns' digit rules decide where one ends. */
const separator = fc.oneof({ weight: 3, arbitrary: fc.constant('') }, { weight: 2, arbitrary: fc.constantFrom(...literals) });

/** .NET formats: mostly one token per field in random order (the plan's territory), sometimes anything. */
const dotnetFormat: fc.Arbitrary<string> = fc.oneof(
  fc
    .shuffledSubarray(tokens, { minLength: 1 })
    .chain((groups) => fc.tuple(...groups.map((g) => fc.constantFrom(...g)), fc.array(separator, { minLength: groups.length + 1, maxLength: groups.length + 1 })))
    .map((parts) => {
      const separators = parts.pop() as string[];
      return separators.map((sep, i) => sep + ((parts[i] as string | undefined) ?? '')).join('');
    }),
  fc.array(fc.constantFrom(...tokens.flat(), ...literals), { minLength: 1, maxLength: 6 }).map((parts) => parts.join('')),
);

/** The date-fns patterns FormatDateTime uses: translated .NET formats, with and without a kept offset. */
const pattern: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.tuple(dotnetFormat, fc.option(fc.integer({ min: -900, max: 900 }), { nil: undefined })).map(([text, offset]) => {
    try {
      return dateFnsPattern(translateDotnetFormat(text), offset);
    } catch {
      return 'yyyy';
    }
  }) },
  // Raw patterns, to hold the tokeniser to date-fns' own on quotes, ordinals and stray letters.
  { weight: 1, arbitrary: fc.array(fc.constantFrom('y', 'yy', 'M', 'd', 'do', 'H', 'h', 'a', 'x', 'X', 'xxx', "'", "''", "'q'", 'o', 'E', '-', '\n', '1', 'P', 'p'), { minLength: 1, maxLength: 6 }).map((p) => p.join('')) },
);

const instant = fc.integer({ min: minDateMs, max: maxDateMs });
/** References as FormatDateTime builds them (a day's midnight, 0001-01-01, 2000-01-01) and any instant. */
const reference = fc.oneof(
  instant.map((ms) => Math.floor(ms / 86_400_000) * 86_400_000),
  fc.constant(minDateMs),
  fc.constant(Date.UTC(2000, 0, 1)),
  instant,
);

/** Edits that turn a formatted date into a near miss. */
const edits = fc.oneof(
  fc.constant([]),
  fc.array(
    fc.tuple(fc.nat(), fc.constantFrom('', '0', '1', '2', '3', '5', '9', '12', '31', '99', ' ', 'a', 'P', 'AM', 'Z', '+', '-', ':', '.', "'"), fc.constantFrom('replace', 'insert', 'delete')),
    { minLength: 1, maxLength: 3 },
  ),
);
const noise = fc.oneof(
  { weight: 4, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: fc.stringMatching(/^[0-9 :.+\-/APMZapmT]{0,12}$/) },
);

/** A text near what the pattern accepts: a formatted date, edited; sometimes noise. */
function inputFor(p: string, ms: number, changes: readonly (readonly [number, string, string])[], random: string | undefined): string {
  if (random !== undefined) return random;
  let text = dateFnsFormat(ms, p);
  if (text.startsWith('throws')) text = '2021-06-30';
  for (const [at, piece, kind] of changes) {
    const i = text.length === 0 ? 0 : at % text.length;
    text = kind === 'insert' ? text.slice(0, i) + piece + text.slice(i) : text.slice(0, i) + (kind === 'replace' ? piece : '') + text.slice(i + 1);
  }
  return text;
}

/** Text for one .NET token: digits near the field's limits (in and out of range), names, designators, offsets. */
function fieldText(token: string): fc.Arbitrary<string> {
  const t = token.replace('%', '');
  const digits = (widths: number[], values: number[]) =>
    fc
      .tuple(fc.constantFrom(...widths), fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...values) }, { weight: 1, arbitrary: fc.nat(99_999) }))
      .map(([w, v]) => String(v).padStart(w, '0'));
  switch (t[0]) {
    case 'd':
      return t.length >= 3 ? fc.constantFrom('Mon', 'Tue', 'Wednesday', 'Sun', 'xyz') : digits([1, 2], [0, 1, 9, 10, 28, 29, 30, 31, 32, 35, 39, 99]);
    case 'M':
      return t.length >= 3 ? fc.constantFrom('Jan', 'Feb', 'December', 'Sept', 'xyz') : digits([1, 2], [0, 1, 2, 9, 10, 11, 12, 13, 19, 99]);
    case 'y':
      return digits([t.length], [0, 1, 24, 25, 26, 49, 50, 51, 74, 75, 76, 77, 99, 1999, 2000, 2024, 9999, 10000, 99999]);
    case 'h':
    case 'H':
      return digits([1, 2], [0, 1, 9, 11, 12, 13, 19, 20, 23, 24, 29, 99]);
    case 'm':
    case 's':
      return digits([1, 2], [0, 5, 9, 10, 59, 60, 65, 69, 99]);
    case 'f':
      return digits([t.length, t.length - 1, t.length + 1], [0, 1, 5, 9, 999, 1234567]);
    case 't':
      return fc.constantFrom('AM', 'PM', 'am', 'pm', 'A', 'P', 'a.m.', 'AM.', 'noon', 'mi');
    default:
      return fc.constantFrom('Z', '+05', '-08', '+0530', '+05:30', '-08:00', '+14:00', '+99:99', 'Z+05', '+05:3');
  }
}

/** The text a .NET literal stands for. */
const literalText: Record<string, string> = { "'at'": 'at', '\\T': 'T', "\\'": "'", '"o"': 'o' };

/** A field's text for an instant, as date-fns writes its token. */
function writeField(token: string, ms: number): string {
  return dateFnsFormat(ms, dateFnsPattern(translateDotnetFormat(token.length === 1 ? `%${token}` : token)));
}

/**
 * A .NET format of a few fields and a text that matches it but for at most one field, whose text
 * is drawn near that field's limits (in or out of range): the field then decides the outcome.
 */
const formatAndText: fc.Arbitrary<[string, string]> = fc
  .shuffledSubarray(tokens, { minLength: 1, maxLength: 4 })
  .chain((groups) =>
    fc.tuple(
      fc.tuple(...groups.map((g) => fc.constantFrom(...g).chain((token) => fc.tuple(fc.constant(token), fieldText(token))))),
      fc.array(separator, { minLength: groups.length, maxLength: groups.length }),
      instant,
      fc.nat(groups.length),
    ),
  )
  .map(([fields, separators, ms, odd]) => {
    let format = '';
    let text = '';
    fields.forEach(([token, edge], i) => {
      const sep = separators[i]!;
      format += sep + token;
      text += (literalText[sep] ?? sep) + (i === odd ? edge : writeField(token.replace('%', ''), ms));
    });
    return [format, text];
  });

describe('calendar arithmetic', () => {
  it('civilTime gives what the Date getters give, and civilMs is its inverse, across the whole Date range', () => {
    fc.assert(
      fc.property(fc.oneof(instant, fc.integer({ min: -8.64e15, max: 8.64e15 })), (ms) => {
        const d = new Date(ms);
        const civil = civilTime(ms);
        expect(civil).toEqual({
          year: d.getUTCFullYear(),
          month: d.getUTCMonth(),
          day: d.getUTCDate(),
          hour: d.getUTCHours(),
          minute: d.getUTCMinutes(),
          second: d.getUTCSeconds(),
          millisecond: d.getUTCMilliseconds(),
          weekday: d.getUTCDay(),
        });
        expect(civilMs(civil.year, civil.month, civil.day, civil.hour, civil.minute, civil.second, civil.millisecond)).toBe(ms);
      }),
      { numRuns: 2000 },
    );
  });

  it.each([0, -1, minDateMs, maxDateMs, Date.UTC(2000, 1, 29), Date.UTC(1900, 2, 1) - 1, -62198755200000 /* 0000-03-01 */])('%d', (ms) => {
    const c = civilTime(ms);
    expect(civilMs(c.year, c.month, c.day, c.hour, c.minute, c.second, c.millisecond)).toBe(ms);
    expect(c.year).toBe(new Date(ms).getUTCFullYear());
  });
});

describe('date-fns plans give what date-fns gives', () => {
  it('parse: same instant, Invalid Date or error for random patterns, inputs and references', () => {
    let planned = 0;
    fc.assert(
      fc.property(pattern, instant, edits, noise, reference, (p, ms, changes, random, ref) => {
        const plan = compileDateParse(p);
        if (!plan) return;
        planned++;
        const text = inputFor(p, ms, changes, random);
        expect(plan(text, ref)).toBe(dateFnsParse(text, p, ref));
      }),
      { numRuns: 600 },
    );
    // The generators must reach the plans, or the property says nothing.
    expect(planned).toBeGreaterThan(300);
  });

  it('parse: same instant, Invalid Date or error for texts written field by field (values in and out of range)', () => {
    let planned = 0;
    fc.assert(
      fc.property(formatAndText, reference, ([format, text], ref) => {
        let pattern: string;
        try {
          pattern = dateFnsPattern(translateDotnetFormat(format));
        } catch {
          return;
        }
        const plan = compileDateParse(pattern);
        if (!plan) return;
        planned++;
        expect(plan(text, ref)).toBe(dateFnsParse(text, pattern, ref));
      }),
      { numRuns: 800 },
    );
    expect(planned).toBeGreaterThan(400);
  });

  it('parse: every numeric token and pair of tokens on texts at the limits of their fields', () => {
    const texts = ['', '0', '00', '1', '01', '2', '9', '09', '10', '11', '12', '13', '19', '20', '23', '24', '28', '29', '30', '31', '32', '39', '49', '50', '51', '59', '60', '69', '75', '76', '77', '99', '100', '999', '1000', '2024', '9999', '10000', '99999', '1234567', '12345678', 'AM', 'PM', 'pm', 'a', 'P', 'A.M.', 'Z', '+05', '+0530', '+05:30', '-08:00', '+99:99', ' 1', '1 '];
    const references = [Date.UTC(2026, 0, 1), Date.UTC(2000, 0, 1), Date.UTC(1950, 5, 30, 13), Date.UTC(30, 0, 1), minDateMs, Date.UTC(9999, 11, 31)];
    const single = tokens.flat().filter((t) => !/^(ddd|MMM)/.test(t)).map((t) => (t.length === 1 ? `%${t}` : t));
    const pairs = ['dM', 'Md', 'MMdd', 'ddMM', 'yyMM', 'Hm', 'Hmm', 'hmm', 'mmss', 'sf', 'ffss', 'htt', 'hhtt', 'Hzz', 'dK', 'd/M/yy', 'M/d/yyyy'];
    const cases: [string, string][] = [];
    for (const token of single) for (const text of texts) cases.push([token, text]);
    for (const format of pairs) for (const a of texts.slice(0, 41)) for (const b of ['', '1', '12', '13', '29', '31', '59', '60', '99']) cases.push([format, a + (format.includes('/') ? '/' : '') + b]);
    for (const text of ['2000-02-29', '1900-02-29', '2024-02-30', '2023-02-29', '2023-04-31', '2023-12-31', '0000-01-01']) cases.push(['yyyy-MM-dd', text]);
    let planned = 0;
    for (const [format, text] of cases) {
      const pattern = dateFnsPattern(translateDotnetFormat(format));
      const plan = compileDateParse(pattern);
      if (!plan) continue;
      planned++;
      for (const ref of references) {
        const expected = dateFnsParse(text, pattern, ref);
        if (plan(text, ref) !== expected && !(Number.isNaN(expected) && Number.isNaN(plan(text, ref)))) {
          expect({ format, text, ref, got: plan(text, ref) }).toEqual({ format, text, ref, got: expected });
        }
      }
    }
    expect(planned).toBeGreaterThan(2000);
  });

  it('format: same text for random patterns and instants in years 1–9999', () => {
    let planned = 0;
    fc.assert(
      fc.property(pattern, instant, (p, ms) => {
        const plan = compileDateFormat(p);
        if (!plan) return;
        planned++;
        expect(plan(ms)).toBe(dateFnsFormat(ms, p));
      }),
      { numRuns: 600 },
    );
    expect(planned).toBeGreaterThan(300);
  });

  it.each([
    // [pattern, input, reference]
    ["yyyyMMddHHmmss'.'S'Z'", '20150123105347.1Z', 0],
    ["M'/'d'/'yyyy' 'hh':'mm':'ss' 'a", '7/2/2021 03:33:38 PM', 0],
    ['d', '09', 0], // date-fns reads "0" then finds "9" left over
    ['x', '+0530', 0], // x takes optional minutes
    ["yyyy'-'MM'-'ddxxx", '2021-06-30+08:00', 0],
    ["HH':'mm", '10:30', Date.UTC(2025, 6, 30)],
    ["dd'-'MM'-'yy", '31-12-49', Date.UTC(2000, 0, 1)],
    ["dd'-'MM'-'yy", '29-02-01', Date.UTC(2000, 0, 1)],
    ["d' 'h' 'a", '1 12 AM', 0],
  ])('parse %s on %s as date-fns does', (p, text, ref) => {
    const plan = compileDateParse(p);
    expect(plan).toBeDefined();
    expect(plan!(text, ref)).toBe(dateFnsParse(text, p, ref));
  });

  it('leaves to date-fns what it does not cover', () => {
    expect(compileDateParse("EEEE', 'MMMM d")).toBeUndefined(); // names
    expect(compileDateParse('H a')).toBeUndefined(); // date-fns refuses H with a
    expect(compileDateParse('yyyy yy')).toBeUndefined(); // a letter twice
    expect(compileDateParse('do')).toBeUndefined(); // ordinals
    expect(compileDateFormat('G')).toBeUndefined();
    expect(compileDateFormat("EEEE', 'MMMM d")).toBeDefined();
  });
});
