import { describe, expect, it } from 'vitest';
import { invariantLowerCase, invariantUpperCase, lowerCase, upperCase } from '../../src/expr/casing.js';

/** Every code point (lone surrogates included) as its own string. */
const everyCharacter: string[] = [];
for (let cp = 0; cp <= 0x10ffff; cp++) everyCharacter.push(String.fromCodePoint(cp));

describe('invariant case mapping: the whole-string fast path equals the one-character-at-a-time mapping', () => {
  it('lower case: every code point, alone and between cased letters, except İ and Σ (which take the slow path)', () => {
    const chars = everyCharacter.filter((ch) => ch !== '\u0130' && ch !== '\u03a3');
    const text = chars.join('');
    expect(lowerCase(text) === invariantLowerCase(text)).toBe(true);
    // Context: the characters that have a mapping, each between cased letters and marks.
    const cased = chars.filter((ch) => ch.toLowerCase() !== ch).join('Aa\u0301');
    expect(lowerCase(cased) === invariantLowerCase(cased)).toBe(true);
  });

  it('lower case: İ stays İ in the invariant culture (.NET, pal_casing.c: as on Windows); a final Σ keeps its simple mapping', () => {
    expect(lowerCase('İSTANBUL ΟΔΟΣ')).toBe('İstanbul οδοσ');
    expect(lowerCase('ΟΔΟΣ')).toBe(invariantLowerCase('ΟΔΟΣ'));
  });

  it('upper case: no code point shrinks, and one of the same length maps to one code point', () => {
    const bad = everyCharacter.filter((ch) => {
      const upper = ch.toUpperCase();
      return upper.length < ch.length || (upper.length === ch.length && [...upper].length !== 1);
    });
    expect(bad).toEqual([]);
  });

  it('upper case: every code point whose mapping keeps its length, in one string, maps as one at a time', () => {
    const chars = everyCharacter.filter((ch) => ch.toUpperCase().length === ch.length);
    const text = chars.join('');
    expect(upperCase(text) === invariantUpperCase(text)).toBe(true);
    const cased = chars.filter((ch) => ch.toUpperCase() !== ch).join('a\u0301');
    expect(upperCase(cased) === invariantUpperCase(cased)).toBe(true);
  });

  it('upper case: ı stays ı in the invariant culture (.NET, as on Windows)', () => {
    expect(upperCase('ıi')).toBe('ıI');
    expect(upperCase('ıi')).toBe(invariantUpperCase('ıi'));
  });

  it('upper case: expanding characters keep the simple mapping', () => {
    expect(upperCase('straße ǰ ﬁ')).toBe('STRAßE ǰ ﬁ');
    expect(upperCase('straße')).toBe(invariantUpperCase('straße'));
  });
});

describe('culture case mapping: ICU simple mapping, plus Turkish casing for tr and az (.NET on ICU)', () => {
  it.each([
    ['lower', 'ÌĮÍ I J', 'lt-LT', 'ìįí i j'],
    ['lower', 'İSTANBUL', 'en-US', 'istanbul'],
    ['lower', 'İSTANBUL', 'tr-TR', 'istanbul'],
    ['lower', 'ISTANBUL', 'az-Latn-AZ', 'ıstanbul'],
    ['lower', 'ΟΔΟΣ', 'el-GR', 'οδοσ'],
    ['upper', 'ά ΐ', 'el-GR', 'Ά ΐ'],
    ['upper', 'istanbul ı', 'tr', 'İSTANBUL I'],
    ['upper', 'ı', 'en-US', 'I'],
    ['upper', 'straße ǰ', 'de-DE', 'STRAßE ǰ'],
  ])('%s(%s, %s) = %s', (which, text, culture, expected) => {
    expect(which === 'lower' ? lowerCase(text, culture) : upperCase(text, culture)).toBe(expected);
  });
});
