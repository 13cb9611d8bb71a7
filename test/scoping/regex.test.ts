/**
 * REGEX MATCH specifics: anchoring and the patterns scoping filters use. The .NET translation
 * itself is tested with the expression engine (test/expr).
 */
import { describe, expect, it } from 'vitest';
import { compileScopingRegex, ScopingRegexError } from '../../src/scoping/regex.js';

describe('compileScopingRegex', () => {
  it.each([
    ['.*\\@domain.com', 'alice@domain.com', true],
    ['.*\\@domain.com', 'alice@domain.com.evil', false],
    ['(1[0-9]{6})', '1234567', true],
    ['(1[0-9]{6})', '21234567', false],
    ['\\d{3}', '١٢٣', true],
    ['a.c', 'a\nc', false],
    ['(?i)abc', 'ABC', true],
    ['a|ab', 'ab', true],
    ['a|b', 'ab', false],
  ])('whole: %s on %j → %s', (pattern, input, matches) => {
    expect(compileScopingRegex(pattern, 'whole').test(input)).toBe(matches);
  });

  it('substring finds the pattern anywhere, as .NET IsMatch', () => {
    expect(compileScopingRegex('[1-9][0-9]', 'substring').test('x100')).toBe(true);
    expect(compileScopingRegex('^[1-9][0-9]$', 'substring').test('x100')).toBe(false);
  });

  it.each([
    ['(?>a+)b', 'SCOPING_UNSUPPORTED_REGEX'],
    ['[a-z-[aeiou]]', 'SCOPING_UNSUPPORTED_REGEX'],
    ['a(?i)b', 'SCOPING_UNSUPPORTED_REGEX'],
    ['(1[0-9', 'SCOPING_INVALID_REGEX'],
    ['a\\', 'SCOPING_INVALID_REGEX'],
    ['*a', 'SCOPING_INVALID_REGEX'],
    ['(a', 'SCOPING_INVALID_REGEX'],
  ])('%s → %s', (pattern, code) => {
    expect(() => compileScopingRegex(pattern, 'whole')).toThrow(ScopingRegexError);
    expect(() => compileScopingRegex(pattern, 'whole')).toThrow(expect.objectContaining({ code }));
  });
});
