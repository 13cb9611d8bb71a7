/**
 * Reference resolution for the manager (entra-semantics.md §4.5, entra-scim-wire.md §6): written
 * in its own PATCH (`Add`, `path: manager`, an array value) once both objects exist. The manager
 * must be in scope and already provisioned; otherwise the user is provisioned without it.
 *
 * Entra finds the manager's target id in its link cache. This tool keeps no state between runs,
 * so it asks the target: the manager's own matching attributes, queried in precedence order.
 */
import { evaluateMapping, evaluateMatchingAttributes, readTargetValue, renderScimValue } from '../../mapping/index.js';
import type { ScimResource } from '../../scim/types.js';
import { determineScope } from '../../scoping/scope-rules.js';
import { userAttributes } from '../../source/attributes.js';
import { userLabel } from '../../source/directory.js';
import { scimError } from '../entra-errors.js';
import type { PreparedObject } from '../prepare.js';
import type { ObjectRecorder } from '../recorder.js';
import { enterStep, type RunState } from '../run-state.js';
import { describe, type TextContext } from '../texts.js';
import type { ErrorInformation, ModifiedProperty } from '../types.js';
import type { SourceAttributes } from '../../expr/index.js';

export type ManagerResolution =
  /** No manager mapping, or no manager in the source. */
  | { kind: 'none' }
  /** The user is provisioned without the reference, for `reason`. */
  | { kind: 'skip'; attribute: string; reason: string; sourceId?: string }
  | { kind: 'found'; attribute: string; targetId: string; sourceId: string }
  | { kind: 'failure'; attribute: string; error: ErrorInformation; sourceId?: string };

/** Finds the manager's target id, or why the reference cannot be written. */
export async function resolveManager(
  run: RunState,
  prepared: PreparedObject,
  attributes: SourceAttributes,
  member?: string,
): Promise<ManagerResolution> {
  const mapping = prepared.manager;
  if (!mapping) return { kind: 'none' };
  const attribute = mapping.target.text;
  const evaluated = evaluateMapping(mapping, attributes, { phase: 'update', context: run.evalContext });
  if (evaluated.kind === 'failure') return { kind: 'failure', attribute, error: { errorCode: evaluated.failure.errorCode, reason: evaluated.failure.reason, errorCategory: 'nonServiceFailure' } };
  if (evaluated.kind !== 'value') return { kind: 'none' };
  const ref = renderScimValue(evaluated.mapped.value) ?? '';
  const manager = run.index.findUser(ref);
  if (!manager) return { kind: 'skip', attribute, reason: `the manager ${ref} is not a user of the source directory` };
  const sourceId = manager.objectId;

  const managerAttributes = userAttributes(manager, run.index);
  const scope = determineScope({
    subject: { objectType: 'user', user: manager.entry },
    source: run.source,
    app: run.app,
    scopingFilters: prepared.filters,
    attributes: managerAttributes,
    settings: run.settings,
    clock: run.clock,
  });
  // §4.5: a manager out of scope is not filled in (not even later, until a restart).
  if (!scope.inScope) return { kind: 'skip', attribute, sourceId, reason: `the manager ${userLabel(manager)} is not in scope for provisioning` };
  managerAttributes.IsSoftDeleted = false;
  const matching = evaluateMatchingAttributes(prepared.compiled, managerAttributes, run.evalContext);
  if (matching.kind !== 'values') {
    return { kind: 'skip', attribute, sourceId, reason: `the manager ${userLabel(manager)} has no value for a matching attribute` };
  }
  enterStep(run, 'reference', member);
  for (const candidate of matching.values) {
    const answer = await run.client.query('User', candidate.attribute, candidate.value);
    if (!answer.ok) return { kind: 'failure', attribute, sourceId, error: scimError(answer.failure) };
    const [found] = answer.resources;
    if (found && typeof found.id === 'string') return { kind: 'found', attribute, sourceId, targetId: found.id };
  }
  return {
    kind: 'skip',
    attribute,
    sourceId,
    reason: `the manager ${userLabel(manager)} has not been provisioned to the target yet; the reference is filled in once the manager exists there and the user is provisioned again`,
  };
}

/** The manager id the target resource holds now. */
export function currentManager(prepared: PreparedObject, resource: ScimResource | undefined): string | undefined {
  if (!prepared.manager || !resource) return undefined;
  const value = readTargetValue(resource, prepared.manager);
  return typeof value === 'string' ? value : undefined;
}

export type ReferenceStepResult =
  | { ok: true; modified?: ModifiedProperty }
  | { ok: false; error: ErrorInformation };

/**
 * Records the reference step and writes the manager when it changed. Records nothing when there
 * is no manager, or the target already references it.
 */
export async function referenceStep(
  run: RunState,
  userId: string,
  resolution: ManagerResolution,
  current: string | undefined,
  recorder: ObjectRecorder,
  text: TextContext,
  member?: string,
): Promise<ReferenceStepResult> {
  if (resolution.kind === 'none') return { ok: true };
  const base = { graphName: 'EntryReferenceResolution', graphType: 'referenceResolution' as const };
  const details = {
    attribute: resolution.attribute,
    ...(resolution.sourceId ? { referencedSourceId: resolution.sourceId } : {}),
  };
  if (resolution.kind === 'skip') {
    recorder.record('reference', {
      ...base,
      status: 'skipped',
      description: describe.referenceSkipped(text, resolution.attribute, resolution.reason),
      details: { ...details, reason: resolution.reason },
      graphDetails: { Attribute: resolution.attribute, SkipReason: resolution.reason },
    });
    return { ok: true };
  }
  if (resolution.kind === 'failure') {
    recorder.record('reference', {
      ...base,
      status: 'failure',
      description: describe.referenceFailed(text, resolution.attribute),
      details,
      error: resolution.error,
      graphDetails: { Attribute: resolution.attribute },
    });
    return { ok: false, error: resolution.error };
  }
  if (current === resolution.targetId) return { ok: true };
  enterStep(run, 'reference', member);
  const written = await run.client.setManager(userId, resolution.targetId);
  const withTarget = { ...details, targetId: resolution.targetId };
  const graphDetails = { Attribute: resolution.attribute, TargetId: resolution.targetId };
  if (!written.ok) {
    const error = scimError(written.failure);
    recorder.record('reference', { ...base, status: 'failure', description: describe.referenceFailed(text, resolution.attribute), details: withTarget, error, graphDetails });
    return { ok: false, error };
  }
  recorder.record('reference', { ...base, status: 'success', description: describe.referenceResolved(text, resolution.attribute), details: withTarget, graphDetails });
  return { ok: true, modified: { displayName: resolution.attribute, oldValue: current ?? null, newValue: resolution.targetId } };
}
