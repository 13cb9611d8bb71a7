/**
 * From an HTTP outcome to Entra's provisioning-log error (entra-scim-wire.md §2, §9, §11, §12).
 * One table of codes, one table of status rules, one of transport failures; `failureFor` is the
 * only place a {@link ScimFailure} is built.
 *
 * Where the docs name a code but not the status that produces it, the mapping is our inference
 * ([I] in the reference); docs/scim.md lists every row with its evidence.
 */
import { STATUS_CODES } from 'node:http';
import type { AppTemplate } from '../app/types.js';
import type { ErrorInformation } from '../engine/types.js';
import type { ScimOptions } from './options.js';
import type { ScimFailure, ScimOperation, ScimResource, TransportErrorKind } from './types.js';

/** Entra error codes the client produces, without the target-system prefix (§12). */
export type EntraCode =
  | 'BadRequest'
  | 'Unauthorized'
  | 'InsufficientRights'
  | 'CredentialValidationFailure'
  | 'InvalidAnchor'
  | 'MethodNotAllowed'
  | 'EntryConflict'
  | 'ServiceIncompatibleFiltering'
  | 'UnprocessableEntity'
  | 'TooManyRequests'
  | 'InternalServerError'
  | 'NotImplemented'
  | 'WebExceptionProtocolError'
  | 'Timeout'
  | 'ServiceIncompatible'
  | 'MultipleEntriesInResponse'
  | 'DuplicateTargetEntries'
  | 'InternalError';

/** Every code with what it means (paraphrasing §12); the meaning starts the reason's message line. */
export const entraCodes: Readonly<Record<EntraCode, { meaning: string }>> = {
  BadRequest: { meaning: 'The target rejected the request as invalid' },
  Unauthorized: { meaning: 'The target did not accept the credentials' },
  InsufficientRights: { meaning: 'The target does not allow this change for these credentials' },
  CredentialValidationFailure: {
    meaning: 'The authorization check against the target got an unexpected response',
  },
  InvalidAnchor: {
    meaning: 'The object previously created or matched no longer exists in the target; restart provisioning to re-match',
  },
  MethodNotAllowed: { meaning: 'The target does not allow this HTTP method here' },
  EntryConflict: { meaning: 'The target already holds a conflicting value' },
  ServiceIncompatibleFiltering: {
    meaning: 'The target answered the filter inconsistently (the query found nothing, the write found a conflict)',
  },
  UnprocessableEntity: { meaning: 'The target returned an unexpected response' },
  TooManyRequests: { meaning: 'The target throttled the request' },
  InternalServerError: { meaning: 'The target returned an unexpected server error' },
  NotImplemented: { meaning: 'The target does not implement this operation' },
  WebExceptionProtocolError: { meaning: 'An HTTP protocol error occurred talking to the target' },
  Timeout: { meaning: 'The target did not answer in time' },
  ServiceIncompatible: {
    meaning: 'The response could not be parsed; the SCIM server is not compatible with the Entra client',
  },
  MultipleEntriesInResponse: { meaning: 'A read expected to return one object returned several' },
  DuplicateTargetEntries: { meaning: 'More than one target object matched the matching attribute' },
  InternalError: { meaning: 'The provisioning run was stopped before the target answered' },
};

/** Operations on an object the client already holds the id of (a 404 there is InvalidAnchor). */
const LINKED: readonly ScimOperation[] = ['get', 'update', 'setManager', 'addMembers', 'removeMembers', 'delete'];

/** One status rule: the first rule whose status range and operations match wins. */
interface StatusRule {
  from: number;
  to: number;
  /** Only during these operations; any when absent. */
  operations?: readonly ScimOperation[];
  code: EntraCode | 'conflict';
  /** Extra sentence for the reason. */
  note?: string;
}

/** HTTP status → Entra code (§2 for test connection, §9 otherwise). */
export const statusRules: readonly StatusRule[] = [
  { from: 401, to: 401, operations: ['testConnection'], code: 'CredentialValidationFailure' },
  { from: 403, to: 403, operations: ['testConnection'], code: 'CredentialValidationFailure' },
  { from: 400, to: 400, code: 'BadRequest' },
  { from: 401, to: 401, code: 'Unauthorized' },
  { from: 403, to: 403, code: 'InsufficientRights' },
  { from: 404, to: 404, operations: LINKED, code: 'InvalidAnchor' },
  {
    from: 404,
    to: 404,
    code: 'ServiceIncompatible',
    note: 'SCIM compliance issue: HTTP/404 Not Found was returned rather than the expected HTTP/200 OK (RFC 7644 §3.4.2)',
  },
  { from: 405, to: 405, code: 'MethodNotAllowed' },
  { from: 409, to: 409, code: 'conflict' },
  { from: 422, to: 422, code: 'UnprocessableEntity' },
  { from: 429, to: 429, code: 'TooManyRequests' },
  { from: 500, to: 500, code: 'InternalServerError' },
  { from: 501, to: 501, code: 'NotImplemented' },
  { from: 100, to: 599, code: 'WebExceptionProtocolError' },
];

/** Transport failure → this tool's code and Entra's. */
export const transportRules: Readonly<Record<TransportErrorKind, { code: string; entra: EntraCode }>> = {
  timeout: { code: 'SCIM_TIMEOUT', entra: 'Timeout' },
  reset: { code: 'SCIM_CONNECTION_RESET', entra: 'WebExceptionProtocolError' },
  network: { code: 'SCIM_NETWORK_ERROR', entra: 'WebExceptionProtocolError' },
  blocked: { code: 'SCIM_NET_CONNECT_BLOCKED', entra: 'WebExceptionProtocolError' },
  aborted: { code: 'SCIM_ABORTED', entra: 'InternalError' },
};

