import { describe, expect, it } from 'vitest';
import type { SourceDirectory, SourceUser } from '../../src/source/types.js';
import { alice, bob, bodies, makeApp, requests, run, step } from './helpers.js';

const carol = { objectId: 'src-carol', userPrincipalName: 'carol@contoso.com', displayName: 'Carol', mailNickname: 'carol', assigned: true };
const dave = { objectId: 'src-dave', userPrincipalName: 'dave@contoso.com', displayName: 'Dave', mailNickname: 'dave', assigned: true };

function directory(groupOverrides: Record<string, unknown> = {}, users: SourceUser[] = [alice, bob, carol, dave]): SourceDirectory {
  return {
    users,
    groups: [{ objectId: 'src-sales', displayName: 'Sales', assigned: true, members: users.map((u) => u.userPrincipalName ?? ''), ...groupOverrides }],
  };
}

const groupApp = makeApp({}, {}, {});
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

describe('group run', () => {
  it('creates the group empty, provisions the members, then adds them by target id in batches', async () => {
    const result = await run({
      app: groupApp,
      source: directory(),
      subject: { group: 'Sales', members: ['alice@contoso.com', 'bob@contoso.com', 'carol@contoso.com'] },
      target: { users: [{ id: 't-bob', userName: 'bob@contoso.com', externalId: 'bob', active: true, displayName: 'Bob Jones' }] },
      settings: { scim: { membershipBatchSize: 2 } },
    });
    expect(result.result).toMatchObject({ objectType: 'group', displayName: 'Sales', status: 'success', action: 'create' });
    expect(result.result.steps.map((s) => [s.key, s.status])).toEqual([
      ['testConnection', 'success'],
      ['import', 'success'],
      ['scope', 'success'],
      ['match', 'success'],
      ['action', 'success'],
      ['membership', 'success'],
    ]);
    const [groupPost] = bodies(result, 'POST');
    expect(groupPost).toEqual({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group', 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group'],
      displayName: 'Sales',
      externalId: 'src-sales',
      meta: { resourceType: 'Group' },
    });
    expect(result.members.map((m) => [m.displayName, m.status, m.action])).toEqual([
      ['alice@contoso.com', 'success', 'create'],
      ['bob@contoso.com', 'skipped', 'skip'],
      ['carol@contoso.com', 'success', 'create'],
    ]);
    const groupId = result.result.targetId;
    const ids = result.members.map((m) => m.targetId);
    const memberPatches = result.exchanges.filter((e) => e.method === 'PATCH' && e.path === `/Groups/${groupId}`);
    expect(memberPatches.map((e) => e.requestBody)).toEqual([
      { schemas: [PATCH_OP], Operations: [{ op: 'Add', path: 'members', value: [{ $ref: null, value: ids[0] }, { $ref: null, value: ids[1] }] }] },
      { schemas: [PATCH_OP], Operations: [{ op: 'Add', path: 'members', value: [{ $ref: null, value: ids[2] }] }] },
    ]);
    expect(memberPatches.every((e) => e.step === 'membership')).toBe(true);
    expect(step(result.result, 'membership')?.details).toEqual({ added: ids, removed: [], missing: [], batches: 2 });
    const group = result.target.groups[0] as { members?: Array<{ value: string }> };
    expect(group.members?.map((m) => m.value)).toEqual(ids);
    expect(result.exchanges.filter((e) => e.step === 'testConnection')).toHaveLength(1);
  });

  it('adds members in the aadOptscim062020 dialect when the setting forces it', async () => {
    const result = await run({
      app: groupApp,
      source: directory(),
      subject: { group: 'Sales', members: ['alice@contoso.com'] },
      settings: { scim: { patchDialect: 'aadOptscim062020' } },
    });
    const [patch] = bodies(result, 'PATCH');
    expect(patch).toEqual({ schemas: [PATCH_OP], Operations: [{ op: 'add', path: 'members', value: [{ $ref: null, value: result.members[0]?.targetId }] }] });
  });

  it('describes the test connection as a request for a test user, which is what it queries in a group run too', async () => {
    const result = await run({ app: groupApp, source: directory(), subject: { group: 'Sales', members: [] } });
    expect(requests(result)[0]).toMatch(/^GET \/Users\?filter=userName eq "/);
    expect(step(result.result, 'testConnection')?.description).toBe('Authorized access to scim with a request for a test user');
  });

  // Members of an assigned group are assigned through it; a disabled member is out of scope.
  it('leaves out a member who is not in the target after its run, as a warning', async () => {
    const result = await run({
      app: groupApp,
      source: directory({}, [alice, { ...bob, accountEnabled: false }]),
      subject: { group: 'Sales' },
    });
    expect(result.members.map((m) => [m.displayName, m.status])).toEqual([['alice@contoso.com', 'success'], ['bob@contoso.com', 'skipped']]);
    expect(step(result.result, 'membership')).toMatchObject({ status: 'warning', details: { missing: ['bob@contoso.com'], added: [result.members[0]?.targetId] } });
    expect(result.result).toMatchObject({ status: 'warning', action: 'create' });
  });

  it.each([
    { name: 'is disabled', active: true, status: 'success', action: 'disable' },
    { name: 'is already disabled', active: false, status: 'skipped', action: 'skip' },
  ])('leaves out an out-of-scope member who exists in the target and $name there (§6.2)', async (row) => {
    // Bob is assigned only through Sales, which is not security-enabled: not assigned, so out of
    // scope; he exists in the target, so his own run deprovisions him — he is still no member.
    const result = await run({
      app: groupApp,
      source: directory({ securityEnabled: false }, [alice, { ...bob, assigned: false }]),
      subject: { group: 'Sales' },
      target: { users: [{ id: 't-bob', userName: 'bob@contoso.com', externalId: 'bob', active: row.active, displayName: 'Bob Jones' }] },
    });
    expect(result.members.map((m) => [m.displayName, m.status, m.action])).toEqual([
      ['alice@contoso.com', 'success', 'create'],
      ['bob@contoso.com', row.status, row.action],
    ]);
    expect(step(result.result, 'membership')).toMatchObject({ status: 'warning', details: { missing: ['bob@contoso.com'], added: [result.members[0]?.targetId] } });
    const group = result.target.groups[0] as { members?: Array<{ value: string }> };
    expect(group.members?.map((m) => m.value)).toEqual([result.members[0]?.targetId]);
  });

  it('skips the membership step when no selected member is in the target', async () => {
    const result = await run({ app: groupApp, source: directory({}, [{ ...alice, accountEnabled: false }]), subject: { group: 'Sales' } });
    expect(step(result.result, 'membership')).toMatchObject({ status: 'skipped', details: { added: [], missing: ['alice@contoso.com'] } });
    expect(result.result.status).toBe('success');
  });

  it('matches an existing group by displayName and updates it only through its members', async () => {
    const result = await run({
      app: groupApp,
      source: directory(),
      subject: { group: 'Sales', members: ['alice@contoso.com'] },
      target: { groups: [{ id: 't-sales', displayName: 'Sales', externalId: 'src-sales' }] },
    });
    expect(requests(result)).toContain('GET /Groups?excludedAttributes=members&filter=displayName eq "Sales"');
    expect(step(result.result, 'action')?.details.skipReason).toBe('RedundantExport');
    expect(result.result).toMatchObject({ status: 'success', action: 'update', targetId: 't-sales' });
    expect(result.result.skipReason).toBeUndefined();
  });

  it('with members: [] provisions the group alone', async () => {
    const result = await run({ app: groupApp, source: directory(), subject: { group: 'Sales', members: [] } });
    expect(result.members).toEqual([]);
    expect(step(result.result, 'membership')).toBeUndefined();
    expect(result.result.action).toBe('create');
  });

  it('does not add members when the group mapping has no members mapping', async () => {
    const app = makeApp({}, {}, { mappings: [{ target: 'displayName', source: 'displayName', match: 1 }] });
    const result = await run({ app, source: directory(), subject: { group: 'Sales', members: ['alice@contoso.com'] } });
    expect(result.members).toHaveLength(1);
    expect(step(result.result, 'membership')).toBeUndefined();
  });

  it('skips an unassigned group and provisions none of its members', async () => {
    const result = await run({ app: groupApp, source: directory({ assigned: false }), subject: { group: 'Sales', members: ['alice@contoso.com'] } });
    expect(result.result).toMatchObject({ status: 'skipped', action: 'other', skipReason: 'NotEffectivelyEntitled' });
    expect(result.members).toEqual([]);
  });

  it('fails the group when the membership PATCH fails', async () => {
    const result = await run({
      app: groupApp,
      source: directory(),
      subject: { group: 'Sales', members: ['alice@contoso.com'] },
      target: { faults: [{ on: 'PATCH /Groups/*', status: 400 }] },
    });
    expect(result.result).toMatchObject({ status: 'failure', error: { errorCode: 'SystemForCrossDomainIdentityManagementBadRequest' } });
    expect(step(result.result, 'membership')?.status).toBe('failure');
  });

  it('reports the members of the batches before a failing membership PATCH as added, and the group as updated', async () => {
    const users = [alice, bob, carol];
    const result = await run({
      app: groupApp,
      source: directory({}, users),
      subject: { group: 'Sales' },
      target: {
        users: users.map((u) => ({ id: `t-${u.mailNickname}`, userName: u.userPrincipalName, externalId: u.mailNickname, active: true, displayName: u.displayName })),
        groups: [{ id: 'g-1', displayName: 'Sales', externalId: 'src-sales' }],
        faults: [{ on: 'PATCH /Groups/*', nth: 2, status: 500 }],
      },
      settings: { scim: { membershipBatchSize: 2 } },
    });
    expect(step(result.result, 'membership')).toMatchObject({
      status: 'failure',
      details: { added: ['t-alice', 't-bob'], missing: [], batches: 1 },
      description: expect.stringContaining('2 member(s) were added'),
    });
    expect(result.result).toMatchObject({ status: 'failure', action: 'update', error: { errorCode: 'SystemForCrossDomainIdentityManagementInternalServerError' } });
    expect(result.result.skipReason).toBeUndefined();
    const group = result.target.groups[0] as { members?: Array<{ value: string }> };
    expect(group.members?.map((m) => m.value)).toEqual(['t-alice', 't-bob']);
  });

  it('fails a group create and provisions no member', async () => {
    const result = await run({
      app: groupApp,
      source: directory(),
      subject: { group: 'Sales', members: ['alice@contoso.com'] },
      target: { faults: [{ on: 'POST /Groups', status: 500 }] },
    });
    expect(result.result).toMatchObject({ status: 'failure', action: 'create' });
    expect(result.members).toEqual([]);
    expect(bodies(result, 'POST')).toHaveLength(1);
  });

  it('gives each member its own Graph summary sharing the job and cycle ids', async () => {
    const result = await run({ app: groupApp, source: directory(), subject: { group: 'Sales', members: ['alice@contoso.com', 'bob@contoso.com'] } });
    const all = [result.result, ...result.members].map((r) => r.summary);
    expect(new Set(all.map((s) => s.jobId)).size).toBe(1);
    expect(new Set(all.map((s) => s.cycleId)).size).toBe(1);
    expect(new Set(all.map((s) => s.id)).size).toBe(3);
    expect(result.members[0]?.steps.map((s) => s.key)).toEqual(['import', 'scope', 'match', 'action']);
    expect(result.exchanges.some((e) => e.step === 'alice@contoso.com:action')).toBe(true);
  });

  it.each([
    { name: 'test connection fails', target: { faults: [{ on: 'testConnection', status: 403 }] }, status: 'failure', action: 'none', last: 'testConnection', code: 'SystemForCrossDomainIdentityManagementCredentialValidationFailure' },
    {
      name: 'no value for the matching attribute',
      app: makeApp({}, {}, { mappings: [{ target: 'displayName', source: 'displayName' }, { target: 'externalId', source: 'mailNickname', match: 1 }] }),
      status: 'failure', action: 'none', last: 'import', code: 'ImportSkipped',
    },
    {
      name: 'two target groups with the external id',
      app: makeApp({}, {}, { mappings: [{ target: 'displayName', source: 'displayName' }, { target: 'externalId', source: 'objectId', match: 1 }] }),
      target: { groups: [{ id: 'g1', displayName: 'Sales EU', externalId: 'src-sales' }, { id: 'g2', displayName: 'Sales US', externalId: 'src-sales' }] },
      status: 'failure', action: 'none', last: 'match', code: 'SystemForCrossDomainIdentityManagementDuplicateTargetEntries',
    },
    { name: 'an attribute differs', target: { groups: [{ id: 'g1', displayName: 'Sales', externalId: 'old' }] }, status: 'success', action: 'update', last: 'action' },
    { name: 'already in sync', target: { groups: [{ id: 'g1', displayName: 'Sales', externalId: 'src-sales' }] }, status: 'skipped', action: 'skip', last: 'action' },
  ])('group steps: $name → $status $action', async (row) => {
    const result = await run({ app: row.app ?? groupApp, source: directory(), subject: { group: 'Sales', members: [] }, target: row.target ?? {} });
    expect(result.result).toMatchObject({ status: row.status, action: row.action });
    expect(result.result.steps.at(-1)?.key).toBe(row.last);
    if (row.code) expect(result.result.error?.errorCode).toBe(row.code);
    if (row.action === 'update') {
      expect(bodies(result, 'PATCH')).toEqual([{ schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'externalId', value: 'src-sales' }] }]);
      expect(requests(result).at(-1)).toBe('PATCH /Groups/g1');
    }
  });

  it.each([
    { name: 'the group is left alone by IgnoreObjectFlow', group: { mappings: [...groupMappingsWith('objectFilter', 'IIF([displayName]="Sales", IgnoreObjectFlow, "x")')] }, target: { groups: [{ id: 'g1', displayName: 'Sales' }] } },
    { name: 'the Update action is unticked', group: { actions: ['create' as const] }, target: { groups: [{ id: 'g1', displayName: 'Sales', externalId: 'old' }] } },
  ])('provisions no member when $name', async (row) => {
    const result = await run({ app: makeApp({}, {}, row.group), source: directory(), subject: { group: 'Sales', members: ['alice@contoso.com'] }, target: row.target });
    expect(result.result.status).toBe('skipped');
    expect(result.members).toEqual([]);
    expect(bodies(result, 'PATCH')).toEqual([]);
  });
});

function groupMappingsWith(target: string, expression: string) {
  return [{ target: 'displayName', source: 'displayName', match: 1 }, { target: 'members', source: 'members' }, { target, expression }];
}
