import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/core/determinism.js';
import { b2bUserPrincipalName, userAttributes } from '../../src/source/attributes.js';
import { indexSource } from '../../src/source/directory.js';
import type { SourceDirectory, SourceUser } from '../../src/source/types.js';

// how-provisioning-works.md, "B2B (guest) users": userPrincipalName = alias@theirdomain,
// originalUserPrincipalName = alias_theirdomain#EXT#@yourdomain.
describe('B2B collaboration users (how-provisioning-works.md)', () => {
  it.each([
    ['bob_fabrikam.com#EXT#@contoso.onmicrosoft.com', 'bob@fabrikam.com'],
    ['john_doe_fabrikam.co.uk#EXT#@contoso.com', 'john_doe@fabrikam.co.uk'],
    ['Ann.Lee_Partner.example#ext#@contoso.onmicrosoft.com', 'Ann.Lee@Partner.example'],
    ['alice@contoso.com', undefined],
    ['alice_contoso.com@contoso.com', undefined],
    ['#EXT#@contoso.com', undefined],
  ])('%s → %s', (upn, expected) => {
    expect(b2bUserPrincipalName(upn)).toBe(expected);
  });

  const attributesOf = (user: SourceUser) => {
    const index = indexSource({ users: [user] }, seededRandom(1));
    const found = index.findUser(user.userPrincipalName as string);
    if (!found) throw new Error('user not indexed');
    return userAttributes(found, index);
  };

  it('presents alias@theirdomain as userPrincipalName and keeps the raw one as originalUserPrincipalName', () => {
    const attributes = attributesOf({ userPrincipalName: 'bob_fabrikam.com#EXT#@contoso.onmicrosoft.com', userType: 'Guest' });
    expect(attributes).toMatchObject({ userPrincipalName: 'bob@fabrikam.com', originalUserPrincipalName: 'bob_fabrikam.com#EXT#@contoso.onmicrosoft.com' });
  });

  it('keeps an originalUserPrincipalName the scenario gives, and leaves member UPNs alone', () => {
    expect(attributesOf({ userPrincipalName: 'bob_fabrikam.com#EXT#@contoso.com', originalUserPrincipalName: 'given' })).toMatchObject({ originalUserPrincipalName: 'given' });
    const member = attributesOf({ userPrincipalName: 'alice@contoso.com' });
    expect(member.userPrincipalName).toBe('alice@contoso.com');
    expect(member).not.toHaveProperty('originalUserPrincipalName');
  });
});

// Graph, appRoleAssignment resource type: "If an app role is assigned to a group, direct members of
// the group are also considered to have been assigned the app role"; scope counts the same groups.
describe('appRoleAssignments: direct roles, then roles through assigned groups', () => {
  const tom: SourceUser = { userPrincipalName: 'tom@contoso.com', assignments: [{ role: 'Tech' }] };
  const rows: { name: string; groups: SourceDirectory['groups']; roles: string[] | undefined }[] = [
    { name: 'a role-assigned group the user is a member of', groups: [{ displayName: 'Finance', assignments: [{ role: 'Finance' }], members: ['tom@contoso.com'] }], roles: ['Tech', 'Finance'] },
    { name: 'the same role twice counts once', groups: [{ displayName: 'Tech team', assignments: [{ role: 'Tech' }], members: ['TOM@contoso.com'] }], roles: ['Tech'] },
    { name: 'a group assigned with Default Access', groups: [{ displayName: 'All', assigned: true, members: ['tom@contoso.com'] }], roles: ['Tech', 'User'] },
    { name: 'not a member', groups: [{ displayName: 'Finance', assignments: [{ role: 'Finance' }], members: [] }], roles: ['Tech'] },
    { name: 'a non-security group', groups: [{ displayName: 'M365', securityEnabled: false, assignments: [{ role: 'Finance' }], members: ['tom@contoso.com'] }], roles: ['Tech'] },
    { name: 'a deleted group', groups: [{ displayName: 'Old', deleted: true, assignments: [{ role: 'Finance' }], members: ['tom@contoso.com'] }], roles: ['Tech'] },
    { name: 'a nested group is not followed', groups: [{ displayName: 'Outer', assignments: [{ role: 'Finance' }], members: ['Inner'] }, { displayName: 'Inner', members: ['tom@contoso.com'] }], roles: ['Tech'] },
  ];
  it.each(rows)('$name', ({ groups, roles }) => {
    const index = indexSource({ users: [tom], groups }, seededRandom(1));
    const attributes = userAttributes(index.findUser('tom@contoso.com')!, index);
    expect((attributes.appRoleAssignments as { value: string }[] | undefined)?.map((r) => r.value)).toEqual(roles);
  });
});
