/**
 * App-role assignments (entra-semantics.md §3): AppRoleAssignmentsComplex,
 * AssertiveAppRoleAssignmentsComplex, SingleAppRoleAssignment. They read `[appRoleAssignments]`,
 * whose values may be role values (strings) or objects with `value` (or `role`), `displayName`
 * (or `display`) and `id` (or `roleId`/`appRoleId`).
 */
import { Complex, renderScalar, type Scalar, type Value } from '../value.js';
import type { EagerFunction } from './types.js';
import type { SourceAttributeValue } from '../../source/types.js';

/** One assignment, normalised. */
interface Role {
  id: string | undefined;
  value: string;
  displayName: string;
}

function field(fields: Readonly<Record<string, SourceAttributeValue>>, ...names: string[]): string | undefined {
  for (const name of names) {
    const v = fields[name];
    if (v !== undefined && v !== null && typeof v !== 'object') return String(v);
  }
  return undefined;
}

function rolesOf(value: Value | undefined): Role[] {
  if (value === null || value === undefined) return [];
  const items = Array.isArray(value) ? (value as readonly Scalar[]) : [value as Scalar];
  const out: Role[] = [];
  for (const item of items) {
    if (item instanceof Complex) {
      const roleValue = field(item.fields, 'value', 'role', 'appRoleValue');
      const displayName = field(item.fields, 'displayName', 'display', 'appRoleDisplayName');
      if (roleValue === undefined && displayName === undefined) continue;
      out.push({ id: field(item.fields, 'id', 'roleId', 'appRoleId'), value: roleValue ?? displayName!, displayName: displayName ?? roleValue! });
    } else {
      const text = renderScalar(item);
      if (text !== '') out.push({ id: undefined, value: text, displayName: text });
    }
  }
  return out;
}

/** Every role as a SCIM `roles` entry `{primary:false, type, displayName, value}` (§3). */
export const AppRoleAssignmentsComplex: EagerFunction = {
  name: 'AppRoleAssignmentsComplex',
  summary: 'every app-role assignment as a SCIM roles entry',
  params: [{ name: '[appRoleAssignments]' }],
  call([value]) {
    const roles = rolesOf(value);
    if (roles.length === 0) return null;
    return roles.map(
      (r) => new Complex({ primary: false, type: 'WindowsAzureActiveDirectoryRole', displayName: r.displayName, value: r.value, ...(r.id ? { id: r.id } : {}) }),
    );
  },
};

/** Like AppRoleAssignmentsComplex; entries use `display` (CA), and the update replaces all roles. */
export const AssertiveAppRoleAssignmentsComplex: EagerFunction = {
  name: 'AssertiveAppRoleAssignmentsComplex',
  summary: 'every app-role assignment as a SCIM roles entry, replacing the target roles on update',
  params: [{ name: '[appRoleAssignments]' }],
  call([value]) {
    const roles = rolesOf(value);
    if (roles.length === 0) return null;
    return roles.map((r) => new Complex({ primary: false, type: 'WindowsAzureActiveDirectoryRole', display: r.displayName, value: r.value }));
  },
};

/** One role's value; which one wins with several roles is undefined in Entra: the first here (§3). */
export const SingleAppRoleAssignment: EagerFunction = {
  name: 'SingleAppRoleAssignment',
  summary: "the value of the user's app role (only for users with one role)",
  params: [{ name: '[appRoleAssignments]' }],
  call([value]) {
    return rolesOf(value)[0]?.value ?? null;
  },
};

export const roleFunctions = [AppRoleAssignmentsComplex, AssertiveAppRoleAssignmentsComplex, SingleAppRoleAssignment];
