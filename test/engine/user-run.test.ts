import { describe, expect, it } from 'vitest';
import { alice, bob, bodies, ENTERPRISE, makeApp, requests, run, step, userMappings } from './helpers.js';

const linkedAlice = {
  id: 't-alice',
  userName: 'alice@contoso.com',
  externalId: 'alice',
  active: true,
  displayName: 'Alice Smith',
  emails: [{ type: 'work', value: 'alice@contoso.com', primary: true }],
  [ENTERPRISE]: { department: 'Sales' },
};

describe('user run: step 1, test connection', () => {
  it('is hidden when it succeeds, and its probe uses the first matching attribute', async () => {
    const result = await run();
    const tc = step(result.result, 'testConnection');
    expect(tc).toMatchObject({ status: 'success', shownInPortal: false, title: 'Test connection' });
    expect(tc?.details.request).toMatch(/^GET \/Users\?filter=userName eq "[0-9a-f-]{36}"$/);
    expect(result.exchanges[0]?.step).toBe('testConnection');
    expect(result.result.summary.provisioningSteps.map((s) => s.name)).not.toContain('EntryTestConnection');
  });

  it.each([
    { status: 401, code: 'SystemForCrossDomainIdentityManagementCredentialValidationFailure' },
    { status: 404, code: 'SystemForCrossDomainIdentityManagementNotFound' },
  ])('a $status ends the run with $code', async ({ status, code }) => {
    const result = await run({ target: { faults: [{ on: 'testConnection', status }] } });
    expect(result.result).toMatchObject({ status: 'failure', action: 'none', error: { errorCode: expect.stringMatching(/^SystemForCrossDomainIdentityManagement/) } });
    if (status === 401) expect(result.result.error?.errorCode).toBe(code);
    expect(result.result.steps.map((s) => [s.key, s.status, s.shownInPortal])).toEqual([['testConnection', 'failure', true]]);
    expect(result.exchanges).toHaveLength(1);
    expect(result.result.summary.provisioningSteps).toMatchObject([{ name: 'EntryTestConnection', status: 'failure' }]);
    expect(result.result.error?.recommendedAction).toBeTruthy();
  });
});

describe('user run: step 2, import', () => {
  it('shows the attributes the mappings read, null ones absent', async () => {
    const result = await run({ source: { users: [{ ...alice, department: undefined, mail: undefined }] } });
    expect(step(result.result, 'import')?.details.attributes).toEqual({
      userPrincipalName: 'alice@contoso.com',
      mailNickname: 'alice',
      IsSoftDeleted: 'False',
      displayName: 'Alice Smith',
    });
  });

  it('fails with ImportSkipped when no matching attribute has a value, and evaluates nothing else', async () => {
    const result = await run({ source: { users: [{ objectId: 'x', displayName: 'Nameless', mail: 'n@c.com', assigned: true }] }, subject: { user: 'Nameless' } });
    expect(result.result).toMatchObject({ status: 'failure', action: 'none', error: { errorCode: 'ImportSkipped', errorCategory: 'nonServiceFailure' } });
    expect(result.result.steps.map((s) => [s.key, s.status])).toEqual([['testConnection', 'success'], ['import', 'failure']]);
    expect(requests(result)).toHaveLength(1);
  });

  it('matches on the next attribute when the first has no value', async () => {
    const result = await run({ source: { users: [{ ...alice, userPrincipalName: undefined }] }, subject: { user: 'Alice Smith' } });
    expect(step(result.result, 'match')?.details.attempts.map((a) => a.attribute)).toEqual(['externalId']);
  });

  it('fails when a matching expression cannot be evaluated', async () => {
    const app = makeApp({}, { mappings: [{ target: 'userName', expression: 'Mid([userPrincipalName], "x", 2)', match: 1 }] });
    const result = await run({ app });
    expect(result.result).toMatchObject({ status: 'failure', error: { errorCode: 'ExpressionEvaluationFailure', additionalDetails: expect.stringMatching(/^EXPR_/) } });
    expect(step(result.result, 'import')?.status).toBe('failure');
  });
});

