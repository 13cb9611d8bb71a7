/**
 * The SCIM client: what the simulated Entra provisioning service sends to a target, and how it
 * reads the answers. Every method resolves to a {@link ScimResult}; failures carry Entra's error
 * code (src/scim/error-map.ts) and never throw.
 */
import type { AppTemplate } from '../app/types.js';
import type { Clock, RandomSource } from '../core/determinism.js';
import { maskSecret } from '../core/mask.js';
import {
  addMembersBody,
  createBody,
  managerBody,
  patchBody,
  removeMembersBody,
  type ResourceAttributes,
} from './bodies.js';
import { failureFor, type EntraCode, type FailureCause, type FailureContext } from './error-map.js';
import { defaultScimOptions, type ScimOptions } from './options.js';
import { endpointOf, LIST_RESPONSE_SCHEMA, type ScimResourceType } from './schema.js';
import { parseTenantUrl, queryPath, resolvePatchDialect, resourcePath } from './tenant-url.js';
import { sendWithRetries, virtualSleep, type HttpOutcome, type Sleep, type TransportConfig } from './transport.js';
import type {
  AttributeChange,
  PatchDialect,
  PatchRequest,
  ScimFailure,
  ScimOperation,
  ScimResource,
  ScimResult,
  ScimValue,
} from './types.js';

/** What {@link createScimClient} needs. */
export interface ScimClientConfig {
  /** Tenant URL; flags may be appended as a query string (`?aadOptscim062020`). */
  url: string;
  /** Secret token. When absent, Entra sends a JWT it issued itself (§1); the client mints a look-alike. */
  token?: string;
  /** Behaviour flags besides those in the URL. */
  flags?: readonly string[];
  /** Job template: decides the error-code prefix. @default 'scim' */
  template?: AppTemplate;
  /** SCIM settings (defaults for keys left out). */
  settings?: Partial<ScimOptions>;
  /** Random GUIDs for the test-connection probe. */
  random: RandomSource;
  /** Retry-After dates, and the minted token's timestamps. */
  clock: Clock;
  /** Aborts every request (per-scenario timeout). */
  signal?: AbortSignal;
  /** An on-demand run: `patchDialect: auto` then ignores the flag (§0). @default true */
  onDemand?: boolean;
  /** Wait between retries. @default no real wait (see docs/scim.md, "Retries") */
  sleep?: Sleep;
  /** @default globalThis.fetch */
  fetch?: typeof fetch;
}

/** Options of {@link ScimClient.testConnection}. */
export interface TestConnectionOptions {
  /** The user mapping's matching attribute with the highest precedence. @default 'userName' */
  attribute?: string;
}

/** The client. Paths in results are relative to {@link ScimClient.baseUrl}. */
export interface ScimClient {
  /** Tenant URL without query string. */
  readonly baseUrl: string;
  /** Flags from the URL and the app. */
  readonly flags: readonly string[];
  /** PATCH dialect in use. */
  readonly dialect: PatchDialect;
  /**
   * Test connection (§2): a filtered query for a random GUID on the matching attribute, plus a
   * `/Groups` probe when `testConnectionGroupProbe` is set. Success is 200 with an empty ListResponse.
   */
  testConnection(options?: TestConnectionOptions): Promise<ScimResult<{ probes: string[] }>>;
  /** Matching query: one `eq` on one attribute (§3). More than one hit fails with DuplicateTargetEntries. */
  query(type: ScimResourceType, attribute: string, value: string): Promise<ScimResult<{ resources: ScimResource[] }>>;
  /** Reads one object by id; groups with `excludedAttributes=members`. */
  get(type: ScimResourceType, id: string): Promise<ScimResult<{ resource: ScimResource }>>;
  /** POST with Entra's envelope (§4); the target's `id` is the anchor for later calls. */
  create(
    type: ScimResourceType,
    attributes: ResourceAttributes,
  ): Promise<ScimResult<{ id: string; resource: ScimResource; body: Record<string, ScimValue> }>>;
  /** PATCH from attribute changes in the client's dialect (§5); no request when nothing changes. */
  update(
    type: ScimResourceType,
    id: string,
    changes: readonly AttributeChange[],
  ): Promise<ScimResult<{ body: PatchRequest | undefined; resource?: ScimResource }>>;
  /** Writes the manager reference after the create (§6). */
  setManager(userId: string, managerId: string): Promise<ScimResult<{ body: PatchRequest }>>;
  /**
   * Adds members in batches of `membershipBatchSize` (§7); stops at the first failing batch, whose
   * failure lists the batches that succeeded before it (`completedBatches`).
   */
  addMembers(groupId: string, memberIds: readonly string[]): Promise<ScimResult<{ bodies: PatchRequest[] }>>;
  /** Removes members in batches of `membershipBatchSize`; stops at the first failing batch. */
  removeMembers(groupId: string, memberIds: readonly string[]): Promise<ScimResult<{ bodies: PatchRequest[] }>>;
  /** DELETE (§8), expecting 204. */
  delete(type: ScimResourceType, id: string): Promise<ScimResult>;
}

