/**
 * `attributes` and `excludedAttributes` (RFC 7644 §3.4.2.5, §3.9): which attributes a response
 * carries. `id` and `schemas` are always returned; names are case-insensitive and may be
 * sub-attributes (`name.givenName`, `emails.value`) or URN-qualified.
 */
import { splitAttributePath } from '../schema.js';
import { findKey, isObject, type JsonObject } from './paths.js';

const ALWAYS = new Set(['id', 'schemas']);

/** Splits a comma-separated attribute list. */
export function attributeList(text: string | null): string[] {
  if (!text) return [];
  return text.split(',').map((s) => s.trim()).filter(Boolean);
}

/** Key path inside the stored JSON: `['urn:…:User', 'manager', 'value']`. */
function keyPath(path: string): string[] {
  const { urn, names } = splitAttributePath(path);
  return urn ? [urn, ...names] : names;
}

/** A copy of the resource with only the listed attributes (plus `id` and `schemas`). */
export function includeOnly(resource: JsonObject, attributes: readonly string[]): JsonObject {
  const out: JsonObject = {};
  for (const key of Object.keys(resource)) if (ALWAYS.has(key)) out[key] = resource[key];
  for (const path of attributes) copyPath(resource, out, keyPath(path));
  return out;
}

function copyPath(from: JsonObject, to: JsonObject, path: readonly string[]): void {
  const [name, ...rest] = path;
  if (name === undefined) return;
  const key = findKey(from, name);
  if (key === undefined) return;
  const value = from[key];
  if (rest.length === 0) {
    to[key] = structuredClone(value);
  } else if (Array.isArray(value)) {
    const existing = Array.isArray(to[key]) ? (to[key] as unknown[]) : value.map(() => ({}));
    value.forEach((element, i) => {
      if (isObject(element) && isObject(existing[i])) copyPath(element, existing[i] as JsonObject, rest);
    });
    to[key] = existing;
  } else if (isObject(value)) {
    const target = isObject(to[key]) ? (to[key] as JsonObject) : {};
    copyPath(value, target, rest);
    to[key] = target;
  }
}

/** A copy of the resource without the listed attributes (`id` and `schemas` stay). */
export function exclude(resource: JsonObject, attributes: readonly string[]): JsonObject {
  const out = structuredClone(resource);
  for (const path of attributes) deletePath(out, keyPath(path));
  return out;
}

function deletePath(object: JsonObject, path: readonly string[]): void {
  const [name, ...rest] = path;
  if (name === undefined) return;
  const key = findKey(object, name);
  if (key === undefined || (ALWAYS.has(key) && rest.length === 0)) return;
  if (rest.length === 0) {
    delete object[key];
    return;
  }
  const value = object[key];
  const children = Array.isArray(value) ? value : [value];
  for (const child of children) if (isObject(child)) deletePath(child, rest);
}

/** Applies both query parameters: `attributes` first, then `excludedAttributes`. */
export function project(resource: JsonObject, attributes: readonly string[], excluded: readonly string[]): JsonObject {
  const included = attributes.length > 0 ? includeOnly(resource, attributes) : structuredClone(resource);
  return excluded.length > 0 ? exclude(included, excluded) : included;
}
