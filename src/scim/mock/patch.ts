/**
 * PATCH on the mocked target (RFC 7644 §3.5.2) in both of Entra's dialects: scim-patch applies the
 * operations (libraries.md (b)); this module adds what it leaves out: case-insensitive `op`
 * (an explicit Entra requirement, entra-scim-wire.md §5), the default dialect's string booleans
 * (coerced, or rejected by strict servers: §13.1), member removal by a value list (§5, §13.3),
 * the bare `manager` path with an array value (§6), unsupported paths failing the whole request
 * (§13.4), and all-or-nothing application.
 */
import { scimPatch, ScimError, type ScimPatchOperation } from 'scim-patch';
import {
  attributeInfo,
  ENTERPRISE_USER_SCHEMA,
  isKnownExtension,
  lookupAttribute,
  PATCH_OP_SCHEMA,
  type ScimResourceType,
} from '../schema.js';
import { canonicalPatchPath } from './canonical.js';
import { findKey, isObject, type JsonObject } from './paths.js';
import { ScimProtocolError, type ScimType } from './protocol.js';

/** Quirks that change how the target takes a PATCH. */
export interface PatchQuirks {
  /** Reject `"True"`/`"False"` where a boolean is expected. */
  strictBooleans: boolean;
  /** Paths the target does not support (an operation on one fails the request). */
  unsupportedPaths: readonly string[];
  /** Path-less replace keyed by flattened paths (§13.2). */
  flattenedKeys: 'apply' | 'ignore' | 'reject';
  /** Removal by a `value` list (§13.3). */
  removeByValue: 'apply' | 'ignore' | 'reject';
}

type Op = 'add' | 'replace' | 'remove';

interface NormalOp {
  op: Op;
  path?: string;
  value?: unknown;
}

/** Applies a PATCH body to a copy of `resource`; throws {@link ScimProtocolError} for a 400. */
export function applyPatch(resource: JsonObject, body: unknown, type: ScimResourceType, quirks: PatchQuirks): JsonObject {
  const operations = readOperations(body).flatMap((op, index) => normalise(op, index, type, quirks));
  const patched = structuredClone(resource);
  try {
    scimPatch(patched as never, operations as ScimPatchOperation[], { mutateDocument: true, treatMissingAsAdd: true });
  } catch (error) {
    if (error instanceof ScimError) {
      throw new ScimProtocolError(400, error.message, scimTypeOf(error));
    }
    throw new ScimProtocolError(400, `The PATCH could not be applied: ${String(error)}`, 'invalidSyntax');
  }
  if (patched.id !== resource.id) throw new ScimProtocolError(400, 'The attribute "id" is read-only', 'mutability');
  return tidy(patched, type);
}

function scimTypeOf(error: ScimError): ScimType {
  const code = error.scimCode;
  return code === 'noTarget' || code === 'invalidPath' || code === 'invalidValue' ? code : 'invalidSyntax';
}

function readOperations(body: unknown): JsonObject[] {
  if (!isObject(body)) throw new ScimProtocolError(400, 'The PATCH body is not a JSON object', 'invalidSyntax');
  const schemas = Array.isArray(body.schemas) ? body.schemas : [];
  if (!schemas.some((s) => typeof s === 'string' && s.toLowerCase() === PATCH_OP_SCHEMA.toLowerCase())) {
    throw new ScimProtocolError(400, `The PATCH body must list the schema ${PATCH_OP_SCHEMA}`, 'invalidSyntax');
  }
  const key = findKey(body, 'Operations');
  const operations = key === undefined ? undefined : body[key];
  if (!Array.isArray(operations) || operations.length === 0) {
    throw new ScimProtocolError(400, 'The PATCH body must have a non-empty "Operations" array', 'invalidSyntax');
  }
  return operations.map((op, i) => {
    if (!isObject(op)) throw new ScimProtocolError(400, `Operation ${i + 1} is not an object`, 'invalidSyntax');
    return op;
  });
}

