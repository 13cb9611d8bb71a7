/**
 * Checks a scenario's `target:` before the mock starts: every problem becomes an {@link Issue}
 * with a `MOCK_*` code and the path of the entry (`target.faults[1].on`), and all of them are
 * thrown together as one {@link InputError}.
 */
import { formatPath, InputError, type Issue } from '../../core/errors.js';
import { attributeInfo, lookupAttribute, type ScimResourceType } from '../schema.js';
import type { Fault, TargetBehaviour, TargetState } from '../types.js';
import { compileMatcher, FAULT_METHODS } from './faults.js';
import { parseFilter } from './filter.js';
import { findKey, isObject } from './paths.js';
import { ScimProtocolError } from './protocol.js';

type Path = Array<string | number>;

/** RFC 7643 §2.1 ATTRNAME, plus `$ref`. */
const ATTRIBUTE_NAME = /^(?:[A-Za-z][\w-]*|\$ref)$/;

const BEHAVIOUR_KEYS: Record<keyof TargetBehaviour, 'boolean' | 'strings' | 'patchStatus' | 'mode' | 'token'> = {
  filterable: 'strings',
  strictBooleans: 'boolean',
  groups: 'boolean',
  patchStatus: 'patchStatus',
  notFoundOnEmptyQuery: 'boolean',
  unsupportedPaths: 'strings',
  flattenedKeys: 'mode',
  removeByValue: 'mode',
  hideInactiveUsers: 'boolean',
  rejectUnknownSchemas: 'boolean',
  token: 'token',
};
const MODES = ['apply', 'ignore', 'reject'];

const FAULT_KEYS = new Set(['on', 'nth', 'times', 'status', 'body', 'headers', 'delayMs', 'error', 'applied']);
const FAULT_ERRORS = new Set(['reset', 'timeout', 'malformed']);

/** The hint of a problem that has no more specific one. */
const defaultHint = 'fix the target state; docs/scim.md (Validation) lists the rules';

/** Every problem in a target state. */
export function targetStateIssues(state: unknown, behaviourOverride?: TargetBehaviour): Issue[] {
  const issues: Issue[] = [];
  const add = (code: string, path: Path, message: string, hint?: string): void => {
    issues.push({ code, path, message: `${formatPath(path)}: ${message}`, hint: hint ?? defaultHint });
  };
  if (!isObject(state)) {
    add('MOCK_INVALID_STATE', ['target'], 'must be an object with users, groups, behaviour and faults');
    return issues;
  }
  const ids = new Map<string, Path>();
  const users = resourceList(state.users, 'users', add);
  const groups = resourceList(state.groups, 'groups', add);
  checkResources('User', users, ids, add);
  checkResources('Group', groups, ids, add);
  checkMembers(groups, ids, add);
  const behaviour = { ...(isObject(state.behaviour) ? state.behaviour : {}), ...behaviourOverride };
  if (state.behaviour !== undefined && !isObject(state.behaviour)) {
    add('MOCK_INVALID_BEHAVIOUR', ['target', 'behaviour'], 'must be an object');
  }
  checkBehaviour(behaviour, add);
  if (behaviour.groups === false && groups.length > 0) {
    const hint = 'remove the groups or allow /Groups';
    add('MOCK_INVALID_BEHAVIOUR', ['target', 'behaviour', 'groups'], 'is false, but the target holds groups', hint);
  }
  if (state.faults !== undefined) {
    if (!Array.isArray(state.faults)) add('MOCK_INVALID_FAULT', ['target', 'faults'], 'must be a list');
    else state.faults.forEach((fault, i) => checkFault(fault, ['target', 'faults', i], add));
  }
  for (const key of Object.keys(state)) {
    if (['users', 'groups', 'behaviour', 'faults'].includes(key)) continue;
    add('MOCK_INVALID_STATE', ['target', key], 'is not a target key (users, groups, behaviour, faults)');
  }
  return issues;
}

/** Throws an InputError listing every problem, or returns when the state is valid. */
export function validateTargetState(state: unknown, behaviourOverride?: TargetBehaviour, entry?: string): void {
  const issues = targetStateIssues(state, behaviourOverride);
  if (issues.length === 0) return;
  const named = entry ? issues.map((i) => ({ ...i, message: `${entry}: ${i.message}` })) : issues;
  throw InputError.fromIssues(named);
}

