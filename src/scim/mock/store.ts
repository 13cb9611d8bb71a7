/**
 * The mocked target's in-memory store: users and groups in insertion order, ids from a seeded
 * random source, `meta` from the injected clock, and the uniqueness rules a SCIM server enforces
 * (userName, RFC 7643 §4.1.1; group displayName, entra-scim-wire.md §4).
 */
import { isoString, type Clock, type RandomSource } from '../../core/determinism.js';
import { coreSchemaOf, ENTERPRISE_USER_SCHEMA, endpointOf, type ScimResourceType } from '../schema.js';
import type { ScimResource, TargetSnapshot } from '../types.js';
import { canonicalResource } from './canonical.js';
import { coerceBooleans, applyPatch, type PatchQuirks } from './patch.js';
import { findKey, isObject, type JsonObject } from './paths.js';
import { ScimProtocolError } from './protocol.js';

/** Attribute that must be unique (case-insensitively) and present, per resource type. */
const UNIQUE: Record<ScimResourceType, string> = { User: 'userName', Group: 'displayName' };

export interface StoreOptions {
  random: RandomSource;
  clock: Clock;
  baseUrl: string;
  quirks: PatchQuirks & { rejectUnknownSchemas: boolean };
}

/** §13.6: a strict target refuses schema URNs it does not know, such as Microsoft's group URN. */
function rejectUnknownSchemas(type: ScimResourceType, schemas: unknown): void {
  const known = [coreSchemaOf(type), ...(type === 'User' ? [ENTERPRISE_USER_SCHEMA] : [])].map((s) => s.toLowerCase());
  for (const schema of Array.isArray(schemas) ? schemas : []) {
    if (typeof schema === 'string' && !known.includes(schema.toLowerCase())) {
      throw new ScimProtocolError(400, `The schema "${schema}" is not supported by this target`, 'invalidSyntax');
    }
  }
}

export class TargetStore {
  private readonly resources: Record<ScimResourceType, JsonObject[]> = { User: [], Group: [] };

  constructor(
    seed: { users: readonly ScimResource[]; groups: readonly ScimResource[] },
    private readonly options: StoreOptions,
  ) {
    // Seeded ids first, so generated ids can avoid them.
    const taken = new Set([...seed.users, ...seed.groups].map((r) => r.id).filter((id): id is string => !!id));
    const seedType = (type: ScimResourceType, list: readonly ScimResource[]): void => {
      for (const resource of list) {
        const id = resource.id ?? this.newId(taken);
        taken.add(id);
        const meta = isObject(resource.meta) ? resource.meta : {};
        this.resources[type].push(this.envelope(type, canonicalResource(type, resource), id, meta));
      }
    };
    seedType('User', seed.users);
    seedType('Group', seed.groups);
  }

  /** Every resource of a type, in order (not copies). */
  all(type: ScimResourceType): readonly JsonObject[] {
    return this.resources[type];
  }

  get(type: ScimResourceType, id: string): JsonObject | undefined {
    return this.resources[type].find((r) => r.id === id);
  }

  create(type: ScimResourceType, body: unknown): JsonObject {
    const input = this.readResource(type, body);
    const resource = this.envelope(type, input, this.newId());
    this.checkUnique(type, resource);
    this.resources[type].push(resource);
    return resource;
  }

  replace(type: ScimResourceType, id: string, body: unknown): JsonObject {
    const current = this.require(type, id);
    const created = isObject(current.meta) ? current.meta.created : undefined;
    const resource = this.envelope(type, this.readResource(type, body), id, { created });
    return this.store(type, resource);
  }

  patch(type: ScimResourceType, id: string, body: unknown): JsonObject {
    const current = this.require(type, id);
    const { meta: _ignored, ...patched } = applyPatch(current, body, type, this.options.quirks);
    // schemas follows the attributes as on a create (a PATCH can add or empty the enterprise
    // object); meta is read-only and stays last; only lastModified moves.
    patched.schemas = schemasOf(type, patched);
    return this.store(type, { ...patched, meta: { ...(current.meta as JsonObject), lastModified: this.now() } });
  }

