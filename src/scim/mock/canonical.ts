/**
 * Canonical attribute spelling in the mocked target's store. SCIM attribute names are
 * case-insensitive (RFC 7643 §2.1) while scim-patch navigates exact keys, so stored resources and
 * PATCH paths are both rewritten to the schema's spelling (`username` → `userName`).
 */
import { lookupAttribute, splitAttributePath, type AttributeInfo, type ScimResourceType } from '../schema.js';
import { isObject, type JsonObject } from './paths.js';

/** `USERNAME` → `userName`; `urn:…:enterprise:2.0:user:Department` → `urn:…:enterprise:2.0:User:department`. */
export function canonicalAttributePath(type: ScimResourceType, path: string): string {
  const { urn, names } = splitAttributePath(path);
  const canonical: string[] = [];
  for (let i = 0; i < names.length; i++) {
    const prefix = [...canonical, names[i] as string].join('.');
    const info = lookupAttribute(type, urn ? `${urn}:${prefix}` : prefix);
    canonical.push(info?.name ?? (names[i] as string));
  }
  const joined = canonical.join('.');
  if (!urn) return joined;
  // A bare `manager` stays bare on the wire; the store resolves it into the extension itself.
  return path.toLowerCase().startsWith('urn:') ? `${urn}:${joined}` : joined;
}

/**
 * A PATCH path with canonical names around its value filter:
 * `Emails[type eq "work"].Value` → `emails[type eq "work"].value`. The filter itself is left alone.
 */
export function canonicalPatchPath(type: ScimResourceType, path: string): string {
  const open = path.indexOf('[');
  const close = path.lastIndexOf(']');
  if (open < 0 || close < open) return canonicalAttributePath(type, path);
  const head = canonicalAttributePath(type, path.slice(0, open));
  const rest = path.slice(close + 1);
  const sub = rest.startsWith('.') ? `.${canonicalAttributePath(type, `${head}${rest}`).split('.').pop() ?? ''}` : rest;
  return `${head}${path.slice(open, close + 1)}${sub}`;
}

/** A deep copy of a resource with known attribute names (and the enterprise URN key) in canonical spelling. */
export function canonicalResource(type: ScimResourceType, resource: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(resource)) {
    if (key.toLowerCase().startsWith('urn:')) {
      const { urn } = splitAttributePath(`${key}:x`);
      const name = urn ?? key;
      out[name] = isObject(value) ? canonicalChildren(type, value, `${name}:`) : structuredClone(value);
      continue;
    }
    const info = lookupAttribute(type, key);
    out[info?.name ?? key] = canonicalValue(type, value, info, info?.name ?? key);
  }
  return out;
}

/** `prefix` ends with `:` (extension object) or `.` (complex attribute). */
function canonicalChildren(type: ScimResourceType, object: JsonObject, prefix: string): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(object)) {
    const info = lookupAttribute(type, `${prefix}${key}`);
    const name = info?.name ?? key;
    out[name] = canonicalValue(type, value, info, `${prefix}${name}`);
  }
  return out;
}

function canonicalValue(type: ScimResourceType, value: unknown, info: AttributeInfo | undefined, path: string): unknown {
  if (!info?.sub) return structuredClone(value);
  const prefix = `${path}.`;
  if (Array.isArray(value)) return value.map((v) => (isObject(v) ? canonicalChildren(type, v, prefix) : structuredClone(v)));
  return isObject(value) ? canonicalChildren(type, value, prefix) : structuredClone(value);
}
