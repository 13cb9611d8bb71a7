/**
 * The mock's PATCH semantics for both of Entra's dialects (entra-scim-wire.md §5, §13).
 */
import { describe, expect, it } from 'vitest';
import { applyPatch, type PatchQuirks } from '../../src/scim/mock/patch.js';
import { ScimProtocolError } from '../../src/scim/mock/protocol.js';
import { ENTERPRISE, startTarget, TENANT_URL } from './helpers.js';

const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const lenient: PatchQuirks = { strictBooleans: false, unsupportedPaths: [], flattenedKeys: 'apply', removeByValue: 'apply' };
const strict: PatchQuirks = { ...lenient, strictBooleans: true };
const patch = (...Operations: unknown[]) => ({ schemas: [PATCH_OP], Operations });

const user = {
  id: 'u-1',
  userName: 'alice@contoso.com',
  active: true,
  displayName: 'Alice',
  name: { givenName: 'Alice', familyName: 'Smith' },
  emails: [{ type: 'work', value: 'alice@contoso.com', primary: true }],
  [ENTERPRISE]: { employeeNumber: '1' },
};
const group = { id: 'g-1', displayName: 'Sales', members: [{ value: 'u-1', display: 'Alice' }, { value: 'u-2' }] };

describe('applying PATCH', () => {
  it.each([
    {
      name: 'default disable: string "False" is coerced',
      body: patch({ op: 'Replace', path: 'active', value: 'False' }),
      expected: { active: false },
    },
    {
      name: 'flag disable: real boolean',
      body: patch({ op: 'replace', path: 'active', value: false }),
      expected: { active: false },
    },
    {
      name: 'lower-case string boolean "true"',
      body: patch({ op: 'Replace', path: 'active', value: 'true' }),
      expected: { active: true },
    },
    {
      name: 'op in any case',
      body: patch({ op: 'REPLACE', path: 'displayName', value: 'Al' }, { Op: 'aDd', Path: 'nickName', Value: 'Babs' }),
      expected: { displayName: 'Al', nickName: 'Babs' },
    },
    {
      name: 'filtered path replaces the matching element',
      body: patch({ op: 'Replace', path: 'emails[type eq "work"].value', value: 'new@contoso.com' }),
      expected: { emails: [{ type: 'work', value: 'new@contoso.com', primary: true }] },
    },
    {
      name: 'filtered path with no match adds the element',
      body: patch({ op: 'Add', path: 'phoneNumbers[type eq "mobile"].value', value: '+1 555' }),
      expected: { phoneNumbers: [{ type: 'mobile', value: '+1 555' }] },
    },
    {
      name: 'replace on a filtered path with no match adds the element (scim-patch treats it as add)',
      body: patch({ op: 'Replace', path: 'emails[type eq "home"].value', value: 'a@home.example' }),
      expected: { emails: [...user.emails, { type: 'home', value: 'a@home.example' }] },
    },
    {
      name: 'flag dialect: path-less replace with flattened keys',
      body: patch({
        op: 'replace',
        value: { displayName: 'Bjfe', 'name.givenName': 'Kkom', [`${ENTERPRISE}:employeeNumber`]: 'Aklq', active: 'False' },
      }),
      expected: { displayName: 'Bjfe', name: { givenName: 'Kkom', familyName: 'Smith' }, [ENTERPRISE]: { employeeNumber: 'Aklq' }, active: false },
    },
    {
      name: 'attribute names in any case land on the canonical key',
      body: patch({ op: 'Replace', path: 'DisplayName', value: 'X' }, { op: 'Replace', path: 'Name.GivenName', value: 'Y' }),
      expected: { displayName: 'X', name: { givenName: 'Y', familyName: 'Smith' } },
    },
    {
      name: 'remove an attribute',
      body: patch({ op: 'Remove', path: 'displayName' }),
      expected: { displayName: undefined },
    },
    {
      name: 'manager: bare path and array value land in the enterprise extension',
      body: patch({ op: 'Add', path: 'manager', value: [{ $ref: 'https://h/Users/u-9', value: 'u-9' }] }),
      expected: { [ENTERPRISE]: { employeeNumber: '1', manager: { $ref: 'https://h/Users/u-9', value: 'u-9' } } },
    },
    {
      name: 'a path naming the extension object merges its attributes',
      body: patch({ op: 'Add', path: ENTERPRISE, value: { department: 'Sales' } }),
      expected: { [ENTERPRISE]: { employeeNumber: '1', department: 'Sales' } },
    },
    {
      name: 'a path-less replace with nested objects keeps the sub-attributes it leaves out',
      body: patch({ op: 'replace', value: { name: { givenName: 'K' }, [ENTERPRISE]: { department: 'Ops' } } }),
      expected: { name: { givenName: 'K', familyName: 'Smith' }, [ENTERPRISE]: { employeeNumber: '1', department: 'Ops' } },
    },
    {
      name: 'a filter on a boolean with a string ("True", as Entra\'s roles[primary eq "True"].value) finds the boolean element',
      body: patch({ op: 'Replace', path: 'emails[primary eq "True"].value', value: 'p@x.com' }),
      expected: { emails: [{ type: 'work', value: 'p@x.com', primary: true }] },
    },
    {
      name: 'a filter on a boolean with a string and no match adds a boolean element',
      body: patch({ op: 'Add', path: 'roles[primary eq "True"].value', value: 'Admin' }),
      expected: { roles: [{ primary: true, value: 'Admin' }] },
    },
    {
      name: 'emails replaced as a list with a string primary',
      body: patch({ op: 'Replace', path: 'emails', value: [{ type: 'work', value: 'z@x.com', primary: 'True' }] }),
      expected: { emails: [{ type: 'work', value: 'z@x.com', primary: true }] },
    },
  ])('$name', ({ body, expected }) => {
    const patched = applyPatch(user, body, 'User', lenient);
    expect(patched).toEqual(JSON.parse(JSON.stringify({ ...user, ...expected })));
  });

  it.each([
    {
      name: 'default member removal with a value list (and $ref null)',
      body: patch({ op: 'Remove', path: 'members', value: [{ value: 'u-1' }, { $ref: null, value: 'u-3' }] }),
      members: [{ value: 'u-2' }],
    },
    {
      name: 'flag member removal with a path filter',
      body: patch({ op: 'remove', path: 'members[value eq "u-2"]' }),
      members: [{ value: 'u-1', display: 'Alice' }],
    },
    {
      name: 'member add: $ref null dropped, duplicates ignored',
      body: patch({ op: 'Add', path: 'members', value: [{ $ref: null, value: 'u-3' }, { $ref: null, value: 'u-2' }] }),
      members: [{ value: 'u-1', display: 'Alice' }, { value: 'u-2' }, { value: 'u-3' }],
    },
  ])('$name', ({ body, members }) => {
    expect(applyPatch(group, body, 'Group', lenient).members).toEqual(members);
  });

  it.each([
    ['a string boolean on a strict target', 'invalidValue', patch({ op: 'Replace', path: 'active', value: 'False' }), strict],
    ['a string boolean in a path-less replace on a strict target', 'invalidValue', patch({ op: 'replace', value: { active: 'False' } }), strict],
    ['a string boolean in a value filter on a strict target', 'invalidFilter', patch({ op: 'Replace', path: 'roles[primary eq "True"].value', value: 'Admin' }), strict],
    ['a non-boolean string for a boolean', 'invalidValue', patch({ op: 'replace', path: 'active', value: 'no' }), lenient],
    ['an unknown op', 'invalidSyntax', patch({ op: 'Merge', path: 'active', value: true }), lenient],
    ['remove without a path', 'noTarget', patch({ op: 'Remove' }), lenient],
    ['add without a value', 'invalidValue', patch({ op: 'Add', path: 'title' }), lenient],
    ['no PatchOp schema', 'invalidSyntax', { schemas: [], Operations: [{ op: 'add', path: 'title', value: 'x' }] }, lenient],
    ['no operations', 'invalidSyntax', patch(), lenient],
    ['changing the id', 'mutability', patch({ op: 'replace', path: 'id', value: 'u-9' }), lenient],
    ['an unsupported path', 'invalidPath', patch({ op: 'Add', path: 'addresses[type eq "work"].postalCode', value: '1' }), { ...lenient, unsupportedPaths: ['addresses'] }],
  ] as const)('rejects %s with 400 %s', (_name, scimType, body, quirks) => {
    let error: unknown;
    try {
      applyPatch(user, body, 'User', quirks);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScimProtocolError);
    expect(error).toMatchObject({ status: 400, scimType });
  });

  it('flattenedKeys: ignore drops flattened keys silently, reject refuses them (§13.2)', () => {
    const body = patch({ op: 'replace', value: { displayName: 'B', 'name.givenName': 'K', [`${ENTERPRISE}:employeeNumber`]: '9' } });
    const ignored = applyPatch(user, body, 'User', { ...lenient, flattenedKeys: 'ignore' });
    expect(ignored).toEqual({ ...user, displayName: 'B' });
    const nested = patch({ op: 'replace', value: { name: { givenName: 'K' }, [ENTERPRISE]: { employeeNumber: '9' } } });
    expect(applyPatch(user, nested, 'User', { ...lenient, flattenedKeys: 'reject' })).toMatchObject({
      name: { givenName: 'K', familyName: 'Smith' },
      [ENTERPRISE]: { employeeNumber: '9' },
    });
    expect(() => applyPatch(user, body, 'User', { ...lenient, flattenedKeys: 'reject' })).toThrow(ScimProtocolError);
  });

  it('removeByValue: ignore removes nothing, reject refuses, a path filter still works (§13.3)', () => {
    const byValue = patch({ op: 'Remove', path: 'members', value: [{ value: 'u-1' }] });
    expect(applyPatch(group, byValue, 'Group', { ...lenient, removeByValue: 'ignore' }).members).toEqual(group.members);
    expect(() => applyPatch(group, byValue, 'Group', { ...lenient, removeByValue: 'reject' })).toThrow(ScimProtocolError);
    const byFilter = patch({ op: 'remove', path: 'members[value eq "u-1"]' });
    expect(applyPatch(group, byFilter, 'Group', { ...lenient, removeByValue: 'reject' }).members).toEqual([{ value: 'u-2' }]);
  });

  it('leaves the stored resource untouched', () => {
    const before = structuredClone(user);
    applyPatch(user, patch({ op: 'Replace', path: 'active', value: false }), 'User', lenient);
    expect(user).toEqual(before);
  });
});

