/**
 * Shapes shared by the SCIM client, the mocked target and the reports.
 */
import type { Clock, RandomSource } from '../core/determinism.js';

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
  /**
   * Attributes the target can filter on; a filter on any other ⇒ 400 invalidFilter. Sub-attributes
   * come with their attribute (`emails[type eq "work"].value` also allows `emails.type`).
   * @default every attribute
   */
  filterable?: string[];
  /**
   * Reject the strings "True"/"False" where a boolean is expected (strict servers, §13.1), in PATCH,
   * POST and PUT alike; otherwise they are coerced. @default false
   */
  strictBooleans?: boolean;
  /** Whether `/Groups` exists; when false every /Groups request answers 404. @default true */
  groups?: boolean;
  /** Status for a successful PATCH: 200 with the resource, or 204 without a body. @default 200 for users, 204 for groups */
  patchStatus?: 200 | 204;
  /** Answer the test-connection query with 404 instead of an empty list. @default false */
  notFoundOnEmptyQuery?: boolean;
  /** PATCH paths the target does not support: an operation on one (or below one) fails the whole request with 400. */
  unsupportedPaths?: string[];
  /**
   * What the target does with the flag dialect's path-less replace keyed by flattened paths
   * (`name.givenName`, `urn:…:User:employeeNumber`), §13.2: `apply` them, silently `ignore` them
   * (a server expecting nested objects), or `reject` the request with 400. @default 'apply'
   */
  flattenedKeys?: 'apply' | 'ignore' | 'reject';
  /**
   * What the target does with the default dialect's member removal by a `value` list (§13.3):
   * `apply` it, `ignore` it (answer success, remove nothing) or `reject` it with 400. @default 'apply'
   */
  removeByValue?: 'apply' | 'ignore' | 'reject';
  /** Inactive users vanish from queries and GET by id answers 404 (§13.7). @default false */
  hideInactiveUsers?: boolean;
  /** POST/PUT listing a schema URN the target does not know (such as Microsoft's group URN) → 400 (§13.6). @default false */
  rejectUnknownSchemas?: boolean;
  /**
   * The secret token the target accepts: any request without `Authorization: Bearer <token>` gets
   * 401, so a wrong token in the app is what fails the test connection (§2). A secret: reports
   * mask it like the app's token. @default every token is accepted
   */
  token?: string;
}

/** Which requests a fault applies to. */
export type FaultMatcher = 'testConnection' | 'any' | string;

