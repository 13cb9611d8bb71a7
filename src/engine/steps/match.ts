/**
 * Step 4, "Match user between source and target system" (entra-semantics.md §4.3,
 * entra-scim-wire.md §3): each matching attribute with a value is queried in precedence order,
 * one `eq` query each, until one finds something. 0 ⇒ create, 1 ⇒ link, several ⇒
 * DuplicateTargetEntries.
 */
import type { MatchingValue } from '../../mapping/index.js';
import type { ScimResource } from '../../scim/types.js';
import { matchGraphDetails } from '../details.js';
import { scimError } from '../entra-errors.js';
import type { ObjectRecorder } from '../recorder.js';
import type { RunState } from '../run-state.js';
import { describe, type TextContext } from '../texts.js';
import type { ErrorInformation, MatchAttempt } from '../types.js';

export type MatchStepResult =
  | { kind: 'none' }
  | { kind: 'one'; resource: ScimResource; id: string }
  | { kind: 'failure'; error: ErrorInformation };

export async function matchStep(
  run: RunState,
  objectType: 'user' | 'group',
  matching: readonly MatchingValue[],
  recorder: ObjectRecorder,
  text: TextContext,
  deprovisioning: boolean,
): Promise<MatchStepResult> {
  const type = objectType === 'user' ? 'User' : 'Group';
  const attempts: MatchAttempt[] = [];
  const record = (status: 'success' | 'failure', description: string, graphName: string, extra: { targetId?: string; error?: ErrorInformation } = {}) => {
    const found = attempts.at(-1)?.found.length ?? 0;
    recorder.record('match', {
      status,
      description,
      details: { matches: found, attempts, ...(extra.targetId ? { targetId: extra.targetId } : {}) },
      ...(extra.error ? { error: extra.error } : {}),
      graphName,
      graphType: 'matching',
      graphDetails: matchGraphDetails(attempts),
    });
  };

  for (const candidate of matching) {
    const answer = await run.client.query(type, candidate.attribute, candidate.value);
    if (!answer.ok) {
      const { failure } = answer;
      attempts.push({ attribute: candidate.attribute, value: candidate.value, found: failure.found ?? [] });
      const error = scimError(failure);
      const description = failure.code === 'SCIM_DUPLICATE_TARGET_ENTRIES'
        ? describe.matchedMany(text, failure.found?.length ?? 0, candidate.attribute)
        : describe.matchFailed(text);
      record('failure', description, 'EntryImport', { error });
      return { kind: 'failure', error };
    }
    attempts.push({ attribute: candidate.attribute, value: candidate.value, found: answer.resources });
    const [resource] = answer.resources;
    if (resource) {
      const id = typeof resource.id === 'string' ? resource.id : '';
      record('success', describe.matchedOne(text), 'EntryImport', { targetId: id });
      return { kind: 'one', resource, id };
    }
  }
  // §11: `EntrySynchronizationAdd` is the matching step's name when a create is planned.
  if (deprovisioning) record('success', describe.matchedNoneOutOfScope(text), 'EntryImport');
  else record('success', describe.matchedNone(text), 'EntrySynchronizationAdd');
  return { kind: 'none' };
}
