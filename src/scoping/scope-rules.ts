/**
 * Who is in scope (entra-semantics.md §6): active in the source, assigned to the app (directly or
 * as an IMMEDIATE member of an assigned, security-enabled group; nested groups are not followed)
 * unless the app syncs all users and groups, holding a required app role, and passing the scoping
 * filters. The facts come back labelled the way on-demand step 3 shows them (§5.5, §9.2), and
 * `isSoftDeleted` the way §6.1 defines IsSoftDeleted.
 */
import type { AppDefinition } from '../app/types.js';
import type { Settings } from '../config/settings.js';
import type { Clock } from '../core/determinism.js';
import type { ScopeFact } from '../engine/types.js';
import type { SourceAssignment, SourceDirectory, SourceGroup, SourceUser } from '../source/types.js';
import type { CompiledScopingFilters } from './compile.js';
import { evaluateScopingFilters, type ScopingAttributes } from './evaluate.js';
import type { ScopingEvaluation, ScopingFilter } from './types.js';

/** The object whose scope is determined. */
export type ScopeSubject = { objectType: 'user'; user: SourceUser } | { objectType: 'group'; group: SourceGroup };

export interface ScopeRuleInput {
  subject: ScopeSubject;
  /** The whole source directory (groups carry the assignments users inherit). */
  source: SourceDirectory;
  app: Pick<AppDefinition, 'template' | 'scope' | 'requiredRoles'>;
  /** The object mapping's scoping filters, raw or compiled. */
  scopingFilters?: readonly ScopingFilter[] | CompiledScopingFilters;
  /** Attributes the filters read. @default the subject's own attributes, minus the scenario-only keys */
  attributes?: ScopingAttributes;
  settings: Pick<Settings, 'engine' | 'scoping'>;
  /** The scenario's clock: assignments younger than `engine.assignmentReplicationMinutes` are not seen yet. */
  clock: Clock;
}

/** How the subject is assigned to the app. */
export interface AssignmentInfo {
  assigned: boolean;
  /** `direct`, through an assigned group, or not at all. */
  via: 'direct' | 'group' | 'none';
  /** Display names of the assigned groups the user is an immediate member of. */
  groups: string[];
  /** App roles held (value or display name; `User` for a plain assignment). */
  roles: string[];
  /** Some assignment exists but is younger than the replication delay (§9.1). */
  pending: boolean;
}

/** Why the subject is out of scope: the first rule that failed, in evaluation order. */
export type OutOfScopeReason = 'inactive' | 'notInternalMember' | 'notAssigned' | 'missingRole' | 'scopingFilter' | 'invalidScopingFilter';

export interface ScopeDetermination {
  inScope: boolean;
  /** Step 3's evaluated conditions, in the portal's order. */
  facts: ScopeFact[];
  /** `IsActive`: enabled and not soft-deleted. */
  active: boolean;
  assignment: AssignmentInfo;
  /** "Sync all users and groups". */
  syncAll: boolean;
  hasRequiredRole: boolean;
  scoping: ScopingEvaluation;
  /**
   * IsSoftDeleted (§6.1): true when the object is soft-deleted, disabled, unassigned or fails the
   * scoping filters — i.e. whenever it is not in scope. Mapped to `active` it drives the disable.
   */
  isSoftDeleted: boolean;
  reason?: OutOfScopeReason;
}

const HR_TEMPLATES = new Set(['workday', 'successFactors']);
const USER_RESERVED = new Set(['assigned', 'assignments', 'deleted']);
const GROUP_RESERVED = new Set(['assigned', 'assignments', 'deleted', 'members']);

/** An internal member of the source tenant: not a guest (`userType`) and not an external (#EXT#) user. */
function isInternalMember(user: SourceUser): boolean {
  const userType = user['userType'];
  const upn = user.userPrincipalName ?? '';
  return !(typeof userType === 'string' && userType.toLowerCase() === 'guest') && !/#EXT#@/i.test(upn);
}