/** One wire operation as scim-patch needs it (possibly several). */
function normalise(raw: JsonObject, index: number, type: ScimResourceType, quirks: PatchQuirks): NormalOp[] {
  const opKey = findKey(raw, 'op');
  const opText = opKey === undefined ? undefined : raw[opKey];
  const op = typeof opText === 'string' ? opText.toLowerCase() : '';
  if (op !== 'add' && op !== 'replace' && op !== 'remove') {
    throw new ScimProtocolError(400, `Operation ${index + 1} has an invalid op "${String(opText)}"`, 'invalidSyntax');
  }
  const pathKey = findKey(raw, 'path');
  const rawPath = pathKey === undefined ? undefined : raw[pathKey];
  if (rawPath !== undefined && typeof rawPath !== 'string') {
    throw new ScimProtocolError(400, `Operation ${index + 1} has a path that is not a string`, 'invalidPath');
  }
  const valueKey = findKey(raw, 'value');
  const hasValue = valueKey !== undefined;
  let value = hasValue ? structuredClone(raw[valueKey]) : undefined;
  if (op !== 'remove' && !hasValue) {
    throw new ScimProtocolError(400, `Operation ${index + 1} (${op}) has no value`, 'invalidValue');
  }
  if (op === 'remove' && !rawPath) {
    throw new ScimProtocolError(400, `Operation ${index + 1} (remove) has no path`, 'noTarget');
  }
  rejectUnsupported(rawPath, value, quirks.unsupportedPaths);

  // A path naming the extension itself (`urn:…:enterprise:2.0:User`) is a path-less op on that object.
  if (rawPath !== undefined && op !== 'remove' && isKnownExtension(type, rawPath) && isObject(value)) {
    return normalise({ op, value: { [rawPath]: value } }, index, type, quirks);
  }
  if (rawPath === undefined) {
    if (!isObject(value)) {
      throw new ScimProtocolError(400, `Operation ${index + 1} without a path needs an object value`, 'invalidValue');
    }
    const canonical: JsonObject = {};
    for (const [key, sub] of Object.entries(value)) {
      if (isFlattenedKey(key, sub) && quirks.flattenedKeys !== 'apply') {
        if (quirks.flattenedKeys === 'ignore') continue;
        const message = `Operation ${index + 1}: "${key}" is not an attribute; write nested objects`;
        throw new ScimProtocolError(400, message, 'invalidValue');
      }
      for (const [flatKey, flatValue] of flatten(type, key, sub)) {
        const path = keyForStore(type, flatKey);
        canonical[path] = fixValue(type, path, flatValue, quirks);
      }
    }
    return Object.keys(canonical).length > 0 ? [{ op, value: canonical }] : [];
  }

  const path = filterBooleans(type, keyForStore(type, rawPath), quirks);
  if (hasValue) value = fixValue(type, path, value, quirks);
  if (op === 'remove' && Array.isArray(value) && !path.includes('[')) {
    // Default dialect: `Remove members` with a value list (§5). Remove by the elements' `value`.
    if (quirks.removeByValue === 'ignore') return [];
    if (quirks.removeByValue === 'reject') {
      const message = `Operation ${index + 1}: remove with a value is not supported; use a path filter such as ${path}[value eq "…"]`;
      throw new ScimProtocolError(400, message, 'invalidValue');
    }
    return value.map((item) =>
      isObject(item) && typeof item.value === 'string'
        ? { op, path: `${path}[value eq ${JSON.stringify(item.value)}]` }
        : { op, path, value: [item] },
    );
  }
  return [{ op, path, ...(hasValue ? { value } : {}) }];
}

/**
 * A nested key of a path-less replace as flattened paths: an extension object becomes
 * `urn:…:User:attr` keys and a single-valued complex attribute `name.givenName` keys, so that
 * sub-attributes left out stay as they are (RFC 7644 §3.5.2.3) — scim-patch would replace the
 * whole object, and would misread the extension URN's own colons.
 */
function flatten(type: ScimResourceType, key: string, value: unknown): Array<[string, unknown]> {
  if (!isObject(value)) return [[key, value]];
  if (key.toLowerCase().startsWith('urn:')) return Object.entries(value).map(([sub, v]) => [`${key}:${sub}`, v]);
  const info = lookupAttribute(type, key);
  if (info?.sub && !info.multiValued) return Object.entries(value).map(([sub, v]) => [`${key}.${sub}`, v]);
  return [[key, value]];
}

/** `name.givenName` or `urn:…:User:employeeNumber` as a key of a path-less replace (not an extension object). */
function isFlattenedKey(key: string, value: unknown): boolean {
  // A URN key holds either the extension object (nested) or one of its attributes (flattened).
  return key.toLowerCase().startsWith('urn:') ? !isObject(value) : key.includes('.');
}

/** Canonical spelling; the bare `manager` path becomes the enterprise extension's (§6). */
function keyForStore(type: ScimResourceType, path: string): string {
  const canonical = canonicalPatchPath(type, path);
  if (type === 'User' && /^manager(\.|$)/i.test(canonical)) return `${ENTERPRISE_USER_SCHEMA}:${canonical}`;
  return canonical;
}

/**
 * Entra sends the manager as `[{"$ref": …, "value": …}]` although it is single-valued; the store
 * keeps the one object. String booleans are coerced (or rejected when strict).
 */
