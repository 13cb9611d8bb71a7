/**
 * The mocked target as an in-process `fetch` (the `direct` transport, docs/scim.md "Transports").
 * It hands a request to the very handler nock's interceptor calls, with the arguments nock would
 * pass (path and query as sent, the body as text, lower-case header names with `host` last), and
 * turns the reply into a `Response` the way nock does (no body for 204/205/304; a thrown
 * reset or timeout rejects the fetch with that same error). What it skips is nock's socket
 * emulation, whose timers cost about 3 ms of idle wall time per request.
 *
 * Anything the handler does not own (another origin, a method the mock does not intercept, a
 * closed mock) goes to the global `fetch`, so nock and `nock.disableNetConnect()` decide it
 * exactly as they would for the `nock` transport.
 */
import { FAULT_METHODS } from './faults.js';

/** The reply nock's interceptor function returns: status, body text, headers. */
export type HandlerReply = [status: number, body: string, headers: Record<string, string>];

/** The mock's request handler, shared by both transports. */
export type MockHandler = (method: string, uri: string, body: unknown, headers: Record<string, string>) => Promise<HandlerReply>;

/** Statuses whose answers carry no body (Fetch standard "null body status"; nock drops it too). */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);
const METHODS: ReadonlySet<string> = new Set(FAULT_METHODS);

/**
 * Creates the direct `fetch` of one mock. `origin` is the mock's origin (`https://host[:port]`);
 * `isOpen` tells whether the mock still answers (after `close()` requests go to the global fetch).
 */
export function createDirectFetch(origin: string, handler: MockHandler, isOpen: () => boolean): typeof fetch {
  return async function directFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
    const request = readRequest(input, init);
    if (!request || !isOpen() || request.url.origin !== origin || !METHODS.has(request.method)) {
      return globalThis.fetch(input, init);
    }
    const { signal } = request;
    signal?.throwIfAborted();
    const body = await request.body();
    const reply = handler(request.method, `${request.url.pathname}${request.url.search}`, body, request.headers);
    const [status, text, headers] = signal ? await abortable(reply, signal) : await reply;
    return new Response(NULL_BODY.has(status) || text === '' ? null : text, { status, headers });
  };
}

interface ReadRequest {
  url: URL;
  method: string;
  /** Header names in lower case, sorted (as `Headers` iterates them), then `host`: what nock hands its reply function. */
  headers: Record<string, string>;
  body(): Promise<string>;
  signal: AbortSignal | undefined;
}

/**
 * Reads a request without building a `Request` when the client passes a URL string and a plain
 * init with a string body (what src/scim/transport.ts does); anything else goes through `Request`,
 * which normalises it the same way.
 */
function readRequest(input: string | URL | Request, init: RequestInit | undefined): ReadRequest | undefined {
  if (typeof input === 'string' && (init?.body === undefined || init.body === null || typeof init.body === 'string')) {
    let url: URL;
    try {
      url = new URL(input);
    } catch {
      return undefined;
    }
    const method = normaliseMethod(init?.method ?? 'GET');
    const text = init?.body ?? '';
    return { url, method, headers: headerRecord(new Headers(init?.headers), url), body: async () => text, signal: init?.signal ?? undefined };
  }
  let request: Request;
  try {
    request = new Request(input, init);
  } catch {
    return undefined;
  }
  const url = new URL(request.url);
  return { url, method: request.method, headers: headerRecord(request.headers, url), body: () => request.text(), signal: request.signal };
}

/** Fetch upper-cases only these method names (Fetch standard, "normalize a method"). */
const NORMALISED = new Set(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT']);

function normaliseMethod(method: string): string {
  const upper = method.toUpperCase();
  return NORMALISED.has(upper) ? upper : method;
}

function headerRecord(headers: Headers, url: URL): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    if (name !== 'host') out[name] = value;
  });
  out['host'] = url.host;
  return out;
}

/** The reply, or a rejection with the signal's reason as soon as the signal aborts (as fetch does). */
function abortable<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