/** Determines whether an object is in scope and why, as on-demand step 3 reports it. */
export function determineScope(input: ScopeRuleInput): ScopeDetermination {
  const { subject, app } = input;
  const active = subject.objectType === 'user' ? subject.user.accountEnabled !== false && !subject.user.deleted : !subject.group.deleted;
  const syncAll = app.scope === 'all';
  const assignment = subject.objectType === 'user' ? userAssignment(subject.user, input) : groupAssignment(subject.group, input);
  const required = app.requiredRoles ?? [];
  // §6 step 4: since 2020 any assignment (Default Access included) satisfies the role rule unless
  // the app names required roles; with Sync all an unassigned object has nothing to be missing.
  const hasRequiredRole = required.length > 0 ? assignment.roles.some((r) => required.includes(r)) : assignment.assigned || syncAll;
  const scoping = evaluateScopingFilters(input.scopingFilters, input.attributes ?? ownAttributes(subject), input.settings.scoping);

  // §6 step 6: inbound HR apps have no assignments; scoping filters are the only rule.
  const hr = app.template !== undefined && HR_TEMPLATES.has(app.template);
  const entitled = hr || ((assignment.assigned || syncAll) && hasRequiredRole);
  // known-issues.md, cross-tenant synchronization: "Only internal member users from the source
  // tenant can be provisioned into the target tenant" — neither external users (#EXT#) nor
  // internal guests.
  const crossTenant = app.template === 'crossTenant';
  const internalMember = !crossTenant || subject.objectType !== 'user' || isInternalMember(subject.user);
  const reason: OutOfScopeReason | undefined =
    !hr && !active
      ? 'inactive'
      : !internalMember
        ? 'notInternalMember'
        : !hr && !(assignment.assigned || syncAll)
        ? 'notAssigned'
        : !hr && !hasRequiredRole
          ? 'missingRole'
          : scoping.error
            ? 'invalidScopingFilter'
            : !scoping.inScope
              ? 'scopingFilter'
              : undefined;
  const inScope = (hr || active) && internalMember && entitled && scoping.inScope;

  const facts: ScopeFact[] = [];
  if (!hr) {
    const entitledByScope = assignment.assigned || syncAll;
    facts.push(
      { label: 'Active in source system', value: bool(active), passed: active },
      ...(crossTenant && subject.objectType === 'user' ? [{ label: 'Internal member user', value: bool(internalMember), passed: internalMember }] : []),
      { label: 'Assigned to application', value: bool(assignment.assigned), passed: entitledByScope },
      { label: 'Scope sync all', value: bool(syncAll), passed: entitledByScope },
      { label: `${subject.objectType === 'user' ? 'User' : 'Group'} has required role`, value: bool(hasRequiredRole), passed: hasRequiredRole },
    );
  }
  for (const filter of scoping.filters) {
    for (const clause of filter.clauses) {
      const operand = clause.value === null ? '' : ` ${Array.isArray(clause.value) ? clause.value.join(', ') : clause.value}`;
      facts.push({
        label: `${filter.name} ${clause.attribute} ${clause.operator}${operand}`,
        value: clause.actual === null ? '' : Array.isArray(clause.actual) ? clause.actual.join(', ') : clause.actual,
        passed: clause.passed,
      });
    }
  }
  return {
    inScope,
    facts,
    active,
    assignment,
    syncAll,
    hasRequiredRole,
    scoping,
    isSoftDeleted: !inScope,
    ...(reason ? { reason } : {}),
  };
}

function bool(value: boolean): string {
  return value ? 'True' : 'False';
}

/** The assignments the provisioning service can see at the clock's time (§9.1 replication delay). */
function visibleAssignments(
  holder: { assigned?: boolean; assignments?: SourceAssignment[] },
  input: ScopeRuleInput,
): { visible: SourceAssignment[]; pending: boolean } {
  const all: SourceAssignment[] = [...(holder.assigned ? [{}] : []), ...(holder.assignments ?? [])];
  const delayMs = input.settings.engine.assignmentReplicationMinutes * 60_000;
  const now = input.clock.now();
  const visible = all.filter((a) => {
    const at = a.assignedAt === undefined ? Number.NaN : Date.parse(a.assignedAt);
    return Number.isNaN(at) || at + delayMs <= now;
  });
  return { visible, pending: visible.length < all.length };
}

function rolesOf(assignments: readonly SourceAssignment[]): string[] {
  return assignments.flatMap((a) => [a.role ?? 'User', ...(a.roleId ? [a.roleId] : [])]);
}

function userAssignment(user: SourceUser, input: ScopeRuleInput): AssignmentInfo {
  const direct = visibleAssignments(user, input);
  const roles = rolesOf(direct.visible);
  const groups: string[] = [];
  let pending = direct.pending;
  for (const group of input.source.groups ?? []) {
    // §6 step 3: immediate members of assigned, security-enabled groups only.
    if (group.deleted || group.securityEnabled === false) continue;
    if (!(group.members ?? []).some((ref) => refersTo(ref, user))) continue;
    const viaGroup = visibleAssignments(group, input);
    pending ||= viaGroup.pending;
    if (viaGroup.visible.length === 0) continue;
    groups.push(group.displayName);
    roles.push(...rolesOf(viaGroup.visible));
  }
  const via = direct.visible.length > 0 ? 'direct' : groups.length > 0 ? 'group' : 'none';
  return { assigned: via !== 'none', via, groups, roles: [...new Set(roles)], pending: via === 'none' && pending };
}

function groupAssignment(group: SourceGroup, input: ScopeRuleInput): AssignmentInfo {
  const { visible, pending } = visibleAssignments(group, input);
  const assigned = visible.length > 0;
  return { assigned, via: assigned ? 'direct' : 'none', groups: [], roles: [...new Set(rolesOf(visible))], pending: !assigned && pending };
}

/** Whether a group member reference (objectId, UPN or mail) names this user. */
function refersTo(ref: string, user: SourceUser): boolean {
  const lower = ref.toLowerCase();
  return [user.objectId, user.userPrincipalName, user.mail].some((id) => typeof id === 'string' && id.toLowerCase() === lower);
}

function ownAttributes(subject: ScopeSubject): ScopingAttributes {
  const reserved = subject.objectType === 'user' ? USER_RESERVED : GROUP_RESERVED;
  const object: Record<string, unknown> = subject.objectType === 'user' ? subject.user : subject.group;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(object)) if (!reserved.has(key)) out[key] = value;
  return out as ScopingAttributes;
}