/** Target-system prefix of logged codes per job template (§11; only the SCIM prefix is [O], the rest [I]). */
export const errorCodePrefix: Readonly<Record<AppTemplate, string>> = {
  scim: 'SystemForCrossDomainIdentityManagement',
  customappsso: 'SystemForCrossDomainIdentityManagement',
  crossTenant: 'AzureActiveDirectory',
  workday: 'AzureActiveDirectory',
  successFactors: 'AzureActiveDirectory',
};

/** Whether a transport failure is transient: a timeout or a dropped connection. */
export function isTransientTransport(kind: TransportErrorKind): boolean {
  return kind === 'timeout' || kind === 'reset';
}

/** Whether the client may retry after this status (429 and 5xx except 501). */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status <= 599 && status !== 501);
}

/** The Entra code for an HTTP status during an operation. */
export function codeForStatus(
  status: number,
  operation: ScimOperation,
  conflictCode: ScimOptions['conflictErrorCode'],
): { code: EntraCode; note?: string } {
  const rule = statusRules.find(
    (r) => status >= r.from && status <= r.to && (!r.operations || r.operations.includes(operation)),
  );
  const code = rule?.code ?? 'WebExceptionProtocolError';
  return { code: code === 'conflict' ? conflictCode : code, ...(rule?.note ? { note: rule.note } : {}) };
}

/** What went wrong, before it becomes a {@link ScimFailure}. */
export type FailureCause =
  | { kind: 'status'; status: number; body: string }
  | { kind: 'transport'; transport: TransportErrorKind; detail: string }
  | { kind: 'response'; code: string; entra: EntraCode; status: number; body: string; problem: string; found?: ScimResource[] };

/** Where the failure happened. */
export interface FailureContext {
  operation: ScimOperation;
  method: string;
  url: string;
  attempts: number;
  template: AppTemplate;
  conflictCode: ScimOptions['conflictErrorCode'];
}

/** Longest response body quoted in a reason. */
const MAX_QUOTED_BODY = 2000;

/** Builds the failure: code, prefixed Entra code, category and a reason quoting the exchange. */
export function failureFor(cause: FailureCause, context: FailureContext): ScimFailure {
  const { code, entra, detail, note, answer, retryable } = describe(cause, context);
  const info = entraCodes[entra];
  const lines = [
    ...(answer ? [`StatusCode: ${statusName(answer.status)}`] : []),
    `Message: ${info.meaning}. ${detail}.${note ? ` ${note}.` : ''}`,
    ...(answer ? [`Web Response: ${quoteBody(answer.responseBody)}`] : []),
    ...(context.attempts > 1 ? [`This operation was retried ${context.attempts - 1} times.`] : []),
  ];
  return {
    code,
    errorCode: `${errorCodePrefix[context.template]}${entra}`,
    reason: lines.join('\n'),
    // Transient failures are logged as `failure`, the rest as `nonServiceFailure` (the category a
    // real 409 was logged with, §9 [O]; the split itself is [I]).
    errorCategory: retryable ? 'failure' : 'nonServiceFailure',
    retryable,
    operation: context.operation,
    method: context.method,
    url: context.url,
    attempts: context.attempts,
    ...answer,
    ...(cause.kind === 'transport' ? { transport: cause.transport } : {}),
    ...(cause.kind === 'response' && cause.found ? { found: cause.found } : {}),
  };
}

interface Described {
  code: string;
  entra: EntraCode;
  retryable: boolean;
  detail: string;
  note?: string;
  answer?: { status: number; responseBody: string };
}

function describe(cause: FailureCause, context: FailureContext): Described {
  const request = `${context.method} ${context.url}`;
  switch (cause.kind) {
    case 'status': {
      const mapped = codeForStatus(cause.status, context.operation, context.conflictCode);
      return {
        code: 'SCIM_HTTP_STATUS',
        entra: mapped.code,
        retryable: isRetryableStatus(cause.status),
        detail: `${request} returned HTTP ${cause.status} ${STATUS_CODES[cause.status] ?? ''}`.trimEnd(),
        ...(mapped.note ? { note: mapped.note } : {}),
        answer: { status: cause.status, responseBody: cause.body },
      };
    }
    case 'transport':
      return {
        ...transportRules[cause.transport],
        retryable: isTransientTransport(cause.transport),
        detail: `${request} got no answer: ${cause.detail}`,
      };
    case 'response':
      return {
        code: cause.code,
        entra: cause.entra,
        retryable: false,
        detail: `${request} returned HTTP ${cause.status}, but ${cause.problem}`,
        answer: { status: cause.status, responseBody: cause.body },
      };
  }
}

/** .NET-style status name, as Entra's reasons print it: `BadRequest`, `TooManyRequests`. */
export function statusName(status: number): string {
  const text = STATUS_CODES[status];
  return text ? text.replace(/[^A-Za-z0-9]/g, '') : `Status${status}`;
}

function quoteBody(body: string): string {
  if (body === '') return '(empty body)';
  return body.length > MAX_QUOTED_BODY ? `${body.slice(0, MAX_QUOTED_BODY)}… (${body.length} characters)` : body;
}

/** Graph's errorInformation for a failure (what the pipeline puts in its step and summary). */
export function toErrorInformation(failure: ScimFailure): ErrorInformation {
  return { errorCode: failure.errorCode, reason: failure.reason, errorCategory: failure.errorCategory };
}

/** `SystemForCrossDomainIdentityManagementDuplicateTargetEntries` → `DuplicateTargetEntries`. */
export function withoutPrefix(errorCode: string): string {
  for (const prefix of new Set(Object.values(errorCodePrefix))) {
    if (errorCode.startsWith(prefix)) return errorCode.slice(prefix.length);
  }
  return errorCode;
}
