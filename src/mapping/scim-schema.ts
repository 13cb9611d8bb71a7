/**
 * SCIM attribute definitions for the targets Entra provisions: core User and Group (RFC 7643 §4.1,
 * §4.2, the schema representation of §8.7.1) and the enterprise User extension (§4.3). Change
 * detection reads `caseExact` from here (entra-semantics.md §4.8: "caseExact controls whether
 * case-only differences count as changes"), resource building reads `type` and `multiValued`.
 */
import type { TargetPath } from './target-path.js';
import { CORE_GROUP_URN, CORE_USER_URN, ENTERPRISE_USER_URN } from './target-path.js';

/** RFC 7643 §2.3 data types. */
export type ScimAttributeType = 'string' | 'boolean' | 'decimal' | 'integer' | 'dateTime' | 'binary' | 'reference' | 'complex';

/** One attribute (or sub-attribute) of a SCIM schema. */
export interface ScimAttributeDefinition {
  /** Name in the schema's casing (`userName`, `givenName`, `$ref`). */
  name: string;
  type: ScimAttributeType;
  multiValued: boolean;
  /** Whether case-only differences are different values. */
  caseExact: boolean;
  /** RFC `required`: a create without a value fails with `MandatoryFieldsMissing` (§4.1). */
  required: boolean;
  mutability: 'readOnly' | 'readWrite' | 'immutable' | 'writeOnly';
  /** Sub-attributes of a complex attribute. */
  subAttributes?: readonly ScimAttributeDefinition[];
  /** RFC canonical values (`work`, `home`, …), informative. */
  canonicalValues?: readonly string[];
}

/** A SCIM schema: its URN and top-level attributes. */
export interface ScimSchemaDefinition {
  id: string;
  name: string;
  attributes: readonly ScimAttributeDefinition[];
}

type Options = Partial<Omit<ScimAttributeDefinition, 'name' | 'type'>>;

function attr(name: string, type: ScimAttributeType, options: Options = {}): ScimAttributeDefinition {
  return {
    name,
    type,
    multiValued: options.multiValued ?? false,
    caseExact: options.caseExact ?? false,
    required: options.required ?? false,
    mutability: options.mutability ?? 'readWrite',
    ...(options.subAttributes ? { subAttributes: options.subAttributes } : {}),
    ...(options.canonicalValues ? { canonicalValues: options.canonicalValues } : {}),
  };
}

const str = (name: string, options?: Options): ScimAttributeDefinition => attr(name, 'string', options);
const bool = (name: string): ScimAttributeDefinition => attr(name, 'boolean');
const ref = (name: string, options?: Options): ScimAttributeDefinition => attr(name, 'reference', { caseExact: true, ...options });

/** `value`/`display`/`type`/`primary`: the shape of most multi-valued attributes (RFC 7643 §2.4). */
function multi(name: string, types: readonly string[], valueType: ScimAttributeType = 'string', extra: ScimAttributeDefinition[] = []): ScimAttributeDefinition {
  return attr(name, 'complex', {
    multiValued: true,
    subAttributes: [
      attr('value', valueType, valueType === 'reference' ? { caseExact: true } : {}),
      str('display'),
      str('type', types.length ? { canonicalValues: types } : {}),
      bool('primary'),
      ...extra,
    ],
  });
}

/** Attributes every resource has (RFC 7643 §3.1): `id` and `externalId` are case-exact. */
const common = [
  str('id', { caseExact: true, mutability: 'readOnly' }),
  str('externalId', { caseExact: true }),
];

