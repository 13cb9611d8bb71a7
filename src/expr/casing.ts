/**
 * Case mapping the way .NET's TextInfo does it: one character at a time (simple case mapping), so
 * `ß` stays `ß` in ToUpper and a final `Σ` lower-cases to `σ`, unlike JavaScript's full mapping.
 * Culture-aware when a culture is given (`tr-TR` maps `I` to `ı`).
 */

const ascii = /^[\x00-\x7f]*$/;

function mapEach(text: string, map: (ch: string) => string): string {
  let out = '';
  for (const ch of text) {
    const mapped = map(ch);
    // Keep the character when the mapping is not one-to-one (a special/full case mapping).
    out += mapped.length === ch.length || [...mapped].length === 1 ? mapped : ch;
  }
  return out;
}

/** Lower case with simple mappings; invariant culture when `culture` is undefined. */
export function lowerCase(text: string, culture?: string): string {
  if (culture === undefined) {
    if (ascii.test(text)) return text.toLowerCase();
    // Invariant culture: İ (U+0130) lower-cases to i (its simple mapping), not i + U+0307.
    return mapEach(text, (ch) => (ch === '\u0130' ? 'i' : ch.toLowerCase()));
  }
  return mapEach(text, (ch) => ch.toLocaleLowerCase(culture));
}

/** Upper case with simple mappings; invariant culture when `culture` is undefined. */
export function upperCase(text: string, culture?: string): string {
  if (culture === undefined) {
    if (ascii.test(text)) return text.toUpperCase();
    return mapEach(text, (ch) => ch.toUpperCase());
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