  remove(type: ScimResourceType, id: string): void {
    this.require(type, id);
    this.resources[type] = this.resources[type].filter((r) => r.id !== id);
    if (type === 'User') {
      for (const group of this.resources.Group) {
        if (Array.isArray(group.members)) group.members = group.members.filter((m) => !(isObject(m) && m.value === id));
      }
    }
  }

  snapshot(): TargetSnapshot {
    return { users: structuredClone(this.resources.User), groups: structuredClone(this.resources.Group) } as TargetSnapshot;
  }

  private require(type: ScimResourceType, id: string): JsonObject {
    const resource = this.get(type, id);
    if (!resource) throw new ScimProtocolError(404, `Resource ${id} not found`);
    return resource;
  }

  private store(type: ScimResourceType, resource: JsonObject): JsonObject {
    this.checkUnique(type, resource);
    const list = this.resources[type];
    list[list.findIndex((r) => r.id === resource.id)] = resource;
    return resource;
  }

  /** A POST/PUT body as the store keeps it: canonical names, booleans coerced, required attribute present. */
  private readResource(type: ScimResourceType, body: unknown): JsonObject {
    if (!isObject(body)) throw new ScimProtocolError(400, 'The body is not a JSON object', 'invalidSyntax');
    if (this.options.quirks.rejectUnknownSchemas) rejectUnknownSchemas(type, body.schemas);
    const input = canonicalResource(type, body);
    for (const key of Object.keys(input)) input[key] = coerceBooleans(type, key, input[key], this.options.quirks);
    const unique = input[UNIQUE[type]];
    if (typeof unique !== 'string' || unique === '') {
      throw new ScimProtocolError(400, `The attribute "${UNIQUE[type]}" is required`, 'invalidValue');
    }
    return input;
  }

  /**
   * `id`, `schemas` (core URN, plus the enterprise URN when that object is present; other URNs
   * the client listed are tolerated and dropped, §13.6) and `meta` with created/lastModified/location;
   * timestamps given in `kept` (a seeded resource's, or the created time on PUT) stay.
   */
  private envelope(type: ScimResourceType, input: JsonObject, id: string, kept: JsonObject = {}): JsonObject {
    const { id: _ignoredId, schemas: _ignoredSchemas, meta: _ignoredMeta, ...attributes } = input;
    const schemas = schemasOf(type, attributes);
    const now = this.now();
    const meta = {
      resourceType: type,
      created: typeof kept.created === 'string' ? kept.created : now,
      lastModified: typeof kept.lastModified === 'string' ? kept.lastModified : now,
      location: `${this.options.baseUrl}${endpointOf(type)}/${id}`,
    };
    return { schemas, id, ...attributes, meta };
  }

  private checkUnique(type: ScimResourceType, resource: JsonObject): void {
    const attribute = UNIQUE[type];
    const value = String(resource[attribute]).toLowerCase();
    const clash = this.resources[type].find((r) => r.id !== resource.id && String(r[attribute]).toLowerCase() === value);
    if (clash) {
      const message = `A ${type.toLowerCase()} with ${attribute} "${String(resource[attribute])}" already exists`;
      throw new ScimProtocolError(409, message, 'uniqueness');
    }
  }

  private newId(taken?: ReadonlySet<string>): string {
    for (;;) {
      const id = this.options.random.guid();
      if (!taken?.has(id) && !this.get('User', id) && !this.get('Group', id)) return id;
    }
  }

  private now(): string {
    return isoString(this.options.clock.now());
  }
}

/** `schemas` of a stored resource: the core URN, plus the enterprise URN when that object is present. */
function schemasOf(type: ScimResourceType, attributes: JsonObject): string[] {
  const schemas = [coreSchemaOf(type)];
  if (type === 'User' && findKey(attributes, ENTERPRISE_USER_SCHEMA) !== undefined) schemas.push(ENTERPRISE_USER_SCHEMA);
  return schemas;
}
