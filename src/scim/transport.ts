/**
 * One HTTP request to the target with Entra's headers and a timeout, and retries after transient
 * failures. Every failure to get an answer becomes a classified {@link HttpOutcome}; nothing here
 * throws for anything the target (or a fault) can do.
 */
import type { Clock } from '../core/determinism.js';
import { isRetryableStatus, isTransientTransport } from './error-map.js';
import type { TransportErrorKind } from './types.js';

/** What came back: an HTTP answer, or a transport failure. */
export type HttpOutcome =
  | { kind: 'response'; status: number; headers: Headers; text: string }
  | { kind: 'transport'; transport: TransportErrorKind; detail: string };

/** Waits between retries; the default only records the wait (see {@link virtualSleep}). */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/**
 * The default wait: none. Retry-After is honoured in the sense that the wait is computed and
 * reported, but a scenario run does not sleep through it, so runs stay fast and deterministic.
 */
export const virtualSleep: Sleep = async () => {};

/** A real wait, for runs against real servers. */
export const realSleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    }, { once: true });
  });

/** Settings of one call's transport. */
export interface TransportConfig {
  authorization: string;
  timeoutMs: number;
  retries: number;
  clock: Clock;
  sleep: Sleep;
  signal?: AbortSignal;
  fetch: typeof fetch;
}

/** The outcome of a call after retries, with how many requests it took and the waits between. */
export interface SentRequest {
  outcome: HttpOutcome;
  attempts: number;
  waitsMs: number[];
}

/** Sends a request, retrying transient failures up to `retries` times. */
export async function sendWithRetries(
  method: string,
  url: string,
  body: unknown,
  config: TransportConfig,
): Promise<SentRequest> {
  const waitsMs: number[] = [];
  for (let attempt = 1; ; attempt++) {
    const outcome = await send(method, url, body, config);
    if (attempt > config.retries || !isTransient(outcome) || config.signal?.aborted) {
      return { outcome, attempts: attempt, waitsMs };
    }
    const wait = retryWaitMs(outcome, config.clock);
    waitsMs.push(wait);
    try {
      await config.sleep(wait, config.signal);
    } catch {
      return { outcome, attempts: attempt, waitsMs };
    }
  }
}

function isTransient(outcome: HttpOutcome): boolean {
  return outcome.kind === 'response' ? isRetryableStatus(outcome.status) : isTransientTransport(outcome.transport);
}

/** Retry-After in seconds or as an HTTP date (RFC 9110 §10.2.3); no header means no wait. */
export function retryWaitMs(outcome: HttpOutcome, clock: Clock): number {
  if (outcome.kind !== 'response') return 0;
  const header = outcome.headers.get('retry-after')?.trim();
  if (!header) return 0;
  if (/^\d+$/.test(header)) return Number(header) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? 0 : Math.max(0, at - clock.now());
}

async function send(method: string, url: string, body: unknown, config: TransportConfig): Promise<HttpOutcome> {
  const headers: Record<string, string> = { Authorization: config.authorization };
  if (body !== undefined) headers['Content-Type'] = 'application/scim+json';
  // One controller aborted by the timeout or by the run's signal. Not AbortSignal.any: on Node 20 a
  // signal it returns that gets an abort listener (fetch adds one) stays reachable until it aborts,
  // so every request leaked about 1 KB. Not AbortSignal.timeout: a cleared timer leaves nothing behind.
  const parent = config.signal;
  const controller = takeController(config);
  const timer = setTimeout(() => controller.abort(), config.timeoutMs);
  try {
    const response = await config.fetch(url, {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      signal: controller.signal,
      redirect: 'manual',
    });
    const text = await response.text();
    return { kind: 'response', status: response.status, headers: response.headers, text };
  } catch (error) {
    if (parent?.aborted) return { kind: 'transport', transport: 'aborted', detail: 'the run was aborted' };
    if (controller.signal.aborted) {
      return { kind: 'transport', transport: 'timeout', detail: `no answer within ${config.timeoutMs} ms` };
    }
    return classify(error);
  } finally {
    clearTimeout(timer);
    if (!controller.signal.aborted) spares.set(config, controller);
  }
}

/**
 * An unaborted controller a finished request gave back, per transport config (one client): the
 * next request reuses it instead of creating one (an AbortSignal costs ~10 µs on Node 20). A
 * controller is only ever held by one request at a time, and one that aborted is never reused.
 */
const spares = new WeakMap<TransportConfig, AbortController>();

function takeController(config: TransportConfig): AbortController {
  const spare = spares.get(config);
  if (spare) {
    spares.delete(config);
    return spare;
  }
  const controller = new AbortController();
  const parent = config.signal;
  if (parent?.aborted) controller.abort(parent.reason);
  else parent?.addEventListener('abort', () => controller.abort(parent.reason), { once: true });
  return controller;
}

const TIMEOUT_CODES = new Set([
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'ECONNABORTED']);

/** Classifies a fetch rejection by walking its `cause` chain (undici wraps errors in `TypeError: fetch failed`). */
export function classify(error: unknown): HttpOutcome & { kind: 'transport' } {
  const chain: Array<{ name?: unknown; code?: unknown; message?: unknown }> = [];
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    chain.push(e as { name?: unknown; code?: unknown; message?: unknown });
    e = (e as { cause?: unknown }).cause;
  }
  // First lines only: nock's no-match message goes on to dump the request, headers included.
  const firstLine = (x: unknown): string =>
    typeof x === 'string' ? (x.split('\n')[0] ?? '').replace(/\s*\{$/, '').trim() : '';
  const detail = chain.map((e) => [firstLine(e.code), firstLine(e.message)].filter(Boolean).join(' ')).filter(Boolean);
  const text = detail.length > 0 ? detail.join(' ← ') : String(error);
  if (chain.some((e) => e.name === 'NetConnectNotAllowedError' || e.code === 'ERR_NOCK_NO_MATCH')) {
    return { kind: 'transport', transport: 'blocked', detail: `${text} (requests may only reach the mocked target)` };
  }
  if (chain.some((e) => e.name === 'TimeoutError' || TIMEOUT_CODES.has(String(e.code)))) {
    return { kind: 'transport', transport: 'timeout', detail: text };
  }
  if (chain.some((e) => RESET_CODES.has(String(e.code)))) return { kind: 'transport', transport: 'reset', detail: text };
  return { kind: 'transport', transport: 'network', detail: text };
}
