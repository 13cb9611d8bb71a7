/**
 * The floor of a scenario: the same HTTP exchanges its run sent, replayed with plain `fetch`
 * against a fresh mocked target through the same transport, with no pipeline around them. The
 * pipeline cannot be faster than this, so `pipeline / floor` is the pipeline's own overhead.
 *
 * Each replay seeds a fresh target from the scenario's `target` (as the pipeline does), labels
 * requests with the step that sent them (so faults pick the same requests), and maps the ids the
 * run's target generated to the ids this target generates (paired by position in each answer:
 * `id`, then `Resources[*].id`). A replay whose answers differ from
 * the run's (another status, an answer where there was none) is an error: its time would not be
 * the floor of that run.
 */
import type { AppDefinition } from '../app/types.js';
import { fixedClock, seededRandom, type Clock } from '../core/determinism.js';
import { createMockScimTarget } from '../scim/mock/target.js';
import type { Exchange, ScimTransport, TargetState } from '../scim/types.js';

/** What a replay needs: the exchanges of one run and the target they were sent to. */
export interface FloorInput {
  app: AppDefinition;
  target: TargetState;
  exchanges: readonly Exchange[];
  transport: ScimTransport;
  /** The client's timeout (the mock turns longer fault delays into timeouts). */
  timeoutMs: number;
  clock?: Clock;
}

interface PreparedRequest {
  method: string;
  /** Path below the tenant URL, query re-encoded. */
  path: string;
  headers: Record<string, string>;
  body?: string;
  step?: string;
  /** What the run saw: a status, or a transport error. */
  expected: number | string;
  /** Ids in the run's answer (`id`, `Resources[*].id`), to pair with this target's. */
  ids: string[];
}

/** Builds the replay once; the returned function runs one replay (for a tinybench task). */
export function createFloor(input: FloorInput): () => Promise<void> {
  const requests = input.exchanges.map(prepare(input.app));
  const clock = input.clock ?? fixedClock('2026-01-01T00:00:00Z');
  return async function replay(): Promise<void> {
    const mock = await createMockScimTarget(input.target, undefined, {
      url: input.app.target.url,
      random: seededRandom('bench-floor'),
      clock,
      timeoutMs: input.timeoutMs,
    });
    const send = input.transport === 'direct' ? mock.fetch : globalThis.fetch;
    const ids = new Map<string, string>();
    try {
      for (const request of requests) {
        mock.setStep(request.step);
        const path = substitute(request.path, ids);
        let seen: number | string;
        let text = '';
        try {
          const response = await send(`${mock.baseUrl}${path}`, {
            method: request.method,
            headers: request.headers,
            ...(request.body !== undefined ? { body: substitute(request.body, ids) } : {}),
            redirect: 'manual',
          });
          text = await response.text();
          seen = response.status;
        } catch {
          seen = mock.journal.at(-1)?.error ?? 'network';
        }
        if (seen !== request.expected) {
          throw new Error(`the replay of ${request.method} ${request.path} got ${seen}, the run got ${request.expected}`);
        }
        if (request.ids.length > 0) {
          const mine = idsIn(text);
          request.ids.forEach((id, i) => {
            const other = mine[i];
            if (other !== undefined && other !== id) ids.set(id, other);
          });
        }
      }
    } finally {
      mock.close();
    }
  };
}

function prepare(app: AppDefinition): (exchange: Exchange) => PreparedRequest {
  const authorization = `Bearer ${app.target.token ?? 'bench-floor-token'}`;
  return (exchange) => {
    const body = exchange.requestBody === undefined ? undefined : JSON.stringify(exchange.requestBody);
    const headers: Record<string, string> = { Authorization: authorization };
    if (body !== undefined) headers['Content-Type'] = 'application/scim+json';
    return {
      method: exchange.method,
      path: encodePath(exchange.path),
      headers,
      ...(body !== undefined ? { body } : {}),
      ...(exchange.step !== undefined ? { step: exchange.step } : {}),
      expected: exchange.error ?? exchange.status ?? 'network',
      ids: idsIn(exchange.responseBody),
    };
  };
}

/** The journal decodes the query (`filter=userName eq "a"`); encode it again as the client does. */
function encodePath(path: string): string {
  const q = path.indexOf('?');
  if (q < 0) return path;
  const query = path
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      return eq < 0 ? encodeURIComponent(pair) : `${encodeURIComponent(pair.slice(0, eq))}=${encodeURIComponent(pair.slice(eq + 1))}`;
    })
    .join('&');
  return `${path.slice(0, q)}?${query}`;
}

/** Ids an answer carries, in order: its own `id`, then each of its `Resources`. */
function idsIn(body: unknown): string[] {
  let value = body;
  if (typeof value === 'string') {
    if (!value.includes('"id"')) return [];
    try {
      value = JSON.parse(value) as unknown;
    } catch {
      return [];
    }
  }
  if (!value || typeof value !== 'object') return [];
  const { id, Resources } = value as { id?: unknown; Resources?: unknown };
  const out = typeof id === 'string' && id !== '' ? [id] : [];
  if (Array.isArray(Resources)) {
    for (const r of Resources) {
      const rid = r && typeof r === 'object' ? (r as { id?: unknown }).id : undefined;
      if (typeof rid === 'string' && rid !== '') out.push(rid);
    }
  }
  return out;
}

function substitute(text: string, ids: ReadonlyMap<string, string>): string {
  let out = text;
  for (const [from, to] of ids) out = out.split(from).join(to);
  return out;
}
