/**
 * Step 3, "Determine if user is in scope" (entra-semantics.md §6, §9.2): the scope rules' facts,
 * and what an out-of-scope result leads to — a skip, or (for a user unassigned from the app who
 * exists in the target) the deprovisioning the on-demand doc says it supports (§6.1, §9.1).
 */
import type { AppDefinition } from '../../app/types.js';
import type { Settings } from '../../config/settings.js';
import type { OutOfScopeReason, ScopeDetermination } from '../../scoping/scope-rules.js';
import { scopeGraphDetails } from '../details.js';
import { entraError } from '../entra-errors.js';
import type { ObjectRecorder } from '../recorder.js';
import { describe, type TextContext } from '../texts.js';
import type { ErrorInformation } from '../types.js';

export interface ScopeStepInput {
  /** The scope rules' verdict, computed before import (it also yields IsSoftDeleted). */
  determination: ScopeDetermination;
  app: AppDefinition;
  settings: Settings;
  /** Whether the object mapping can deprovision: an IsSoftDeleted mapping (disable) or the delete setting. */
  canDeprovision: boolean;
}

export type ScopeStepResult =
  /** In scope: go on to match and export. */
  | { kind: 'inScope'; determination: ScopeDetermination }
  /** Out of scope but deprovisionable: match, and disable or delete what is found. */
  | { kind: 'deprovision'; determination: ScopeDetermination; skipReason: string }
  /** The run ends here. */
  | { kind: 'skip'; determination: ScopeDetermination; skipReason: string; message: string }
  | { kind: 'failure'; error: ErrorInformation };

/** Skip reasons by out-of-scope rule; `NotEffectivelyEntitled` is the code real logs use. */
const SKIP_REASONS: Record<Exclude<OutOfScopeReason, 'invalidScopingFilter'>, string> = {
  inactive: 'NotActiveInSource',
  notInternalMember: 'NotInternalMemberUser',
  notAssigned: 'NotEffectivelyEntitled',
  missingRole: 'NotEffectivelyEntitled',
  scopingFilter: 'ScopingFilterNotSatisfied',
};

export function scopeStep(input: ScopeStepInput, recorder: ObjectRecorder, text: TextContext): ScopeStepResult {
  const { determination } = input;
  const { facts, inScope, reason } = determination;
  const graphDetails = scopeGraphDetails(facts, inScope);
  const details = { inScope, facts };

  if (reason === 'invalidScopingFilter') {
    const problem = determination.scoping.error;
    const error = entraError('InvalidScopingFilter', problem ? problem.message : 'a scoping filter could not be evaluated', {
      ...(problem ? { additionalDetails: problem.code } : {}),
    });
    recorder.record('scope', { status: 'failure', description: error.reason, details, error, graphName: 'EntrySynchronizationScoping', graphType: 'scoping', graphDetails });
    return { kind: 'failure', error };
  }
  if (inScope || reason === undefined) {
    recorder.record('scope', { status: 'success', description: describe.scoping(text), details, graphName: 'EntrySynchronizationScoping', graphType: 'scoping', graphDetails });
    return { kind: 'inScope', determination };
  }

  const why = [explain(determination, reason, text.objectType)];
  const deprovisionable = reason === 'notAssigned' ||
    (input.settings.engine.deprovisionWhen === 'outOfScope' && (reason === 'missingRole' || reason === 'scopingFilter'));
  const skipReason = SKIP_REASONS[reason];
  let kind: 'deprovision' | 'skip' = 'skip';
  if (deprovisionable) {
    if (skipsOutOfScopeDeletions(input.app)) why.push('SkipOutOfScopeDeletions is set, so it is left untouched in the target');
    else if (!input.canDeprovision) {
      why.push(text.objectType === 'group'
        ? 'the group mapping has no IsSoftDeleted mapping and engine.deprovisionAction is not delete, so it is left untouched in the target'
        : 'the mapping has no IsSoftDeleted mapping applied on updates to disable it with, so it is left untouched in the target');
    }
    else {
      kind = 'deprovision';
      why.push('if it exists in the target it will be deprovisioned');
    }
  }
  const description = describe.outOfScope(text, why);
  recorder.record('scope', {
    status: 'skipped',
    description,
    details,
    graphName: 'EntrySynchronizationScoping',
    graphType: 'scoping',
    graphDetails: kind === 'skip' ? { ...graphDetails, SkipReason: skipReason } : graphDetails,
  });
  return kind === 'skip' ? { kind, determination, skipReason, message: description } : { kind, determination, skipReason };
}

/**
 * Whether the app's SkipOutOfScopeDeletions flag takes effect: "SkipOutOfScopeDeletions doesn't work
 * for cross-tenant synchronization" (skip-out-of-scope-deletions.md; entra-semantics.md §6.1), so a
 * cross-tenant job disables out-of-scope users whatever the flag says.
 */
function skipsOutOfScopeDeletions(app: AppDefinition): boolean {
  return app.skipOutOfScopeDeletions === true && app.template !== 'crossTenant';
}

function explain(d: ScopeDetermination, reason: Exclude<OutOfScopeReason, 'invalidScopingFilter'>, objectType: TextContext['objectType']): string {
  // A group is active unless deleted, and is assigned only directly (entra-semantics.md §6 steps 2–3).
  const group = objectType === 'group';
  switch (reason) {
    case 'inactive':
      return group
        ? 'it is soft-deleted in the source system, and on-demand provisioning does not delete such objects'
        : 'it is disabled or soft-deleted in the source system, and on-demand provisioning does not disable or delete such objects';
    case 'notInternalMember':
      return 'it is an external or guest user of the source tenant, and cross-tenant synchronization provisions only internal member users';
    case 'notAssigned':
      return d.assignment.pending
        ? 'it is not assigned to the application yet (an assignment exists but has not replicated to the provisioning service)'
        : group
          ? 'it is not assigned to the application'
          : 'it is not assigned to the application, directly or through an assigned group it is an immediate member of';
    case 'missingRole':
      return `it holds none of the application roles provisioning requires (it holds: ${d.assignment.roles.join(', ') || 'none'})`;
    case 'scopingFilter':
      return 'it does not satisfy any scoping filter';
  }
}