describe('user run: step 3, scope', () => {
  it('skips a user failing a scoping filter, before any matching query', async () => {
    const app = makeApp({}, { scopingFilters: [{ name: 'Marketing', clauses: [{ attribute: 'department', operator: 'EQUALS', value: 'Marketing' }] }] });
    const result = await run({ app });
    expect(result.result).toMatchObject({ status: 'skipped', action: 'other', skipReason: 'ScopingFilterNotSatisfied' });
    expect(result.result.steps.map((s) => s.key)).toEqual(['testConnection', 'import', 'scope']);
    expect(result.exchanges).toHaveLength(1);
    expect(JSON.parse(result.result.onDemandResponse.key)).toMatchObject({ result: 'Skipped', details: { errorCode: 'ScopingFilterNotSatisfied' } });
  });

  it('shows in Import the value a scoping filter reads under a name spelled in another case', async () => {
    // Scoping filters find attributes ignoring case (docs/scoping.md); Import lists what they read.
    const app = makeApp({}, { scopingFilters: [{ name: 'Sales', clauses: [{ attribute: 'Department', operator: 'EQUALS', value: 'Sales' }] }] });
    const result = await run({ app });
    expect(step(result.result, 'scope')?.details.facts.at(-1)).toEqual({ label: 'Sales Department EQUALS Sales', value: 'Sales', passed: true });
    expect(step(result.result, 'import')?.details.attributes).toMatchObject({ Department: 'Sales' });
  });

  it('fails on an invalid scoping filter', async () => {
    const app = makeApp({}, { scopingFilters: [{ clauses: [{ attribute: 'department', operator: 'Greater_Than', value: 3 }] }] });
    const result = await run({ app });
    expect(result.result).toMatchObject({ status: 'failure', error: { errorCode: 'InvalidScopingFilter' } });
  });

  it('disables a user unassigned from the app who exists in the target (default PATCH dialect)', async () => {
    const result = await run({ source: { users: [{ ...alice, assigned: false }] }, target: { users: [linkedAlice] } });
    expect(result.result).toMatchObject({ status: 'success', action: 'disable', targetId: 't-alice' });
    expect(step(result.result, 'scope')?.status).toBe('skipped');
    expect(bodies(result, 'PATCH')).toEqual([
      { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'Replace', path: 'active', value: 'False' }] },
    ]);
    expect(step(result.result, 'action')?.details).toMatchObject({ action: 'disable', modifiedProperties: [{ displayName: 'active', oldValue: 'True', newValue: 'False' }] });
    expect(result.result.summary).toMatchObject({ provisioningAction: 'disable', provisioningSteps: expect.arrayContaining([expect.objectContaining({ name: 'EntryExportUpdate' })]) });
    expect(result.target.users[0]?.active).toBe(false);
  });

  it('disables with the aadOptscim062020 dialect when the setting forces it', async () => {
    const result = await run({
      source: { users: [{ ...alice, assigned: false }] },
      target: { users: [linkedAlice] },
      settings: { scim: { patchDialect: 'aadOptscim062020' } },
    });
    expect(bodies(result, 'PATCH')).toEqual([
      { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', path: 'active', value: false }] },
    ]);
  });

  it('skips an unassigned user who is already disabled (RedundantExport)', async () => {
    const result = await run({ source: { users: [{ ...alice, assigned: false }] }, target: { users: [{ ...linkedAlice, active: false }] } });
    expect(result.result).toMatchObject({ status: 'skipped', action: 'skip', skipReason: 'RedundantExport' });
    expect(bodies(result, 'PATCH')).toEqual([]);
  });

  it('skips an unassigned user who is not in the target', async () => {
    const result = await run({ source: { users: [{ ...alice, assigned: false }] } });
    expect(result.result).toMatchObject({ status: 'skipped', action: 'other', skipReason: 'NotEffectivelyEntitled' });
    expect(step(result.result, 'action')).toMatchObject({ status: 'skipped', details: { skipReason: 'NotEffectivelyEntitled' } });
    expect(requests(result).filter((r) => !r.startsWith('GET'))).toEqual([]);
  });

  it('leaves an unassigned user alone when the IsSoftDeleted mapping applies only during object creation', async () => {
    // A disable is an update; an "Only during object creation" mapping never flows on one, so
    // nothing can disable her — step 3 says so instead of announcing a deprovisioning that
    // then reads as "already in sync".
    const mappings = userMappings.map((m) => (m.target === 'active' ? { ...m, apply: 'create' as const } : m));
    const result = await run({ app: makeApp({}, { mappings }), source: { users: [{ ...alice, assigned: false }] }, target: { users: [linkedAlice] } });
    expect(result.result).toMatchObject({ status: 'skipped', action: 'other', skipReason: 'NotEffectivelyEntitled' });
    expect(step(result.result, 'scope')?.description).toMatch(/no IsSoftDeleted mapping applied on updates to disable it with/);
    expect(result.exchanges).toHaveLength(1);
  });

  it('leaves an unassigned user alone with SkipOutOfScopeDeletions', async () => {
    const result = await run({ app: makeApp({ skipOutOfScopeDeletions: true }), source: { users: [{ ...alice, assigned: false }] }, target: { users: [linkedAlice] } });
    expect(result.result).toMatchObject({ status: 'skipped', action: 'other', skipReason: 'NotEffectivelyEntitled' });
    expect(result.exchanges).toHaveLength(1);
  });

  it('deletes instead with deprovisionAction delete, when the Delete action is ticked', async () => {
    const result = await run({ source: { users: [{ ...alice, assigned: false }] }, target: { users: [linkedAlice] }, settings: { engine: { deprovisionAction: 'delete' } } });
    expect(result.result).toMatchObject({ status: 'success', action: 'delete' });
    expect(requests(result).at(-1)).toBe('DELETE /Users/t-alice');
    expect(result.result.summary.provisioningSteps.at(-1)?.name).toBe('EntryExportDelete');
    expect(result.target.users).toEqual([]);

    const unticked = await run({
      app: makeApp({}, { actions: ['create', 'update'] }),
      source: { users: [{ ...alice, assigned: false }] },
      target: { users: [linkedAlice] },
      settings: { engine: { deprovisionAction: 'delete' } },
    });
    expect(unticked.result).toMatchObject({ status: 'skipped', skipReason: 'ActionNotAllowed' });
  });
});

