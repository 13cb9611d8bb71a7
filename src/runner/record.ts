/**
 * `--update`: expectations written from the actual outcome. A scenario with no expectations gets
 * a full `expect` block; a failing one gets each failing path set to its actual value, so the
 * expectations the author chose (and their comments) stay; a passing one is left alone.
 */
import type { OnDemandResult, OnDemandStep } from '../engine/types.js';
import type { Exchange, ScimResource } from '../scim/types.js';
import type { Expectations, StepExpectation } from '../scenario/types.js';
import { scrub } from '../engine/redact.js';
import { actualView, errorView, valueAt } from './actual.js';
import { isPlainObject } from './match.js';
import type { ExpectUpdate } from '../scenario/update.js';
import type { Failure } from './types.js';

export type { ExpectUpdate };


/** Keys of target resources left out of recorded expectations (server-generated noise). */
const noisyResourceKeys = new Set(['meta', 'schemas']);

/**
 * A full `expect` block describing the outcome. Values that passed through `Redact()` are
 * written as `[Redact]`, as every report shows them (the matcher accepts the mask).
 */
export function recordExpectations(result: OnDemandResult): Expectations {
  return scrub(recordUnmasked(result), result.redactions ?? []);
}

function recordUnmasked(result: OnDemandResult): Expectations {
  const object = result.result;
  const steps: Record<string, StepExpectation> = {};
  for (const step of object.steps) steps[step.key] = recordStep(step);
  const error = errorView(object.error);
  return {
    result: object.status,
    action: object.action,
    steps,
    ...(error ? { error: { code: error.code } } : {}),
    requests: recordRequests(result.exchanges),
    target: { users: result.target.users.map(recordResource), groups: result.target.groups.map(recordResource) },
    ...(result.members.length > 0
      ? {
          members: result.members.map((m) => ({
            name: m.displayName,
            result: m.status,
            action: m.action,
            ...(m.error ? { error: { code: m.error.errorCode } } : {}),
          })),
        }
      : {}),
  };
}

function recordStep(step: OnDemandStep): StepExpectation {
  const out: StepExpectation = { status: step.status };
  switch (step.key) {
    case 'import':
      if (Object.keys(step.details.attributes).length > 0) out['attributes'] = step.details.attributes;
      break;
    case 'scope':
      out['inScope'] = step.details.inScope;
      break;
    case 'match':
      out['matches'] = step.details.matches;
      if (step.details.targetId !== undefined) out['targetId'] = step.details.targetId;
      break;
    case 'action':
      if (Object.keys(step.details.attributes).length > 0) out['attributes'] = step.details.attributes;
      if (step.details.skipReason !== undefined) out['skipReason'] = step.details.skipReason;
      break;
    case 'reference':
      if (step.details.targetId !== undefined) out['targetId'] = step.details.targetId;
      break;
    case 'membership':
      for (const key of ['added', 'removed', 'missing'] as const) if (step.details[key].length > 0) out[key] = step.details[key];
      break;
    case 'testConnection':
      break;
  }
  if (step.error) out.error = { code: step.error.errorCode };
  return out;
}

/** The requests the run sent, without the test-connection probe (the portal hides it too). */
export function recordRequests(exchanges: readonly Exchange[]): NonNullable<Expectations['requests']> {
  return exchanges
    .filter((x) => x.step !== 'testConnection')
    .map((x) => ({
      method: x.method.toUpperCase(),
      path: x.path,
      status: x.status ?? null,
      ...(x.requestBody !== undefined ? { body: x.requestBody } : {}),
    }));
}

function recordResource(resource: ScimResource): Record<string, unknown> {
  return Object.fromEntries(Object.entries(resource).filter(([k]) => !noisyResourceKeys.has(k)));
}

/** What `--update` changes in a failing scenario's `expect` block. */
export function updatesFor(failures: readonly Failure[], result: OnDemandResult, expect: Expectations | null): ExpectUpdate[] {
  if (!expect || failures.some((f) => f.code === 'EXPECT_NOTHING')) return [{ path: [], value: recordExpectations(result) }];
  const recorded = recordExpectations(result);
  const view = actualView(result);
  const updates: ExpectUpdate[] = [];
  for (const failure of failures) {
    const [head] = failure.path;
    if (head === 'requests') {
      updates.push({ path: ['requests'], value: recorded.requests });
    } else if (head === 'members') {
      updates.push({ path: ['members'], value: recorded.members ?? [] });
    } else if (head === 'action' && failure.path.length === 1) {
      updates.push({ path: ['action'], value: recorded.action });
    } else if (head === 'target' && failure.path.length === 2) {
      updates.push({ path: failure.path, value: valueAt(recorded, failure.path) ?? null });
    } else if (failure.code === 'EXPECT_EXTRA_KEY') {
      const parent = failure.path.slice(0, -1);
      const value = valueAt(view, parent);
      const marked = isPlainObject(valueAt(expect, parent)) && (valueAt(expect, [...parent, 'exact']) === true);
      updates.push({ path: parent, value: marked && isPlainObject(value) ? { ...value, exact: true } : value });
    } else {
      updates.push({ path: failure.path, value: valueAt(view, failure.path) ?? null });
    }
  }
  const redactions = result.redactions ?? [];
  return minimal(updates).map((update) => ({ ...update, value: scrub(update.value, redactions) }));
}

/** Drops duplicates and updates below a path that is itself replaced; shortest paths first. */
function minimal(updates: ExpectUpdate[]): ExpectUpdate[] {
  const sorted = [...updates].sort((a, b) => a.path.length - b.path.length);
  const kept: ExpectUpdate[] = [];
  for (const update of sorted) {
    const covered = kept.some((k) => k.path.length <= update.path.length && k.path.every((p, i) => p === update.path[i]));
    if (!covered) kept.push(update);
  }
  return kept;
}

/** Applies updates to a plain `expect` object (a copy), for re-checking after `--update`. */
export function applyUpdates(expect: Expectations | null, updates: readonly ExpectUpdate[]): Expectations {
  let root: unknown = structuredClone(expect ?? {});
  for (const { path, value } of updates) {
    if (path.length === 0) {
      root = structuredClone(value);
      continue;
    }
    let node = root as Record<string | number, unknown>;
    for (const segment of path.slice(0, -1)) {
      const next = node[segment];
      if (typeof next !== 'object' || next === null) node[segment] = {};
      node = node[segment] as Record<string | number, unknown>;
    }
    node[path[path.length - 1]!] = structuredClone(value);
  }
  return root as Expectations;
}
