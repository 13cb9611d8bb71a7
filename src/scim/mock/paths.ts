/**
 * Reading attribute paths out of stored resources. Attribute names are case-insensitive
 * (RFC 7643 §2.1); extension attributes live under their URN key.
 */
import { splitAttributePath } from '../schema.js';

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The key of `object` that equals `name` ignoring case (exact spelling preferred). */
export function findKey(object: JsonObject, name: string): string | undefined {
  if (name in object) return name;
  const lower = name.toLowerCase();
  return Object.keys(object).find((key) => key.toLowerCase() === lower);
}

/** The object attribute paths start from: the resource, or its extension object for a URN path. */
function rootFor(resource: JsonObject, urn: string | undefined): unknown {
  if (!urn) return resource;
  const key = findKey(resource, urn);
  return key === undefined ? undefined : resource[key];
}

/**
 * Every value at a path, flattening multi-valued attributes: `emails.value` on two emails gives
 * two values. `relative` paths (inside a value filter) start at the element itself.
 */
export function valuesAt(resource: JsonObject, path: string, relative = false): unknown[] {
  const { urn, names } = relative ? { urn: undefined, names: path.split('.') } : splitAttributePath(path);
  let current: unknown[] = [rootFor(resource, urn)];
  for (const name of names) {
    const next: unknown[] = [];
    for (const item of current) {
      if (!isObject(item)) continue;
      const key = findKey(item, name);
      if (key === undefined) continue;
      const value = item[key];
      if (Array.isArray(value)) next.push(...value);
      else next.push(value);
    }
    current = next;
  }
  return current.filter((value) => value !== undefined && value !== null);
}