describe('user run: step 4, match', () => {
  it('queries each matching attribute in precedence order until one finds something', async () => {
    const result = await run({ target: { users: [{ ...linkedAlice, userName: 'other@contoso.com' }] } });
    expect(step(result.result, 'match')?.details).toMatchObject({
      matches: 1,
      targetId: 't-alice',
      attempts: [
        { attribute: 'userName', value: 'alice@contoso.com', found: [] },
        { attribute: 'externalId', value: 'alice', found: [expect.objectContaining({ id: 't-alice' })] },
      ],
    });
    expect(result.result.action).toBe('update');
  });

  it('fails with DuplicateTargetEntries when several objects match, listing them', async () => {
    const target = { users: [{ ...linkedAlice, userName: 'a1' }, { ...linkedAlice, id: 't-alice-2', userName: 'a2' }] };
    const result = await run({ target });
    expect(result.result).toMatchObject({ status: 'failure', action: 'none', error: { errorCode: 'SystemForCrossDomainIdentityManagementDuplicateTargetEntries' } });
    expect(step(result.result, 'match')?.details).toMatchObject({ matches: 2, attempts: [{ found: [] }, { attribute: 'externalId', found: [{ id: 't-alice' }, { id: 't-alice-2' }] }] });
    expect(step(result.result, 'match')?.description).toMatch(/^2 Users in scim match 'alice@contoso.com' on externalId/);
    expect(result.result.summary.provisioningSteps.at(-1)?.details).toMatchObject({ MatchingAttribute: 'externalId', Match1: expect.any(String), Match2: expect.any(String) });
  });

  it('fails when the target cannot filter on the matching attribute', async () => {
    const result = await run({ target: { behaviour: { filterable: ['externalId'] } }, settings: {} });
    expect(result.result.status).toBe('failure');
    expect(result.result.error?.errorCode).toMatch(/^SystemForCrossDomainIdentityManagement/);
  });
});

