/**
 * Step 5, "Perform action" (entra-semantics.md §4, §6.1, §9.2; entra-scim-wire.md §4, §5, §8):
 * create, update only what differs, disable through the IsSoftDeleted mappings, delete, or skip
 * (`RedundantExport` when source and target already agree). On failure the step lists the
 * attributes it tried to write, with the error code, reason and recommended action.
 */
import type { SourceAttributes } from '../../expr/index.js';
import {
  buildResourceContent,
  diffAgainstTarget,
  evaluateMappings,
  exportedAttributes,
  modifiedPropertiesForCreate,
  renderMapped,
  type MappedAttribute,
  type MappingEvaluation,
} from '../../mapping/index.js';
import type { AttributeChange, ScimResource, ScimResult } from '../../scim/types.js';
import { exportGraphDetails } from '../details.js';
import { entraError, scimError } from '../entra-errors.js';
import type { PreparedObject } from '../prepare.js';
import type { ObjectRecorder } from '../recorder.js';
import { noteRedacted, type RunState } from '../run-state.js';
import type { ObjectOutcome } from '../summary.js';
import { describe, type TextContext } from '../texts.js';
import type { ActionKind, ErrorInformation, ModifiedProperty, StepStatus } from '../types.js';
import { uniqueValuePort } from '../unique-values.js';

/** Where the run stands when it reaches the action. */
export type ActionPath =
  | { kind: 'create' }
  | { kind: 'update'; resource: ScimResource; id: string; managerChanged: boolean }
  | { kind: 'deprovision'; resource: ScimResource; id: string };

export type ActionOutcome = Pick<ObjectOutcome, 'status' | 'action' | 'error' | 'skipReason' | 'skipMessage' | 'modifiedProperties' | 'targetId'>;

interface ActionInput {
  run: RunState;
  prepared: PreparedObject;
  attributes: SourceAttributes;
  recorder: ObjectRecorder;
  text: TextContext;
}

const EXPORT_NAMES: Partial<Record<ActionKind, string>> = {
  create: 'EntryExportAdd',
  update: 'EntryExportUpdate',
  disable: 'EntryExportUpdate',
  delete: 'EntryExportDelete',
};

export async function actionStep(input: ActionInput, path: ActionPath): Promise<ActionOutcome> {
  switch (path.kind) {
    case 'create':
      return create(input);
    case 'update':
      return update(input, path);
    case 'deprovision':
      return input.run.settings.engine.deprovisionAction === 'delete' ? remove(input, path) : disable(input, path);
  }
}

async function create(input: ActionInput): Promise<ActionOutcome> {
  const { run, prepared, recorder, text } = input;
  if (!prepared.actions.has('create')) return notAllowed(input, 'create', undefined);
  const evaluated = await evaluate(input, 'create', undefined);
  if (!evaluated.ok) return evaluated.outcome;
  const { mapped, notProvisioned } = evaluated;
  const attributes = exportedAttributes(mapped);
  const modifiedProperties = modifiedPropertiesForCreate(mapped);
  const content = buildResourceContent(mapped, run.settings.mapping);
  const answer = await run.client.create(prepared.objectType === 'user' ? 'User' : 'Group', content);
  if (!answer.ok) return failed(input, 'create', attributes, modifiedProperties, answer, notProvisioned);
  recordExport(recorder, 'create', 'success', describe.exported(text, 'create'), text, attributes, modifiedProperties, notProvisioned);
  return { status: 'success', action: 'create', modifiedProperties, targetId: answer.id };
}

async function update(input: ActionInput, path: Extract<ActionPath, { kind: 'update' }>): Promise<ActionOutcome> {
  const { run, prepared, recorder, text } = input;
  const evaluated = await evaluate(input, 'update', path.id);
  if (!evaluated.ok) return { ...evaluated.outcome, targetId: path.id };
  const { mapped, notProvisioned } = evaluated;
  const diff = diffAgainstTarget(mapped, path.resource);
  if (diff.changes.length === 0 && !path.managerChanged) return redundant(input, path.id);
  if (!prepared.actions.has('update')) return notAllowed(input, 'update', path.id);
  const attributes = changedAttributes(diff.changes, mapped);
  const answer = await patch(input, path.id, diff.changes);
  if (!answer.ok) return { ...failed(input, 'update', attributes, diff.modifiedProperties, answer, notProvisioned), targetId: path.id };
  recordExport(recorder, 'update', 'success', describe.exported(text, 'update'), text, attributes, diff.modifiedProperties, notProvisioned);
  return { status: 'success', action: 'update', modifiedProperties: diff.modifiedProperties, targetId: path.id };
}

