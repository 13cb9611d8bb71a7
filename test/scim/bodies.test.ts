/**
 * Every request body Entra's documentation prints, rebuilt from the mapping stage's output and
 * compared exactly (entra-scim-wire.md §4–§7; use-scim-to-provision-users-and-groups.md and the
 * SCIM compatibility doc). Serialised JSON is compared too, so key order matches the wire.
 */
import { describe, expect, it } from 'vitest';
import {
  addMembersBody,
  createBody,
  managerBody,
  patchBody,
  removeMembersBody,
  type PatchShape,
} from '../../src/scim/bodies.js';
import type { AttributeChange } from '../../src/scim/types.js';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const plain: PatchShape = { dialect: 'default', booleanStrings: 'capitalized' };
const flag: PatchShape = { dialect: 'aadOptscim062020', booleanStrings: 'capitalized' };

describe('create bodies', () => {
  it('create user: core and enterprise URNs, real boolean, emails, name, meta.resourceType', () => {
    const body = createBody('User', {
      externalId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef',
      userName: 'Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee',
      active: true,
      emails: [{ primary: true, type: 'work', value: 'Test_User_11bb11bb@testuser.com' }],
      name: { formatted: 'givenName familyName', familyName: 'familyName', givenName: 'givenName' },
      [ENTERPRISE]: { employeeNumber: '701984', department: 'Sales' },
    });
    expect(JSON.stringify(body)).toBe(
      JSON.stringify({
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE],
        externalId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef',
        userName: 'Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee',
        active: true,
        emails: [{ primary: true, type: 'work', value: 'Test_User_11bb11bb@testuser.com' }],
        name: { formatted: 'givenName familyName', familyName: 'familyName', givenName: 'givenName' },
        [ENTERPRISE]: { employeeNumber: '701984', department: 'Sales' },
        meta: { resourceType: 'User' },
      }),
    );
  });

  it('create user without the enterprise object lists only the core URN; custom extension URNs are not listed', () => {
    const custom = 'urn:ietf:params:scim:schemas:extension:Contoso:2.0:User';
    expect(createBody('User', { userName: 'a@contoso.com', active: true, [custom]: { costCentre: 'C1' } })).toEqual({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: 'a@contoso.com',
      active: true,
      [custom]: { costCentre: 'C1' },
      meta: { resourceType: 'User' },
    });
  });

  it('create user leaves out nulls, the manager (written after the create) and envelope keys', () => {
    expect(
      createBody('User', {
        id: 'ignored',
        schemas: ['x'],
        meta: { resourceType: 'x' },
        userName: 'a@contoso.com',
        title: null,
        nickName: undefined,
        manager: { value: 'm-1' },
        [ENTERPRISE]: { manager: { value: 'm-1' }, department: null },
      }),
    ).toEqual({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: 'a@contoso.com',
      meta: { resourceType: 'User' },
    });
  });

  it('create group: core and Microsoft group URNs, no members', () => {
    const body = createBody('Group', {
      externalId: '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159',
      displayName: 'displayName',
      members: [{ value: 'u-1' }],
    });
    expect(JSON.stringify(body)).toBe(
      JSON.stringify({
        schemas: [
          'urn:ietf:params:scim:schemas:core:2.0:Group',
          'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group',
        ],
        externalId: '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159',
        displayName: 'displayName',
        meta: { resourceType: 'Group' },
      }),
    );
  });
});