describe('user run: step 5, action', () => {
  it('creates a new user with the mapped attributes and no manager in the body', async () => {
    const result = await run();
    expect(result.result).toMatchObject({ status: 'success', action: 'create', targetId: expect.any(String) });
    expect(bodies(result, 'POST')).toEqual([
      {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE],
        userName: 'alice@contoso.com',
        externalId: 'alice',
        active: true,
        displayName: 'Alice Smith',
        emails: [{ primary: true, type: 'work', value: 'alice@contoso.com' }],
        [ENTERPRISE]: { department: 'Sales' },
        meta: { resourceType: 'User' },
      },
    ]);
    expect(step(result.result, 'action')?.details.attributes).toEqual({
      userName: 'alice@contoso.com',
      externalId: 'alice',
      active: 'True',
      displayName: 'Alice Smith',
      'emails[type eq "work"].value': 'alice@contoso.com',
      [`${ENTERPRISE}:department`]: 'Sales',
    });
    expect(result.result.summary.modifiedProperties).toContainEqual({ displayName: 'active', oldValue: null, newValue: 'True' });
  });

  it('updates only the attributes that differ, old and new values as strings', async () => {
    const result = await run({ source: { users: [{ ...alice, department: 'Marketing', displayName: 'Alice S.' }] }, target: { users: [linkedAlice] } });
    expect(result.result).toMatchObject({ status: 'success', action: 'update' });
    expect(bodies(result, 'PATCH')).toEqual([
      {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [
          { op: 'Replace', path: 'displayName', value: 'Alice S.' },
          { op: 'Replace', path: `${ENTERPRISE}:department`, value: 'Marketing' },
        ],
      },
    ]);
    expect(result.result.summary.modifiedProperties).toEqual([
      { displayName: 'displayName', oldValue: 'Alice Smith', newValue: 'Alice S.' },
      { displayName: `${ENTERPRISE}:department`, oldValue: 'Sales', newValue: 'Marketing' },
    ]);
    expect(result.result.summary.provisioningSteps.at(-1)).toMatchObject({ name: 'EntryExportUpdate', details: { ReportableIdentifier: 'alice@contoso.com', displayName: 'Alice S.' } });
  });

  it('sends one path-less replace in the aadOptscim062020 dialect', async () => {
    const result = await run({
      source: { users: [{ ...alice, department: 'Marketing', displayName: 'Alice S.' }] },
      target: { users: [linkedAlice] },
      settings: { scim: { patchDialect: 'aadOptscim062020' } },
    });
    expect(bodies(result, 'PATCH')).toEqual([
      {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [{ op: 'replace', value: { displayName: 'Alice S.', [`${ENTERPRISE}:department`]: 'Marketing' } }],
      },
    ]);
  });

  it('skips with RedundantExport when the target already matches', async () => {
    const result = await run({ target: { users: [linkedAlice] } });
    expect(result.result).toMatchObject({ status: 'skipped', action: 'skip', skipReason: 'RedundantExport' });
    expect(step(result.result, 'action')).toMatchObject({ status: 'skipped', description: expect.stringMatching(/already match/) });
    expect(result.result.summary).toMatchObject({ provisioningAction: 'other', provisioningStatusInfo: { status: 'skipped' } });
    expect(result.result.summary.provisioningSteps.at(-1)).toMatchObject({ name: 'EntrySynchronizationSkip', details: { SkipReason: 'RedundantExport' } });
    expect(JSON.parse(result.result.onDemandResponse.key)).toMatchObject({ result: 'Skipped', details: { errorCode: 'RedundantExport' } });
    expect(requests(result).filter((r) => !r.startsWith('GET'))).toEqual([]);
  });

  it.each([
    { name: 'POST 409', fault: { on: 'POST /Users', status: 409 }, target: {}, action: 'create', code: 'SystemForCrossDomainIdentityManagementEntryConflict' },
    { name: 'PATCH 500', fault: { on: 'PATCH /Users/*', status: 500 }, target: { users: [{ ...linkedAlice, displayName: 'Old' }] }, action: 'update', code: 'SystemForCrossDomainIdentityManagementInternalServerError' },
  ])('a failed $name lists the attempted attributes with code, reason and recommended action', async ({ fault, target, action, code }) => {
    const result = await run({ target: { ...target, faults: [fault] } });
    expect(result.result).toMatchObject({ status: 'failure', action, error: { errorCode: code, reason: expect.stringContaining('StatusCode'), recommendedAction: expect.any(String) } });
    const act = step(result.result, 'action');
    expect(act?.status).toBe('failure');
    expect(act?.error?.errorCode).toBe(code);
    expect(Object.keys(act?.details.attributes ?? {}).length).toBeGreaterThan(0);
    expect(JSON.parse(result.result.onDemandResponse.key)).toMatchObject({ result: 'Failure', details: { errorCode: code } });
  });

  it('fails with the expression error when a non-matching mapping cannot be evaluated', async () => {
    const app = makeApp({}, { mappings: [...userMappings.slice(0, 3), { target: 'title', expression: 'CDate("not a date")' }] });
    const result = await run({ app });
    expect(result.result).toMatchObject({ status: 'failure', action: 'create', error: { errorCode: 'ExpressionEvaluationFailure' } });
    expect(step(result.result, 'action')?.details.attributes).toMatchObject({ userName: 'alice@contoso.com' });
    expect(bodies(result, 'POST')).toEqual([]);
  });

  it('fails with MandatoryFieldsMissing when a required target has no value on create', async () => {
    const app = makeApp({}, { mappings: [...userMappings.slice(0, 3), { target: 'title', source: 'jobTitle', required: true }] });
    const result = await run({ app });
    expect(result.result).toMatchObject({ status: 'failure', error: { errorCode: 'MandatoryFieldsMissing' } });
  });

  it('applies default values on create only', async () => {
    const app = makeApp({}, { mappings: [...userMappings.slice(0, 3), { target: 'title', source: 'jobTitle', default: 'Employee' }] });
    const created = await run({ app });
    expect(bodies(created, 'POST')[0]).toMatchObject({ title: 'Employee' });
    const updated = await run({ app, target: { users: [{ ...linkedAlice, title: 'Boss' }] } });
    expect(updated.result.skipReason).toBe('RedundantExport');
  });

  it('skips with ActionNotAllowed when the Create or Update action is unticked', async () => {
    const noCreate = await run({ app: makeApp({}, { actions: ['update', 'delete'] }) });
    expect(noCreate.result).toMatchObject({ status: 'skipped', action: 'skip', skipReason: 'ActionNotAllowed' });
    expect(bodies(noCreate, 'POST')).toEqual([]);
    const noUpdate = await run({ app: makeApp({}, { actions: ['create'] }), target: { users: [{ ...linkedAlice, displayName: 'Old' }] } });
    expect(noUpdate.result).toMatchObject({ status: 'skipped', skipReason: 'ActionNotAllowed' });
    expect(bodies(noUpdate, 'PATCH')).toEqual([]);
  });

  it('skips the object when an expression returns IgnoreObjectFlow', async () => {
    const app = makeApp({}, { mappings: [...userMappings.slice(0, 3), { target: 'objectFilter', expression: 'IIF([department]="Sales", IgnoreObjectFlow, "flow")' }] });
    const result = await run({ app });
    expect(result.result).toMatchObject({ status: 'skipped', action: 'skip', skipReason: 'IgnoreObjectFlow' });
    expect(bodies(result, 'POST')).toEqual([]);
  });

  it('leaves role mappings out on demand and lists them, unless roleMappings is include', async () => {
    const app = makeApp({}, { mappings: [...userMappings.slice(0, 3), { target: 'roles[primary eq "True"].value', expression: 'SingleAppRoleAssignment([appRoleAssignments])' }] });
    const skipped = await run({ app });
    expect(step(skipped.result, 'action')?.details.notProvisioned).toEqual(['roles[primary eq "True"].value']);
    expect(bodies(skipped, 'POST')[0]).not.toHaveProperty('roles');
    const included = await run({ app, settings: { engine: { roleMappings: 'include' } } });
    expect(bodies(included, 'POST')[0]).toMatchObject({ roles: [{ primary: true, value: 'User' }] });
  });
});