function fixValue(type: ScimResourceType, path: string, value: unknown, quirks: PatchQuirks): unknown {
  const attribute = path.replace(/\[[^\]]*\]/g, '');
  if (type === 'User' && /:manager$/i.test(attribute) && Array.isArray(value)) value = value[0] ?? null;
  return coerceBooleans(type, attribute, value, quirks);
}

/** Booleans sent as strings: coerced, or a 400 when the target is strict. Walks complex values and extension objects. */
export function coerceBooleans(type: ScimResourceType, path: string, value: unknown, quirks: PatchQuirks): unknown {
  if (Array.isArray(value)) return value.map((item) => coerceBooleans(type, path, item, quirks));
  if (isObject(value)) {
    // Sub-attributes of a complex attribute (`emails.primary`), or of a whole extension object.
    const info = lookupAttribute(type, path);
    const prefix = info?.sub ? `${path}.` : !info && path.toLowerCase().startsWith('urn:') ? `${path}:` : undefined;
    if (!prefix) return value;
    const out: JsonObject = {};
    for (const [key, sub] of Object.entries(value)) out[key] = coerceBooleans(type, `${prefix}${key}`, sub, quirks);
    return out;
  }
  if (typeof value !== 'string' || attributeInfo(type, path).type !== 'boolean') return value;
  const lower = value.toLowerCase();
  if (lower !== 'true' && lower !== 'false') {
    throw new ScimProtocolError(400, `The attribute "${path}" is a boolean; "${value}" is not`, 'invalidValue');
  }
  if (quirks.strictBooleans) {
    const message = `The attribute "${path}" is a boolean; the string "${value}" is not accepted`;
    throw new ScimProtocolError(400, message, 'invalidValue');
  }
  return lower === 'true';
}

/**
 * A value filter comparing a boolean sub-attribute with a string, as Entra's documented target path
 * `roles[primary eq "True"].value` does (entra-semantics.md §4.4): read as the boolean, like a
 * string boolean in a value (a 400 when the target is strict). scim-patch compares types exactly,
 * so `true` never equalled `"True"` and a Replace added a second, string-typed primary element.
 */
function filterBooleans(type: ScimResourceType, path: string, quirks: PatchQuirks): string {
  const open = path.indexOf('[');
  const close = path.lastIndexOf(']');
  if (open < 0 || close < open) return path;
  const head = path.slice(0, open);
  const filter = path.slice(open + 1, close).replace(/(\b[A-Za-z$][\w$]*)(\s+eq\s+)"(true|false)"/gi, (whole, sub: string, eq: string, text: string) => {
    if (attributeInfo(type, `${head}.${sub}`).type !== 'boolean') return whole;
    if (quirks.strictBooleans) {
      const message = `The attribute "${head}.${sub}" is a boolean; the string "${text}" is not accepted in a filter`;
      throw new ScimProtocolError(400, message, 'invalidFilter');
    }
    return `${sub}${eq}${text.toLowerCase()}`;
  });
  return `${head}[${filter}]${path.slice(close + 1)}`;
}

function normalisePathText(path: string): string {
  return path.toLowerCase().replace(/\\"/g, '"').replace(/\s+/g, ' ').trim();
}

/** §13.4: one unsupported path fails the whole request, so nothing of it lands. */
function rejectUnsupported(path: string | undefined, value: unknown, unsupported: readonly string[]): void {
  if (unsupported.length === 0) return;
  const paths = path !== undefined ? [path] : isObject(value) ? Object.keys(value) : [];
  for (const candidate of paths) {
    const text = normalisePathText(candidate);
    for (const entry of unsupported) {
      const blocked = normalisePathText(entry);
      if (text === blocked || text.startsWith(`${blocked}.`) || text.startsWith(`${blocked}[`)) {
        throw new ScimProtocolError(400, `The path "${candidate}" is not supported by this target`, 'invalidPath');
      }
    }
  }
}

/** After a PATCH: members deduplicated by `value` with null `$ref`s dropped; empty extension objects removed. */
function tidy(resource: JsonObject, type: ScimResourceType): JsonObject {
  if (type === 'Group' && Array.isArray(resource.members)) {
    const seen = new Set<string>();
    resource.members = resource.members
      .filter((m): m is JsonObject => isObject(m))
      .map((m) => Object.fromEntries(Object.entries(m).filter(([k, v]) => !(k === '$ref' && v === null))))
      .filter((m) => {
        const key = String(m.value);
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
  }
  for (const key of Object.keys(resource)) {
    const value = resource[key];
    if (key.toLowerCase().startsWith('urn:') && isObject(value) && Object.keys(value).length === 0) delete resource[key];
  }
  return resource;
}
