import { UTCDate } from '@date-fns/utc';
import { format as formatDate, parse as parseDate } from 'date-fns';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileDateFormat, compileDateParse } from '../../src/expr/date-fns-plan.js';
import { maxDateMs, minDateMs } from '../../src/expr/datetime.js';
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

/** .NET formats: mostly one token per field in random order (the plan's territory), sometimes anything. */
const dotnetFormat: fc.Arbitrary<string> = fc.oneof(
  fc
    .shuffledSubarray(tokens, { minLength: 1 })
    .chain((groups) => fc.tuple(...groups.map((g) => fc.constantFrom(...g)), fc.array(fc.constantFrom('', ...literals), { minLength: groups.length + 1, maxLength: groups.length + 1 })))
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
