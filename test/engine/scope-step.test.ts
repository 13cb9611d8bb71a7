import { describe as suite, expect, it } from 'vitest';
import type { AppDefinition } from '../../src/app/types.js';
import { defaultSettings, type Settings } from '../../src/config/settings.js';
import { fixedClock } from '../../src/core/determinism.js';
import { ObjectRecorder } from '../../src/engine/recorder.js';
import { scopeStep, type ScopeStepInput } from '../../src/engine/steps/scope.js';
import { compileScopingFilters } from '../../src/scoping/compile.js';
import { determineScope } from '../../src/scoping/scope-rules.js';
import type { ScopingFilter } from '../../src/scoping/types.js';
import type { SourceUser } from '../../src/source/types.js';

const clock = fixedClock('2026-01-01T00:00:00Z');
const text = { objectType: 'user' as const, id: 'alice@contoso.com', source: 'Azure Active Directory', target: 'scim' };
const app: AppDefinition = { target: { url: 'https://scim.example.test' }, objects: { user: { mappings: [] } } };

function run(user: SourceUser, options: {
  app?: Partial<AppDefinition>;
  filters?: ScopingFilter[];
  canDeprovision?: boolean;
  engine?: Partial<Settings['engine']>;
} = {}) {
  const compiled = compileScopingFilters(options.filters ?? []);
  if (!compiled.ok) throw new Error('bad filters');
  const settings = { ...defaultSettings, engine: { ...defaultSettings.engine, ...options.engine } };
  const fullApp = { ...app, ...options.app };
  const determination = determineScope({
    subject: { objectType: 'user', user },
    source: { users: [user] },
    app: fullApp,
    scopingFilters: compiled.compiled,
    settings,
    clock,
  });
  const input: ScopeStepInput = { determination, app: fullApp, settings, canDeprovision: options.canDeprovision ?? true };
  const recorder = new ObjectRecorder('user', clock);
  const result = scopeStep(input, recorder, text);
  return { result, recorded: recorder.recorded[0] };
}

const alice: SourceUser = { userPrincipalName: 'alice@contoso.com', department: 'Sales', assigned: true };
const sales: ScopingFilter[] = [{ name: 'Sales only', clauses: [{ attribute: 'department', operator: 'EQUALS', value: 'Sales' }] }];

