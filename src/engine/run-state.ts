/**
 * Everything one on-demand run shares between its objects: the app, the effects, the indexed
 * source, the mocked target and the SCIM client, and the values `Redact()` produced.
 */
import type { AppDefinition, AppTemplate } from '../app/types.js';
import type { Settings } from '../config/settings.js';
import type { Clock, RandomSource } from '../core/determinism.js';
import type { EvalContext } from '../expr/index.js';
import { renderScimValue, type MappedAttribute } from '../mapping/index.js';
import type { ScimClient } from '../scim/client.js';
import type { MockScimTarget } from '../scim/types.js';
import type { SourceIndex } from '../source/directory.js';
import type { SourceDirectory } from '../source/types.js';
import type { PreparedObject } from './prepare.js';
import { sourceSystemName, targetSystemName, type ObjectType, type TextContext } from './texts.js';
import type { StepKey } from './types.js';

export interface RunState {
  app: AppDefinition;
  template: AppTemplate;
  settings: Settings;
  clock: Clock;
  random: RandomSource;
  signal: AbortSignal | undefined;
  source: SourceDirectory;
  index: SourceIndex;
  client: ScimClient;
  mock: MockScimTarget;
  /** The expression context every mapping evaluation starts from. */
  evalContext: EvalContext;
  objects: { user?: PreparedObject; group?: PreparedObject };
  /** Values produced by Redact(), as text. */
  redacted: Set<string>;
}

/** The names a step's description uses for this object. */
export function textFor(run: RunState, objectType: ObjectType, id: string): TextContext {
  return { objectType, id, source: sourceSystemName(run.template), target: targetSystemName(run.template) };
}

/** Labels the exchanges that follow with a step (and, for group members, the member). */
export function enterStep(run: RunState, step: StepKey, member?: string): void {
  run.mock.setStep(member ? `${member}:${step}` : step);
}

/** Remembers the text of every value a Redact() mapping produced, so views can hide it. */
export function noteRedacted(run: RunState, mapped: readonly MappedAttribute[]): void {
  for (const m of mapped) {
    if (!m.redacted) continue;
    const values = Array.isArray(m.value) ? m.value : [m.value];
    for (const value of values) {
      const text = renderScimValue(value);
      if (text) run.redacted.add(text);
    }
  }
}

/** Whether the run was aborted (per-scenario time limit). */
export function aborted(run: RunState): boolean {
  return run.signal?.aborted === true;
}