/** The application id in every token Entra issues for a custom app (§1). */
const CUSTOM_APP_AUDIENCE = '8adf8e6e-67b2-4cf2-a259-e3dc5476c621';

type Parsed = { ok: true; value: unknown } | { ok: false };

/** Why a 2xx body is not usable; Entra code ServiceIncompatible unless said otherwise. */
interface BodyProblem {
  text: string;
  entra?: EntraCode;
  code?: string;
  found?: ScimResource[];
}

/** A sent request whose answer is a 2xx, parsed. */
interface Answer {
  status: number;
  text: string;
  json: Parsed;
  attempts: number;
  requestBody: unknown;
}

/** Creates a client for one target. Throws InputError only for an invalid tenant URL. */
export function createScimClient(config: ScimClientConfig): ScimClient {
  const settings: ScimOptions = { ...defaultScimOptions, ...config.settings };
  const { baseUrl, flags } = parseTenantUrl(config.url, config.flags);
  const dialect = resolvePatchDialect(settings.patchDialect, flags, config.onDemand ?? true);
  const template = config.template ?? 'scim';
  const transport: TransportConfig = {
    authorization: `Bearer ${config.token ?? entraIssuedToken(config.random, config.clock)}`,
    timeoutMs: settings.timeoutMs,
    retries: settings.retries,
    clock: config.clock,
    sleep: config.sleep ?? virtualSleep,
    ...(config.signal ? { signal: config.signal } : {}),
    fetch: config.fetch ?? globalThis.fetch,
  };
  const shape = { dialect, booleanStrings: settings.booleanStrings };
  const secret = transport.authorization.slice('Bearer '.length);

  /** A failure never quotes the token, even when a target echoes it back. */
  function scrub(failure: ScimFailure): ScimFailure {
    if (!secret || !failure.reason.includes(secret)) return failure;
    // Whole words only (src/core/mask.ts): a token `test` must not rewrite `testConnection`.
    const hide = (text: string): string => maskSecret(text, secret, '[redacted]');
    const responseBody = failure.responseBody === undefined ? {} : { responseBody: hide(failure.responseBody) };
    return { ...failure, reason: hide(failure.reason), ...responseBody };
  }

  function contextFor(operation: ScimOperation, method: string, path: string): Omit<FailureContext, 'attempts'> {
    return { operation, method, url: `${baseUrl}${path}`, template, conflictCode: settings.conflictErrorCode };
  }

  /** Sends one request; a non-2xx answer or no answer becomes a failure. */
  async function call(
    operation: ScimOperation,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ ok: true; answer: Answer } | { ok: false; failure: ScimFailure }> {
    const sent = await sendWithRetries(method, `${baseUrl}${path}`, body, transport);
    const context = { ...contextFor(operation, method, path), attempts: sent.attempts };
    const outcome: HttpOutcome = sent.outcome;
    const failed = (failure: ScimFailure) => ({
      ok: false as const,
      failure: scrub(body === undefined ? failure : { ...failure, requestBody: body }),
    });
    if (outcome.kind === 'transport') return failed(failureFor(outcome, context));
    if (outcome.status < 200 || outcome.status > 299) {
      return failed(failureFor({ kind: 'status', status: outcome.status, body: outcome.text }, context));
    }
    const json = parseJson(outcome.text);
    return { ok: true, answer: { status: outcome.status, text: outcome.text, json, attempts: sent.attempts, requestBody: body } };
  }

  /** A 2xx whose body is not what the operation needs. */
  function badResponse(
    operation: ScimOperation,
    method: string,
    path: string,
    answer: Answer,
    problem: BodyProblem,
  ): { ok: false; failure: ScimFailure } {
    const cause: FailureCause = {
      kind: 'response',
      code: problem.code ?? (answer.json.ok ? 'SCIM_UNEXPECTED_RESPONSE' : 'SCIM_UNPARSEABLE_BODY'),
      entra: problem.entra ?? 'ServiceIncompatible',
      status: answer.status,
      body: answer.text,
      problem: answer.json.ok ? problem.text : 'the body is not JSON',
      ...(problem.found ? { found: problem.found } : {}),
    };
    const context = { ...contextFor(operation, method, path), attempts: answer.attempts };
    const failure = failureFor(cause, context);
    return { ok: false, failure: scrub(answer.requestBody === undefined ? failure : { ...failure, requestBody: answer.requestBody }) };
  }

  /**
   * GET a collection and read its ListResponse. `atMostOne`: more than one hit is
   * DuplicateTargetEntries (§3); `none`: any hit fails the test connection (§2).
   */
  async function list(
    operation: ScimOperation,
    type: ScimResourceType,
    path: string,
    expect: { hits: 'atMostOne' | 'none'; filter: string },
  ): Promise<ScimResult<{ resources: ScimResource[] }>> {
    const sent = await call(operation, 'GET', path);
    if (!sent.ok) return sent;
    const { answer } = sent;
    const resources = listResources(answer.json);
    if (!resources) return badResponse(operation, 'GET', path, answer, { text: 'the body is not a SCIM ListResponse' });
    if (type === 'Group' && resources.some(hasMembers)) {
      // §7, §12: a group read returning members although they were excluded.
      return badResponse(operation, 'GET', path, answer, {
        text: 'groups came back with members although `excludedAttributes=members` was sent',
        entra: 'MultipleEntriesInResponse',
        code: 'SCIM_MULTIPLE_ENTRIES',
        found: resources,
      });
    }
    if (expect.hits === 'atMostOne' && resources.length > 1) {
      return badResponse(operation, 'GET', path, answer, {
        text: `${resources.length} objects match ${expect.filter}`,
        entra: 'DuplicateTargetEntries',
        code: 'SCIM_DUPLICATE_TARGET_ENTRIES',
        found: resources,
      });
    }
    if (expect.hits === 'none' && resources.length > 0) {
      // A server that ignores the filter answers the random probe with objects.
      return badResponse(operation, 'GET', path, answer, {
        text: `${expect.filter} found ${resources.length} object(s) where an empty ListResponse was expected`,
        entra: 'ServiceIncompatibleFiltering',
        code: 'SCIM_FILTER_IGNORED',
        found: resources,
      });
    }
    return { ok: true, status: answer.status, attempts: answer.attempts, resources };
  }

  async function patch(
    operation: ScimOperation,
    type: ScimResourceType,
    id: string,
    body: PatchRequest,
  ): Promise<ScimResult<{ resource?: ScimResource }>> {
    const path = resourcePath(type, id);
    const sent = await call(operation, 'PATCH', path, body);
    if (!sent.ok) return sent;
    const { answer } = sent;
    // §5: 200 with or without the resource, or 204. A body that is there must parse.
    if (answer.text.trim() === '') return { ok: true, status: answer.status, attempts: answer.attempts };
    if (!answer.json.ok) return badResponse(operation, 'PATCH', path, answer, { text: 'the body is not JSON' });
    const resource = isObject(answer.json.value) ? (answer.json.value as ScimResource) : undefined;
    return { ok: true, status: answer.status, attempts: answer.attempts, ...(resource ? { resource } : {}) };
  }

  async function membership(
    operation: 'addMembers' | 'removeMembers',
    groupId: string,
    memberIds: readonly string[],
  ): Promise<ScimResult<{ bodies: PatchRequest[] }>> {
    const bodies: PatchRequest[] = [];
    let status = 0;
    let attempts = 0;
    const size = Math.max(1, Math.floor(settings.membershipBatchSize));
    for (let start = 0; start < memberIds.length; start += size) {
      const batch = memberIds.slice(start, start + size);
      const body = operation === 'addMembers' ? addMembersBody(batch, dialect) : removeMembersBody(batch, dialect);
      bodies.push(body);
      const result = await patch(operation, 'Group', groupId, body);
      if (!result.ok) {
        // The batches before this one landed: say so, or a report reads "0 added" over a target
        // that holds them.
        if (start === 0) return result;
        const completedBatches = { memberIds: memberIds.slice(0, start), count: bodies.length - 1 };
        return { ok: false, failure: { ...result.failure, completedBatches } };
      }
      status = result.status;
      attempts += result.attempts;
    }
    return { ok: true, status, attempts, bodies };
  }

  return {
    baseUrl,
    flags,
    dialect,

    async testConnection(options = {}) {
      const attribute = options.attribute ?? 'userName';
      const probes: Array<{ type: ScimResourceType; attribute: string }> = [{ type: 'User', attribute }];
      if (settings.testConnectionGroupProbe) probes.push({ type: 'Group', attribute: 'displayName' });
      const paths: string[] = [];
      let status = 0;
      let attempts = 0;
      for (const probe of probes) {
        const value = config.random.guid();
        const path = queryPath(probe.type, probe.attribute, value);
        const filter = `${probe.attribute} eq "${value}"`;
        const result = await list('testConnection', probe.type, path, { hits: 'none', filter });
        if (!result.ok) return result;
        paths.push(path);
        status = result.status;
        attempts += result.attempts;
      }
      return { ok: true, status, attempts, probes: paths };
    },

    query: (type, attribute, value) =>
      list('query', type, queryPath(type, attribute, value), { hits: 'atMostOne', filter: `${attribute} eq "${value}"` }),

    async get(type, id) {
      const path = resourcePath(type, id, true);
      const sent = await call('get', 'GET', path);
      if (!sent.ok) return sent;
      const { answer } = sent;
      if (!answer.json.ok || !isObject(answer.json.value)) {
        return badResponse('get', 'GET', path, answer, { text: 'the body is not a SCIM resource' });
      }
      const listed = listResources(answer.json);
      if (listed?.length === 0) {
        return badResponse('get', 'GET', path, answer, { text: 'an empty ListResponse came back instead of the resource' });
      }
      const several = listed && listed.length > 1 ? listed : undefined;
      if (several || (type === 'Group' && hasMembers(answer.json.value))) {
        // §3, §7, §12: a read expected to return one object returned several.
        const text = several
          ? `${several.length} objects came back for one id`
          : 'the group came back with members although `excludedAttributes=members` was sent';
        return badResponse('get', 'GET', path, answer, {
          text,
          entra: 'MultipleEntriesInResponse',
          code: 'SCIM_MULTIPLE_ENTRIES',
          ...(several ? { found: several } : {}),
        });
      }
      const resource = (listed?.[0] ?? answer.json.value) as ScimResource;
      return { ok: true, status: answer.status, attempts: answer.attempts, resource };
    },

    async create(type, attributes) {
      const body = createBody(type, attributes);
      const path = endpointOf(type);
      const sent = await call('create', 'POST', path, body);
      if (!sent.ok) return sent;
      const { answer } = sent;
      const value = answer.json.ok ? answer.json.value : undefined;
      if (!isObject(value) || typeof value.id !== 'string' || value.id === '') {
        return badResponse('create', 'POST', path, answer, { text: 'the created resource has no `id`' });
      }
      const resource = value as ScimResource;
      return { ok: true, status: answer.status, attempts: answer.attempts, id: value.id, resource, body };
    },

    async update(type, id, changes) {
      const body = patchBody(changes, shape);
      if (!body) return { ok: true, status: 0, attempts: 0, body };
      const result = await patch('update', type, id, body);
      return result.ok ? { ...result, body } : result;
    },

    async setManager(userId, managerId) {
      const body = managerBody(managerId, baseUrl, dialect);
      const result = await patch('setManager', 'User', userId, body);
      return result.ok ? { ok: true, status: result.status, attempts: result.attempts, body } : result;
    },

    addMembers: (groupId, memberIds) => membership('addMembers', groupId, memberIds),
    removeMembers: (groupId, memberIds) => membership('removeMembers', groupId, memberIds),

    async delete(type, id) {
      const sent = await call('delete', 'DELETE', resourcePath(type, id));
      if (!sent.ok) return sent;
      return { ok: true, status: sent.answer.status, attempts: sent.answer.attempts };
    },
  };
}

