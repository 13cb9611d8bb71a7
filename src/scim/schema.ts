/**
 * SCIM schema facts both halves need: the schema URNs Entra puts on the wire (entra-scim-wire.md
 * §4, §5) and the attribute characteristics of RFC 7643's User, Group and Enterprise User schemas
 * (type, multiValued, caseExact) that the mock's filter evaluator and PATCH coercion rely on.
 */

export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const ENTERPRISE_USER_SCHEMA = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
/** Entra adds this to every group create (entra-scim-wire.md §4, §13.6). */
export const MS_GROUP_SCHEMA = 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group';
export const PATCH_OP_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const LIST_RESPONSE_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';

/** The two resource types Entra provisions. */
export type ScimResourceType = 'User' | 'Group';

/** Collection endpoint of a resource type. */
export function endpointOf(type: ScimResourceType): '/Users' | '/Groups' {
  return type === 'User' ? '/Users' : '/Groups';
}

/** Core schema URN of a resource type. */
export function coreSchemaOf(type: ScimResourceType): string {
  return type === 'User' ? USER_SCHEMA : GROUP_SCHEMA;
}

/** RFC 7643 §2.3 attribute data types (the ones that change comparisons). */
export type AttributeType = 'string' | 'boolean' | 'dateTime' | 'reference' | 'complex' | 'decimal' | 'integer';

/** Characteristics of one attribute (RFC 7643 §2.2 defaults: string, single-valued, caseExact false). */
export interface AttributeInfo {
  /** Canonical spelling (attribute names are case-insensitive on the wire, RFC 7643 §2.1). */
  name: string;
  type: AttributeType;
  multiValued: boolean;
  caseExact: boolean;
  /** Sub-attributes of a complex attribute, by lower-cased name. */
  sub?: Record<string, AttributeInfo>;
}

function attr(name: string, type: AttributeType = 'string', options: Partial<AttributeInfo> = {}): AttributeInfo {
  return { name, type, multiValued: false, caseExact: false, ...options };
}

function complex(name: string, multiValued: boolean, subs: AttributeInfo[]): AttributeInfo {
  return { name, type: 'complex', multiValued, caseExact: false, sub: byName(subs) };
}

function byName(list: AttributeInfo[]): Record<string, AttributeInfo> {
  return Object.fromEntries(list.map((a) => [a.name.toLowerCase(), a]));
}

/** The sub-attributes every multi-valued complex attribute of RFC 7643 §2.4 shares. */
function multi(name: string, extra: AttributeInfo[] = []): AttributeInfo {
  return complex(name, true, [
    attr('value'),
    attr('display'),
    attr('type'),
    attr('primary', 'boolean'),
    attr('$ref', 'reference', { caseExact: true }),
    ...extra,
  ]);
}

const meta = complex('meta', false, [
  attr('resourceType', 'string', { caseExact: true }),
  attr('created', 'dateTime'),
  attr('lastModified', 'dateTime'),
  attr('location', 'reference', { caseExact: true }),
  attr('version', 'string', { caseExact: true }),
]);

const common = [attr('id', 'string', { caseExact: true }), attr('externalId', 'string', { caseExact: true }), meta];

const userAttributes = byName([
  ...common,
  attr('userName'),
  complex('name', false, [
    attr('formatted'),
    attr('familyName'),
    attr('givenName'),
    attr('middleName'),
    attr('honorificPrefix'),
    attr('honorificSuffix'),
  ]),
  attr('displayName'),
  attr('nickName'),
  attr('profileUrl', 'reference'),
  attr('title'),
  attr('userType'),
  attr('preferredLanguage'),
  attr('locale'),
  attr('timezone'),
  attr('active', 'boolean'),
  attr('password', 'string', { caseExact: true }),
  multi('emails'),
  multi('phoneNumbers'),
  multi('ims'),
  multi('photos'),
  multi('addresses', [
    attr('formatted'),
    attr('streetAddress'),
    attr('locality'),
    attr('region'),
    attr('postalCode'),
    attr('country'),
  ]),
  multi('groups'),
  multi('entitlements'),
  multi('roles'),
  multi('x509Certificates'),
]);