export const coreUserSchema: ScimSchemaDefinition = {
  id: CORE_USER_URN,
  name: 'User',
  attributes: [
    ...common,
    str('userName', { required: true }),
    attr('name', 'complex', {
      subAttributes: ['formatted', 'familyName', 'givenName', 'middleName', 'honorificPrefix', 'honorificSuffix'].map((n) => str(n)),
    }),
    str('displayName'),
    str('nickName'),
    ref('profileUrl'),
    str('title'),
    str('userType'),
    str('preferredLanguage'),
    str('locale'),
    str('timezone'),
    bool('active'),
    str('password', { mutability: 'writeOnly' }),
    multi('emails', ['work', 'home', 'other']),
    multi('phoneNumbers', ['work', 'home', 'mobile', 'fax', 'pager', 'other']),
    multi('ims', ['aim', 'gtalk', 'icq', 'xmpp', 'msn', 'skype', 'qq', 'yahoo']),
    multi('photos', ['photo', 'thumbnail'], 'reference'),
    attr('addresses', 'complex', {
      multiValued: true,
      subAttributes: [
        ...['formatted', 'streetAddress', 'locality', 'region', 'postalCode', 'country'].map((n) => str(n)),
        str('type', { canonicalValues: ['work', 'home', 'other'] }),
        bool('primary'),
      ],
    }),
    attr('groups', 'complex', {
      multiValued: true,
      mutability: 'readOnly',
      subAttributes: [str('value', { mutability: 'readOnly' }), ref('$ref', { mutability: 'readOnly' }), str('display', { mutability: 'readOnly' }), str('type', { mutability: 'readOnly', canonicalValues: ['direct', 'indirect'] })],
    }),
    multi('entitlements', []),
    multi('roles', []),
    multi('x509Certificates', [], 'binary'),
  ],
};

export const enterpriseUserSchema: ScimSchemaDefinition = {
  id: ENTERPRISE_USER_URN,
  name: 'EnterpriseUser',
  attributes: [
    str('employeeNumber'),
    str('costCenter'),
    str('organization'),
    str('division'),
    str('department'),
    attr('manager', 'complex', {
      subAttributes: [str('value'), ref('$ref'), str('displayName', { mutability: 'readOnly' })],
    }),
  ],
};

export const coreGroupSchema: ScimSchemaDefinition = {
  id: CORE_GROUP_URN,
  name: 'Group',
  attributes: [
    ...common,
    str('displayName'),
    attr('members', 'complex', {
      multiValued: true,
      subAttributes: [
        str('value', { mutability: 'immutable', caseExact: true }),
        ref('$ref', { mutability: 'immutable' }),
        str('display', { mutability: 'readOnly' }),
        str('type', { mutability: 'immutable', canonicalValues: ['User', 'Group'] }),
      ],
    }),
  ],
};

/** The object types a mapping can target. */
export type ScimObjectType = 'user' | 'group';

/** The definition a target path writes, as far as the schema knows it. */
export interface ResolvedTarget {
  /** The attribute the value lands in (the sub-attribute for `name.givenName`, `emails[…].value`). */
  definition: ScimAttributeDefinition;
  /** The top-level attribute (`name`, `emails`, the extension attribute). Same as `definition` for simple paths. */
  parent: ScimAttributeDefinition;
  /** False when the attribute is not in the schema and was accepted as a single-valued string. */
  known: boolean;
}

/** Why a path does not fit the schema (always reported, whatever the unknown-attribute setting). */
export interface SchemaMismatch {
  code: 'MAPPING_WRONG_OBJECT_TYPE' | 'MAPPING_NOT_MULTI_VALUED' | 'MAPPING_NOT_COMPLEX' | 'MAPPING_READ_ONLY_TARGET' | 'MAPPING_UNKNOWN_ATTRIBUTE';
  message: string;
  hint: string;
}

const UNKNOWN_STRING = (name: string): ScimAttributeDefinition => str(name);

/** Finds a top-level or sub-attribute definition by name, case-insensitively (SCIM names are). */
export function findAttribute(list: readonly ScimAttributeDefinition[] | undefined, name: string): ScimAttributeDefinition | undefined {
  const lower = name.toLowerCase();
  return list?.find((a) => a.name.toLowerCase() === lower);
}
const find = findAttribute;

/** The core schema of an object type. */
export function coreSchemaFor(objectType: ScimObjectType): ScimSchemaDefinition {
  return objectType === 'group' ? coreGroupSchema : coreUserSchema;
}

/**
 * Looks a target path up in the schema. Attributes the schema does not know (an app's own
 * attributes, custom extensions) come back as single-valued, case-insensitive strings with
 * `known: false`; the caller decides whether that is allowed. Structural misfits (a filter on a
 * single-valued attribute, a sub-attribute of a simple one, a read-only target, `members` on a
 * user) come back as a {@link SchemaMismatch}.
 */
