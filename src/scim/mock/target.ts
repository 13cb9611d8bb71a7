/**
 * `createMockScimTarget(state, behaviour, options)`: a stateful SCIM target behind nock
 * interceptors for exactly one host. Requests are journaled (secrets redacted), faults are
 * injected before the store sees a request, and `close()` removes the interceptors so nothing
 * leaks into the next scenario.
 *
 * Other hosts are not intercepted here: with `nock.disableNetConnect()` in force (test/setup.ts,
 * the runner) a request to them fails inside the process with NetConnectNotAllowedError, which the
 * client reports as a coded failure (`SCIM_NET_CONNECT_BLOCKED`).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { fixedClock, seededRandom } from '../../core/determinism.js';
import { InputError } from '../../core/errors.js';
import { parseTenantUrl } from '../tenant-url.js';
import type { Exchange, Fault, MockScimTarget, MockTargetOptions, TargetBehaviour, TargetState } from '../types.js';
import { createDirectFetch, type HandlerReply } from './direct-fetch.js';
import { FAULT_METHODS, FaultSchedule } from './faults.js';
import { parseFilter } from './filter.js';
import { errorReply, SCIM_CONTENT_TYPE, type MockReply } from './protocol.js';
import { resolveEndpoint, route } from './router.js';
import { TargetStore } from './store.js';
import { validateTargetState } from './validate.js';

export const DEFAULT_TARGET_URL = 'https://scim.example.test/scim/v2';
const DEFAULT_CLOCK = '2026-01-01T00:00:00Z';
const REDACTED = 'Bearer [redacted]';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Origins with an open mock: two mocks on one host would answer each other's requests. */
const openOrigins = new Set<string>();

/**
 * Starts a mocked SCIM target seeded from `state`. `behaviour` (when given) overrides
 * `state.behaviour` key by key. Throws an InputError (codes `MOCK_*`, one issue per problem)
 * when the state is invalid, or `MOCK_HOST_IN_USE` when another open mock serves the same host.
 */
