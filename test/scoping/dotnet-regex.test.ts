import { describe, expect, it } from 'vitest';
import { compileDotNetRegex, DotNetRegexError, translateDotNetRegex } from '../../src/scoping/dotnet-regex.js';

/** [pattern, input, matches with whole-value anchoring] */
const cases: Array<[string, string, boolean]> = [
  ['.*\\@domain.com', 'alice@domain.com', true],
  ['.*\\@domain\\.com', 'alice@domainXcom', false],
  ['\\#\\ x', '# x', true],
  ['\\d{3}', '١٢٣', true], // .NET \d is any Unicode decimal digit
  ['\\w+', 'Zoë_1', true],
  ['\\W', '-', true],
  ['[\\w.-]+', 'a.b-c', true],
  ['a.c', 'a\nc', false], // . does not match \n
  ['(?s)a.c', 'a\nc', true],
  ['(?i)abc', 'ABC', true],
  ['abc', 'ABC', false],
  ["(?'first'a)\\k'first'", 'aa', true],
  ['(?<first>a)\\k<first>', 'aa', true],
  ['a(?#comment)b', 'ab', true],
  ['\\Aab\\z', 'ab', true],
  ['a{', 'a{', true],
  ['a}', 'a}', true],
  ['x]', 'x]', true],
  ['[]a]+', ']a', true],
  ['[^]a]', 'b', true],
  ['a{2,3}', 'aaa', true],
  ['\\p{Lu}+', 'ÀB', true],
  ['(?<=a)b|ab', 'ab', true],
  ['\\e', '\x1b', true],
];

describe('.NET regex translation', () => {
  it.each(cases)('%s on %j → %s', (pattern, input, matches) => {
    expect(compileDotNetRegex(pattern, 'whole').test(input)).toBe(matches);
  });

  it('$ matches before a final newline, as in .NET', () => {
    expect(compileDotNetRegex('ab$', 'substring').test('ab\n')).toBe(true);
    expect(compileDotNetRegex('ab$', 'substring').test('ab\nc')).toBe(false);
    expect(compileDotNetRegex('(?m)ab$', 'substring').test('ab\nc')).toBe(true);
  });

  it('substring anchoring finds a match anywhere, whole requires all of it', () => {
    expect(compileDotNetRegex('[1-9][0-9]', 'substring').test('x100')).toBe(true);
    expect(compileDotNetRegex('[1-9][0-9]', 'whole').test('x100')).toBe(false);
    // Alternation must not escape the anchors.
    expect(compileDotNetRegex('a|ab', 'whole').test('ab')).toBe(true);
    expect(compileDotNetRegex('a|b', 'whole').test('ab')).toBe(false);
  });

  it('returns JavaScript flags, always in Unicode mode', () => {
    expect(translateDotNetRegex('(?im)x')).toEqual({ source: 'x', flags: 'imu' });
  });

  it.each([
    ['(?>a+)', 'atomic groups'],
    ['(?(a)b|c)', 'conditional'],
    ['(?<open-close>a)', 'balancing'],
    ['a(?i)b', 'inline options'],
    ['a(?i:b)', 'inline options'],
    ['(?x) a b', '(?x)'],
    ['\\Ga', '\\G'],
    ['[a-z-[aeiou]]', 'subtraction'],
    ['[\\W]', '\\W inside'],
    ['(?<1>a)', 'numbered'],
    ['\\p{IsGreek}', 'named block'],
  ])('rejects %s (%s) as unsupported', (pattern, what) => {
    expect(() => translateDotNetRegex(pattern)).toThrow(DotNetRegexError);
    try {
      translateDotNetRegex(pattern);
    } catch (error) {
      expect((error as DotNetRegexError).code).toBe('SCOPING_UNSUPPORTED_REGEX');
      expect((error as DotNetRegexError).message).toContain(what);
    }
  });

  it.each(['(a', '[a', 'a\\', '\\q', '*a'])('reports %s as invalid', (pattern) => {
    expect(() => compileDotNetRegex(pattern, 'whole')).toThrow(expect.objectContaining({ code: 'SCOPING_INVALID_REGEX' }));
  });
});
