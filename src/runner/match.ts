/**
 * The matching rules of `expect` (contract: "Matching rules"), on plain JSON values:
 * - objects match as subsets (extra actual keys are fine) unless `exact: true` is set on the
 *   object or inherited from above (`exact: false` lower down switches it off again); the
 *   `exact` key itself is a marker, never data;
 * - `null` means the key must be absent or null;
 * - arrays have the same length and match element by element, in order;
 * - scalars are equal; in string views (Graph-style attributes, where every value is a string)
 *   `true` matches "True" and `42` matches "42".
 * Object keys are looked up exactly first, then case-insensitively (SCIM attribute names are
 * case-insensitive, RFC 7643 §2.1).
 */

export type MismatchCode =
  /** Values differ. */
  | 'EXPECT_MISMATCH'
  /** The expected key or element is absent. */
  | 'EXPECT_ABSENT'
  /** `null` was expected, something is there. */
  | 'EXPECT_PRESENT'
  /** `exact`: the actual object has a key the expectation does not list. */
  | 'EXPECT_EXTRA_KEY'
  /** Arrays differ in length. */
  | 'EXPECT_LENGTH';

/** One difference, at a path relative to where matching started. */
export interface Mismatch {
  code: MismatchCode;
  path: Array<string | number>;
  expected: unknown;
  actual: unknown;
}

/** Compares two scalars; `undefined` falls back to the default rule. */
export type ScalarRule = (expected: unknown, actual: unknown) => boolean | undefined;

export interface MatchOptions {
  /** Objects must match exactly (inherited by nested objects). @default false */
  exact?: boolean;
  /** Compare scalars in their string form (Graph string views). @default false */
  stringView?: boolean;
  /** Per-path scalar rules (error codes with or without prefix, substring reasons…). */
  ruleFor?: (path: ReadonlyArray<string | number>) => ScalarRule | undefined;
  /**
   * How an actual string reads with its secrets masked (`Redact()` values as `[Redact]`): an
   * expected string equal to that matches too, so expectations written from the reports (and by
   * `--update`) never need the secret itself.
   */
  masked?: (actual: string) => string;
}

/** Every mismatch between `expected` and `actual`, depth first, in the expectation's key order. */
export function matchValue(expected: unknown, actual: unknown, options: MatchOptions = {}): Mismatch[] {
  const out: Mismatch[] = [];
  walk(expected, actual, [], options.exact ?? false, options, out);
  return out;
}

/** Whether a value is a plain object (not an array, not null). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The keys an expectation object compares (everything but the `exact` marker). */
export function expectationKeys(expected: Record<string, unknown>): string[] {
  return Object.keys(expected).filter((k) => !(k === 'exact' && typeof expected[k] === 'boolean'));
}

/** Looks a key up exactly, then case-insensitively. */
export function lookup(actual: Record<string, unknown>, key: string): unknown {
  if (key in actual) return actual[key];
  const lower = key.toLowerCase();
  for (const k of Object.keys(actual)) if (k.toLowerCase() === lower) return actual[k];
  return undefined;
}

function walk(
  expected: unknown,
  actual: unknown,
  path: Array<string | number>,
  exact: boolean,
  options: MatchOptions,
  out: Mismatch[],
): void {
  if (expected === null || expected === undefined) {
    if (actual !== null && actual !== undefined) out.push({ code: 'EXPECT_PRESENT', path, expected: null, actual });
    return;
  }
  if (actual === undefined || actual === null) {
    out.push({ code: 'EXPECT_ABSENT', path, expected, actual: undefined });
    return;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) {
      out.push({ code: 'EXPECT_MISMATCH', path, expected, actual });
      return;
    }
    if (expected.length !== actual.length) {
      out.push({ code: 'EXPECT_LENGTH', path, expected, actual });
      return;
    }
    expected.forEach((item, i) => walk(item, actual[i], [...path, i], exact, options, out));
    return;
  }
  if (isPlainObject(expected)) {
    if (!isPlainObject(actual)) {
      out.push({ code: 'EXPECT_MISMATCH', path, expected, actual });
      return;
    }
    const marker = expected['exact'];
    const exactHere = typeof marker === 'boolean' ? marker : exact;
    const keys = expectationKeys(expected);
    for (const key of keys) walk(expected[key], lookup(actual, key), [...path, key], exactHere, options, out);
    if (exactHere) {
      const listed = new Set(keys.map((k) => k.toLowerCase()));
      for (const key of Object.keys(actual)) {
        const value = actual[key];
        if (listed.has(key.toLowerCase()) || value === undefined || value === null) continue;
        out.push({ code: 'EXPECT_EXTRA_KEY', path: [...path, key], expected: undefined, actual: value });
      }
    }
    return;
  }
  const rule = options.ruleFor?.(path);
  const verdict =
    rule?.(expected, actual) ??
    (scalarEquals(expected, actual, options.stringView ?? false) ||
      (typeof expected === 'string' && typeof actual === 'string' && options.masked?.(actual) === expected));
  if (!verdict) out.push({ code: 'EXPECT_MISMATCH', path, expected, actual });
}

function scalarEquals(expected: unknown, actual: unknown, stringView: boolean): boolean {
  if (expected === actual) return true;
  if (isPlainObject(actual) || Array.isArray(actual)) return false;
  if (!stringView) return false;
  if (typeof expected === 'boolean') return String(actual).toLowerCase() === String(expected);
  return String(expected) === String(actual);
}