/** An injected failure of the mocked target. */
export interface Fault {
  /**
   * `testConnection`, `any`, or `METHOD /path/glob` such as `PATCH /Users/*` (`*` within a segment,
   * `**` across segments, `?…` matched against the decoded query string).
   */
  on: FaultMatcher;
  /** Start at the nth matching request (1-based); alone, only that request. */
  nth?: number;
  /** Apply to this many matching requests, then stop. @default unlimited (1 with `nth`) */
  times?: number;
  /** Respond with this HTTP status. */
  status?: number;
  /** Response body (JSON value or raw string). */
  body?: unknown;
  /** Extra response headers (e.g. `Retry-After`). */
  headers?: Record<string, string>;
  /** Delay before responding; at or above the client's timeout it fails at once as a timeout. */
  delayMs?: number;
  /**
   * `reset` drops the connection, `timeout` fails at once as a timeout, `malformed` sends half a
   * body (without `status` the request is handled first, so the change lands).
   */
  error?: 'reset' | 'timeout' | 'malformed';
  /**
   * The target handles the request first (the change lands) and only then the fault replaces its
   * answer: a lost 201 (`error: reset` or `timeout`, which the client may retry into a 409), or an
   * error status after the write. @default false
   */
  applied?: boolean;
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

/** Which PATCH shape the client sends (entra-scim-wire.md §5). */
export type PatchDialect = 'default' | 'aadOptscim062020';

/** One PATCH operation as sent (`op` is `Add`… in the default dialect, `add`… with the flag). */
export interface PatchOperation {
  op: 'Add' | 'Replace' | 'Remove' | 'add' | 'replace' | 'remove';
  path?: string;
  value?: ScimValue;
}

/** A PATCH request body. */
export interface PatchRequest {
  schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'];
  Operations: PatchOperation[];
}

/** What the client was doing when a request failed; decides codes such as InvalidAnchor. */
export type ScimOperation =
  | 'testConnection'
  | 'query'
  | 'get'
  | 'create'
  | 'update'
  | 'setManager'
  | 'addMembers'
  | 'removeMembers'
  | 'delete';

/** A request that never got an HTTP answer. */
export type TransportErrorKind = 'timeout' | 'reset' | 'blocked' | 'network' | 'aborted';

/**
 * Why a SCIM call failed, in the terms of Entra's provisioning log (entra-scim-wire.md §9, §11,
 * §12). `errorCode`, `reason` and `errorCategory` go straight into Graph's errorInformation.
 */
export interface ScimFailure {
  /** This tool's stable code: `SCIM_HTTP_STATUS`, `SCIM_TIMEOUT`, `SCIM_DUPLICATE_TARGET_ENTRIES`… */
  code: string;
  /** Entra's code, prefixed for the template: `SystemForCrossDomainIdentityManagementBadRequest`. */
  errorCode: string;
  /** Readable reason quoting status, method, URL and response body. */
  reason: string;
  errorCategory: 'failure' | 'nonServiceFailure';
  /** Entra retries this kind of failure (escrow); the client retried it `attempts - 1` times. */
  retryable: boolean;
  operation: ScimOperation;
  method: string;
  /** Full request URL. */
  url: string;
  /** HTTP status, when an answer arrived. */
  status?: number;
  /** The request body sent (create and PATCH bodies), for "attributes attempted" in reports. */
  requestBody?: unknown;
  /** Response body as received (text), when there was one. */
  responseBody?: string;
  /** Transport failure kind, when no answer arrived. */
  transport?: TransportErrorKind;
  /** Requests sent for this call, retries included. */
  attempts: number;
  /** Target objects a query found (DuplicateTargetEntries, MultipleEntriesInResponse). */
  found?: ScimResource[];
  /**
   * A batched membership change (`addMembers`, `removeMembers`) that failed after earlier batches
   * succeeded: the member ids those batches changed (they are in the target now) and their
   * count. Absent when the first batch failed.
   */
  completedBatches?: { memberIds: string[]; count: number };
}

/** A client call's outcome: the success payload, or a failure carrying Entra's error code. */
export type ScimResult<T extends object = object> =
  | ({ ok: true; status: number; attempts: number } & T)
  | { ok: false; failure: ScimFailure };

/** Users and groups of a mocked target. */
export interface TargetSnapshot {
  users: ScimResource[];
  groups: ScimResource[];
}

/**
 * How the SCIM client reaches the mocked target. `direct`: through the mock's own in-process
 * `fetch` ({@link MockScimTarget.fetch}); `nock`: through the global `fetch`, intercepted by nock.
 * Both run the same handler and give byte-identical reports apart from timings; `direct` skips
 * nock's timers (about 3 ms of idle time per request). @default 'direct'
 */
export type ScimTransport = 'direct' | 'nock';

/** The transports, in documentation order. */
export const SCIM_TRANSPORTS: readonly ScimTransport[] = ['direct', 'nock'];

/** Options of {@link TargetState}'s mock (`createMockScimTarget(state, behaviour, options)`). */
export interface MockTargetOptions {
  /** Tenant URL the mock answers for; flags in its query string are ignored. @default 'https://scim.example.test/scim/v2' */
  url?: string;
  /** Seed for generated ids when `random` is absent. @default 0 */
  seed?: number | string;
  /** Random source for generated ids (takes precedence over `seed`). */
  random?: RandomSource;
  /** Clock for `meta.created`/`lastModified`. @default a clock frozen at 2026-01-01T00:00:00Z */
  clock?: Clock;
  /**
   * The client's request timeout. A fault `delayMs` at or above it surfaces as an immediate
   * timeout instead of really waiting. @default 60000
   */
  timeoutMs?: number;
  /** When set, requests without `Authorization: Bearer <token>` get 401. */
  token?: string;
  /** Where the state came from, for error messages (`scenario "x"`). */
  entry?: string;
}

/** A running mocked SCIM target. */
export interface MockScimTarget {
  /** Base URL requests go to (the tenant URL without its query string). */
  readonly baseUrl: string;
  /** Every exchange so far, in order, `Authorization` redacted. */
  readonly journal: Exchange[];
  /**
   * The mock as an in-process `fetch` (the `direct` transport): the same handler the nock
   * interceptor calls, without nock's socket emulation. Requests for other hosts go to the
   * global `fetch` (and so to nock). See docs/scim.md, "Transports".
   */
  readonly fetch: typeof fetch;
  /** Deep copy of the current users and groups. */
  snapshot(): TargetSnapshot;
  /** Labels the following exchanges with a pipeline step (`testConnection`, `match`…). */
  setStep(step: string | undefined): void;
  /** Removes this mock's interceptors; later requests to its host are no longer answered. Idempotent. */
  close(): void;
}