suite('scope step', () => {
  it.each([
    { name: 'assigned, no filters', user: alice, kind: 'inScope', status: 'success' },
    { name: 'sync all, unassigned', user: { ...alice, assigned: false }, app: { scope: 'all' as const }, kind: 'inScope', status: 'success' },
    { name: 'passes the filter', user: alice, filters: sales, kind: 'inScope', status: 'success' },
    { name: 'unassigned: deprovision', user: { ...alice, assigned: false }, kind: 'deprovision', status: 'skipped' },
    { name: 'unassigned with SkipOutOfScopeDeletions', user: { ...alice, assigned: false }, app: { skipOutOfScopeDeletions: true }, kind: 'skip', status: 'skipped', skipReason: 'NotEffectivelyEntitled' },
    // "SkipOutOfScopeDeletions doesn't work for cross-tenant synchronization" (skip-out-of-scope-deletions.md).
    { name: 'unassigned with SkipOutOfScopeDeletions on a cross-tenant job', user: { ...alice, assigned: false }, app: { skipOutOfScopeDeletions: true, template: 'crossTenant' as const }, kind: 'deprovision', status: 'skipped' },
    { name: 'unassigned without IsSoftDeleted mapping', user: { ...alice, assigned: false }, canDeprovision: false, kind: 'skip', status: 'skipped', skipReason: 'NotEffectivelyEntitled' },
    { name: 'disabled in the source', user: { ...alice, accountEnabled: false }, kind: 'skip', status: 'skipped', skipReason: 'NotActiveInSource' },
    { name: 'fails the filter', user: { ...alice, department: 'Marketing' }, filters: sales, kind: 'skip', status: 'skipped', skipReason: 'ScopingFilterNotSatisfied' },
    { name: 'fails the filter, deprovisionWhen outOfScope', user: { ...alice, department: 'Marketing' }, filters: sales, engine: { deprovisionWhen: 'outOfScope' as const }, kind: 'deprovision', status: 'skipped' },
    { name: 'missing required role', user: alice, app: { requiredRoles: ['Admin'] }, kind: 'skip', status: 'skipped', skipReason: 'NotEffectivelyEntitled' },
    {
      name: 'Greater_Than on a non-integer',
      user: { ...alice, employeeId: 'E-1' },
      filters: [{ clauses: [{ attribute: 'employeeId', operator: 'Greater_Than' as const, value: 5 }] }],
      kind: 'failure',
      status: 'failure',
    },
  ])('$name → $kind', (row) => {
    const { result, recorded } = run(row.user, { ...row, app: row.app ?? {} });
    expect(result.kind).toBe(row.kind);
    expect(recorded?.step).toMatchObject({ key: 'scope', title: 'Determine if user is in scope', status: row.status });
    expect(recorded?.graph).toMatchObject({ name: 'EntrySynchronizationScoping', provisioningStepType: 'scoping', status: row.status });
    if (row.skipReason) {
      expect(result).toMatchObject({ skipReason: row.skipReason });
      expect(recorded?.graph.details.SkipReason).toBe(row.skipReason);
    }
    if (result.kind === 'failure') {
      expect(result.error).toMatchObject({ errorCode: 'InvalidScopingFilter', errorCategory: 'nonServiceFailure' });
      expect(result.error.recommendedAction).toMatch(/Greater_Than/);
    }
  });

  it('lists the facts the portal shows, and their Graph keys', () => {
    const { recorded } = run({ ...alice, department: 'Marketing' }, { filters: sales });
    expect(recorded?.step.details).toEqual({
      inScope: false,
      facts: [
        { label: 'Active in source system', value: 'True', passed: true },
        { label: 'Assigned to application', value: 'True', passed: true },
        { label: 'Scope sync all', value: 'False', passed: true },
        { label: 'User has required role', value: 'True', passed: true },
        { label: 'Sales only department EQUALS Sales', value: 'Marketing', passed: false },
      ],
    });
    expect(recorded?.graph.details).toEqual({
      IsActive: 'True',
      Assigned: 'True',
      ScopeSyncAll: 'False',
      HasRequiredRole: 'True',
      IsEffectivelyEntitledForProvisioning: 'True',
      IsInProvisioningScopeDisplayName: 'False',
      ScopeEvaluationResult: '{"Sales only department EQUALS Sales":"False"}',
      SkipReason: 'ScopingFilterNotSatisfied',
    });
    expect(recorded?.step.description).toBe("User 'alice@contoso.com' is not in scope for provisioning: it does not satisfy any scoping filter");
  });

  it('says why an out-of-scope user is left untouched', () => {
    expect(run({ ...alice, assigned: false }, { app: { skipOutOfScopeDeletions: true } }).recorded?.step.description).toMatch(/SkipOutOfScopeDeletions/);
    expect(run({ ...alice, assigned: false }, { canDeprovision: false }).recorded?.step.description).toMatch(/IsSoftDeleted/);
    expect(run({ ...alice, assigned: false, assignments: [{ role: 'User', assignedAt: '2025-12-31T23:59:00Z' }] }, { engine: { assignmentReplicationMinutes: 5 } }).recorded?.step.description)
      .toMatch(/not replicated/);
  });
  it.each([
    { name: 'unassigned group', group: { displayName: 'Sales', assigned: false }, why: /^Group 'Sales' is not in scope for provisioning: it is not assigned to the application;/ },
    { name: 'deleted group', group: { displayName: 'Sales', assigned: true, deleted: true }, why: /^Group 'Sales' is not in scope for provisioning: it is soft-deleted in the source system, and on-demand provisioning does not delete such objects$/ },
  ])('explains an out-of-scope group in group terms ($name)', ({ group, why }) => {
    // Groups are assigned only directly and can only be deleted, not disabled: no talk of
    // "an assigned group it is an immediate member of" or of disabling.
    const determination = determineScope({ subject: { objectType: 'group', group }, source: { groups: [group] }, app, settings: defaultSettings, clock });
    const recorder = new ObjectRecorder('group', clock);
    scopeStep({ determination, app, settings: defaultSettings, canDeprovision: false }, recorder, { ...text, objectType: 'group', id: 'Sales' });
    const description = recorder.recorded[0]?.step.description ?? '';
    expect(description).toMatch(why);
    expect(description).not.toMatch(/immediate member|disable/i);
  });
});
