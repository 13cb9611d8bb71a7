import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../src/config/settings.js';
import { fixedClock } from '../../src/core/determinism.js';
import { determineScope, type ScopeRuleInput } from '../../src/scoping/scope-rules.js';
import type { ScopingFilter } from '../../src/scoping/types.js';
import type { SourceDirectory, SourceGroup, SourceUser } from '../../src/source/types.js';

const NOW = '2026-01-01T00:00:00Z';

function scope(user: SourceUser, more: Partial<Omit<ScopeRuleInput, 'subject'>> & { groups?: SourceGroup[] } = {}) {
  const source: SourceDirectory = { users: [user], groups: more.groups ?? [] };
  return determineScope({
    subject: { objectType: 'user', user },
    source,
    app: more.app ?? { scope: 'assigned' },
    settings: more.settings ?? defaultSettings,
    clock: more.clock ?? fixedClock(NOW),
    ...(more.scopingFilters ? { scopingFilters: more.scopingFilters } : {}),
    ...(more.attributes ? { attributes: more.attributes } : {}),
  });
}

const alice: SourceUser = { userPrincipalName: 'alice@contoso.com', mail: 'alice@contoso.com', department: 'Sales', accountEnabled: true };

describe('scope rules (entra-semantics.md §6)', () => {
  it('an active, directly assigned user is in scope; facts read like on-demand step 3', () => {
    const result = scope({ ...alice, assigned: true });
    expect(result.inScope).toBe(true);
    expect(result.isSoftDeleted).toBe(false);
    expect(result.facts).toEqual([
      { label: 'Active in source system', value: 'True', passed: true },
      { label: 'Assigned to application', value: 'True', passed: true },
      { label: 'Scope sync all', value: 'False', passed: true },
      { label: 'User has required role', value: 'True', passed: true },
    ]);
    expect(result.assignment).toMatchObject({ via: 'direct', roles: ['User'] });
  });

  it.each([
    ['disabled', { accountEnabled: false, assigned: true }, 'inactive'],
    ['soft-deleted', { deleted: true, assigned: true }, 'inactive'],
    ['unassigned', {}, 'notAssigned'],
  ] as const)('a %s user is out of scope and IsSoftDeleted (§6.1)', (_label, change, reason) => {
    const result = scope({ ...alice, ...change });
    expect(result).toMatchObject({ inScope: false, isSoftDeleted: true, reason });
  });

  it('an unassigned user shows Assigned to application False and no role', () => {
    const result = scope(alice);
    expect(result.facts.slice(1).map((f) => [f.label, f.value, f.passed])).toEqual([
      ['Assigned to application', 'False', false],
      ['Scope sync all', 'False', false],
      ['User has required role', 'False', false],
    ]);
  });

  it('Sync all puts an unassigned user in scope', () => {
    const result = scope(alice, { app: { scope: 'all' } });
    expect(result.inScope).toBe(true);
    expect(result.facts.map((f) => [f.label, f.value])).toEqual([
      ['Active in source system', 'True'],
      ['Assigned to application', 'False'],
      ['Scope sync all', 'True'],
      ['User has required role', 'True'],
    ]);
  });

  it('Sync all still requires an active user', () => {
    expect(scope({ ...alice, accountEnabled: false }, { app: { scope: 'all' } })).toMatchObject({ inScope: false, reason: 'inactive' });
  });

  describe('assignment through groups', () => {
    const sales: SourceGroup = { displayName: 'Sales', assigned: true, members: ['ALICE@contoso.com'] };

    it('an immediate member of an assigned group is assigned, with the group role', () => {
      const result = scope(alice, { groups: [{ ...sales, assigned: false, assignments: [{ role: 'Admin' }] }] });
      expect(result.inScope).toBe(true);
      expect(result.assignment).toMatchObject({ via: 'group', groups: ['Sales'], roles: ['Admin'] });
    });

    it('nested groups are not followed', () => {
      const inner: SourceGroup = { displayName: 'Inner', members: ['alice@contoso.com'] };
      const outer: SourceGroup = { displayName: 'Outer', assigned: true, members: ['Inner'] };
      expect(scope(alice, { groups: [inner, outer] })).toMatchObject({ inScope: false, reason: 'notAssigned' });
    });

    it('groups that are not security-enabled, deleted or unassigned do not assign', () => {
      expect(scope(alice, { groups: [{ ...sales, securityEnabled: false }] }).inScope).toBe(false);
      expect(scope(alice, { groups: [{ ...sales, deleted: true }] }).inScope).toBe(false);
      expect(scope(alice, { groups: [{ ...sales, assigned: false }] }).inScope).toBe(false);
    });

    it('members may be referenced by objectId', () => {
      const user = { ...alice, objectId: '11111111-1111-1111-1111-111111111111' };
      expect(scope(user, { groups: [{ ...sales, members: [user.objectId] }] }).inScope).toBe(true);
    });
  });

  describe('required roles (§6 step 4)', () => {
    it('any assignment satisfies an app without required roles, Default Access included', () => {
      expect(scope({ ...alice, assignments: [{ role: 'User' }] }).hasRequiredRole).toBe(true);
    });

    it('an app with required roles needs one of them', () => {
      const app = { scope: 'assigned' as const, requiredRoles: ['Admin'] };
      expect(scope({ ...alice, assignments: [{ role: 'User' }] }, { app })).toMatchObject({ inScope: false, reason: 'missingRole', isSoftDeleted: true });
      expect(scope({ ...alice, assignments: [{ role: 'User' }, { role: 'Admin' }] }, { app }).inScope).toBe(true);
      expect(scope({ ...alice, assignments: [{ role: 'Reader', roleId: 'r-1' }] }, { app: { ...app, requiredRoles: ['r-1'] } }).inScope).toBe(true);
    });
  });

  describe('assignment replication (engine.assignmentReplicationMinutes)', () => {
    const settings = { ...defaultSettings, engine: { ...defaultSettings.engine, assignmentReplicationMinutes: 10 } };
    const fresh = { ...alice, assignments: [{ role: 'User', assignedAt: '2025-12-31T23:55:00Z' }] };

    it('an assignment younger than the delay is not seen yet', () => {
      const result = scope(fresh, { settings });
      expect(result).toMatchObject({ inScope: false, reason: 'notAssigned' });
      expect(result.assignment.pending).toBe(true);
    });

    it('it is seen once the delay has passed, and always with the default of 0', () => {
      expect(scope(fresh, { settings, clock: fixedClock('2026-01-01T00:05:00Z') }).inScope).toBe(true);
      expect(scope(fresh).inScope).toBe(true);
    });
  });

  describe('scoping filters', () => {
    const filters: ScopingFilter[] = [
      { name: 'Sales only', clauses: [{ attribute: 'department', operator: 'EQUALS', value: 'Sales' }, { attribute: 'jobTitle', operator: 'IS NOT NULL' }] },
    ];

    it('adds one fact per clause: {filter title} {attribute} {operator} {value}', () => {
      const result = scope({ ...alice, assigned: true, jobTitle: 'Rep' }, { scopingFilters: filters });
      expect(result.inScope).toBe(true);
      expect(result.facts.slice(4)).toEqual([
        { label: 'Sales only department EQUALS Sales', value: 'Sales', passed: true },
        { label: 'Sales only jobTitle IS NOT NULL', value: 'Rep', passed: true },
      ]);
    });

    it('a failing filter puts the user out of scope and makes IsSoftDeleted true', () => {
      const result = scope({ ...alice, assigned: true }, { scopingFilters: filters });
      expect(result).toMatchObject({ inScope: false, isSoftDeleted: true, reason: 'scopingFilter' });
      expect(result.facts.at(-1)).toEqual({ label: 'Sales only jobTitle IS NOT NULL', value: '', passed: false });
    });

    it('the scenario-only keys are not attributes the filters can read', () => {
      const f: ScopingFilter[] = [{ clauses: [{ attribute: 'assigned', operator: 'IS NULL' }] }];
      expect(scope({ ...alice, assigned: true }, { scopingFilters: f }).inScope).toBe(true);
    });

    it('explicit attributes replace the object’s own', () => {
      expect(scope({ ...alice, assigned: true }, { scopingFilters: filters, attributes: { department: 'Sales', jobTitle: 'x' } }).inScope).toBe(true);
    });

    it('an invalid comparison fails as invalid scoping', () => {
      const f: ScopingFilter[] = [{ clauses: [{ attribute: 'employeeId', operator: 'Greater_Than', value: '10' }] }];
      const result = scope({ ...alice, assigned: true, employeeId: 'E-12' }, { scopingFilters: f });
      expect(result).toMatchObject({ inScope: false, reason: 'invalidScopingFilter' });
      expect(result.scoping.error?.code).toBe('SCOPING_NOT_INTEGER_ATTRIBUTE');
    });
  });

  it('HR apps have no assignments: scoping filters alone decide, and only they are listed', () => {
    const filters: ScopingFilter[] = [{ name: 'Employees', clauses: [{ attribute: 'EmployeeID', operator: 'IS NOT NULL' }] }];
    const worker: SourceUser = { workerId: '21001', EmployeeID: '21001' };
    const result = scope(worker, { app: { template: 'workday' }, scopingFilters: filters });
    expect(result.inScope).toBe(true);
    expect(result.facts).toEqual([{ label: 'Employees EmployeeID IS NOT NULL', value: '21001', passed: true }]);
    expect(scope({ workerId: '7' }, { app: { template: 'workday' }, scopingFilters: filters }).isSoftDeleted).toBe(true);
  });

  // known-issues.md, cross-tenant synchronization: "Only internal member users from the source
  // tenant can be provisioned into the target tenant."
  it.each([
    { name: 'an internal member', user: { ...alice, assigned: true }, inScope: true },
    { name: 'a member with userType Member', user: { ...alice, userType: 'Member', assigned: true }, inScope: true },
    { name: 'an internal guest', user: { ...alice, userType: 'Guest', assigned: true }, inScope: false },
    { name: 'an external (#EXT#) user', user: { ...alice, userPrincipalName: 'bob_fabrikam.com#EXT#@contoso.onmicrosoft.com', assigned: true }, inScope: false },
  ])('cross-tenant synchronization provisions $name: $inScope', ({ user, inScope }) => {
    const result = scope(user, { app: { template: 'crossTenant', scope: 'assigned' } });
    expect(result).toMatchObject({ inScope, isSoftDeleted: !inScope, ...(inScope ? {} : { reason: 'notInternalMember' }) });
    expect(result.facts[1]).toEqual({ label: 'Internal member user', value: inScope ? 'True' : 'False', passed: inScope });
    // Other templates provision guests and external users alike.
    expect(scope(user, { app: { scope: 'assigned' } }).inScope).toBe(true);
  });

  it('groups: a directly assigned group is in scope; the role fact names the group', () => {
    const group: SourceGroup = { displayName: 'Sales', assigned: true };
    const result = determineScope({
      subject: { objectType: 'group', group },
      source: { groups: [group] },
      app: { scope: 'assigned' },
      settings: defaultSettings,
      clock: fixedClock(NOW),
    });
    expect(result.inScope).toBe(true);
    expect(result.facts.map((f) => f.label)).toContain('Group has required role');
    const unassigned = determineScope({
      subject: { objectType: 'group', group: { displayName: 'Other' } },
      source: { groups: [] },
      app: { scope: 'assigned' },
      settings: defaultSettings,
      clock: fixedClock(NOW),
    });
    expect(unassigned).toMatchObject({ inScope: false, reason: 'notAssigned' });
  });
});
