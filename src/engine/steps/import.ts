/**
 * Step 2, "Import user" (entra-semantics.md §4.3, §9.2): the source attributes the mappings read,
 * null ones absent; the matching attributes evaluated, and `ImportSkipped` when none has a value.
 */
import { fromSource, type SourceAttributes } from '../../expr/index.js';
import { evaluateMatchingAttributes, type MatchingValue } from '../../mapping/index.js';
import { lookupAttribute } from '../../scoping/evaluate.js';
import { importDetails } from '../details.js';
import { entraError } from '../entra-errors.js';
import type { PreparedObject } from '../prepare.js';
import type { ObjectRecorder } from '../recorder.js';
import type { RunState } from '../run-state.js';
import { describe, type TextContext } from '../texts.js';
import type { ErrorInformation } from '../types.js';

export type ImportStepResult = { ok: true; matching: MatchingValue[] } | { ok: false; error: ErrorInformation };

export function importStep(
  run: RunState,
  prepared: PreparedObject,
  attributes: SourceAttributes,
  recorder: ObjectRecorder,
  text: TextContext,
): ImportStepResult {
  // Mappings and scoping filters read a name exactly, else ignoring case (directory extensions
  // excepted), so each name shows the value the mapping or filter reads.
  const read = (name: string) => lookupAttribute(attributes, name);
  const shown = importDetails(prepared.importAttributes.map((name) => [name, fromSource(read(name) as SourceAttributes[string])] as const));
  const details = { attributes: shown.portal };
  const record = { graphName: 'EntryImport', graphType: 'import' as const, graphDetails: shown.graph, details };

  const matching = evaluateMatchingAttributes(prepared.compiled, attributes, run.evalContext);
  if (matching.kind === 'failure') {
    const error = entraError(matching.failure.errorCode, matching.failure.reason, { additionalDetails: matching.failure.code });
    recorder.record('import', { ...record, status: 'failure', description: describe.importFailed(text), error });
    return { ok: false, error };
  }
  if (matching.kind === 'none') {
    // §4.3: no value for any matching attribute ⇒ ImportSkipped; nothing else is evaluated.
    const names = prepared.compiled.matching.map((m) => m.target.text);
    const description = describe.importSkipped(text, names);
    const error = entraError('ImportSkipped', description, {
      additionalDetails: `matching attributes: ${prepared.compiled.matching.map((m) => `${m.target.text} ← ${m.mapping.source ?? m.mapping.expression ?? ''}`).join(', ')}`,
    });
    recorder.record('import', { ...record, status: 'failure', description, error });
    return { ok: false, error };
  }
  recorder.record('import', { ...record, status: 'success', description: describe.imported(text) });
  return { ok: true, matching: matching.values };
}