/** §6.1: the IsSoftDeleted mappings, evaluated with IsSoftDeleted true, are all that is sent. */
async function disable(input: ActionInput, path: Extract<ActionPath, { kind: 'deprovision' }>): Promise<ActionOutcome> {
  const { prepared, recorder, text } = input;
  const evaluated = await evaluate(input, 'update', path.id);
  if (!evaluated.ok) return { ...evaluated.outcome, targetId: path.id };
  const mapped = evaluated.mapped.filter((m) => prepared.softDelete.has(m.index));
  const diff = diffAgainstTarget(mapped, path.resource);
  if (diff.changes.length === 0) return redundant(input, path.id);
  if (!prepared.actions.has('update')) return notAllowed(input, 'disable', path.id);
  const attributes = changedAttributes(diff.changes, mapped);
  const answer = await patch(input, path.id, diff.changes);
  if (!answer.ok) return { ...failed(input, 'disable', attributes, diff.modifiedProperties, answer, []), targetId: path.id };
  recordExport(recorder, 'disable', 'success', describe.exported(text, 'disable'), text, attributes, diff.modifiedProperties, []);
  return { status: 'success', action: 'disable', modifiedProperties: diff.modifiedProperties, targetId: path.id };
}

async function remove(input: ActionInput, path: Extract<ActionPath, { kind: 'deprovision' }>): Promise<ActionOutcome> {
  const { run, prepared, recorder, text } = input;
  if (!prepared.actions.has('delete')) return notAllowed(input, 'delete', path.id);
  const answer = await run.client.delete(prepared.objectType === 'user' ? 'User' : 'Group', path.id);
  if (!answer.ok) return { ...failed(input, 'delete', {}, [], answer, []), targetId: path.id };
  recordExport(recorder, 'delete', 'success', describe.exported(text, 'delete'), text, {}, [], []);
  return { status: 'success', action: 'delete', modifiedProperties: [] };
}

type Evaluated =
  | { ok: true; mapped: MappedAttribute[]; notProvisioned: string[] }
  | { ok: false; outcome: ActionOutcome };

/**
 * Evaluates the mappings for the action: SelectUniqueValue candidates looked up first, then every
 * mapping; references (manager, members) and the objectFilter pseudo-target are left to their own
 * steps; role mappings are left out on demand unless `engine.roleMappings: include`.
 */
async function evaluate(input: ActionInput, phase: 'create' | 'update', ownId: string | undefined): Promise<Evaluated> {
  const { run, prepared, attributes, text } = input;
  const action: ActionKind = phase;
  const port = await uniqueValuePort(run, prepared, attributes, ownId);
  if (!port.ok) {
    return { ok: false, outcome: fail(input, action, { [port.attribute]: '' }, [], port.error, []) };
  }
  const context = port.exists ? { ...run.evalContext, exists: port.exists } : run.evalContext;
  const evaluation: MappingEvaluation = evaluateMappings(prepared.compiled, attributes, { phase, context });
  noteRedacted(run, evaluation.mapped);
  const skipRoles = run.settings.engine.roleMappings === 'skip' && prepared.roles.size > 0;
  const notProvisioned = skipRoles ? prepared.compiled.mappings.filter((m) => prepared.roles.has(m.index)).map((m) => m.target.text) : [];
  const mapped = evaluation.mapped.filter((m) =>
    m.target.kind !== 'manager' && m.target.kind !== 'members' && m.target.kind !== 'objectFilter' && !(skipRoles && prepared.roles.has(m.index)));
  if (evaluation.failure) {
    const { failure } = evaluation;
    const error = entraError(failure.errorCode, failure.reason, { additionalDetails: failure.code });
    return { ok: false, outcome: fail(input, action, exportedAttributes(mapped), [], error, notProvisioned) };
  }
  if (evaluation.ignoreObject) {
    // IgnoreObjectFlow (§2.4): the object is not provisioned at all.
    const message = `${text.objectType === 'user' ? 'User' : 'Group'} '${text.id}' is not provisioned: an expression returned IgnoreObjectFlow`;
    recordSkip(input.recorder, 'IgnoreObjectFlow', message);
    return { ok: false, outcome: { status: 'skipped', action: 'skip', skipReason: 'IgnoreObjectFlow', skipMessage: message, modifiedProperties: [] } };
  }
  return { ok: true, mapped, notProvisioned };
}