/** The compatibility doc's samples: the same change in both dialects. */
const patchCases: Array<{ name: string; changes: AttributeChange[]; plain: unknown[]; flag: unknown[] }> = [
  {
    name: 'disable user',
    changes: [{ path: 'active', oldValue: true, newValue: false }],
    plain: [{ op: 'Replace', path: 'active', value: 'False' }],
    flag: [{ op: 'replace', path: 'active', value: false }],
  },
  {
    name: 'enable user',
    changes: [{ path: 'active', oldValue: false, newValue: true }],
    plain: [{ op: 'Replace', path: 'active', value: 'True' }],
    flag: [{ op: 'replace', path: 'active', value: true }],
  },
  {
    name: 'add a single-value string attribute',
    changes: [{ path: 'nickName', newValue: 'Babs' }],
    plain: [{ op: 'Add', path: 'nickName', value: 'Babs' }],
    flag: [{ op: 'add', path: 'nickName', value: 'Babs' }],
  },
  {
    name: 'replace multiple attributes',
    changes: [
      { path: 'displayName', oldValue: 'x', newValue: 'Pvlo' },
      { path: 'emails[type eq "work"].value', oldValue: 'x', newValue: 'TestBcwqnm@test.microsoft.com' },
      { path: 'name.givenName', oldValue: 'x', newValue: 'Gtfd' },
      { path: 'name.familyName', oldValue: 'x', newValue: 'Pkqf' },
      { path: `${ENTERPRISE}:employeeNumber`, oldValue: 'x', newValue: 'Eqpj' },
    ],
    plain: [
      { op: 'Replace', path: 'displayName', value: 'Pvlo' },
      { op: 'Replace', path: 'emails[type eq "work"].value', value: 'TestBcwqnm@test.microsoft.com' },
      { op: 'Replace', path: 'name.givenName', value: 'Gtfd' },
      { op: 'Replace', path: 'name.familyName', value: 'Pkqf' },
      { op: 'Replace', path: `${ENTERPRISE}:employeeNumber`, value: 'Eqpj' },
    ],
    flag: [
      { op: 'replace', path: 'emails[type eq "work"].value', value: 'TestBcwqnm@test.microsoft.com' },
      {
        op: 'replace',
        value: {
          displayName: 'Pvlo',
          'name.givenName': 'Gtfd',
          'name.familyName': 'Pkqf',
          [`${ENTERPRISE}:employeeNumber`]: 'Eqpj',
        },
      },
    ],
  },
  {
    name: 'update user [single-valued]',
    changes: [{ path: 'userName', oldValue: 'old@testuser.com', newValue: '5b50642d@testuser.com' }],
    plain: [{ op: 'Replace', path: 'userName', value: '5b50642d@testuser.com' }],
    flag: [{ op: 'replace', path: 'userName', value: '5b50642d@testuser.com' }],
  },
  {
    name: 'a new filtered value is added, a cleared one removed, with the folded replace last',
    changes: [
      { path: 'phoneNumbers[type eq "mobile"].value', newValue: '+1 555 0100' },
      { path: 'title', oldValue: 'Old', newValue: 'New' },
      { path: 'nickName', oldValue: 'Babs' },
      { path: 'active', oldValue: true, newValue: false },
    ],
    plain: [
      { op: 'Add', path: 'phoneNumbers[type eq "mobile"].value', value: '+1 555 0100' },
      { op: 'Replace', path: 'title', value: 'New' },
      { op: 'Remove', path: 'nickName' },
      { op: 'Replace', path: 'active', value: 'False' },
    ],
    flag: [
      { op: 'add', path: 'phoneNumbers[type eq "mobile"].value', value: '+1 555 0100' },
      { op: 'remove', path: 'nickName' },
      { op: 'replace', value: { title: 'New', active: false } },
    ],
  },
];

describe('PATCH bodies', () => {
  it.each(patchCases)('$name (default dialect)', ({ changes, plain: operations }) => {
    expect(patchBody(changes, plain)).toEqual({ schemas: [PATCH_OP], Operations: operations });
  });

  it.each(patchCases)('$name (aadOptscim062020)', ({ changes, flag: operations }) => {
    expect(patchBody(changes, flag)).toEqual({ schemas: [PATCH_OP], Operations: operations });
  });

  it('spells booleans in lower case when booleanStrings is lowercase (one 2025 report)', () => {
    const body = patchBody([{ path: 'active', oldValue: true, newValue: false }], { ...plain, booleanStrings: 'lowercase' });
    expect(body?.Operations).toEqual([{ op: 'Replace', path: 'active', value: 'false' }]);
  });

  it('sends nothing when nothing changes', () => {
    expect(patchBody([], plain)).toBeUndefined();
    expect(patchBody([{ path: 'title' }, { path: 'nickName', oldValue: null, newValue: null }], flag)).toBeUndefined();
  });

  it('puts schemas before Operations on the wire', () => {
    const body = patchBody([{ path: 'nickName', newValue: 'Babs' }], plain);
    expect(JSON.stringify(body)).toBe(`{"schemas":["${PATCH_OP}"],"Operations":[{"op":"Add","path":"nickName","value":"Babs"}]}`);
  });
});

describe('membership and manager bodies', () => {
  it('add members: Add on members with $ref null and the target id', () => {
    expect(addMembersBody(['f648f8d5ea4e4cd38e9c'], 'default')).toEqual({
      schemas: [PATCH_OP],
      Operations: [{ op: 'Add', path: 'members', value: [{ $ref: null, value: 'f648f8d5ea4e4cd38e9c' }] }],
    });
    expect(addMembersBody(['a', 'b'], 'aadOptscim062020').Operations).toEqual([
      { op: 'add', path: 'members', value: [{ $ref: null, value: 'a' }, { $ref: null, value: 'b' }] },
    ]);
  });

  it('remove members (default): one Remove with a value list', () => {
    expect(removeMembersBody(['u1091', 'u1092'], 'default')).toEqual({
      schemas: [PATCH_OP],
      Operations: [{ op: 'Remove', path: 'members', value: [{ value: 'u1091' }, { value: 'u1092' }] }],
    });
  });

  it('remove members (aadOptscim062020): a path filter per member, no value', () => {
    expect(removeMembersBody(['7f4bc1a3-285e-48ae-8202-5accb43efb0e', 'u-2'], 'aadOptscim062020')).toEqual({
      schemas: [PATCH_OP],
      Operations: [
        { op: 'remove', path: 'members[value eq "7f4bc1a3-285e-48ae-8202-5accb43efb0e"]' },
        { op: 'remove', path: 'members[value eq "u-2"]' },
      ],
    });
  });

  it('manager: Add with an array value holding $ref and the target id', () => {
    expect(managerBody('00aa00aa', 'https://host/scim', 'default')).toEqual({
      schemas: [PATCH_OP],
      Operations: [{ op: 'Add', path: 'manager', value: [{ $ref: 'https://host/scim/Users/00aa00aa', value: '00aa00aa' }] }],
    });
    expect(managerBody('m', 'https://host/scim', 'aadOptscim062020').Operations[0]?.op).toBe('add');
  });
});