export async function createMockScimTarget(
  state: TargetState,
  behaviour?: TargetBehaviour,
  options: MockTargetOptions = {},
): Promise<MockScimTarget> {
  validateTargetState(state, behaviour, options.entry);
  const effective: TargetBehaviour = { ...state.behaviour, ...behaviour };
  const { baseUrl } = parseTenantUrl(options.url ?? DEFAULT_TARGET_URL);
  const { origin, pathname: basePath } = new URL(baseUrl);
  if (openOrigins.has(origin)) {
    throw new InputError('MOCK_HOST_IN_USE', `another mocked target already answers for ${origin}`, {
      hint: 'close() the previous mock first; scenarios that run at the same time need different hosts or separate workers',
    });
  }
  const { default: nock } = await import('nock');
  if (!nock.isActive()) nock.activate();

  const store = new TargetStore(
    { users: state.users ?? [], groups: state.groups ?? [] },
    {
      random: options.random ?? seededRandom(`${options.seed ?? 0}:target`),
      clock: options.clock ?? fixedClock(DEFAULT_CLOCK),
      baseUrl,
      quirks: {
        strictBooleans: effective.strictBooleans ?? false,
        unsupportedPaths: effective.unsupportedPaths ?? [],
        flattenedKeys: effective.flattenedKeys ?? 'apply',
        removeByValue: effective.removeByValue ?? 'apply',
        rejectUnknownSchemas: effective.rejectUnknownSchemas ?? false,
      },
    },
  );
  const faults = new FaultSchedule(state.faults ?? []);
  const timeoutMs = options.timeoutMs ?? 60_000;
  const journal: Exchange[] = [];
  const probes = { phase: true, seen: new Set<string>() };
  let step: string | undefined;
  let closed = false;
  // Made on the first delay only: a mock that never waits aborts nothing when it closes (aborting
  // makes a DOMException and an event; creating and closing 10,000 mocks promoted half as much to
  // V8's old space without them, docs/bench.md, Memory).
  let closing: AbortController | undefined;

  /** The test-connection probe: labelled by the pipeline, or recognised as a first random-GUID query per endpoint. */
  const isTestConnection = (method: string, path: string, query: URLSearchParams): boolean => {
    if (step !== undefined) return step === 'testConnection';
    if (!probes.phase) return false;
    const endpoint = resolveEndpoint(path);
    const filter = query.get('filter');
    let probe = false;
    if (method === 'GET' && endpoint && endpoint.id === undefined && filter && !probes.seen.has(endpoint.type)) {
      try {
        const parsed = parseFilter(filter);
        probe = parsed.op === 'eq' && typeof parsed.compValue === 'string' && GUID.test(parsed.compValue);
      } catch {
        probe = false;
      }
    }
    if (probe && endpoint) probes.seen.add(endpoint.type);
    else probes.phase = false;
    return probe;
  };

  /** Answers one request; nock's interceptor and the direct fetch both call it. */
  async function handle(method: string, uri: string, rawBody: unknown, headers: Record<string, string>): Promise<HandlerReply> {
    const url = new URL(uri, origin);
    const relative = relativePath(url.pathname, basePath);
    const query = url.searchParams;
    const decodedQuery = [...query].map(([k, v]) => `${k}=${v}`).join('&');
    const body = readBody(rawBody);
    const exchange: Exchange = {
      seq: journal.length + 1,
      method,
      path: `${relative ?? url.pathname}${decodedQuery ? `?${decodedQuery}` : ''}`,
      requestHeaders: redact(headers),
      ...(body !== undefined ? { requestBody: body } : {}),
      ...(step !== undefined ? { step } : {}),
    };
    journal.push(exchange);

    const answer = (reply: MockReply): HandlerReply => {
      const text = reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
      const contentType: Record<string, string> = text ? { 'Content-Type': SCIM_CONTENT_TYPE } : {};
      const replyHeaders: Record<string, string> = { ...contentType, ...reply.headers };
      exchange.status = reply.status;
      exchange.responseHeaders = replyHeaders;
      if (text) exchange.responseBody = reply.body;
      return [reply.status, text, replyHeaders];
    };
    const fail = (kind: 'reset' | 'timeout'): never => {
      exchange.error = kind;
      throw kind === 'reset'
        ? Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })
        : Object.assign(new Error(`the target did not answer within ${timeoutMs} ms`), { code: 'ETIMEDOUT' });
    };

    if (relative === undefined) return answer(errorReply(404, `${url.pathname} is outside the SCIM base path ${basePath}`));
    const token = options.token ?? effective.token;
    if (token !== undefined && headers.authorization !== `Bearer ${token}`) {
      return answer(errorReply(401, 'The bearer token is missing or invalid'));
    }
    const probe = isTestConnection(method, relative, query);
    const fault = faults.pick({ method, path: relative, query: decodedQuery, isTestConnection: probe });
    const handled = (): MockReply => route({ method, path: relative, query, body }, store, effective);
    // A lost answer: the change lands, then the fault replaces what the target would have said.
    if (fault?.applied === true && fault.error !== 'malformed') handled();
    if (fault?.delayMs !== undefined) {
      // A delay the client would not wait out surfaces at once as a timeout: runs stay fast.
      if (fault.delayMs >= timeoutMs) return fail('timeout');
      if (fault.delayMs > 0) {
        // A delay ends with the mock: a closed target (a run that timed out) keeps no timer alive.
        // (After close() the signal is an aborted one, as the closing one would be.)
        const signal = closed ? AbortSignal.abort() : (closing ??= new AbortController()).signal;
        const waited = await sleep(fault.delayMs, true, { signal }).catch(() => false);
        if (!waited) return fail('reset');
      }
    }
    if (fault?.error === 'reset' || fault?.error === 'timeout') return fail(fault.error);
    if (fault?.status !== undefined && fault.error !== 'malformed') return answer(faultReply(fault));
    if (fault?.error === 'malformed') {
      // Without a status the request is really handled (a lost answer: the change lands, the client cannot tell).
      if (fault.applied === true && fault.status !== undefined) handled();
      const real = fault.status === undefined ? handled() : faultReply(fault);
      return answer({ status: real.status, body: malformed(real.body), headers: { ...real.headers, ...fault.headers } });
    }
    return answer(handled());
  }

  const scope = nock(origin).persist();
  const interceptors = FAULT_METHODS.map((method) => {
    const interceptor = scope.intercept(() => true, method).optionally();
    interceptor.reply(async function (uri, body) {
      return handle(method, uri, body, this.req.headers);
    });
    return interceptor;
  });
  openOrigins.add(origin);

  return {
    baseUrl,
    journal,
    fetch: createDirectFetch(origin, handle, () => !closed),
    snapshot: () => store.snapshot(),
    setStep(next) {
      step = next;
    },
    close() {
      if (closed) return;
      closed = true;
      closing?.abort();
      scope.persist(false);
      for (const interceptor of interceptors) nock.removeInterceptor(interceptor);
      openOrigins.delete(origin);
    },
  };
}

/** The path below the tenant URL's path, or undefined for a path outside it. */
function relativePath(pathname: string, basePath: string): string | undefined {
  if (basePath === '/' || basePath === '') return pathname;
  if (pathname === basePath) return '/';
  return pathname.startsWith(`${basePath}/`) ? pathname.slice(basePath.length) : undefined;
}

function faultReply(fault: Fault): MockReply {
  const status = fault.status ?? 200;
  const body = fault.body ?? (status >= 400 ? errorReply(status, 'Injected fault').body : undefined);
  return { status, ...(body !== undefined ? { body } : {}), ...(fault.headers ? { headers: fault.headers } : {}) };
}

/** A body cut in half: the client cannot parse it (entra-scim-wire.md §9: ServiceIncompatible). */
function malformed(body: unknown): string {
  const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  return text.length > 1 ? text.slice(0, Math.ceil(text.length / 2)) : '{"schemas":[';
}

/** nock hands `application/scim+json` bodies over as the raw string (libraries.md, gotchas). */
function readBody(body: unknown): unknown {
  if (body === undefined || body === '') return undefined;
  if (typeof body !== 'string') return body;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return body;
  }
}

function redact(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    out[name] = name.toLowerCase() === 'authorization' ? REDACTED : String(value);
  }
  return out;
}
