/**
 * Case mapping the way .NET's TextInfo does it: one character at a time (simple case mapping), so
 * `ß` stays `ß` in ToUpper and a final `Σ` lower-cases to `σ`, unlike JavaScript's full mapping.
 * Culture-aware when a culture is given (`tr-TR` maps `I` to `ı`).
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

/** The invariant culture's simple lower-case mapping, one character at a time (the reference for the fast path). */
export function invariantLowerCase(text: string): string {
  return mapEach(text, (ch) => (ch === '\u0130' ? 'i' : ch.toLowerCase()));
}

/** The invariant culture's simple upper-case mapping, one character at a time (the reference for the fast path). */
export function invariantUpperCase(text: string): string {
  return mapEach(text, (ch) => ch.toUpperCase());
}

/** Whether the text holds İ (U+0130) or Σ (U+03A3); a loop is faster than indexOf on short text. */
function hasSpecialLower(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x130 || c === 0x3a3) return true;
  }
  return false;
}

/** Lower case with simple mappings; invariant culture when `culture` is undefined. */
export function lowerCase(text: string, culture?: string): string {
  if (culture === undefined) {
    // JavaScript's whole-string mapping differs from the simple one only for İ (U+0130, i + U+0307)
    // and a final Σ (U+03A3, ς): without them it is the same text, much faster
    // (test/expr/casing.test.ts checks every code point).
    if (!hasSpecialLower(text)) return text.toLowerCase();
    // Invariant culture: İ (U+0130) lower-cases to i (its simple mapping), not i + U+0307.
    return invariantLowerCase(text);
  }
  return mapEach(text, (ch) => ch.toLocaleLowerCase(culture));
}

/** Upper case with simple mappings; invariant culture when `culture` is undefined. */
export function upperCase(text: string, culture?: string): string {
  if (culture === undefined) {
    // Upper-case mappings never shrink a character and are not context-sensitive, so a result of
    // the same length used no special (expanding) mapping: it is the simple mapping
    // (test/expr/casing.test.ts checks every code point).
    const upper = text.toUpperCase();
    if (upper.length === text.length) return upper;
    return invariantUpperCase(text);
  }
  return mapEach(text, (ch) => ch.toLocaleUpperCase(culture));
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