function parseJson(text: string): Parsed {
  if (text.trim() === '') return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The resources of a ListResponse (RFC 7644 §3.4.2), or undefined when the body is not one. */
function listResources(json: Parsed): ScimResource[] | undefined {
  if (!json.ok || !isObject(json.value)) return undefined;
  const value = json.value;
  const schemas = Array.isArray(value.schemas) ? value.schemas : [];
  const isList = schemas.includes(LIST_RESPONSE_SCHEMA) || 'Resources' in value || typeof value.totalResults === 'number';
  if (!isList) return undefined;
  if (value.Resources === undefined) return value.totalResults === 0 ? [] : undefined;
  if (!Array.isArray(value.Resources) || !value.Resources.every(isObject)) return undefined;
  return value.Resources as ScimResource[];
}

function hasMembers(resource: unknown): boolean {
  return isObject(resource) && Array.isArray(resource.members) && resource.members.length > 0;
}

/**
 * A stand-in for the token Entra sends when no secret token is set (§1): a JWT-shaped string with
 * the documented issuer and audience, signed with nothing a target could verify.
 */
function entraIssuedToken(random: RandomSource, clock: Clock): string {
  const tenantId = random.guid();
  const iat = Math.floor(clock.now() / 1000);
  const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  const header = encode({ typ: 'JWT', alg: 'RS256' });
  const payload = encode({
    aud: CUSTOM_APP_AUDIENCE,
    iss: `https://sts.windows.net/${tenantId}/`,
    iat,
    nbf: iat,
    exp: iat + 3600,
    tid: tenantId,
  });
  const signature = Buffer.from(random.guid().replace(/-/g, ''), 'hex').toString('base64url');
  return `${header}.${payload}.${signature}`;
}
