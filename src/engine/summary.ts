/**
 * The Graph views of one object's run: the v1.0 provisioningObjectSummary
 * (entra-scim-wire.md §11) and the provisionOnDemand response, whose `key` and `value` are JSON
 * documents encoded as strings in the older naming (`action`, `statusInfo`, PascalCase step
 * types; §10).
 */
import type { AppDefinition, AppTemplate } from '../app/types.js';
import { isoString } from '../core/determinism.js';
import type { ObjectRecorder, RecordedStep } from './recorder.js';
import { sourceSystemName, targetIsScim, targetSystemName, typeName, type ObjectType } from './texts.js';
import type {
  ActionKind,
  ErrorInformation,
  ModifiedProperty,
  ObjectResult,
  ProvisioningAction,
  ProvisioningObjectSummary,
  ProvisioningStep,
  StepStatus,
} from './types.js';
import type { EngineOptions } from './options.js';

/** Ids shared by every object of one run. */
export interface RunIds {
  jobId: string;
  cycleId: string;
}

/** How one object's run ended. */
export interface ObjectOutcome {
  objectType: ObjectType;
  /** Reportable identifier: UPN for users, display name for groups. */
  displayName: string;
  sourceId: string;
  targetId?: string;
  status: StepStatus;
  action: ActionKind;
  error?: ErrorInformation;
  skipReason?: string;
  /** The skip step's description, sent as the response key's errorMessage. */
  skipMessage?: string;
  /**
   * Out of scope but found in the target and deprovisioned (disabled, deleted, or already
   * disabled): it keeps its `targetId`, but is not provisioned — a group leaves it out of its
   * members (entra-semantics.md §6.2).
   */
  outOfScope?: true;
  modifiedProperties: ModifiedProperty[];
}

/** Target identity types as Graph reports them for a SCIM target (the sample uses the enterprise URN for users). */
const TARGET_TYPES: Record<ObjectType, string> = {
  user: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
  group: 'urn:ietf:params:scim:schemas:core:2.0:Group',
};

/**
 * The target object's type: a SCIM schema URN for the SCIM templates; the Entra object type for
 * the templates whose target is Entra ID (cross-tenant, inbound HR; see targetSystemName).
 */
function targetIdentityType(template: AppTemplate, objectType: ObjectType): string {
  return targetIsScim(template) ? TARGET_TYPES[objectType] : typeName(objectType);
}

export function provisioningAction(action: ActionKind): ProvisioningAction {
  return action === 'skip' || action === 'none' ? 'other' : action;
}

/**
 * Assembles one object's result. `id` and `changeId` are this object's; `endedAt` is the clock
 * reading when the object's last step ended.
 */
export function buildObjectResult(
  recorder: ObjectRecorder,
  outcome: ObjectOutcome,
  app: AppDefinition,
  ids: RunIds & { id: string; changeId: string },
  options: Pick<EngineOptions, 'summaryStepOrder'>,
): ObjectResult {
  const template = app.template ?? 'scim';
  const endedAt = recorder.recorded.at(-1)?.at ?? recorder.startedAt;
  const graphSteps = orderForSummary(recorder.recorded, options.summaryStepOrder)
    .filter((r) => r.step.shownInPortal)
    .map((r) => r.graph);
  const statusInfo: ProvisioningObjectSummary['provisioningStatusInfo'] = { status: outcome.status };
  if (outcome.error) statusInfo.errorInformation = outcome.error;

  const summary: ProvisioningObjectSummary = {
    id: ids.id,
    activityDateTime: isoString(recorder.startedAt),
    durationInMilliseconds: endedAt - recorder.startedAt,
    changeId: ids.changeId,
    cycleId: ids.cycleId,
    jobId: ids.jobId,
    provisioningAction: provisioningAction(outcome.action),
    provisioningStatusInfo: statusInfo,
    provisioningSteps: graphSteps,
    modifiedProperties: outcome.modifiedProperties,
    sourceIdentity: { id: outcome.sourceId, displayName: outcome.displayName, identityType: typeName(outcome.objectType), details: {} },
    targetIdentity: {
      id: outcome.targetId ?? '',
      displayName: outcome.displayName,
      identityType: targetIdentityType(template, outcome.objectType),
      details: {},
    },
    sourceSystem: { id: '', displayName: sourceSystemName(template), details: {} },
    targetSystem: {
      id: ids.jobId,
      displayName: targetSystemName(template),
      details: { ServicePrincipalDisplayName: app.name ?? 'app' },
    },
    initiatedBy: { id: '', displayName: 'Azure AD Provisioning Service', initiatorType: 'system' },
  };

  const result: ObjectResult = {
    objectType: outcome.objectType,
    displayName: outcome.displayName,
    status: outcome.status,
    action: outcome.action,
    steps: recorder.recorded.map((r) => r.step),
    summary,
    onDemandResponse: onDemandResponse(summary, recorder.recorded, outcome, options.summaryStepOrder),
  };
  if (outcome.error) result.error = outcome.error;
  if (outcome.skipReason) result.skipReason = outcome.skipReason;
  if (outcome.targetId) result.targetId = outcome.targetId;
  return result;
}

