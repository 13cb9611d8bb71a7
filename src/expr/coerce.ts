/**
 * Conversions between the kinds of the value model (entra-semantics.md §2.3) as functions see
 * their arguments: text, integers, Booleans, dates. Failures are {@link ExpressionEvalError}s that
 * name the function and the argument.
 */
import { ExpressionEvalError, type ExpressionEvalCode } from './errors.js';
import type { CallSite, Frame } from './functions/types.js';
import { parseDateText } from './datetime.js';
import type { ExpressionOptions } from './options.js';
import { DateTime, renderScalar, type Scalar, type Value } from './value.js';

/** Throws an evaluation error for `site`, blaming argument `argumentIndex` when given. */
export function evalError(code: ExpressionEvalCode, message: string, site: CallSite, argumentIndex?: number, hint?: string): never {
  const arg = argumentIndex === undefined ? undefined : site.node.args[argumentIndex];
  throw new ExpressionEvalError(code, `${site.name}: ${message}`, {
    functionName: site.name,
    ...(argumentIndex === undefined ? {} : { argumentIndex }),
    offset: arg ? arg.begin : site.node.begin,
    ...(hint ? { hint } : {}),
  });
}

/** "argument 2 (start)" */
export function argLabel(site: CallSite, index: number, name?: string): string {
  return name ? `argument ${index + 1} (${name})` : `argument ${index + 1}`;
}

/**
 * One scalar from a value: a multi-valued value with one element is that element, an empty one is
 * null; more than one element is an error (the function expects a single value).
 */
export function single(value: Value | undefined, site: CallSite, index: number): Scalar | null {
  if (value === undefined || value === null) return null;
  if (!Array.isArray(value)) return value as Scalar;
  const list = value as readonly Scalar[];
  if (list.length === 0) return null;
  if (list.length === 1) return list[0]!;
  return evalError('EXPR_EVAL_MULTI_VALUED', `argument ${index + 1} has ${list.length} values but a single value is expected`, site, index, 'use Item(…, n) or Join to pick or combine the values');
}

/** The text of a value, or null. */
export function textOf(value: Value | undefined, site: CallSite, index: number): string | null {
  if (typeof value === 'string') return value;
  const s = single(value, site, index);
  return s === null ? null : renderScalar(s);
}

/** The text of a value; null reads as `""`. */
export function textOrEmpty(value: Value | undefined, site: CallSite, index: number): string {
  return textOf(value, site, index) ?? '';
}

/**
 * The source string of a string function whose null rule is undocumented (§13 ?10): null stays
 * null (the caller returns null) unless `nullStringArgument` is `empty`.
 */
export function sourceText(value: Value | undefined, frame: Frame, site: CallSite, index = 0): string | null {
  const text = textOf(value, site, index);
  if (text !== null) return text;
  return nullSourceText(frame.ctx.options);
}

/** What a null source string reads as under `nullStringArgument` (see {@link sourceText}). */
export function nullSourceText(options: Pick<ExpressionOptions, 'nullStringArgument'>): string | null {
  return options.nullStringArgument === 'empty' ? '' : null;
}

const integerText = /^\s*([+-]?)(\d+)\s*$/;
const hexText = /^\s*&[hH]([0-9a-fA-F]+)\s*$/;

/** An integer from a value (bigint, digit string, `&H` hex string), as a bigint. */
export function bigintOf(value: Value | undefined, site: CallSite, index: number, name?: string): bigint {
  const s = single(value, site, index);
  if (typeof s === 'bigint') return s;
  if (typeof s === 'string') {
    const m = integerText.exec(s);
    if (m) return BigInt(`${m[1]}${m[2]}`);
    const h = hexText.exec(s);
    if (h) return BigInt(`0x${h[1]}`);
  }
  const shown = s === null ? 'null' : `"${renderScalar(s)}"`;
  return evalError('EXPR_EVAL_INVALID_NUMBER', `${argLabel(site, index, name)} must be an integer but is ${shown}`, site, index);
}

/** Fast path for short digit strings (the common literal case): `"64"` → 64, else undefined. */
function smallInteger(text: string): number | undefined {
  const length = text.length;
  if (length === 0 || length > 15) return undefined;
  let i = text.charCodeAt(0) === 45 /* - */ ? 1 : 0;
  if (i === length) return undefined;
  let n = 0;
  for (; i < length; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return undefined;
    n = n * 10 + d;
  }
  return text.charCodeAt(0) === 45 ? -n : n;
}

/** A small integer (within ±2^53) from a value. */
export function intOf(value: Value | undefined, site: CallSite, index: number, name?: string): number {
  // A literal pre-parsed by the compiler (FunctionDef.intArgs).
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    const n = smallInteger(value);
    if (n !== undefined) return n;
  }
  const big = bigintOf(value, site, index, name);
  if (big > BigInt(Number.MAX_SAFE_INTEGER) || big < BigInt(Number.MIN_SAFE_INTEGER)) {
    return evalError('EXPR_EVAL_INVALID_NUMBER', `${argLabel(site, index, name)} is out of range (${big})`, site, index);
  }
  return Number(big);
}

/** A Boolean from a value, or undefined when the value is not Boolean-like. */
export function booleanOf(value: Scalar | null, options: Pick<ExpressionOptions, 'booleanCase'>): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    if (value === 'True') return true;
    if (value === 'False') return false;
    if (options.booleanCase === 'insensitive') {
      const lower = value.trim().toLowerCase();
      if (lower === 'true') return true;
      if (lower === 'false') return false;
    }
  }
  return undefined;
}

/** A DateTime from a value: a DateTime as is, text parsed like CDate (§10). */
export function dateOf(value: Value | undefined, frame: Frame, site: CallSite, index: number, name?: string): DateTime {
  const s = single(value, site, index);
  if (s instanceof DateTime) return s;
  if (typeof s === 'string') {
    const parsed = parseDateText(s, frame.ctx.options);
    if (parsed.ok) return parsed.value;
    return evalError('EXPR_EVAL_INVALID_DATE', `${argLabel(site, index, name)} "${s}" is not a date: ${parsed.reason}`, site, index, 'wrap text dates in CDate(…), or reformat them with FormatDateTime');
  }
  const shown = s === null ? 'null' : `"${renderScalar(s)}"`;
  return evalError('EXPR_EVAL_INVALID_DATE', `${argLabel(site, index, name)} must be a date but is ${shown}`, site, index);
}

/** True for null, `""` and an empty multi-valued value. */
export function isNullOrEmpty(value: Value | undefined): boolean {
  if (value === null || value === undefined || value === '') return true;
  // A list of one value is that value: [""] (Split of "") is empty, like "".
  return Array.isArray(value) && (value.length === 0 || (value.length === 1 && value[0] === ''));
}
