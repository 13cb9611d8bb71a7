/**
 * Types an evaluated value for its target attribute (entra-semantics.md §4.6): booleans become JSON
 * booleans where the schema says Boolean (`active: true` on create), integers numbers, DateTimes
 * ISO 8601 text for dateTime attributes, everything else its string form (booleans "True"/"False",
 * DateTimes `M/d/yyyy h:mm:ss tt`). A multi-valued value into a single-valued attribute fails with
 * `SchemaPropertyCanOnlyAcceptValue` (§4.6, entra-scim-wire.md §12) when it holds more than one value.
 */
import { Complex, DateTime, renderScalar, type Scalar, type Value } from '../expr/value.js';
import type { ScimValue } from '../scim/types.js';
import { findAttribute, type ResolvedTarget, type ScimAttributeDefinition } from './scim-schema.js';
import type { TargetPath } from './target-path.js';

export type Conversion =
  | { ok: true; value: ScimValue | null }
  | { ok: false; errorCode: 'SchemaPropertyCanOnlyAcceptValue'; reason: string };

/** Whether the target takes a list: a whole multi-valued attribute, or a group's members. */
export function takesList(target: TargetPath, resolved: ResolvedTarget): boolean {
  return target.kind === 'members' || (target.kind === 'simple' && resolved.definition.multiValued);
}

/** Converts a non-null value for the target; `value: null` means "nothing to export" (an empty list). */
export function toTargetValue(value: Exclude<Value, null>, target: TargetPath, resolved: ResolvedTarget): Conversion {
  const definition = resolved.definition;
  const list = Array.isArray(value) ? (value as readonly Scalar[]) : undefined;
  if (takesList(target, resolved)) {
    const items = list ?? [value as Scalar];
    if (items.length === 0) return { ok: true, value: null };
    if (definition.type !== 'complex' || target.kind === 'members') return { ok: true, value: items.map((s) => scalar(s, definition)) };
    const valueDefinition = findAttribute(definition.subAttributes, 'value') ?? definition;
    return { ok: true, value: items.map((s) => (s instanceof Complex ? complex(s) : { value: scalar(s, valueDefinition) })) };
  }
  if (list) {
    if (list.length === 0) return { ok: true, value: null };
    if (list.length > 1) {
      return {
        ok: false,
        errorCode: 'SchemaPropertyCanOnlyAcceptValue',
        reason: `The property ${target.text} in the target system can only accept one value, but the source value has ${list.length}.`,
      };
    }
    return { ok: true, value: scalar(list[0] as Scalar, definition) };
  }
  return { ok: true, value: scalar(value as Scalar, definition) };
}

function scalar(value: Scalar, definition: ScimAttributeDefinition): ScimValue {
  if (value instanceof Complex) return definition.type === 'complex' ? complex(value) : renderScalar(value);
  switch (definition.type) {
    case 'boolean':
      if (typeof value === 'boolean') return value;
      // A string that is not a Boolean is sent as it is: the target decides (Entra does not validate).
      if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
      return renderScalar(value);
    case 'integer':
    case 'decimal':
      if (typeof value === 'bigint' && Number.isSafeInteger(Number(value))) return Number(value);
      return renderScalar(value);
    case 'dateTime':
      return value instanceof DateTime ? new Date(value.ms).toISOString() : renderScalar(value);
    default:
      return renderScalar(value);
  }
}

function complex(value: Complex): ScimValue {
  return { ...value.fields } as ScimValue;
}
