/**
 * SelectUniqueValue against the target (entra-semantics.md §3): the expression engine's `exists`
 * port is synchronous, so the candidates of every SelectUniqueValue mapping are listed first
 * (`CompiledExpression.uniqueValueCandidates`), each is looked up in the target with the matching
 * query, and the port then answers from those look-ups.
 */
import type { SourceAttributes } from '../expr/index.js';
import type { ScimResourceType } from '../scim/schema.js';
import { scimError } from './entra-errors.js';
import type { PreparedObject } from './prepare.js';
import type { RunState } from './run-state.js';
import type { ErrorInformation } from './types.js';

export type UniqueValuePort =
  | { ok: true; exists?: (attribute: string, value: string) => boolean }
  | { ok: false; error: ErrorInformation; attribute: string };

/**
 * Looks up every SelectUniqueValue candidate. A candidate counts as taken when the target holds it
 * on another object; the object's own current value (`ownId`, on update) is not taken (§13 ?23).
 * No port at all when no mapping uses SelectUniqueValue.
 */
export async function uniqueValuePort(
  run: RunState,
  prepared: PreparedObject,
  attributes: SourceAttributes,
  ownId: string | undefined,
): Promise<UniqueValuePort> {
  const type: ScimResourceType = prepared.objectType === 'user' ? 'User' : 'Group';
  const taken = new Map<string, boolean>();
  const key = (attribute: string, value: string): string => `${attribute.toLowerCase()}\u0000${value}`;
  let any = false;
  for (const m of prepared.unique) {
    const candidates = m.expression?.uniqueValueCandidates(attributes, { ...run.evalContext, targetAttribute: m.target.text });
    if (!candidates) continue;
    any = true;
    for (const candidate of candidates) {
      const k = key(m.target.text, candidate);
      if (taken.has(k)) continue;
      const answer = await run.client.query(type, m.target.text, candidate);
      if (answer.ok) taken.set(k, answer.resources.some((r) => r.id !== ownId));
      else if (answer.failure.found) taken.set(k, true);
      else return { ok: false, error: scimError(answer.failure), attribute: m.target.text };
      // The first free candidate is the one SelectUniqueValue returns: later ones need no look-up.
      if (taken.get(k) === false) break;
    }
  }
  if (!any) return { ok: true };
  // A value not looked up (a rule whose text changed between the passes, e.g. with RandomString) counts as free.
  return { ok: true, exists: (attribute, value) => taken.get(key(attribute, value)) ?? false };
}