const enterpriseAttributes = byName([
  attr('employeeNumber'),
  attr('costCenter'),
  attr('organization'),
  attr('division'),
  attr('department'),
  complex('manager', false, [attr('value'), attr('$ref', 'reference', { caseExact: true }), attr('displayName')]),
]);

const groupAttributes = byName([...common, attr('displayName'), multi('members')]);

/** Schema extensions known per resource type, by lower-cased URN. */
const extensions: Record<ScimResourceType, Record<string, Record<string, AttributeInfo>>> = {
  User: { [ENTERPRISE_USER_SCHEMA.toLowerCase()]: enterpriseAttributes },
  Group: {},
};

const cores: Record<ScimResourceType, Record<string, AttributeInfo>> = { User: userAttributes, Group: groupAttributes };

/** A path split into its schema URN (when qualified) and its dotted attribute names. */
export interface SplitPath {
  /** Extension URN (canonical case) when the path is extension-qualified; absent for core attributes. */
  urn?: string;
  /** Attribute names: `['name', 'givenName']`. */
  names: string[];
}

/**
 * Splits `name.givenName`, `urn:…:enterprise:2.0:User:employeeNumber` or
 * `urn:…:core:2.0:User:userName` (core URN prefixes are dropped) into names.
 */
export function splitAttributePath(path: string): Readonly<SplitPath> {
  let split = splits.get(path);
  if (!split) {
    split = Object.freeze(splitUncached(path));
    Object.freeze(split.names);
    if (splits.size >= MEMO_LIMIT) splits.clear();
    splits.set(path, split);
  }
  return split;
}

/** Paths are few and read on every request: each is split (and looked up) once. */
const MEMO_LIMIT = 4096;
const splits = new Map<string, Readonly<SplitPath>>();
const lookups: Record<ScimResourceType, Map<string, AttributeInfo | undefined>> = { User: new Map(), Group: new Map() };

function splitUncached(path: string): SplitPath {
  if (path.toLowerCase().startsWith('urn:')) {
    const cut = path.lastIndexOf(':');
    const urn = path.slice(0, cut);
    const names = path.slice(cut + 1).split('.').filter(Boolean);
    const lower = urn.toLowerCase();
    if (lower === USER_SCHEMA.toLowerCase() || lower === GROUP_SCHEMA.toLowerCase()) return { names };
    return { urn: lower === ENTERPRISE_USER_SCHEMA.toLowerCase() ? ENTERPRISE_USER_SCHEMA : urn, names };
  }
  const names = path.split('.').filter(Boolean);
  // Entra writes the manager with the bare path `manager` (entra-scim-wire.md §6); RFC 7643 §4.3
  // defines it in the enterprise extension, which is where it lives.
  if (names[0]?.toLowerCase() === 'manager') return { urn: ENTERPRISE_USER_SCHEMA, names };
  return { names };
}

/** Looks up an attribute (case-insensitively); `undefined` for attributes outside the known schemas. */
export function lookupAttribute(type: ScimResourceType, path: string): AttributeInfo | undefined {
  const memo = lookups[type];
  if (memo.has(path)) return memo.get(path);
  const found = lookupUncached(type, path);
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(path, found);
  return found;
}

function lookupUncached(type: ScimResourceType, path: string): AttributeInfo | undefined {
  const { urn, names } = splitAttributePath(path);
  let table: Record<string, AttributeInfo> | undefined = urn ? extensions[type][urn.toLowerCase()] : cores[type];
  let found: AttributeInfo | undefined;
  for (const name of names) {
    if (!table) return undefined;
    found = table[name.toLowerCase()];
    if (!found) return undefined;
    table = found.sub;
  }
  return found;
}

/** Whether a URN names a known extension of the resource type. */
export function isKnownExtension(type: ScimResourceType, urn: string): boolean {
  return urn.toLowerCase() in extensions[type];
}

/**
 * Characteristics with RFC 7643 §2.2 defaults for attributes the schemas do not list (custom
 * extension attributes): string, single-valued, not case-exact.
 */
export function attributeInfo(type: ScimResourceType, path: string): AttributeInfo {
  return lookupAttribute(type, path) ?? attr(path);
}
