/**
 * SCIM target paths as Entra's attribute mappings write them (entra-semantics.md §4.4,
 * entra-scim-wire.md §5): `userName`, `name.givenName`, `emails[type eq "work"].value`,
 * `roles[primary eq "True"].value`, `urn:…:enterprise:2.0:User:department`, custom extension
 * URNs in colon notation, the manager reference, a group's `members`, and the pseudo-target
 * `objectFilter` (IgnoreObjectFlow, §2.4).
 *
 * The value filter inside brackets is parsed with scim2-parse-filter; the rest of the path
 * grammar (`[urn:]attr[filter][.sub]`) is small enough to read here.
 */
import { parse as parseScimFilter, type Filter } from 'scim2-parse-filter';
import { InputError } from '../core/errors.js';

export const CORE_USER_URN = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const CORE_GROUP_URN = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const ENTERPRISE_USER_URN = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

/** `type eq "work"` / `primary eq "True"`: the one `eq` comparison Entra writes in a target path. */
export interface ValueFilter {
  /** Sub-attribute compared (`type`, `primary`). */
  attribute: string;
  /** The literal compared with, as written (`"True"` stays a string; `true` is a boolean). */
  value: string | boolean | number;
}

interface PathBase {
  /** The path as written in the mapping (trimmed). Used as the PATCH path and in reports. */
  text: string;
  /**
   * Lower-cased identity of the target (`urn:…:user:emails[type eq "work"].value`): two mappings
   * with the same key write the same target.
   */
  key: string;
}

/**
 * A parsed target path. Core attributes live in the resource's top level; extension attributes
 * under their schema URN key; `manager` and `members` are references written after the create.
 */
export type TargetPath =
  /** `userName`, `active`, `externalId`, `emails` (a whole multi-valued attribute). */
  | (PathBase & { kind: 'simple'; attribute: string })
  /** `name.givenName`. */
  | (PathBase & { kind: 'subAttribute'; attribute: string; subAttribute: string })
  /** `emails[type eq "work"].value`, `roles[primary eq "True"].value`. */
  | (PathBase & { kind: 'filtered'; attribute: string; filter: ValueFilter; subAttribute: string })
  /** `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department` or a custom extension. */
  | (PathBase & { kind: 'extension'; schema: string; custom: boolean; attribute: string; subAttribute?: string })
  /** `manager` or `urn:…:enterprise:2.0:User:manager`: a reference resolved to a target id (§4.5). */
  | (PathBase & { kind: 'manager'; schema: typeof ENTERPRISE_USER_URN })
  /** A group's `members`: references, added by PATCH after the group exists (entra-scim-wire.md §7). */
  | (PathBase & { kind: 'members' })
  /** The pseudo-target `objectFilter`: its expression may return IgnoreObjectFlow; never exported. */
  | (PathBase & { kind: 'objectFilter' });

export type TargetPathKind = TargetPath['kind'];

/** A target path that cannot be parsed. `column` is 1-based within the path text. */
export class TargetPathError extends InputError {
  override name = 'TargetPathError';
  readonly column: number;

  constructor(code: string, message: string, column: number, hint?: string) {
    super(code, message, hint ? { hint } : {});
    this.column = column;
  }
}

const ATTR_NAME = /^\$?[A-Za-z][\w$-]*/;
const HINT = 'write attr, attr.sub, attr[type eq "work"].sub or urn:…:2.0:User:attr';

/**
 * Parses a mapping's target path.
 * @throws {TargetPathError} `MAPPING_EMPTY_TARGET`, `MAPPING_INVALID_TARGET_PATH`,
 *   `MAPPING_UNSUPPORTED_VALUE_FILTER`, `MAPPING_FILTER_WITHOUT_SUB_ATTRIBUTE`,
 *   `MAPPING_EXTENSION_DOT_NOTATION`.
 */
