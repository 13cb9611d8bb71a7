/**
 * The result of one on-demand run, in two views:
 * - `steps`: the portal's cards (Test connection, Import, Scope, Match, Action, plus reference
 *   resolution and group membership), each with its "view details";
 * - `summary`: Microsoft Graph's provisioningObjectSummary, so output can be diffed against a real
 *   tenant's provisioning log; and `onDemandResponse`, the Graph provisionOnDemand key/value pair.
 */
import type { Clock, RandomSource } from '../core/determinism.js';
import type { Issue } from '../core/errors.js';
import type { Settings } from '../config/settings.js';
import type { Exchange, ScimResource, ScimTransport } from '../scim/types.js';

/** Graph provisioningResult, lower-case. */
export type StepStatus = 'success' | 'failure' | 'skipped' | 'warning';

/** Graph provisioningAction. `other` covers skips such as RedundantExport. */
export type ProvisioningAction = 'create' | 'update' | 'delete' | 'disable' | 'stagedDelete' | 'other';

/**
 * The action as scenario expectations name it: `skip` is what Graph logs as `other` with the
 * RedundantExport skip reason; `none` means the run ended before the action step.
 */
export type ActionKind = 'create' | 'update' | 'disable' | 'delete' | 'skip' | 'other' | 'none';

/** Graph provisioningErrorInfo. */
export interface ErrorInformation {
  /** Entra code, prefixed for custom SCIM apps: `SystemForCrossDomainIdentityManagementBadRequest`. */
  errorCode: string;
  /** Readable reason quoting status, method, URL and response body where there was one. */
  reason: string;
  additionalDetails?: string;
  errorCategory: 'failure' | 'nonServiceFailure' | 'success';
  recommendedAction?: string;
}

/** Graph provisioningStep. */
export interface ProvisioningStep {
  /** e.g. `EntryImport`, `EntrySynchronizationScoping`, `EntryExportAdd`, `EntrySynchronizationSkip`. */
  name: string;
  provisioningStepType: 'import' | 'scoping' | 'matching' | 'processing' | 'referenceResolution' | 'export';
  status: StepStatus;
  description: string;
  details: Record<string, string>;
}

/** Graph modifiedProperty: all values as strings (`"True"`, `"False"`). */
export interface ModifiedProperty {
  displayName: string;
  oldValue: string | null;
  newValue: string | null;
}

/** Graph provisionedIdentity / provisioningSystem (subset). */
export interface ProvisionedIdentity {
  id: string;
  displayName: string;
  identityType: string;
  details: Record<string, string>;
}

/** Graph provisioningObjectSummary (v1.0 names). */
export interface ProvisioningObjectSummary {
  id: string;
  activityDateTime: string;
  durationInMilliseconds: number;
  changeId: string;
  cycleId: string;
  jobId: string;
  provisioningAction: ProvisioningAction;
  provisioningStatusInfo: { status: StepStatus; errorInformation?: ErrorInformation };
  provisioningSteps: ProvisioningStep[];
  modifiedProperties: ModifiedProperty[];
  sourceIdentity: ProvisionedIdentity;
  targetIdentity: ProvisionedIdentity;
  sourceSystem: { id: string; displayName: string; details: Record<string, string> };
  targetSystem: { id: string; displayName: string; details: Record<string, string> };
  initiatedBy: { id: string; displayName: string; initiatorType: 'system' | 'user' | 'application' };
}

/** Keys of the portal's step cards. */
export type StepKey = 'testConnection' | 'import' | 'scope' | 'match' | 'action' | 'reference' | 'membership';

/** One evaluated scope fact as step 3 shows it ("Active in source system: True"). */
export interface ScopeFact {
  /** "Active in source system", "Assigned to application", "Scope sync all", "User has required role", or a filter line. */
  label: string;
  /** The value shown ("True", "False", or the clause's attribute value). */
  value: string;
  passed: boolean;
}

/** One matching query of step 4. */
export interface MatchAttempt {
  /** Target attribute queried (`userName`). */
  attribute: string;
  /** Value looked for; null when the source had none (the attribute is skipped). */
  value: string | null;
  /** Target objects the query found. */
  found: ScimResource[];
}

