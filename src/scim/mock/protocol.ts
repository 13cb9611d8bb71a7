/**
 * The mocked target's HTTP vocabulary: SCIM error answers (RFC 7644 §3.12), ListResponses
 * (§3.4.2) and the content type targets are told to use (entra-scim-wire.md §1).
 */
import { ERROR_SCHEMA, LIST_RESPONSE_SCHEMA } from '../schema.js';
import type { ScimResource } from '../types.js';

export const SCIM_CONTENT_TYPE = 'application/scim+json';

/** RFC 7644 §3.12 `scimType` values the mock uses. */
export type ScimType =
  | 'invalidFilter'
  | 'tooMany'
  | 'uniqueness'
  | 'mutability'
  | 'invalidSyntax'
  | 'invalidPath'
  | 'noTarget'
  | 'invalidValue';

/** A request the mock rejects with a SCIM error; thrown inside handlers, answered by the router. */
export class ScimProtocolError extends Error {
  override name = 'ScimProtocolError';
  constructor(
    readonly status: number,
    message: string,
    readonly scimType?: ScimType,
  ) {
    super(message);
  }
}

/** A reply: status, body (JSON or raw text) and headers. */
export interface MockReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** RFC 7644 §3.12 error body; `status` is a string as in the docs' sample (§9). */
export function errorReply(status: number, detail: string, scimType?: ScimType): MockReply {
  return {
    status,
    body: { schemas: [ERROR_SCHEMA], status: String(status), ...(scimType ? { scimType } : {}), detail },
  };
}

/** RFC 7644 §3.4.2 ListResponse. */
export function listReply(resources: ScimResource[], totalResults: number, startIndex: number): MockReply {
  return {
    status: 200,
    body: {
      schemas: [LIST_RESPONSE_SCHEMA],
      totalResults,
      Resources: resources,
      startIndex,
      itemsPerPage: resources.length,
    },
  };
}
