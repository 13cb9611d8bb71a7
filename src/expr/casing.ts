/**
 * Case mapping the way .NET's TextInfo does it on ICU (System.Globalization.Native, pal_casing.c):
 * one code point at a time with ICU's simple mapping (u_tolower / u_toupper), so `ß` stays `ß` in
 * ToUpper and a final `Σ` lower-cases to `σ`, unlike JavaScript's full, context-sensitive mapping.
 * Three variants, nothing else depends on the culture:
 * - invariant (no culture): as on Windows, `İ` (U+0130) lower-cases to itself and `ı` (U+0131)
 *   upper-cases to itself;
 * - Turkish casing (cultures `tr`, `az`): `I` ↔ `ı`, `i` ↔ `İ`;
 * - every other culture: the plain simple mapping (`İ` → `i`, `Ì` → `ì` in `lt-LT`, `ά` → `Ά` in `el-GR`).
 */

function mapEach(text: string, map: (ch: string) => string): string {
  let out = '';
  for (const ch of text) {
    const mapped = map(ch);
    // Keep the character when the mapping is not one-to-one (a special/full case mapping).
    out += mapped.length === ch.length || [...mapped].length === 1 ? mapped : ch;
  }
  return out;
}

/**
 * JavaScript's per-character mapping is the simple one except where it expands; the only
 * lower-case expansion is İ (i + U+0307), whose simple mapping is i.
 */
const simpleLower = (ch: string): string => (ch === '\u0130' ? 'i' : ch.toLowerCase());
const simpleUpper = (ch: string): string => ch.toUpperCase();

/** The invariant culture's lower-case mapping, one character at a time (the reference for the fast path). */
export function invariantLowerCase(text: string): string {
  return mapEach(text, (ch) => (ch === '\u0130' ? ch : ch.toLowerCase()));
}

/** The invariant culture's upper-case mapping, one character at a time (the reference for the fast path). */
export function invariantUpperCase(text: string): string {
  return mapEach(text, (ch) => (ch === '\u0131' ? ch : ch.toUpperCase()));
}

/** Whether the text holds one of the given UTF-16 code units; a loop is faster than indexOf on short text. */
function hasCodeUnit(text: string, a: number, b: number): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === a || c === b) return true;
  }
  return false;
}

/** .NET's Turkish casing applies to Turkish and Azerbaijani cultures. */
function turkishCasing(culture: string): boolean {
  const language = culture.split('-')[0]!.toLowerCase();
  return language === 'tr' || language === 'az';
}

/** Lower case with simple mappings; invariant culture when `culture` is undefined. */
export function lowerCase(text: string, culture?: string): string {
  if (culture === undefined) {
    // JavaScript's whole-string mapping differs from the simple one only for İ (U+0130, i + U+0307)
    // and a final Σ (U+03A3, ς): without them it is the same text, much faster
    // (test/expr/casing.test.ts checks every code point).
    if (!hasCodeUnit(text, 0x130, 0x3a3)) return text.toLowerCase();
    return invariantLowerCase(text);
  }
  if (turkishCasing(culture)) return mapEach(text, (ch) => (ch === 'I' ? '\u0131' : simpleLower(ch)));
  return mapEach(text, simpleLower);
}

/** Upper case with simple mappings; invariant culture when `culture` is undefined. */
export function upperCase(text: string, culture?: string): string {
  if (culture === undefined) {
    // Upper-case mappings never shrink a character and are not context-sensitive, so a result of
    // the same length used no special (expanding) mapping: it is the simple mapping, unless the
    // text holds ı, which stays ı in the invariant culture (test/expr/casing.test.ts checks every code point).
    const upper = text.toUpperCase();
    if (upper.length === text.length && !hasCodeUnit(text, 0x131, 0x131)) return upper;
    return invariantUpperCase(text);
  }
  if (turkishCasing(culture)) return mapEach(text, (ch) => (ch === 'i' ? '\u0130' : simpleUpper(ch)));
  return mapEach(text, simpleUpper);
}

/**
 * Validates a culture name (RFC 4646 / BCP 47, e.g. `en-US`, `ja-JP`, `haw`) and returns it
 * canonicalised; `""` is the invariant culture (undefined). Throws RangeError when malformed.
 */
export function cultureOf(name: string): string | undefined {
  if (name === '' || name.toLowerCase() === 'iv' || name.toLowerCase() === 'invariant') return undefined;
  const [canonical] = Intl.getCanonicalLocales(name);
  return canonical;
}
