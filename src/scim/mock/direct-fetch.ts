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

/**
 * The fetch classes as Node provides them, taken when this module loads — before nock, which is
 * imported lazily, wraps the globals in proxies that record raw headers (@mswjs/interceptors).
 */
const NativeResponse = globalThis.Response;
const NativeHeaders = globalThis.Headers;

/**
 * A `Response` whose body is the mock's answer text, kept as a string: `text()`, `json()`,
 * `arrayBuffer()`, `bytes()` and `blob()` read it without the byte stream a `Response` builds
 * for a string body (about 30 µs per answer once nock has patched the fetch classes; this is
 * about 1 µs). `body` and `formData()` build a real response on first use and every reader then
 * goes through it, so the object behaves as any `Response` would, `bodyUsed` included.
 */
class BufferedResponse extends NativeResponse {
  #text: string;
  #used = false;
  #full: Response | undefined;

  constructor(text: string, init: ResponseInit) {
    super(null, init);
    this.#text = text;
  }

  static {
    const take = (r: BufferedResponse): string => {
      if (r.#used) throw new TypeError('Body is unusable: Body has already been read');
      r.#used = true;
      return r.#text;
    };
    const full = (r: BufferedResponse): Response => {
      if (!r.#full) {
        r.#full = new NativeResponse(r.#text, { status: r.status, statusText: r.statusText, headers: r.headers });
        // Already read as text: the stream is read too, as it would be.
        if (r.#used) void r.#full.text();
      }
      return r.#full;
    };
    const reader = <T>(read: (text: string, r: BufferedResponse) => T, delegate: (f: Response) => Promise<T>) =>
      function (this: BufferedResponse): Promise<T> {
        if (this.#full) return delegate(this.#full);
        try {
          return Promise.resolve(read(take(this), this));
        } catch (error) {
          return Promise.reject(error);
        }
      };
    const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
    Object.defineProperties(BufferedResponse.prototype, {
      text: { value: reader((t) => t, (f) => f.text()) },
      json: { value: reader((t) => JSON.parse(t) as unknown, (f) => f.json()) },
      arrayBuffer: { value: reader((t) => encode(t).buffer, (f) => f.arrayBuffer()) },
      bytes: { value: reader((t) => encode(t), (f) => (f as Response & { bytes(): Promise<Uint8Array> }).bytes()) },
      blob: { value: reader((t, r) => new Blob([t], { type: r.headers.get('content-type') ?? '' }), (f) => f.blob()) },
      formData: { value(this: BufferedResponse) { return full(this).formData(); } },
      body: { get(this: BufferedResponse) { return full(this).body; } },
      bodyUsed: { get(this: BufferedResponse) { return this.#full ? this.#full.bodyUsed : this.#used; } },
      clone: {
        value(this: BufferedResponse) {
          if (this.#full) return this.#full.clone();
          if (this.#used) throw new TypeError('Response.clone: Body has already been consumed.');
          return new BufferedResponse(this.#text, { status: this.status, statusText: this.statusText, headers: this.headers });
        },
      },
    });
  }
}

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
    return NULL_BODY.has(status) ? new NativeResponse(null, { status, headers }) : new BufferedResponse(text, { status, headers });
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
    const headers = plainHeaders(init?.headers, url) ?? headerRecord(new NativeHeaders(init?.headers), url);
    return { url, method, headers, body: async () => text, signal: init?.signal ?? undefined };
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

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const BAD_VALUE = /[\0\r\n]/;

/**
 * What `Headers` would make of a plain object of string values — names lower-cased and sorted,
 * values trimmed of HTTP whitespace, repeated names joined with ", " — without building one.
 * Undefined for anything else (a `Headers`, pairs, odd names or values): `Headers` decides those.
 */
function plainHeaders(init: RequestInit['headers'], url: URL): Record<string, string> | undefined {
  if (init === undefined) return { host: url.host };
  if (typeof init !== 'object' || Array.isArray(init) || Object.getPrototypeOf(init) !== Object.prototype) return undefined;
  const entries: Array<[string, string]> = [];
  for (const name in init as Record<string, unknown>) {
    const value = (init as Record<string, unknown>)[name];
    if (typeof value !== 'string' || !TOKEN.test(name) || BAD_VALUE.test(value) || name.toLowerCase() === 'set-cookie') return undefined;
    entries.push([name.toLowerCase(), isPadded(value) ? value.replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, '') : value]);
  }
  entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const out: Record<string, string> = {};
  for (const [name, value] of entries) {
    if (name === 'host') continue;
    out[name] = name in out ? `${out[name]}, ${value}` : value;
  }
  out['host'] = url.host;
  return out;
}

/** Whether a value starts or ends with HTTP whitespace (tab, LF, CR, space), which Headers trims. */
function isPadded(value: string): boolean {
  if (value === '') return false;
  const ws = (c: number) => c === 9 || c === 10 || c === 13 || c === 32;
  return ws(value.charCodeAt(0)) || ws(value.charCodeAt(value.length - 1));
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
  if (signal.aborted) {
    // The request already reached the target; its answer (or failure, e.g. a delay cut short
    // when the mock closes) is dropped, as fetch drops it, and must not surface as unhandled.
    work.catch(() => undefined);
    return Promise.reject(signal.reason);
  }
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