type Add = (code: string, path: Path, message: string, hint?: string) => void;
type Entry = { resource: Record<string, unknown>; path: Path };

function resourceList(value: unknown, key: 'users' | 'groups', add: Add): Entry[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    add('MOCK_INVALID_STATE', ['target', key], 'must be a list');
    return [];
  }
  const out: Entry[] = [];
  value.forEach((resource, i) => {
    if (isObject(resource)) out.push({ resource, path: ['target', key, i] });
    else add('MOCK_NOT_SCIM_SHAPED', ['target', key, i], 'must be an object of SCIM attributes');
  });
  return out;
}

function checkResources(type: ScimResourceType, list: Entry[], ids: Map<string, Path>, add: Add): void {
  const unique = type === 'User' ? 'userName' : 'displayName';
  for (const { resource, path } of list) {
    const id = resource.id;
    if (id !== undefined) {
      if (typeof id !== 'string' || id === '') add('MOCK_NOT_SCIM_SHAPED', [...path, 'id'], 'must be a non-empty string');
      else if (!ids.has(id)) ids.set(id, path);
      else {
        const owner = formatPath(ids.get(id) as Path);
        const hint = 'ids must be unique across users and groups';
        add('MOCK_DUPLICATE_ID', [...path, 'id'], `"${id}" is already the id of ${owner}`, hint);
      }
    }
    const uniqueKey = findKey(resource, unique);
    const value = uniqueKey === undefined ? undefined : resource[uniqueKey];
    if (typeof value !== 'string' || value === '') {
      add('MOCK_MISSING_ATTRIBUTE', [...path, unique], `a ${type.toLowerCase()} needs a ${unique} (a non-empty string)`);
    }
    for (const [key, attribute] of Object.entries(resource)) {
      if (key === 'id' || key === 'schemas' || key === 'meta') continue;
      if (key.toLowerCase().startsWith('urn:')) {
        if (!isObject(attribute)) {
          add('MOCK_NOT_SCIM_SHAPED', [...path, key], 'an extension must be an object of attributes');
          continue;
        }
        for (const [sub, v] of Object.entries(attribute)) checkValue(type, `${key}:${sub}`, sub, v, [...path, key, sub], add);
        continue;
      }
      checkValue(type, key, key, attribute, [...path, key], add);
    }
  }
}

/** One attribute value against RFC 7643's schema (type, multiValued) where the attribute is known. */
function checkValue(type: ScimResourceType, schemaPath: string, name: string, value: unknown, path: Path, add: Add): void {
  if (!ATTRIBUTE_NAME.test(name)) {
    const hint = 'names start with a letter and hold letters, digits, "-" and "_"';
    add('MOCK_NOT_SCIM_SHAPED', path, `"${name}" is not a SCIM attribute name`, hint);
    return;
  }
  if (value === null) return;
  const known = lookupAttribute(type, schemaPath);
  const info = attributeInfo(type, schemaPath);
  if (info.multiValued) {
    if (!Array.isArray(value)) return add('MOCK_NOT_SCIM_SHAPED', path, `${info.name} is multi-valued: write a list`);
    value.forEach((item, i) => checkSingle(type, schemaPath, info.name, item, [...path, i], add, !!known));
    return;
  }
  checkSingle(type, schemaPath, info.name, value, path, add, !!known);
}

function checkSingle(
  type: ScimResourceType,
  schemaPath: string,
  name: string,
  value: unknown,
  path: Path,
  add: Add,
  known: boolean,
): void {
  const info = attributeInfo(type, schemaPath);
  if (info.sub) {
    if (!isObject(value)) return add('MOCK_NOT_SCIM_SHAPED', path, `${name} is complex: write an object like { value: … }`);
    for (const [sub, v] of Object.entries(value)) checkValue(type, `${schemaPath}.${sub}`, sub, v, [...path, sub], add);
    return;
  }
  if (!known) {
    if (!isJson(value)) add('MOCK_NOT_SCIM_SHAPED', path, 'is not a JSON value');
    return;
  }
  if (info.type === 'boolean' && typeof value !== 'boolean') {
    const hint = 'write true or false without quotes';
    add('MOCK_NOT_SCIM_SHAPED', path, `${name} is a boolean; ${JSON.stringify(value)} is not`, hint);
  } else if (info.type !== 'boolean' && typeof value !== 'string') {
    add('MOCK_NOT_SCIM_SHAPED', path, `${name} is a string; ${JSON.stringify(value)} is not`, 'quote the value in YAML');
  }
}

