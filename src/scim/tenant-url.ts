/**
 * The tenant URL (Graph secret `BaseAddress`): where requests go, which behaviour flags it
 * carries, which PATCH dialect follows, and how query strings are written.
 */
import { InputError } from '../core/errors.js';
import type { ScimOptions } from './options.js';
import { endpointOf, type ScimResourceType } from './schema.js';
import type { PatchDialect } from './types.js';

/** The flag that switches PATCH to the RFC-compliant shape (entra-scim-wire.md §0, §5). */
export const COMPLIANT_PATCH_FLAG = 'aadOptscim062020';
/** The documented roll-back flag once the compliant shape becomes the default (§0). */
export const LEGACY_PATCH_FLAG = 'AzureAdScimPatch2017';

/** A parsed tenant URL. */
export interface TenantUrl {
  /** Origin and path without query string or trailing slash: `https://host/scim/v2`. */
  baseUrl: string;
  /** Flags from the query string and from the app's `flags`, in that order, without duplicates. */
  flags: string[];
}

/**
 * Splits a tenant URL into the base URL and its flags. Flags are appended as a query string
 * (`https://host/scim/v2?aadOptscim062020`); whether Entra forwards them is undocumented, so they
 * are stripped from request URLs (§0 [I]).
 */
export function parseTenantUrl(url: string, extraFlags: readonly string[] = []): TenantUrl {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InputError('SCIM_INVALID_TENANT_URL', `the tenant URL "${url}" is not an absolute URL`, {
      hint: 'write it as https://host/path, for example https://scim.example.test/scim/v2',
    });
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new InputError('SCIM_INVALID_TENANT_URL', `the tenant URL "${url}" is not an http(s) URL`, {
      hint: 'Entra calls https endpoints (entra-scim-wire.md §1); http is accepted for loopback test servers',
    });
  }
  const flags: string[] = [];
  for (const key of parsed.searchParams.keys()) if (!flags.includes(key)) flags.push(key);
  for (const flag of extraFlags) if (!flags.includes(flag)) flags.push(flag);
  const path = parsed.pathname.replace(/\/+$/, '');
  return { baseUrl: `${parsed.origin}${path}`, flags };
}

/**
 * The PATCH dialect a run uses. `auto` applies the flag only outside on-demand runs: the docs say
 * the flag "currently doesn't work with on-demand provisioning" (scim-compatibility doc, §0).
 */
export function resolvePatchDialect(
  setting: ScimOptions['patchDialect'],
  flags: readonly string[],
  onDemand: boolean,
): PatchDialect {
  if (setting !== 'auto') return setting;
  if (onDemand) return 'default';
  const has = (flag: string): boolean => flags.some((f) => f.toLowerCase() === flag.toLowerCase());
  return has(COMPLIANT_PATCH_FLAG) && !has(LEGACY_PATCH_FLAG) ? 'aadOptscim062020' : 'default';
}

/** A filter value in double quotes with JSON escapes (RFC 7644 §3.4.2.2). */
export function quoteFilterValue(value: string): string {
  return JSON.stringify(value);
}

/**
 * The matching query: one `eq` on one attribute (§3). Groups put `excludedAttributes=members`
 * first, as the docs print it. Encoding: every query value is percent-encoded with
 * `encodeURIComponent` (space `%20`, quote `%22`), which every server decodes the same way.
 */
export function queryPath(type: ScimResourceType, attribute: string, value: string): string {
  const filter = encodeURIComponent(`${attribute} eq ${quoteFilterValue(value)}`);
  return type === 'Group'
    ? `${endpointOf(type)}?excludedAttributes=members&filter=${filter}`
    : `${endpointOf(type)}?filter=${filter}`;
}

/** Path of one resource; groups are read with `excludedAttributes=members` (§3, §7). */
export function resourcePath(type: ScimResourceType, id: string, forRead = false): string {
  const path = `${endpointOf(type)}/${encodeURIComponent(id)}`;
  return forRead && type === 'Group' ? `${path}?excludedAttributes=members` : path;
}