describe('user run: complex role mappings on update (roleMappings: include)', () => {
  const role = (value: string) => ({ primary: false, type: 'WindowsAzureActiveDirectoryRole', displayName: value, value });
  const source = { users: [{ ...alice, assigned: undefined, assignments: [{ role: 'Admin' }, { role: 'Reader' }] }] };
  const target = { users: [{ ...linkedAlice, roles: [role('Reader'), role('Old')] }] };
  const settings = { engine: { roleMappings: 'include' as const } };

  it.each([
    // "it never removes roles": Add with the roles the target lacks (entra-semantics.md §3).
    { fn: 'AppRoleAssignmentsComplex', op: 'Add', value: [role('Admin')] },
    // replaces the whole list, so Old is removed (customize-application-attributes.md).
    { fn: 'AssertiveAppRoleAssignmentsComplex', op: 'Replace', value: [{ ...role('Admin'), displayName: undefined, display: 'Admin' }, { ...role('Reader'), displayName: undefined, display: 'Reader' }] },
  ])('$fn sends $op roles', async ({ fn, op, value }) => {
    const app = makeApp({}, { mappings: [...userMappings, { target: 'roles', expression: `${fn}([appRoleAssignments])` }] });
    const result = await run({ app, source, target, settings });
    const patch = bodies(result, 'PATCH')[0] as { Operations: unknown[] };
    expect(JSON.parse(JSON.stringify(patch.Operations))).toEqual([{ op, path: 'roles', value: JSON.parse(JSON.stringify(value)) }]);
  });
});

