/**
 * "View details" for each step, in both forms: the portal's structured details and Graph's string
 * map (entra-scim-wire.md §10–§11). Booleans read `True`/`False`, as Graph logs them.
 */
import { renderScalar, type Scalar, type Value } from '../expr/value.js';
import type { ScimResource } from '../scim/types.js';
import type { MatchAttempt, ScopeFact } from './types.js';

/** A source value as view details show it: a string, or a list for multi-valued attributes. */
export function detailValue(value: Value): string | string[] | undefined {
  if (value === null) return undefined;
  if (Array.isArray(value)) return (value as readonly Scalar[]).map(renderScalar);
  return renderScalar(value as Scalar);
}

/** Import details: the non-null attributes, in the given order. */
export function importDetails(attributes: ReadonlyArray<readonly [string, Value]>): {
  portal: Record<string, string | string[]>;
  graph: Record<string, string>;
} {
  const portal: Record<string, string | string[]> = {};
  const graph: Record<string, string> = {};
  for (const [name, value] of attributes) {
    const shown = detailValue(value);
    if (shown === undefined) continue;
    portal[name] = shown;
    graph[name] = Array.isArray(shown) ? JSON.stringify(shown) : shown;
  }
  return { portal, graph };
}

/** Graph scoping keys (entra-semantics.md §6): from the portal facts plus the overall result. */
export function scopeGraphDetails(facts: readonly ScopeFact[], inScope: boolean): Record<string, string> {
  const out: Record<string, string> = {};
  const filters: Record<string, string> = {};
  for (const fact of facts) {
    const key = GRAPH_SCOPE_KEYS[fact.label];
    const passed = fact.passed ? 'True' : 'False';
    // Rule facts carry their own True/False (Assigned can be False while Sync all entitles).
    if (key) out[key] = fact.value === 'True' || fact.value === 'False' ? fact.value : passed;
    else filters[fact.label] = passed;
  }
  if (out.Assigned !== undefined || out.ScopeSyncAll !== undefined) {
    const entitled = (out.Assigned === 'True' || out.ScopeSyncAll === 'True') && out.HasRequiredRole !== 'False';
    out.IsEffectivelyEntitledForProvisioning = entitled ? 'True' : 'False';
  }
  out.IsInProvisioningScopeDisplayName = inScope ? 'True' : 'False';
  out.ScopeEvaluationResult = JSON.stringify(filters);
  return out;
}

const GRAPH_SCOPE_KEYS: Record<string, string> = {
  'Active in source system': 'IsActive',
  'Assigned to application': 'Assigned',
  'Scope sync all': 'ScopeSyncAll',
  'User has required role': 'HasRequiredRole',
  'Group has required role': 'HasRequiredRole',
};

/** A target resource flattened into Graph's string map (`name.givenName`, booleans as True/False). */
export function flattenResource(resource: ScimResource): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (value: unknown, path: string): void => {
    if (value === null || value === undefined) return;
    if (typeof value === 'boolean') out[path] = value ? 'True' : 'False';
    else if (typeof value === 'string' || typeof value === 'number') out[path] = String(value);
    else if (Array.isArray(value)) out[path] = JSON.stringify(value);
    else if (typeof value === 'object') {
      for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
        if (key === 'schemas' || key === 'meta') continue;
        walk(inner, path ? `${path}.${key}` : key);
      }
    }
  };
  walk(resource, '');
  return out;
}

/** Matching details: one match shows its properties; several show each, keyed by position. */
export function matchGraphDetails(attempts: readonly MatchAttempt[]): Record<string, string> {
  const last = attempts.at(-1);
  if (!last || last.found.length === 0) {
    const tried = attempts.filter((a) => a.value !== null);
    return Object.fromEntries(tried.map((a) => [`MatchingAttribute.${a.attribute}`, a.value ?? '']));
  }
  if (last.found.length === 1 && last.found[0]) return flattenResource(last.found[0]);
  const out: Record<string, string> = { MatchingAttribute: last.attribute, MatchingValue: last.value ?? '' };
  last.found.forEach((resource, i) => {
    out[`Match${i + 1}`] = JSON.stringify(flattenResource(resource));
  });
  return out;
}

/** Export details: ReportableIdentifier plus attributes with punctuation stripped (`namegivenName`). */
export function exportGraphDetails(
  reportableIdentifier: string,
  attributes: Record<string, string | string[]>,
): Record<string, string> {
  const out: Record<string, string> = { ReportableIdentifier: reportableIdentifier };
  for (const [name, value] of Object.entries(attributes)) {
    out[name.replace(/[^A-Za-z0-9]/g, '')] = Array.isArray(value) ? JSON.stringify(value) : value;
  }
  return out;
}
