/**
 * Shapes shared by the SCIM client, the mocked target and the reports.
 */

/** A SCIM resource as JSON (User or Group). */
export type ScimResource = { [key: string]: unknown; id?: string };

/** The mocked target's state before a run (`target:` in a scenario). */
export interface TargetState {
  users?: ScimResource[];
  groups?: ScimResource[];
  /** Capabilities and quirks of the target. */
  behaviour?: TargetBehaviour;
  /** Injected failures. */
  faults?: Fault[];
}

/** Capabilities and quirks of the mocked SCIM target (entra-scim-wire.md §13). */
export interface TargetBehaviour {
  /** Attributes the target can filter on; a filter on any other ⇒ 400 invalidFilter. @default every attribute */
  filterable?: string[];
  /** Reject PATCH values that are the strings "True"/"False" where a boolean is expected (strict servers). @default false */
  strictBooleans?: boolean;
  /** Whether `/Groups` exists; when false every /Groups request answers 404. @default true */
  groups?: boolean;
  /** Status for a successful PATCH: 200 with the resource, or 204 without a body. @default 200 for users, 204 for groups */
  patchStatus?: 200 | 204;
  /** Answer the test-connection query with 404 instead of an empty list. @default false */
  notFoundOnEmptyQuery?: boolean;
  /** PATCH paths the target does not support: an operation on one fails the whole request with 400. */
  unsupportedPaths?: string[];
}

/** Which requests a fault applies to. */
export type FaultMatcher = 'testConnection' | 'any' | string;

/** An injected failure of the mocked target. */
export interface Fault {
  /** `testConnection`, `any`, or `METHOD /path/glob` such as `PATCH /Users/*`. */
  on: FaultMatcher;
  /** Only the nth matching request (1-based). */
  nth?: number;
  /** Apply to this many matching requests, then stop. @default unlimited */
  times?: number;
  /** Respond with this HTTP status. */
  status?: number;
  /** Response body (JSON value or raw string). */
  body?: unknown;
  /** Extra response headers (e.g. `Retry-After`). */
  headers?: Record<string, string>;
  /** Delay before responding. */
  delayMs?: number;
  /** Transport-level failure instead of a response. */
  error?: 'reset' | 'timeout' | 'malformed';
}

/** One HTTP exchange with the target, as the journal records it (secrets redacted). */
export interface Exchange {
  /** 1-based order within the run. */
  seq: number;
  method: string;
  /** Path relative to the tenant URL, with the query string decoded (`/Users?filter=userName eq "a"`). */
  path: string;
  /** Request headers; `Authorization` is redacted. */
  requestHeaders: Record<string, string>;
  requestBody?: unknown;
  /** Absent when the request failed at the transport level. */
  status?: number;
  responseHeaders?: Record<string, string>;
  responseBody?: unknown;
  /** Transport error, e.g. `timeout`, `reset`. */
  error?: string;
  /** Which pipeline step sent it. */
  step?: string;
}

/** A JSON value as it goes over the wire. */
export type ScimValue = string | number | boolean | null | ScimValue[] | { [key: string]: ScimValue };

/**
 * One attribute-level difference between the mapped values and the target's current resource.
 * The mapping stage produces these; the SCIM client turns them into PATCH operations in the
 * chosen dialect (absent old value ⇒ Add, absent new value ⇒ Remove, else Replace).
 */
export interface AttributeChange {
  /** SCIM path as mapped: `userName`, `name.givenName`, `emails[type eq "work"].value`, `urn:…:User:department`. */
  path: string;
  /** Value the target holds now; `undefined` when it has none. */
  oldValue?: ScimValue;
  /** Value to write, typed (booleans stay booleans; the default dialect stringifies them); `undefined` removes. */
  newValue?: ScimValue;
}
