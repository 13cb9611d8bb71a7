/**
 * The attributes a source object exposes to mappings and scoping filters: what the scenario wrote,
 * plus the ones the directory computes (objectId, accountEnabled, the manager reference,
 * appRoleAssignments — direct and through assigned groups). IsSoftDeleted is a scope fact and is added by the scope rules.
 */
import type { DirectoryGroup, DirectoryUser, SourceIndex } from './directory.js';
import type { SourceAssignment, SourceAttributeValue } from './types.js';

/** Keys of a scenario's user entry that are not source attributes themselves. */
const RESERVED_USER_KEYS = new Set(['assigned', 'assignments', 'deleted', 'manager']);
const RESERVED_GROUP_KEYS = new Set(['assigned', 'assignments', 'deleted', 'members']);

/** The role a bare `assigned: true` stands for (Default Access). */
export const DEFAULT_ACCESS_ROLE = 'User';

export type SourceAttributes = Record<string, SourceAttributeValue>;

/** A user's source attributes. */
export function userAttributes(user: DirectoryUser, index: SourceIndex): SourceAttributes {
  const out: SourceAttributes = {};
  for (const [key, value] of Object.entries(user.entry)) {
    if (RESERVED_USER_KEYS.has(key) || value === undefined) continue;
    out[key] = value as SourceAttributeValue;
  }
  const guest = typeof user.entry.userPrincipalName === 'string' ? b2bUserPrincipalName(user.entry.userPrincipalName) : undefined;
  if (guest) {
    out.userPrincipalName = guest;
    out.originalUserPrincipalName ??= user.entry.userPrincipalName as string;
  }
  out.objectId = user.objectId;
  out.accountEnabled = user.entry.accountEnabled !== false;
  const manager = managerOf(user, index);
  if (manager) out.manager = manager.objectId;
  else if (typeof user.entry.manager === 'string') out.manager = user.entry.manager;
  const roles = uniqueRoles([...assignmentsOf(user.entry.assigned, user.entry.assignments), ...groupRolesOf(user, index)]);
  if (roles.length > 0) {
    out.appRoleAssignments = roles.map((a) => ({
      ...(a.roleId ? { appRoleId: a.roleId } : {}),
      displayName: a.role ?? DEFAULT_ACCESS_ROLE,
      value: a.role ?? DEFAULT_ACCESS_ROLE,
    }));
  }
  return out;
}

/** A B2B collaboration user's UPN: `alias_theirdomain#EXT#@yourdomain`. */
const B2B_UPN = /^(.+)_([^_@#]+)#EXT#@[^@]+$/i;

/**
 * The userPrincipalName the provisioning service presents for a B2B user (how-provisioning-works.md,
 * "B2B (guest) users"): "the #EXT# and your domain is stripped from the userPrincipalName, so only
 * their original alias@theirdomain is used for matching or provisioning"; the raw value stays
 * available as `originalUserPrincipalName`. The external address's `@` became the last `_`.
 * Undefined for any other UPN.
 */
export function b2bUserPrincipalName(upn: string): string | undefined {
  const match = B2B_UPN.exec(upn);
  return match ? `${match[1]}@${match[2]}` : undefined;
}

/** A group's source attributes. */
export function groupAttributes(group: DirectoryGroup): SourceAttributes {
  const out: SourceAttributes = {};
  for (const [key, value] of Object.entries(group.entry)) {
    if (RESERVED_GROUP_KEYS.has(key) || value === undefined) continue;
    out[key] = value as SourceAttributeValue;
  }
  out.objectId = group.objectId;
  return out;
}

/** The user's manager in the source, when the reference resolves. */
export function managerOf(user: DirectoryUser, index: SourceIndex): DirectoryUser | undefined {
  return typeof user.entry.manager === 'string' ? index.findUser(user.entry.manager) : undefined;
}

/**
 * The roles a user holds through groups: "If an app role is assigned to a group, direct members of
 * the group are also considered to have been assigned the app role" (Graph, appRoleAssignment
 * resource type). Immediate members of assigned, security-enabled groups only, as for scope
 * (entra-semantics.md §6 step 3).
 */
function groupRolesOf(user: DirectoryUser, index: SourceIndex): SourceAssignment[] {
  return index.groups.flatMap((group) => {
    const { entry } = group;
    if (entry.deleted || entry.securityEnabled === false) return [];
    if (!(entry.members ?? []).some((ref) => index.findUser(ref) === user)) return [];
    return assignmentsOf(entry.assigned, entry.assignments);
  });
}

/** Each role once (by role and role id), first occurrence kept. */
function uniqueRoles(assignments: SourceAssignment[]): SourceAssignment[] {
  const seen = new Set<string>();
  return assignments.filter((a) => {
    const key = `${a.role ?? DEFAULT_ACCESS_ROLE}\u0000${a.roleId ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Direct assignments, with `assigned: true` read as one Default Access assignment. */
export function assignmentsOf(assigned: boolean | undefined, assignments: SourceAssignment[] | undefined): SourceAssignment[] {
  if (assignments && assignments.length > 0) return assignments;
  return assigned === true ? [{ role: DEFAULT_ACCESS_ROLE }] : [];
}
