/**
 * Injected faults: which requests a fault applies to and how often. A fault's matcher is
 * `testConnection`, `any`, or `METHOD /path/glob` (`*` is one path segment or part of it, `**`
 * any run of characters; a `?…` part is matched against the decoded query string). `nth` and
 * `times` count the requests that match that fault's own matcher.
 */
import type { Fault } from '../types.js';

/** The HTTP methods Entra's client sends (entra-scim-wire.md §2–§8) plus PUT, which the mock serves. */
export const FAULT_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** A request as faults see it. */
export interface FaultRequest {
  method: string;
  /** Path relative to the tenant URL, without the query string. */
  path: string;
  /** Decoded query string without `?` (empty when none). */
  query: string;
  isTestConnection: boolean;
}

/** A parsed `on:` matcher. */
export type CompiledMatcher =
  | { kind: 'testConnection' }
  | { kind: 'any' }
  | { kind: 'request'; method: string; path: RegExp; query?: RegExp };

/** Parses `on:`; `undefined` when it has no `METHOD /path` shape. */
export function compileMatcher(on: string): CompiledMatcher | undefined {
  if (on === 'testConnection') return { kind: 'testConnection' };
  if (on === 'any') return { kind: 'any' };
  const match = /^\s*([A-Za-z*]+)\s+(\/.*?)\s*$/.exec(on);
  if (!match) return undefined;
  const [, method = '', pattern = ''] = match;
  const cut = pattern.indexOf('?');
  const pathGlob = cut < 0 ? pattern : pattern.slice(0, cut);
  const queryGlob = cut < 0 ? undefined : pattern.slice(cut + 1);
  return {
    kind: 'request',
    method: method.toUpperCase(),
    path: globToRegExp(pathGlob, '[^/]*'),
    ...(queryGlob !== undefined ? { query: globToRegExp(queryGlob, '.*') } : {}),
  };
}

function globToRegExp(glob: string, star: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i] as string;
    if (ch === '*' && glob[i + 1] === '*') {
      source += '.*';
      i++;
    } else if (ch === '*') {
      source += star;
    } else {
      source += ch.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`, 'i');
}

export function matcherAccepts(matcher: CompiledMatcher, request: FaultRequest): boolean {
  switch (matcher.kind) {
    case 'testConnection':
      return request.isTestConnection;
    case 'any':
      return true;
    case 'request':
      return (
        (matcher.method === '*' || matcher.method === request.method) &&
        matcher.path.test(request.path) &&
        (!matcher.query || matcher.query.test(request.query))
      );
  }
}

/** The faults of one mock, with their match counters. */
export class FaultSchedule {
  private readonly entries: Array<{ fault: Fault; matcher: CompiledMatcher; seen: number }>;

  /** Faults must have been validated (src/scim/mock/validate.ts). */
  constructor(faults: readonly Fault[]) {
    this.entries = faults.map((fault) => ({ fault, matcher: compileMatcher(fault.on) ?? { kind: 'any' }, seen: 0 }));
  }

  /**
   * The fault for this request, if any. Every fault whose matcher accepts the request counts it;
   * the first one inside its `nth`…`nth + times - 1` window applies.
   */
  pick(request: FaultRequest): Fault | undefined {
    let chosen: Fault | undefined;
    for (const entry of this.entries) {
      if (!matcherAccepts(entry.matcher, request)) continue;
      entry.seen += 1;
      const first = entry.fault.nth ?? 1;
      const times = entry.fault.times ?? (entry.fault.nth !== undefined ? 1 : Number.POSITIVE_INFINITY);
      if (!chosen && entry.seen >= first && entry.seen < first + times) chosen = entry.fault;
    }
    return chosen;
  }
}