describe('user run: manager reference', () => {
  const withManager = { users: [{ ...alice, manager: 'bob@contoso.com' }, bob] };
  const bobInTarget = { id: 't-bob', userName: 'bob@contoso.com', active: true };

  it('writes the manager after the create, with Add and an array value', async () => {
    const result = await run({ source: withManager, target: { users: [bobInTarget] } });
    const patch = result.exchanges.at(-1);
    expect(patch).toMatchObject({ method: 'PATCH', step: 'reference' });
    expect(patch?.requestBody).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'Add', path: 'manager', value: [{ $ref: 'https://scim.example.test/scim/v2/Users/t-bob', value: 't-bob' }] }],
    });
    expect(requests(result).indexOf('POST /Users')).toBeLessThan(result.exchanges.length - 1);
    expect(step(result.result, 'reference')).toMatchObject({ status: 'success', details: { referencedSourceId: 'src-bob', targetId: 't-bob' } });
    expect(result.result.summary.modifiedProperties.at(-1)).toEqual({ displayName: `${ENTERPRISE}:manager`, oldValue: null, newValue: 't-bob' });
  });

  it('provisions the user without the manager when the manager is not in the target', async () => {
    const result = await run({ source: withManager });
    expect(result.result).toMatchObject({ status: 'success', action: 'create' });
    expect(step(result.result, 'reference')).toMatchObject({ status: 'skipped', details: { reason: expect.stringMatching(/not been provisioned/) } });
    expect(bodies(result, 'PATCH')).toEqual([]);
  });

  it('provisions the user without the manager when the manager is out of scope', async () => {
    const result = await run({ source: { users: [{ ...alice, manager: 'bob@contoso.com' }, { ...bob, assigned: false }] }, target: { users: [bobInTarget] } });
    expect(step(result.result, 'reference')).toMatchObject({ status: 'skipped', details: { reason: expect.stringMatching(/not in scope/) } });
  });

  it('writes nothing when the target already references the manager', async () => {
    const linked = { ...linkedAlice, [ENTERPRISE]: { department: 'Sales', manager: { value: 't-bob' } } };
    const result = await run({ source: withManager, target: { users: [linked, bobInTarget] } });
    expect(result.result.skipReason).toBe('RedundantExport');
    expect(step(result.result, 'reference')).toBeUndefined();
  });

  it('an update that only changes the manager is an update, written by the reference step', async () => {
    const result = await run({ source: withManager, target: { users: [linkedAlice, bobInTarget] } });
    expect(result.result).toMatchObject({ status: 'success', action: 'update' });
    expect(bodies(result, 'PATCH')).toHaveLength(1);
    expect(step(result.result, 'reference')?.status).toBe('success');
  });

  it('fails the run when the manager PATCH fails', async () => {
    const result = await run({ source: withManager, target: { users: [bobInTarget], faults: [{ on: 'PATCH /Users/*', status: 400 }] } });
    expect(result.result).toMatchObject({ status: 'failure', action: 'create', error: { errorCode: 'SystemForCrossDomainIdentityManagementBadRequest' } });
    expect(step(result.result, 'reference')?.status).toBe('failure');
  });
});
