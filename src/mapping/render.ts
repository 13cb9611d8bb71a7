/**
 * Values as reports show them: Graph modifiedProperties and the action step's "view details" hold
 * strings, booleans as `True`/`False` (entra-semantics.md §4.6).
 */
import type { ModifiedProperty } from '../engine/types.js';
import type { ScimValue } from '../scim/types.js';
import type { MappedAttribute } from './types.js';

/** A value as Graph's modifiedProperties and the action step's details show it. */
export function renderScimValue(value: ScimValue | undefined): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return JSON.stringify(value.map((v) => (typeof v === 'object' && v !== null ? v : renderScimValue(v))));
  return JSON.stringify(value);
}

/** What logs show for a value produced by Redact (entra-semantics.md §3 Redact). */
export const REDACTED = '[Redact]';

/** A mapped value for a report: its text, or `[Redact]`. */
export function renderMapped(m: Pick<MappedAttribute, 'redacted'>, value: ScimValue | undefined): string | null {
  if (value === undefined || value === null) return null;
  return m.redacted ? REDACTED : renderScimValue(value);
}

/** The exported attributes by target path, as the action step's details list them. */
export function exportedAttributes(mapped: readonly MappedAttribute[]): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const m of mapped) {
    if (m.target.kind === 'objectFilter') continue;
    out[m.target.text] = Array.isArray(m.value) ? m.value.map((v) => renderMapped(m, v) ?? '') : (renderMapped(m, m.value) ?? '');
  }
  return out;
}

/** modifiedProperties of a create: every exported value, old values null. */
export function modifiedPropertiesForCreate(mapped: readonly MappedAttribute[]): ModifiedProperty[] {
  return mapped
    .filter((m) => m.target.kind !== 'objectFilter' && m.target.kind !== 'members' && m.target.kind !== 'manager')
    .map((m) => ({ displayName: m.target.text, oldValue: null, newValue: renderMapped(m, m.value) }));
}