describe('PATCH over HTTP', () => {
  async function send(path: string, body: unknown): Promise<Response> {
    return fetch(`${TENANT_URL}${path}`, { method: 'PATCH', body: JSON.stringify(body), headers: { 'Content-Type': 'application/scim+json' } });
  }

  it('answers users with 200 and the resource, groups with 204', async () => {
    const target = await startTarget({ users: [user], groups: [{ ...group, members: [{ value: 'u-1' }] }] });
    const u = await send('/Users/u-1', patch({ op: 'Replace', path: 'title', value: 'Boss' }));
    expect(u.status).toBe(200);
    expect(await u.json()).toMatchObject({ id: 'u-1', title: 'Boss', meta: { resourceType: 'User' } });
    const g = await send('/Groups/g-1', patch({ op: 'Replace', path: 'displayName', value: 'Sales EMEA' }));
    expect(g.status).toBe(204);
    expect(await g.text()).toBe('');
    expect(target.snapshot().groups[0]?.displayName).toBe('Sales EMEA');
  });

  it('lists the enterprise URN in schemas once a PATCH adds the extension, and drops it once emptied', async () => {
    const target = await startTarget({ users: [{ id: 'u-9', userName: 'kim@contoso.com' }] });
    const added = await send('/Users/u-9', patch({ op: 'Add', path: `${ENTERPRISE}:employeeNumber`, value: '7' }));
    expect(((await added.json()) as { schemas?: unknown }).schemas).toEqual(['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE]);
    await send('/Users/u-9', patch({ op: 'Remove', path: `${ENTERPRISE}:employeeNumber` }));
    expect(target.snapshot().users[0]?.schemas).toEqual(['urn:ietf:params:scim:schemas:core:2.0:User']);
  });

  it('patchStatus overrides the answer', async () => {
    await startTarget({ users: [user], groups: [{ id: 'g-1', displayName: 'G', members: [{ value: 'u-1' }] }] }, { patchStatus: 200 });
    const g = await send('/Groups/g-1', patch({ op: 'Replace', path: 'displayName', value: 'H' }));
    expect(g.status).toBe(200);
    expect(await g.json()).not.toHaveProperty('members');
  });

  it('checks uniqueness after the change, and keeps the resource as it was', async () => {
    const target = await startTarget({ users: [user, { id: 'u-2', userName: 'bob@contoso.com' }] });
    const response = await send('/Users/u-2', patch({ op: 'Replace', path: 'userName', value: 'ALICE@contoso.com' }));
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ scimType: 'uniqueness' });
    expect(target.snapshot().users[1]?.userName).toBe('bob@contoso.com');
  });

  it('moves meta.lastModified with the clock and keeps meta read-only', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const target = await startTarget({ users: [user] }, undefined, { clock: { now: () => now } });
    now += 60_000;
    await send('/Users/u-1', patch({ op: 'replace', value: { title: 'x', meta: { created: 'forged' } } }));
    expect(target.snapshot().users[0]?.meta).toEqual({
      resourceType: 'User',
      created: '2026-01-01T00:00:00.000Z',
      lastModified: '2026-01-01T00:01:00.000Z',
      location: `${TENANT_URL}/Users/u-1`,
    });
  });
});