export function parseTargetPath(raw: string): TargetPath {
  const text = raw.trim();
  if (text === '') throw new TargetPathError('MAPPING_EMPTY_TARGET', 'the target attribute is empty', 1, HINT);
  const lead = raw.indexOf(text);
  if (/^urn:/i.test(text)) return parseUrnPath(text, lead);
  if (/^objectFilter$/i.test(text)) return { kind: 'objectFilter', text, key: 'objectfilter' };
  return parseCorePath(text, lead, CORE_USER_URN);
}

function parseCorePath(text: string, lead: number, coreUrn: string): TargetPath {
  const head = ATTR_NAME.exec(text);
  if (!head) throw invalid(text, 0, lead, 'an attribute name');
  const attribute = head[0];
  let pos = attribute.length;
  let filter: ValueFilter | undefined;
  if (text[pos] === '[') {
    const close = findClosingBracket(text, pos);
    if (close < 0) throw invalid(text, pos, lead, 'a closing "]"');
    filter = parseValueFilter(text.slice(pos + 1, close), pos + 1 + lead);
    pos = close + 1;
  }
  let subAttribute: string | undefined;
  if (text[pos] === '.') {
    const sub = ATTR_NAME.exec(text.slice(pos + 1));
    if (!sub) throw invalid(text, pos + 1, lead, 'a sub-attribute name');
    subAttribute = sub[0];
    pos += 1 + subAttribute.length;
  }
  if (pos < text.length) throw invalid(text, pos, lead, text[pos] === '.' ? 'at most one sub-attribute' : 'the end of the path');
  const base = coreUrn.toLowerCase();
  const lower = attribute.toLowerCase();
  if (filter) {
    if (subAttribute === undefined) {
      throw new TargetPathError(
        'MAPPING_FILTER_WITHOUT_SUB_ATTRIBUTE',
        `"${text}" filters ${attribute} but names no sub-attribute to write`,
        pos + 1 + lead,
        `add the sub-attribute, e.g. ${attribute}[${filter.attribute} eq ${JSON.stringify(filter.value)}].value`,
      );
    }
    const key = `${base}:${lower}[${filter.attribute.toLowerCase()} eq ${String(filter.value).toLowerCase()}].${subAttribute.toLowerCase()}`;
    return { kind: 'filtered', text, key, attribute, filter, subAttribute };
  }
  if (lower === 'manager' && (subAttribute === undefined || subAttribute.toLowerCase() === 'value')) {
    return { kind: 'manager', text, key: `${ENTERPRISE_USER_URN.toLowerCase()}:manager`, schema: ENTERPRISE_USER_URN };
  }
  if (lower === 'members' && subAttribute === undefined) return { kind: 'members', text, key: `${base}:members` };
  if (subAttribute !== undefined) {
    return { kind: 'subAttribute', text, key: `${base}:${lower}.${subAttribute.toLowerCase()}`, attribute, subAttribute };
  }
  return { kind: 'simple', text, key: `${base}:${lower}`, attribute };
}

