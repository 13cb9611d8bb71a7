import { describe, expect, it } from 'vitest';
import { buildResourceContent } from '../../src/mapping/resource.js';
import { ENTERPRISE_USER_URN } from '../../src/mapping/target-path.js';
import { mappedValue as m } from './helpers.js';

const CUSTOM = 'urn:ietf:params:scim:schemas:extension:CustomExtension:2.0:User';

describe('buildResourceContent (entra-scim-wire.md §4)', () => {
  it('reproduces the SCIM doc create request (without schemas and meta)', () => {
    const body = buildResourceContent([
      m('externalId', '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef'),
      m('userName', 'Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee'),
      m('active', true),
      m('emails[type eq "work"].value', 'Test_User_11bb11bb@testuser.com'),
      m('name.formatted', 'givenName familyName'),
      m('name.familyName', 'familyName'),
      m('name.givenName', 'givenName'),
    ]);
    expect(body).toEqual({
      externalId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef',
      userName: 'Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee',
      active: true,
      emails: [{ primary: true, type: 'work', value: 'Test_User_11bb11bb@testuser.com' }],
      name: { formatted: 'givenName familyName', familyName: 'familyName', givenName: 'givenName' },
    });
    expect(JSON.stringify(body.emails)).toBe('[{"primary":true,"type":"work","value":"Test_User_11bb11bb@testuser.com"}]');
  });

  it('groups filtered paths into one element per filter value, in the schema spelling', () => {
    const body = buildResourceContent([
      m('phoneNumbers[type eq "work"].value', '+1 555 0100'),
      m('phoneNumbers[type eq "mobile"].value', '+1 555 0101'),
      m('phoneNumbers[type eq "fax"].value', '+1 555 0102'),
      m('addresses[type eq "work"].streetAddress', '1 Main St'),
      m('addresses[type eq "work"].postalCode', '98052'),
      m('addresses[type eq "other"].Formatted', 'Building 4'),
      m('emails[type eq "other"].Value', 'alias@contoso.com'),
      m('emails[Type eq "WORK"].value', 'alice@contoso.com'),
    ]);
    expect(body).toEqual({
      phoneNumbers: [
        { primary: true, type: 'work', value: '+1 555 0100' },
        { type: 'mobile', value: '+1 555 0101' },
        { type: 'fax', value: '+1 555 0102' },
      ],
      addresses: [
        { primary: true, type: 'work', streetAddress: '1 Main St', postalCode: '98052' },
        { type: 'other', formatted: 'Building 4' },
      ],
      emails: [
        { type: 'other', value: 'alias@contoso.com' },
        { primary: true, type: 'WORK', value: 'alice@contoso.com' },
      ],
    });
  });

  it('types the filter value of roles[primary eq "True"] as a boolean and marks nothing else primary', () => {
    const body = buildResourceContent([m('roles[primary eq "True"].value', 'Admin'), m('roles[primary eq "True"].display', 'Administrator')]);
    expect(body).toEqual({ roles: [{ primary: true, value: 'Admin', display: 'Administrator' }] });
  });

  it('puts enterprise and custom extension attributes under their schema URN', () => {
    const body = buildResourceContent([
      m(`${ENTERPRISE_USER_URN}:department`, 'Sales'),
      m(`${ENTERPRISE_USER_URN}:employeeNumber`, '21001'),
      m(`${CUSTOM}:costCentre`, 'CC-7'),
      m(`${CUSTOM}:badge.number`, '42'),
    ]);
    expect(body).toEqual({
      [ENTERPRISE_USER_URN]: { department: 'Sales', employeeNumber: '21001' },
      [CUSTOM]: { costCentre: 'CC-7', badge: { number: '42' } },
    });
  });

  it('leaves references and the objectFilter pseudo-target out of a create', () => {
    expect(buildResourceContent([m('userName', 'a'), m('manager', 'manager-source-id'), m('objectFilter', 'x')])).toEqual({ userName: 'a' });
    expect(buildResourceContent([m('displayName', 'Sales', { objectType: 'group' }), m('members', ['u-1'], { objectType: 'group' })])).toEqual({
      displayName: 'Sales',
    });
  });

  it('writes a whole multi-valued attribute as it is', () => {
    expect(buildResourceContent([m('emails', [{ value: 'a@x.com' }, { value: 'b@x.com' }])])).toEqual({ emails: [{ value: 'a@x.com' }, { value: 'b@x.com' }] });
    const role = { primary: true, type: 'WindowsAzureActiveDirectoryRole', value: 'Admin' };
    expect(buildResourceContent([m('roles', [role])])).toEqual({ roles: [role] });
  });

  it('exports "" as is', () => {
    expect(buildResourceContent([m('title', '')])).toEqual({ title: '' });
  });

  it.each([
    ['work', [{ type: 'other', value: 'o' }, { primary: true, type: 'work', value: 'w' }]],
    ['first', [{ primary: true, type: 'other', value: 'o' }, { type: 'work', value: 'w' }]],
    ['none', [{ type: 'other', value: 'o' }, { type: 'work', value: 'w' }]],
  ] as const)('mapping.primaryValue %s', (primaryValue, emails) => {
    const body = buildResourceContent([m('emails[type eq "other"].value', 'o'), m('emails[type eq "work"].value', 'w')], { primaryValue });
    expect(body.emails).toEqual(emails);
  });
});