export function resolveTarget(path: TargetPath, objectType: ScimObjectType): ResolvedTarget | SchemaMismatch {
  switch (path.kind) {
    case 'objectFilter': {
      const d = UNKNOWN_STRING('objectFilter');
      return { definition: d, parent: d, known: true };
    }
    case 'members': {
      if (objectType !== 'group') return mismatch('MAPPING_WRONG_OBJECT_TYPE', `${path.text} is a group attribute`, 'map members in the group mapping only');
      const members = find(coreGroupSchema.attributes, 'members') as ScimAttributeDefinition;
      return { definition: members, parent: members, known: true };
    }
    case 'manager': {
      if (objectType !== 'user') return mismatch('MAPPING_WRONG_OBJECT_TYPE', `${path.text} is a user attribute`, 'map manager in the user mapping only');
      const manager = find(enterpriseUserSchema.attributes, 'manager') as ScimAttributeDefinition;
      return { definition: find(manager.subAttributes, 'value') as ScimAttributeDefinition, parent: manager, known: true };
    }
    case 'extension': {
      if (path.custom) return leaf(undefined, path.attribute, path.subAttribute, path.text);
      if (objectType !== 'user') return mismatch('MAPPING_WRONG_OBJECT_TYPE', `${path.text} extends the User schema`, 'map enterprise attributes in the user mapping');
      return leaf(find(enterpriseUserSchema.attributes, path.attribute), path.attribute, path.subAttribute, path.text);
    }
    case 'simple':
    case 'subAttribute':
      return leaf(find(coreSchemaFor(objectType).attributes, path.attribute), path.attribute, path.kind === 'subAttribute' ? path.subAttribute : undefined, path.text);
    case 'filtered': {
      const parent = find(coreSchemaFor(objectType).attributes, path.attribute);
      if (!parent) {
        const d = UNKNOWN_STRING(path.subAttribute);
        return { definition: d, parent: attr(path.attribute, 'complex', { multiValued: true, subAttributes: [d] }), known: false };
      }
      if (!parent.multiValued || parent.type !== 'complex') {
        return mismatch('MAPPING_NOT_MULTI_VALUED', `${path.text} filters ${parent.name}, which is not a multi-valued complex attribute`, `write ${parent.name} without a value filter`);
      }
      return sub(parent, path.subAttribute, path.text);
    }
  }
}

function leaf(parent: ScimAttributeDefinition | undefined, name: string, subName: string | undefined, text: string): ResolvedTarget | SchemaMismatch {
  if (!parent) {
    const d = UNKNOWN_STRING(subName ?? name);
    return { definition: d, parent: subName ? attr(name, 'complex', { subAttributes: [d] }) : d, known: false };
  }
  if (subName === undefined) return checkWritable(parent, parent, text);
  if (parent.type !== 'complex') return mismatch('MAPPING_NOT_COMPLEX', `${text}: ${parent.name} has no sub-attributes`, `write ${parent.name}`);
  if (parent.multiValued) {
    return mismatch('MAPPING_NOT_MULTI_VALUED', `${text}: ${parent.name} is multi-valued and needs a value filter`, `write ${parent.name}[type eq "work"].${subName}`);
  }
  return sub(parent, subName, text);
}

function sub(parent: ScimAttributeDefinition, subName: string, text: string): ResolvedTarget | SchemaMismatch {
  const definition = find(parent.subAttributes, subName);
  if (!definition) return { definition: UNKNOWN_STRING(subName), parent, known: false };
  return checkWritable(definition, parent, text);
}

function checkWritable(definition: ScimAttributeDefinition, parent: ScimAttributeDefinition, text: string): ResolvedTarget | SchemaMismatch {
  if (definition.mutability === 'readOnly' || parent.mutability === 'readOnly') {
    // entra-semantics.md §4.2: the primary key (`id`) must not be a target.
    return mismatch('MAPPING_READ_ONLY_TARGET', `${text} is read-only in the target schema`, 'map a writable attribute instead');
  }
  return { definition, parent, known: true };
}

function mismatch(code: SchemaMismatch['code'], message: string, hint: string): SchemaMismatch {
  return { code, message, hint };
}

export function isSchemaMismatch(value: ResolvedTarget | SchemaMismatch): value is SchemaMismatch {
  return 'code' in value;
}
