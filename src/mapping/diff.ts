/**
 * Change detection for an update (entra-semantics.md §4.8): compares each mapped value with what the
 * target holds at the same path, honouring the attribute's caseExact rule, and lists the
 * differences as {@link AttributeChange}s for the SCIM client to turn into PATCH operations, plus
 * Graph modifiedProperties (old and new values as strings, booleans `True`/`False`). No change at
 * all is Entra's RedundantExport skip. Null source values never get here (§4.7): nothing clears.
 */
import type { ModifiedProperty } from '../engine/types.js';
import type { AttributeChange, ScimResource, ScimValue } from '../scim/types.js';
import { findAttribute, type ScimAttributeDefinition } from './scim-schema.js';
import { renderMapped } from './render.js';
import { sameFilterValue, typedFilterValue } from './resource.js';
import type { MappedAttribute } from './types.js';

type JsonObject = { [key: string]: unknown };

export interface TargetDiff {
  changes: AttributeChange[];
  modifiedProperties: ModifiedProperty[];
}

/** Differences between the mapped values and an existing target resource. */
export function diffAgainstTarget(mapped: readonly MappedAttribute[], existing: ScimResource): TargetDiff {
  const changes: AttributeChange[] = [];
  const modifiedProperties: ModifiedProperty[] = [];
  for (const m of mapped) {
    if (m.target.kind === 'objectFilter' || m.target.kind === 'members') continue;
    const current = readTargetValue(existing, m);
    const change = changeFor(m, current);
    if (!change) continue;
    changes.push(change);
    modifiedProperties.push({ displayName: change.path, oldValue: renderMapped(m, change.oldValue), newValue: renderMapped(m, change.newValue) });
  }
  return { changes, modifiedProperties };
}

function changeFor(m: MappedAttribute, current: ScimValue | undefined): AttributeChange | undefined {
  const path = m.target.text;
  const empty = isEmpty(current);
  const multi = Array.isArray(m.value);
  const addOnly = m.flow === 'ValueAddOnly' || (m.flow === 'MultiValueAddOnly' && multi);
  if (m.flow === 'AttributeAddOnly' || (m.flow === 'ValueAddOnly' && !multi)) {
    return empty ? { path, newValue: m.value } : undefined;
  }
  if (addOnly) {
    const have = Array.isArray(current) ? current : empty ? [] : [current as ScimValue];
    const added = (m.value as ScimValue[]).filter((v) => !have.some((h) => sameValue(h, v, m.resolved.definition, m.caseExact)));
    return added.length > 0 ? { path, newValue: added } : undefined;
  }
  if (!empty && sameValue(current as ScimValue, m.value, m.resolved.definition, m.caseExact)) return undefined;
  return empty ? { path, newValue: m.value } : { path, oldValue: current as ScimValue, newValue: m.value };
}

/** The value the target holds at a mapped path; undefined when it has none. */
export function readTargetValue(resource: ScimResource, m: Pick<MappedAttribute, 'target' | 'resolved'>): ScimValue | undefined {
  const { target, resolved } = m;
  switch (target.kind) {
    case 'simple':
      return get(resource, target.attribute);
    case 'subAttribute':
      return get(get(resource, target.attribute), target.subAttribute);
    case 'filtered': {
      const list = get(resource, target.attribute);
      if (!Array.isArray(list)) return undefined;
      const definition = findAttribute(resolved.parent.subAttributes, target.filter.attribute);
      const expected = typedFilterValue(target.filter.value, definition);
      const element = list.find((e) => isObject(e) && sameFilterValue(get(e, target.filter.attribute), expected));
      return get(element, target.subAttribute);
    }
    case 'extension': {
      const extension = get(resource, target.schema);
      const attribute = get(extension, target.attribute);
      return target.subAttribute === undefined ? attribute : get(attribute, target.subAttribute);
    }
    case 'manager': {
      const manager = get(get(resource, target.schema), 'manager') ?? get(resource, 'manager');
      return isObject(manager) ? get(manager, 'value') : manager;
    }
    default:
      return undefined;
  }
}

/** SCIM attribute names (and schema URN keys) are case-insensitive (RFC 7643 §2.1). */
function get(container: unknown, key: string): ScimValue | undefined {
  if (!isObject(container)) return undefined;
  if (key in container) return container[key] as ScimValue;
  const lower = key.toLowerCase();
  for (const k of Object.keys(container)) if (k.toLowerCase() === lower) return container[k] as ScimValue;
  return undefined;
}

function isEmpty(value: ScimValue | undefined): boolean {
  return value === undefined || value === null || (Array.isArray(value) && value.length === 0);
}

/**
 * Equality under the attribute's rules: booleans by truth (`"True"` from a lenient target equals
 * `true`), strings ordinally or ignoring case, lists as multisets, objects sub-attribute by
 * sub-attribute with each sub-attribute's own caseExact.
 */
function sameValue(a: ScimValue, b: ScimValue, definition: ScimAttributeDefinition, caseExact: boolean): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    const left = Array.isArray(a) ? a : [a];
    const right = Array.isArray(b) ? [...b] : [b];
    if (left.length !== right.length) return false;
    return left.every((item) => {
      const i = right.findIndex((other) => sameValue(item, other, definition, caseExact));
      if (i < 0) return false;
      right.splice(i, 1);
      return true;
    });
  }
  if (isObject(a) || isObject(b)) {
    if (!isObject(a) || !isObject(b)) return false;
    const keys = new Set([...Object.keys(a), ...Object.keys(b)].map((k) => k.toLowerCase()));
    return [...keys].every((k) => {
      const sub = findAttribute(definition.subAttributes, k);
      const x = get(a, k);
      const y = get(b, k);
      if (x === undefined || y === undefined) return x === y;
      return sameValue(x, y, sub ?? definition, sub ? sub.caseExact : caseExact);
    });
  }
  if (typeof a === 'boolean' || typeof b === 'boolean' || definition.type === 'boolean') {
    return asBoolean(a) !== undefined && asBoolean(a) === asBoolean(b);
  }
  const x = a === null ? '' : String(a);
  const y = b === null ? '' : String(b);
  // .NET OrdinalIgnoreCase compares upper-cased forms.
  return caseExact ? x === y : x.toUpperCase() === y.toUpperCase();
}

function asBoolean(value: ScimValue): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  return undefined;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
