/**
 * Steps 2–5 and reference resolution for one object (a user, a worker, a group, or a group's
 * member), in the portal's order: import, scope, match, action, then the manager reference.
 */
import { determineScope } from '../scoping/scope-rules.js';
import { groupAttributes, userAttributes } from '../source/attributes.js';
import { userLabel, type DirectoryGroup, type DirectoryUser } from '../source/directory.js';
import { entraError } from './entra-errors.js';
import type { PreparedObject } from './prepare.js';
import type { ObjectRecorder } from './recorder.js';
import { aborted, enterStep, textFor, type RunState } from './run-state.js';
import { actionStep, recordSkip, type ActionPath } from './steps/action.js';
import { importStep } from './steps/import.js';
import { matchStep } from './steps/match.js';
import { currentManager, referenceStep, resolveManager, type ManagerResolution } from './steps/reference.js';
import { scopeStep } from './steps/scope.js';
import type { ObjectOutcome } from './summary.js';
import { describe } from './texts.js';
import type { ErrorInformation } from './types.js';

/** `label` overrides the user's reportable identifier: an HR worker is named by its worker key. */
export type ObjectSubject = { kind: 'user'; user: DirectoryUser; label?: string } | { kind: 'group'; group: DirectoryGroup };

/**
 * The object's identity in results: UPN for users (the worker key the run searched for, for HR
 * workers, whose records carry no UPN), display name for groups.
 */
export function identify(subject: ObjectSubject): { objectType: 'user' | 'group'; displayName: string; sourceId: string } {
  return subject.kind === 'user'
    ? { objectType: 'user', displayName: subject.label ?? userLabel(subject.user), sourceId: subject.user.objectId }
    : { objectType: 'group', displayName: subject.group.entry.displayName, sourceId: subject.group.objectId };
}

/** The abort outcome (per-scenario time limit). */
export function abortedError(run: RunState): ErrorInformation {
  const reason = run.signal?.reason instanceof Error ? run.signal.reason.message : 'the run was aborted';
  return entraError('OperationAborted', reason, { category: 'failure' });
}

/**
 * Whether the object is provisioned in the target after its action: created, updated, or already
 * in sync — not failed, left alone (IgnoreObjectFlow, an unticked action) or out of scope
 * (deprovisioned, or found already disabled). Only then are its references (manager, group
 * members) written.
 */
export function provisioned(outcome: Pick<ObjectOutcome, 'status' | 'action' | 'skipReason' | 'outOfScope'>): boolean {
  if (outcome.outOfScope || outcome.status === 'failure' || outcome.action === 'disable' || outcome.action === 'delete') return false;
  return outcome.skipReason === undefined || outcome.skipReason === 'RedundantExport';
}

/**
 * Runs one object through import, scope, match, action and its reference. `member` labels the
 * exchanges of a group's member. Never throws for scenario content.
 */
export async function runObject(run: RunState, subject: ObjectSubject, prepared: PreparedObject, recorder: ObjectRecorder, member?: string): Promise<ObjectOutcome> {
  const identity = identify(subject);
  const text = textFor(run, identity.objectType, identity.displayName);
  const end = (rest: Omit<ObjectOutcome, 'objectType' | 'displayName' | 'sourceId' | 'modifiedProperties'> & { modifiedProperties?: ObjectOutcome['modifiedProperties'] }): ObjectOutcome => ({
    ...identity,
    modifiedProperties: [],
    ...rest,
  });
  const abort = (): ObjectOutcome => end({ status: 'failure', action: 'none', error: abortedError(run) });

  const attributes = subject.kind === 'user' ? userAttributes(subject.user, run.index) : groupAttributes(subject.group);
  // Scope is decided before import is shown: it yields IsSoftDeleted, which mappings may read.
  const determination = determineScope({
    subject: subject.kind === 'user' ? { objectType: 'user', user: subject.user.entry } : { objectType: 'group', group: subject.group.entry },
    source: run.source,
    app: run.app,
    scopingFilters: prepared.filters,
    attributes,
    settings: run.settings,
    clock: run.clock,
  });
  attributes.IsSoftDeleted = determination.isSoftDeleted;

  enterStep(run, 'import', member);
  const imported = importStep(run, prepared, attributes, recorder, text);
  if (!imported.ok) return end({ status: 'failure', action: 'none', error: imported.error });

  const canDeprovision = run.settings.engine.deprovisionAction === 'delete' || prepared.softDelete.size > 0;
  const scope = scopeStep({ determination, app: run.app, settings: run.settings, canDeprovision }, recorder, text);
  if (scope.kind === 'failure') return end({ status: 'failure', action: 'none', error: scope.error });
  if (scope.kind === 'skip') return end({ status: 'skipped', action: 'other', skipReason: scope.skipReason, skipMessage: scope.message });
  if (aborted(run)) return abort();

  enterStep(run, 'match', member);
  const match = await matchStep(run, identity.objectType, imported.matching, recorder, text, scope.kind === 'deprovision');
  if (match.kind === 'failure') return end({ status: 'failure', action: 'none', error: match.error });
  if (aborted(run)) return abort();

  if (scope.kind === 'deprovision') {
    if (match.kind === 'none') {
      const message = describe.nothingToDeprovision(text, `no matching ${identity.objectType} exists there`);
      recordSkip(recorder, scope.skipReason, message);
      return end({ status: 'skipped', action: 'other', skipReason: scope.skipReason, skipMessage: message });
    }
    enterStep(run, 'action', member);
    const outcome = await actionStep({ run, prepared, attributes, recorder, text }, { kind: 'deprovision', resource: match.resource, id: match.id });
    return end({ ...outcome, outOfScope: true });
  }

  // The manager is looked up before the action so an update that only changes it is not redundant.
  const manager: ManagerResolution = await resolveManager(run, prepared, attributes, member);
  if (aborted(run)) return abort();
  const existingManager = match.kind === 'one' ? currentManager(prepared, match.resource) : undefined;
  const path: ActionPath = match.kind === 'one'
    ? { kind: 'update', resource: match.resource, id: match.id, managerChanged: manager.kind === 'found' && manager.targetId !== existingManager }
    : { kind: 'create' };
  enterStep(run, 'action', member);
  const outcome = await actionStep({ run, prepared, attributes, recorder, text }, path);
  if (!outcome.targetId || !provisioned(outcome)) return end(outcome);
  if (aborted(run)) return abort();

  const reference = await referenceStep(run, outcome.targetId, manager, existingManager, recorder, text, member);
  if (!reference.ok) return end({ ...outcome, status: 'failure', error: reference.error });
  const modifiedProperties = reference.modified ? [...outcome.modifiedProperties, reference.modified] : outcome.modifiedProperties;
  return end({ ...outcome, modifiedProperties });
}
