/**
 * Group membership after the group exists (entra-scim-wire.md §7, entra-semantics.md §6.2): the
 * selected members are added by their **target** ids, in PATCHes of `scim.membershipBatchSize`.
 * A member who is not in the target (out of scope, or its own run failed) is left out: "a group in
 * scope with an out-of-scope member is provisioned without that member".
 */
import { scimError } from '../entra-errors.js';
import type { ObjectRecorder } from '../recorder.js';
import { enterStep, type RunState } from '../run-state.js';
import { describe, type TextContext } from '../texts.js';
import type { ErrorInformation, StepStatus } from '../types.js';

/** One selected member after its own run. */
export interface MemberState {
  /** UPN (or object id) of the source user. */
  label: string;
  /** Its id in the target, when it has one. */
  targetId?: string;
}

export type MembershipResult = { status: StepStatus; added: number; error?: ErrorInformation };

export async function membershipStep(
  run: RunState,
  groupId: string,
  members: readonly MemberState[],
  recorder: ObjectRecorder,
  text: TextContext,
): Promise<MembershipResult> {
  const ids = [...new Set(members.flatMap((m) => (m.targetId ? [m.targetId] : [])))];
  const missing = members.filter((m) => !m.targetId).map((m) => m.label);
  const base = { graphName: 'EntryReferenceResolution', graphType: 'referenceResolution' as const };
  const graphDetails = { Attribute: 'members', Added: JSON.stringify(ids), Missing: JSON.stringify(missing) };
  if (ids.length === 0) {
    recorder.record('membership', {
      ...base,
      status: 'skipped',
      description: describe.membersAdded(text, 0, missing.length),
      details: { added: [], removed: [], missing, batches: 0 },
      graphDetails,
    });
    return { status: 'skipped', added: 0 };
  }
  enterStep(run, 'membership');
  const answer = await run.client.addMembers(groupId, ids);
  if (!answer.ok) {
    const error = scimError(answer.failure);
    // Batches before the failing one landed in the target: report them as added.
    const done = answer.failure.completedBatches;
    const added = done?.memberIds ?? [];
    recorder.record('membership', {
      ...base,
      status: 'failure',
      description: describe.membersFailed(text, added.length),
      details: { added, removed: [], missing, batches: done?.count ?? 0 },
      error,
      graphDetails,
    });
    return { status: 'failure', added: added.length, error };
  }
  const status: StepStatus = missing.length > 0 ? 'warning' : 'success';
  recorder.record('membership', {
    ...base,
    status,
    description: describe.membersAdded(text, ids.length, missing.length),
    details: { added: ids, removed: [], missing, batches: answer.bodies.length },
    graphDetails,
  });
  return { status, added: ids.length };
}