/** Graph's sample lists matching before scoping; the portal doc numbers scope before match (?31). */
function orderForSummary(recorded: RecordedStep[], order: 'portal' | 'graph'): RecordedStep[] {
  if (order === 'portal') return recorded;
  const scope = recorded.findIndex((r) => r.step.key === 'scope');
  const match = recorded.findIndex((r) => r.step.key === 'match');
  if (scope < 0 || match < 0 || match < scope) return recorded;
  const out = recorded.slice();
  const [matchStep] = out.splice(match, 1);
  if (matchStep) out.splice(scope, 0, matchStep);
  return out;
}

const PASCAL: Record<string, string> = {
  success: 'Success',
  failure: 'Failure',
  skipped: 'Skipped',
  warning: 'Warning',
  import: 'Import',
  scoping: 'Scoping',
  matching: 'Matching',
  processing: 'Processing',
  referenceResolution: 'ReferenceResolution',
  export: 'Export',
  create: 'Create',
  update: 'Update',
  delete: 'Delete',
  disable: 'Disable',
  stagedDelete: 'StagedDelete',
  other: 'Other',
};

function pascal(value: string): string {
  return PASCAL[value] ?? value;
}

/** The provisionOnDemand response (§10): `key` and `value` are JSON strings. */
function onDemandResponse(
  summary: ProvisioningObjectSummary,
  recorded: RecordedStep[],
  outcome: ObjectOutcome,
  order: 'portal' | 'graph',
): { key: string; value: string } {
  const error = summary.provisioningStatusInfo.errorInformation;
  const details = error
    ? { errorCode: error.errorCode, errorMessage: error.reason }
    : outcome.skipReason
      ? { errorCode: outcome.skipReason, errorMessage: outcome.skipMessage ?? '' }
      : {};
  const key = JSON.stringify({ result: pascal(outcome.status), details });
  const shown = orderForSummary(recorded, order).filter((r) => r.step.shownInPortal);
  const endTime = isoString(shown.at(-1)?.at ?? Date.parse(summary.activityDateTime));
  const value = JSON.stringify({
    action: pascal(summary.provisioningAction),
    changeId: summary.changeId,
    endTime,
    modifiedProperties: summary.modifiedProperties,
    provisioningSteps: shown.map((r) => legacyStep(r.graph, r.at)),
    reportableIdentifier: outcome.displayName,
    startTime: summary.activityDateTime,
    statusInfo: {
      status: pascal(outcome.status),
      errorCode: error?.errorCode ?? null,
      reason: error?.reason ?? null,
      additionalDetails: error?.additionalDetails ?? null,
      errorCategory: error?.errorCategory ?? null,
      recommendedAction: error?.recommendedAction ?? null,
    },
    sourceIdentity: { id: summary.sourceIdentity.id, type: summary.sourceIdentity.identityType, displayName: summary.sourceIdentity.displayName, details: null },
    sourceSystem: { id: null, name: summary.sourceSystem.displayName, details: null },
    targetIdentity: {
      id: summary.targetIdentity.id || null,
      type: summary.targetIdentity.identityType,
      displayName: summary.targetIdentity.displayName,
      details: null,
    },
    targetSystem: { id: null, name: summary.targetSystem.displayName, details: null },
  });
  return { key, value };
}

function legacyStep(step: ProvisioningStep, at: number): Record<string, unknown> {
  return {
    name: step.name,
    type: pascal(step.provisioningStepType),
    status: pascal(step.status),
    description: step.description,
    timestamp: isoString(at),
    details: step.details,
  };
}