function isJson(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isJson);
  return isObject(value) && Object.getPrototypeOf(value) === Object.prototype && Object.values(value).every(isJson);
}

function checkMembers(groups: Entry[], ids: Map<string, Path>, add: Add): void {
  for (const { resource, path } of groups) {
    const key = findKey(resource, 'members');
    const members = key === undefined ? undefined : resource[key];
    if (!Array.isArray(members)) continue;
    members.forEach((member, i) => {
      // Other shape problems are reported with the other attributes.
      if (!isObject(member)) return;
      const value = member.value;
      const where = [...path, key as string, i, 'value'];
      if (typeof value !== 'string') return add('MOCK_NOT_SCIM_SHAPED', where, 'a member needs the id of a user or group');
      if (!ids.has(value)) add('MOCK_UNKNOWN_MEMBER', where, `"${value}" is not the id of a user or group in the target`);
    });
  }
}

function checkBehaviour(behaviour: Record<string, unknown>, add: Add): void {
  for (const [key, value] of Object.entries(behaviour)) {
    const path = ['target', 'behaviour', key];
    const kind = BEHAVIOUR_KEYS[key as keyof TargetBehaviour];
    if (!kind) {
      add('MOCK_INVALID_BEHAVIOUR', path, `is not a behaviour (${Object.keys(BEHAVIOUR_KEYS).join(', ')})`);
    } else if (kind === 'boolean' && typeof value !== 'boolean') {
      add('MOCK_INVALID_BEHAVIOUR', path, 'must be true or false');
    } else if (kind === 'token' && (typeof value !== 'string' || value === '')) {
      add('MOCK_INVALID_BEHAVIOUR', path, 'must be the secret token the target accepts (a non-empty string)');
    } else if (kind === 'patchStatus' && value !== 200 && value !== 204) {
      add('MOCK_INVALID_BEHAVIOUR', path, 'must be 200 or 204');
    } else if (kind === 'mode' && !MODES.includes(value as string)) {
      add('MOCK_INVALID_BEHAVIOUR', path, 'must be apply, ignore or reject');
    } else if (kind === 'strings') {
      if (!Array.isArray(value) || !value.every((v) => typeof v === 'string' && v !== '')) {
        add('MOCK_INVALID_BEHAVIOUR', path, 'must be a list of attribute paths');
        continue;
      }
      value.forEach((entry: string, i) => checkPathFilter(entry, [...path, i], add));
    }
  }
}

/** A path's value filter (`addresses[type eq "work"]`) must parse. */
function checkPathFilter(entry: string, path: Path, add: Add): void {
  const open = entry.indexOf('[');
  if (open < 0) return;
  const close = entry.lastIndexOf(']');
  if (close < open) return add('MOCK_UNPARSEABLE_FILTER', path, `"${entry}" has an unclosed "["`);
  try {
    parseFilter(entry.slice(open + 1, close));
  } catch (error) {
    const reason = error instanceof ScimProtocolError ? error.message : String(error);
    add('MOCK_UNPARSEABLE_FILTER', path, reason, 'write filters as in SCIM: type eq "work"');
  }
}