/** Per-step "view details". */
export interface StepDetailsMap {
  testConnection: {
    /** The probe sent, e.g. `GET /Users?filter=userName eq "…"`. */
    request?: string;
    /** The HTTP status the target answered, when it answered. */
    status?: number;
  };
  import: { attributes: Record<string, string | string[]> };
  scope: { inScope: boolean; facts: ScopeFact[] };
  match: { matches: number; attempts: MatchAttempt[]; targetId?: string };
  action: {
    action: ActionKind;
    /** Attributes exported (on success) or attempted (on failure), as strings. */
    attributes: Record<string, string | string[]>;
    modifiedProperties: ModifiedProperty[];
    skipReason?: string;
    /** Mappings left out of the export (role mappings on demand, engine setting `roleMappings`). */
    notProvisioned?: string[];
  };
  reference: {
    attribute: string;
    /** Source object id of the referenced object (the manager). */
    referencedSourceId?: string;
    /** Its id in the target, when it was found there. */
    targetId?: string;
    /** Why the reference was not written, when it was not. */
    reason?: string;
  };
  membership: {
    /** Target ids added to the group. */
    added: string[];
    removed: string[];
    /** Source members left out because they are not in the target (UPN or object id). */
    missing: string[];
    /** PATCH requests used. */
    batches?: number;
  };
}

/** One portal step card. */
export type OnDemandStep = {
  [K in StepKey]: {
    key: K;
    /** The portal's title, e.g. "Determine if user is in scope". */
    title: string;
    status: StepStatus;
    /** The portal hides a successful test connection; the JSON keeps it with this flag. */
    shownInPortal: boolean;
    description: string;
    details: StepDetailsMap[K];
    error?: ErrorInformation;
    /** When the step ended (ISO 8601, from the injected clock). */
    timestamp?: string;
  };
}[StepKey];

/** The outcome for one object (a user, or a group). */
export interface ObjectResult {
  objectType: 'user' | 'group';
  /** The source object's display name or UPN. */
  displayName: string;
  status: StepStatus;
  action: ActionKind;
  error?: ErrorInformation;
  /** Why the object was skipped (`RedundantExport`, `NotEffectivelyEntitled`…), when it was. */
  skipReason?: string;
  /** The object's id in the target after the run, when it has one. */
  targetId?: string;
  steps: OnDemandStep[];
  summary: ProvisioningObjectSummary;
  /** The Graph provisionOnDemand response: `key` and `value` are JSON documents as strings. */
  onDemandResponse: { key: string; value: string };
}

/** The outcome of one on-demand run: the subject, and for a group run its selected members. */
export interface OnDemandResult {
  /** The user or group the run was for. */
  result: ObjectResult;
  /** Group runs: each selected member's own result. */
  members: ObjectResult[];
  /** Every HTTP exchange with the target, in order, secrets redacted. */
  exchanges: Exchange[];
  /** The mocked target's state after the run. */
  target: { users: ScimResource[]; groups: ScimResource[] };
  /**
   * Values that passed through `Redact()`: they go to the target unchanged, but every report and
   * the console show them as `[Redact]`, as Entra's provisioning logs do (entra-semantics.md §3,
   * Redact). The runner masks them wherever they appear.
   */
  redactions?: string[];
  /**
   * Set when the run could not start because the app, source or target is invalid (a mapping
   * that does not compile, a target state the mock rejects…): every problem, for the runner to
   * report as invalid input. `result.error.errorCode` is then `InvalidConfiguration`.
   */
  issues?: Issue[];
}

/**
 * Effects and settings for one run. Everything that could make two runs differ is here.
 * `runOnDemand(app, source, target, subject, context)` takes it (src/engine/run-on-demand.ts).
 */
export interface RunContext {
  /** Frozen or stepping clock: `Now()`, timestamps, durations. */
  clock: Clock;
  /** Seeded randomness: generated ids, `Guid()`, `RandomString()`, the test-connection probe value. */
  random: RandomSource;
  /** Resolved settings (config ← app ← scenario). */
  settings: Settings;
  /** Aborts the run (per-scenario timeout). */
  signal?: AbortSignal;
  /** How the SCIM client reaches the mocked target (docs/scim.md, "Transports"). @default 'direct' */
  transport?: ScimTransport;
}
