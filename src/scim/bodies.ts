/**
 * Request bodies exactly as Entra's provisioning service writes them (entra-scim-wire.md §4–§7).
 * Pure functions: the mapping stage supplies attributes and changes, these add the envelope.
 */
import type { ScimOptions } from './options.js';
import {
  coreSchemaOf,
  ENTERPRISE_USER_SCHEMA,
  MS_GROUP_SCHEMA,
  PATCH_OP_SCHEMA,
  type ScimResourceType,
} from './schema.js';
import { quoteFilterValue } from './tenant-url.js';
import type { AttributeChange, PatchDialect, PatchOperation, PatchRequest, ScimValue } from './types.js';

/** Resource attributes as the mapping stage produces them for a create. */
export type ResourceAttributes = Record<string, ScimValue | undefined>;

/** Keys the client owns on a create: the mapping cannot set them. */
const ENVELOPE_KEYS = new Set(['schemas', 'id', 'meta']);

/**
 * POST body for a create (§4). Users: core URN, plus the enterprise URN when the enterprise
 * object is present (custom extension URNs are not listed); groups: core URN plus Microsoft's
 * ADSCIM group URN, created without members. `meta.resourceType` is always sent. Null values are
 * never sent (§13.8), and `manager` is left out: Entra writes it after the create (§6).
 */
export function createBody(type: ScimResourceType, attributes: ResourceAttributes): Record<string, ScimValue> {
  const body: Record<string, ScimValue> = {};
  const schemas: ScimValue[] = [coreSchemaOf(type)];
  body.schemas = schemas;
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || ENVELOPE_KEYS.has(key)) continue;
    if (type === 'User' && key === 'manager') continue;
    if (type === 'Group' && key === 'members') continue;
    if (type === 'User' && key === ENTERPRISE_USER_SCHEMA) {
      const extension = withoutManager(value);
      if (extension === undefined) continue;
      body[key] = extension;
      schemas.push(ENTERPRISE_USER_SCHEMA);
      continue;
    }
    body[key] = value;
  }
  if (type === 'Group') schemas.push(MS_GROUP_SCHEMA);
  body.meta = { resourceType: type };
  return body;
}

function withoutManager(value: ScimValue): ScimValue | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const out: Record<string, ScimValue> = {};
  for (const [key, sub] of Object.entries(value)) {
    if (sub === null || sub === undefined || key === 'manager') continue;
    out[key] = sub;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Options that shape PATCH bodies. */
export interface PatchShape {
  dialect: PatchDialect;
  /** Default dialect only: `"True"`/`"False"` or `"true"`/`"false"`. */
  booleanStrings: ScimOptions['booleanStrings'];
}

type OpKind = 'add' | 'replace' | 'remove';

/** `Add`/`Replace`/`Remove` in the default dialect, lower-case with the flag (§5). */
function opName(kind: OpKind, dialect: PatchDialect): PatchOperation['op'] {
  if (dialect === 'aadOptscim062020') return kind;
  return kind === 'add' ? 'Add' : kind === 'replace' ? 'Replace' : 'Remove';
}

/** The default dialect sends booleans as strings (§5, §13.1); the flag sends JSON booleans. */
function wireValue(value: ScimValue, shape: PatchShape): ScimValue {
  if (typeof value !== 'boolean' || shape.dialect === 'aadOptscim062020') return value;
  const text = value ? 'True' : 'False';
  return shape.booleanStrings === 'lowercase' ? text.toLowerCase() : text;
}

function isAbsent(value: ScimValue | undefined): value is undefined | null {
  return value === undefined || value === null;
}

/** Absent old value ⇒ add, absent new value ⇒ remove, else replace (src/scim/types.ts). */
function kindOf(change: AttributeChange): OpKind | undefined {
  if (isAbsent(change.newValue)) return isAbsent(change.oldValue) ? undefined : 'remove';
  return isAbsent(change.oldValue) ? 'add' : 'replace';
}

function patchRequest(operations: PatchOperation[]): PatchRequest {
  return { schemas: [PATCH_OP_SCHEMA], Operations: operations };
}

/**
 * PATCH body for attribute changes, or `undefined` when nothing changes (§5).
 *
 * Default dialect: one operation per attribute, each with its path, in the order given.
 * `aadOptscim062020`: lower-case ops and real booleans; value-filtered paths
 * (`emails[type eq "work"].value`) and removals stay separate operations; when two or more other
 * attributes are added or replaced they are folded into one path-less `replace` whose value uses
 * the flattened paths as keys (`name.givenName`, `urn:…:User:employeeNumber`), placed after the
 * separate operations as the docs' sample shows. A single such attribute keeps its own operation
 * (the docs' disable and add-one-attribute samples).
 */
export function patchBody(changes: readonly AttributeChange[], shape: PatchShape): PatchRequest | undefined {
  const foldable = (change: AttributeChange): boolean => {
    const kind = kindOf(change);
    return (kind === 'add' || kind === 'replace') && !change.path.includes('[');
  };
  const folded = shape.dialect === 'aadOptscim062020' ? changes.filter(foldable) : [];
  const fold = folded.length >= 2;
  const operations: PatchOperation[] = [];
  for (const change of changes) {
    const kind = kindOf(change);
    if (!kind || (fold && foldable(change))) continue;
    operations.push(operation(kind, change, shape));
  }
  if (fold) {
    const value: Record<string, ScimValue> = {};
    for (const change of folded) value[change.path] = wireValue(change.newValue as ScimValue, shape);
    operations.push({ op: opName('replace', shape.dialect), value });
  }
  return operations.length > 0 ? patchRequest(operations) : undefined;
}

function operation(kind: OpKind, change: AttributeChange, shape: PatchShape): PatchOperation {
  const op: PatchOperation = { op: opName(kind, shape.dialect), path: change.path };
  if (kind !== 'remove') op.value = wireValue(change.newValue as ScimValue, shape);
  return op;
}

/** Adds members: `value` is the target's user id, `$ref` explicitly null (§7). */
export function addMembersBody(memberIds: readonly string[], dialect: PatchDialect): PatchRequest {
  const value: ScimValue = memberIds.map((id) => ({ $ref: null, value: id }));
  return patchRequest([{ op: opName('add', dialect), path: 'members', value }]);
}

/**
 * Removes members. Default dialect: one `Remove` on `members` with a value list (the compliance
 * doc's shape, without `$ref`: §14 #2); flag: one `remove` per member with a
 * `members[value eq "…"]` path and no value (§5).
 */
export function removeMembersBody(memberIds: readonly string[], dialect: PatchDialect): PatchRequest {
  if (dialect === 'aadOptscim062020') {
    return patchRequest(
      memberIds.map((id) => ({ op: opName('remove', dialect), path: `members[value eq ${quoteFilterValue(id)}]` })),
    );
  }
  const value: ScimValue = memberIds.map((id) => ({ value: id }));
  return patchRequest([{ op: opName('remove', dialect), path: 'members', value }]);
}

/** Writes the manager after the create: `Add` with an array value holding `$ref` and the id (§6). */
export function managerBody(managerId: string, baseUrl: string, dialect: PatchDialect): PatchRequest {
  const value: ScimValue = [{ $ref: `${baseUrl}/Users/${managerId}`, value: managerId }];
  return patchRequest([{ op: opName('add', dialect), path: 'manager', value }]);
}