function patch(input: ActionInput, id: string, changes: AttributeChange[]) {
  return input.run.client.update(input.prepared.objectType === 'user' ? 'User' : 'Group', id, changes);
}

/** The attributes an update writes, rendered like the create's (Redact values hidden). */
function changedAttributes(changes: readonly AttributeChange[], mapped: readonly MappedAttribute[]): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const change of changes) {
    const m = mapped.find((x) => x.target.text === change.path);
    const render = (v: Parameters<typeof renderMapped>[1]): string => (m ? renderMapped(m, v) : null) ?? '';
    out[change.path] = Array.isArray(change.newValue) ? change.newValue.map(render) : render(change.newValue);
  }
  return out;
}

function redundant(input: ActionInput, id: string): ActionOutcome {
  const message = describe.redundant(input.text);
  recordSkip(input.recorder, 'RedundantExport', message);
  return { status: 'skipped', action: 'skip', skipReason: 'RedundantExport', skipMessage: message, modifiedProperties: [], targetId: id };
}

function notAllowed(input: ActionInput, action: 'create' | 'update' | 'disable' | 'delete', id: string | undefined): ActionOutcome {
  const verb = action === 'disable' ? 'update' : action;
  const message = describe.notAllowed(input.text, verb);
  recordSkip(input.recorder, 'ActionNotAllowed', message);
  return { status: 'skipped', action: 'skip', skipReason: 'ActionNotAllowed', skipMessage: message, modifiedProperties: [], ...(id ? { targetId: id } : {}) };
}

/** Records the action step as a skip (Graph: EntrySynchronizationSkip with its SkipReason). */
export function recordSkip(recorder: ObjectRecorder, skipReason: string, description: string, action: ActionKind = 'skip'): void {
  recorder.record('action', {
    status: 'skipped',
    description,
    details: { action, attributes: {}, modifiedProperties: [], skipReason },
    graphName: 'EntrySynchronizationSkip',
    graphType: 'export',
    graphDetails: { SkipReason: skipReason },
  });
}

function failed(
  input: ActionInput,
  action: ActionKind,
  attributes: Record<string, string | string[]>,
  modifiedProperties: ModifiedProperty[],
  answer: Extract<ScimResult, { ok: false }>,
  notProvisioned: string[],
): ActionOutcome {
  return fail(input, action, attributes, modifiedProperties, scimError(answer.failure), notProvisioned);
}

function fail(
  input: ActionInput,
  action: ActionKind,
  attributes: Record<string, string | string[]>,
  modifiedProperties: ModifiedProperty[],
  error: ErrorInformation,
  notProvisioned: string[],
): ActionOutcome {
  recordExport(input.recorder, action, 'failure', describe.exportFailed(input.text, action), input.text, attributes, modifiedProperties, notProvisioned, error);
  return { status: 'failure', action, error, modifiedProperties };
}

function recordExport(
  recorder: ObjectRecorder,
  action: ActionKind,
  status: StepStatus,
  description: string,
  text: TextContext,
  attributes: Record<string, string | string[]>,
  modifiedProperties: ModifiedProperty[],
  notProvisioned: string[],
  error?: ErrorInformation,
): void {
  recorder.record('action', {
    status,
    description,
    details: { action, attributes, modifiedProperties, ...(notProvisioned.length > 0 ? { notProvisioned } : {}) },
    ...(error ? { error } : {}),
    graphName: EXPORT_NAMES[action] ?? 'EntryExportUpdate',
    graphType: 'export',
    graphDetails: exportGraphDetails(text.id, attributes),
  });
}
