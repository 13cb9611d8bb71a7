/**
 * The actual outcome of a run in the vocabulary of `expect`: what expectations are matched
 * against, what failures show as "actual", and what `--update` writes back.
 */
import type { ErrorInformation, ObjectResult, OnDemandResult, OnDemandStep } from '../engine/types.js';
import type { Exchange } from '../scim/types.js';
import { isPlainObject, lookup } from './match.js';
import { maskAuthorization } from './redact.js';

/** An error as `expect.error` names its fields. */
export interface ErrorView {
  code: string;
  reason: string;
  category: ErrorInformation['errorCategory'];
  recommendedAction?: string;
  additionalDetails?: string;
}

/** A request as `expect.requests[]` names its fields. */
export interface RequestView {
  method: string;
  path: string;
  /** `null` when the request got no response (transport failure). */
  status: number | null;
  body?: unknown;
  response?: unknown;
  headers: Record<string, string>;
  step?: string;
}

/** The whole outcome, shaped like an `expect` block. */
export interface ActualView {
  result: string;
  action: string;
  steps: Record<string, Record<string, unknown>>;
  error: ErrorView | null;
  requests: RequestView[];
  target: { users: unknown[]; groups: unknown[] };
  members: Array<Record<string, unknown>>;
}

export function errorView(error: ErrorInformation | undefined): ErrorView | null {
  if (!error) return null;
  return {
    code: error.errorCode,
    reason: error.reason,
    category: error.errorCategory,
    ...(error.recommendedAction !== undefined ? { recommendedAction: error.recommendedAction } : {}),
    ...(error.additionalDetails !== undefined ? { additionalDetails: error.additionalDetails } : {}),
  };
}

/** A step card: status, description, whether shown, its error, then its view details. */
export function stepView(step: OnDemandStep): Record<string, unknown> {
  // The card's own fields win over view details of the same name (the test connection's
  // details may carry the HTTP `status`; `expect.steps.testConnection.status` means the card's).
  return {
    ...(step.details as unknown as Record<string, unknown>),
    status: step.status,
    description: step.description,
    shown: step.shownInPortal,
    ...(step.error ? { error: errorView(step.error) } : {}),
  };
}

/**
 * Decodes a request path for comparison: `+`, `%20` and `%22` all read as what they encode
 * (contract: "Request paths are compared after URL decoding").
 */
export function decodePath(path: string): string {
  const plus = path.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(plus);
  } catch {
    return plus.replace(/%([0-9a-f]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  }
}

export function requestView(exchange: Exchange): RequestView {
  const headers: Record<string, string> = {};
  // The Authorization header reads as every report prints it (`Bearer [REDACTED]`), whatever
  // mask the journal used, so an expectation copied from a report matches.
  for (const [k, v] of Object.entries(exchange.requestHeaders ?? {})) headers[k.toLowerCase()] = k.toLowerCase() === 'authorization' ? maskAuthorization(v) : v;
  return {
    method: exchange.method.toUpperCase(),
    path: decodePath(exchange.path),
    status: exchange.status ?? null,
    ...(exchange.requestBody !== undefined ? { body: exchange.requestBody } : {}),
    ...(exchange.responseBody !== undefined ? { response: exchange.responseBody } : {}),
    headers,
    ...(exchange.step !== undefined ? { step: exchange.step } : {}),
  };
}

export function memberView(member: ObjectResult): Record<string, unknown> {
  return {
    name: member.displayName,
    result: member.status,
    action: member.action,
    error: errorView(member.error),
  };
}

/** The full actual view of a run. */
export function actualView(result: OnDemandResult): ActualView {
  const steps: Record<string, Record<string, unknown>> = {};
  for (const step of result.result.steps) steps[step.key] = stepView(step);
  return {
    result: result.result.status,
    action: result.result.action,
    steps,
    error: errorView(result.result.error),
    requests: result.exchanges.map(requestView),
    target: { users: result.target.users, groups: result.target.groups },
    members: result.members.map(memberView),
  };
}

/** The value at an expectation path in a view (keys looked up case-insensitively). */
export function valueAt(view: unknown, path: ReadonlyArray<string | number>): unknown {
  let current: unknown = view;
  for (const segment of path) {
    if (Array.isArray(current) && typeof segment === 'number') current = current[segment];
    else if (isPlainObject(current)) current = lookup(current, String(segment));
    else return undefined;
  }
  return current;
}
