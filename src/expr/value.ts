/**
 * The expression language's value model (entra-semantics.md §2.3).
 *
 * | kind          | representation                         |
 * |---------------|----------------------------------------|
 * | null (absent) | `null` — never the same as `""`        |
 * | string        | `string`                               |
 * | boolean       | `boolean`; meets strings as "True"/"False" |
 * | integer       | `bigint` (AD FILETIMEs exceed 2^53)    |
 * | DateTime      | {@link DateTime} (UTC instant)          |
 * | multi-valued  | `readonly Value[]` of scalars           |
 * | complex       | {@link Complex} (e.g. an appRoleAssignment) |
 *
 * "Do not flow" (IgnoreFlowIfNullOrEmpty, IgnoreAttributeFlow, IgnoreObjectFlow) is the distinct
 * {@link DoNotFlow} result, never a magic string.
 */
import type { SourceAttributeValue } from '../source/types.js';

/** A UTC instant. Renders as .NET `M/d/yyyy h:mm:ss tt` (invariant culture) in string contexts. */
export class DateTime {
  constructor(
    /** Milliseconds since the Unix epoch, UTC. */
    readonly ms: number,
    /** Sub-millisecond remainder in 100-ns ticks (0–9999), for FILETIME round trips. */
    readonly subMsTicks = 0,
  ) {}

  /** `3/23/2012 7:00:00 AM` */
  toString(): string {
    const d = new Date(this.ms);
    const h24 = d.getUTCHours();
    const h12 = h24 % 12 === 0 ? 12 : h24 % 12;
    const mm = String(d.getUTCMinutes()).padStart(2, '0');
    const ss = String(d.getUTCSeconds()).padStart(2, '0');
    // `yyyy` is at least four digits in .NET: year 1 is 0001.
    const yyyy = String(d.getUTCFullYear()).padStart(4, '0');
    return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${yyyy} ${h12}:${mm}:${ss} ${h24 < 12 ? 'AM' : 'PM'}`;
  }
}

/** A complex value (an object with sub-attributes), e.g. one appRoleAssignment. */
export class Complex {
  constructor(readonly fields: Readonly<Record<string, SourceAttributeValue>>) {}

  toString(): string {
    return JSON.stringify(this.fields);
  }
}

export type Scalar = string | boolean | bigint | DateTime | Complex;

/** Any value an expression can produce or read. */
export type Value = null | Scalar | readonly Scalar[];

/** The "do not flow" result: drop the attribute (or, for `IgnoreObjectFlow`, the whole object). */
export class DoNotFlow {
  private constructor(readonly scope: 'attribute' | 'object') {}
  static readonly attribute = new DoNotFlow('attribute');
  static readonly object = new DoNotFlow('object');
}

/** What evaluating an expression yields. */
export type EvalResult = Value | DoNotFlow;

export function isDoNotFlow(result: EvalResult): result is DoNotFlow {
  return result instanceof DoNotFlow;
}

export function isMultiValued(value: EvalResult): value is readonly Scalar[] {
  return Array.isArray(value);
}

/** Converts a raw source attribute (from YAML/JSON) into a {@link Value}. */
export function fromSource(raw: SourceAttributeValue | undefined): Value {
  if (raw === undefined || raw === null) return null;
  if (typeof raw === 'string' || typeof raw === 'boolean') return raw;
  if (typeof raw === 'number') return Number.isInteger(raw) ? BigInt(raw) : String(raw);
  if (Array.isArray(raw)) {
    const out: Scalar[] = [];
    for (const item of raw) {
      const v = fromSource(item);
      if (v === null) continue;
      if (Array.isArray(v)) out.push(...(v as readonly Scalar[]));
      else out.push(v as Scalar);
    }
    return out;
  }
  return new Complex(raw);
}

/**
 * The text a scalar becomes when it reaches a string context or a report: booleans as
 * `True`/`False`, integers as digits, DateTimes as `M/d/yyyy h:mm:ss tt`.
 */
export function renderScalar(value: Scalar): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'bigint') return value.toString();
  return value.toString();
}

/** Renders any value; multi-valued values render as a JSON array of strings; null as null. */
export function renderValue(value: Value): string | null {
  if (value === null) return null;
  if (Array.isArray(value)) return JSON.stringify((value as readonly Scalar[]).map(renderScalar));
  return renderScalar(value as Scalar);
}