function parseUrnPath(text: string, lead: number): TargetPath {
  const colon = text.lastIndexOf(':');
  const schema = text.slice(0, colon);
  const rest = text.slice(colon + 1);
  // Pre-2018 jobs wrote `…:2.0:User.department`; the current client wants a colon (§4.4).
  const dotted = /^(User|Group)\.(.+)$/i.exec(rest);
  if (dotted && /:\d+\.\d+$/.test(schema)) {
    throw new TargetPathError(
      'MAPPING_EXTENSION_DOT_NOTATION',
      `"${text}" separates the extension attribute with a dot`,
      colon + 1 + (dotted[1]?.length ?? 0) + 1 + lead,
      `write ${schema}:${dotted[1]}:${dotted[2]} (colon notation, entra-semantics.md §4.4)`,
    );
  }
  if (!/^urn:[^:\s]+(:[^:\s]+)+$/i.test(schema) || rest === '') throw invalid(text, colon + 1, lead, 'an attribute after the schema URN');
  const lowerSchema = schema.toLowerCase();
  if (lowerSchema === CORE_USER_URN.toLowerCase() || lowerSchema === CORE_GROUP_URN.toLowerCase()) {
    // A fully qualified core attribute: same target as the short form.
    const inner = parseCorePath(rest, lead + colon + 1, lowerSchema === CORE_GROUP_URN.toLowerCase() ? CORE_GROUP_URN : CORE_USER_URN);
    return { ...inner, text };
  }
  const head = ATTR_NAME.exec(rest);
  if (!head) throw invalid(text, colon + 1, lead, 'an attribute name');
  const attribute = head[0];
  let subAttribute: string | undefined;
  let pos = attribute.length;
  if (rest[pos] === '.') {
    const sub = ATTR_NAME.exec(rest.slice(pos + 1));
    if (!sub) throw invalid(text, colon + 2 + pos, lead, 'a sub-attribute name');
    subAttribute = sub[0];
    pos += 1 + subAttribute.length;
  }
  if (pos < rest.length) throw invalid(text, colon + 1 + pos, lead, 'the end of the path');
  const enterprise = lowerSchema === ENTERPRISE_USER_URN.toLowerCase();
  if (enterprise && attribute.toLowerCase() === 'manager' && (subAttribute === undefined || subAttribute.toLowerCase() === 'value')) {
    return { kind: 'manager', text, key: `${lowerSchema}:manager`, schema: ENTERPRISE_USER_URN };
  }
  const key = `${lowerSchema}:${attribute.toLowerCase()}${subAttribute ? `.${subAttribute.toLowerCase()}` : ''}`;
  return {
    kind: 'extension',
    text,
    key,
    schema: enterprise ? ENTERPRISE_USER_URN : schema,
    custom: !enterprise,
    attribute,
    ...(subAttribute !== undefined ? { subAttribute } : {}),
  };
}

/** Index of the `]` closing the `[` at `open`, skipping quoted strings; -1 when there is none. */
function findClosingBracket(text: string, open: number): number {
  let quoted = false;
  for (let i = open + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '"') quoted = !quoted;
    else if (c === ']' && !quoted) return i;
  }
  return -1;
}

/** Parses `type eq "work"` (also the wire form `type eq \"work\"`). */
function parseValueFilter(source: string, offset: number): ValueFilter {
  const unescaped = source.includes('\\"') ? source.replace(/\\"/g, '"') : source;
  let ast: Filter;
  try {
    ast = parseScimFilter(unescaped);
  } catch (error) {
    throw new TargetPathError(
      'MAPPING_UNSUPPORTED_VALUE_FILTER',
      `the value filter "${source}" cannot be parsed: ${(error as Error).message}`,
      offset + 1,
      'write one comparison such as type eq "work"',
    );
  }
  if (ast.op !== 'eq' || !('compValue' in ast) || ast.attrPath.includes('.') || ast.compValue === null) {
    throw new TargetPathError(
      'MAPPING_UNSUPPORTED_VALUE_FILTER',
      `the value filter "${source}" is not a single eq comparison on a sub-attribute`,
      offset + 1,
      'Entra writes one eq comparison, e.g. type eq "work" or primary eq "True"',
    );
  }
  return { attribute: ast.attrPath, value: ast.compValue };
}

function invalid(text: string, index: number, lead: number, expected: string): TargetPathError {
  const found = index < text.length ? `"${text[index]}"` : 'the end';
  return new TargetPathError(
    'MAPPING_INVALID_TARGET_PATH',
    `cannot read target path "${text}": expected ${expected} at column ${index + 1}, found ${found}`,
    index + 1 + lead,
    HINT,
  );
}

/** Renders a value filter the way paths write it: `type eq "work"`. */
export function formatValueFilter(filter: ValueFilter): string {
  return `${filter.attribute} eq ${typeof filter.value === 'string' ? JSON.stringify(filter.value) : String(filter.value)}`;
}