function checkFault(fault: unknown, path: Path, add: Add): void {
  if (!isObject(fault)) return add('MOCK_INVALID_FAULT', path, 'must be an object with `on` and an effect');
  for (const key of Object.keys(fault)) {
    if (FAULT_KEYS.has(key)) continue;
    add('MOCK_INVALID_FAULT', [...path, key], `is not a fault key (${[...FAULT_KEYS].join(', ')})`);
  }
  const f = fault as Partial<Fault>;
  if (typeof f.on !== 'string') {
    const message = 'is required: testConnection, any, or "METHOD /path" such as "PATCH /Users/*"';
    add('MOCK_INVALID_FAULT', [...path, 'on'], message);
  } else {
    checkMatcher(f.on, [...path, 'on'], add);
  }
  for (const key of ['nth', 'times'] as const) {
    const value = f[key];
    if (value === undefined || (Number.isInteger(value) && value >= 1)) continue;
    add('MOCK_INVALID_FAULT', [...path, key], 'must be a whole number of at least 1');
  }
  // 1xx are interim answers: no fetch Response carries one (nock's playback throws outside any promise).
  if (f.status !== undefined && (!Number.isInteger(f.status) || f.status < 200 || f.status > 599)) {
    add('MOCK_INVALID_FAULT', [...path, 'status'], 'must be a final HTTP status between 200 and 599');
  }
  if (f.delayMs !== undefined && (typeof f.delayMs !== 'number' || !(f.delayMs >= 0))) {
    add('MOCK_INVALID_FAULT', [...path, 'delayMs'], 'must be a number of milliseconds (0 or more)');
  }
  if (f.error !== undefined && !FAULT_ERRORS.has(f.error)) {
    add('MOCK_INVALID_FAULT', [...path, 'error'], 'must be reset, timeout or malformed');
  }
  if ((f.error === 'reset' || f.error === 'timeout') && (f.status !== undefined || f.body !== undefined)) {
    add('MOCK_INVALID_FAULT', path, `error: ${f.error} sends no answer, so status and body cannot apply`);
  }
  if (f.applied !== undefined && typeof f.applied !== 'boolean') {
    add('MOCK_INVALID_FAULT', [...path, 'applied'], 'must be true or false');
  }
  if (f.applied === true && f.status === undefined && f.error === undefined) {
    add('MOCK_INVALID_FAULT', path, 'applied needs an answer to replace: give a status or an error');
  }
  if (f.headers !== undefined && (!isObject(f.headers) || !Object.values(f.headers).every((v) => typeof v === 'string'))) {
    add('MOCK_INVALID_FAULT', [...path, 'headers'], 'must map header names to strings');
  }
  if ((f.body !== undefined || f.headers !== undefined) && f.status === undefined && f.error !== 'malformed') {
    add('MOCK_INVALID_FAULT', path, 'a body or headers need a status');
  }
  const effects = [f.status, f.error, f.delayMs, f.body, f.headers];
  if (effects.every((effect) => effect === undefined)) {
    add('MOCK_INVALID_FAULT', path, 'has no effect: give a status, an error or a delayMs');
  }
}

/** The shapes of path Entra's client requests: collections for GET/POST, items for GET/PATCH/PUT/DELETE. */
const SHAPES: Record<(typeof FAULT_METHODS)[number], Array<'collection' | 'item'>> = {
  GET: ['collection', 'item'],
  POST: ['collection'],
  PUT: ['item'],
  PATCH: ['item'],
  DELETE: ['item'],
};

function checkMatcher(on: string, path: Path, add: Add): void {
  const matcher = compileMatcher(on);
  if (!matcher) {
    const hint = 'for example "PATCH /Users/*" or "GET /Groups?*"';
    return add('MOCK_INVALID_FAULT', path, `"${on}" is not testConnection, any, or "METHOD /path"`, hint);
  }
  if (matcher.kind !== 'request') return;
  const methods = matcher.method === '*' ? [...FAULT_METHODS] : FAULT_METHODS.filter((m) => m === matcher.method);
  if (methods.length === 0) {
    return add('MOCK_FAULT_NEVER_MATCHES', path, `"${on}" can never match: the client sends ${FAULT_METHODS.join(', ')}`);
  }
  // Representative request paths; an item's id is taken from the pattern itself (`u-*` → `u-x`).
  const idSegment = (on.trim().split(/\s+/)[1] ?? '').split('?')[0]?.split('/')[2] ?? '';
  const id = idSegment.replace(/\*+/g, 'x') || 'x';
  const candidates = (shape: 'collection' | 'item'): string[] =>
    shape === 'collection' ? ['/Users', '/Groups'] : [`/Users/${id}`, `/Groups/${id}`];
  const canMatch = methods.some((method) =>
    SHAPES[method].some((shape) => candidates(shape).some((candidate) => matcher.path.test(candidate))),
  );
  if (!canMatch) {
    const hint = 'the client sends GET/POST /Users and /Groups, and GET/PATCH/DELETE /Users/<id> and /Groups/<id>';
    add('MOCK_FAULT_NEVER_MATCHES', path, `"${on}" can never match a request the client sends`, hint);
  }
}
