import { describe, expect, it } from 'vitest';
import { diffAgainstTarget } from '../../src/mapping/diff.js';
import { modifiedPropertiesForCreate } from '../../src/mapping/render.js';
import { ENTERPRISE_USER_URN } from '../../src/mapping/target-path.js';
import type { ScimResource } from '../../src/scim/types.js';
import { mappedValue as m } from './helpers.js';

const existing: ScimResource = {
  id: 'u-1',
  userName: 'Alice@Contoso.com',
  externalId: 'alice',
  active: true,
  displayName: 'Alice Smith',
  name: { givenName: 'Alice', familyName: 'Smith' },
  emails: [
    { value: 'alice@contoso.com', type: 'work', primary: true },
    { value: 'a@contoso.com', type: 'other' },
  ],
  [ENTERPRISE_USER_URN]: { department: 'Sales', manager: { value: 'u-9' } },
};

describe('diffAgainstTarget: caseExact per attribute (entra-semantics.md §4.8)', () => {
  it.each([
    ['userName differs only in case (caseExact false) → no change', m('userName', 'alice@contoso.com'), null],
    ['externalId differs only in case (caseExact true) → change', m('externalId', 'Alice'), { oldValue: 'alice', newValue: 'Alice' }],
    ['a caseExact override makes userName case-sensitive', m('userName', 'alice@contoso.com', { caseExact: true }), { oldValue: 'Alice@Contoso.com' }],
    ['a caseExact:false override relaxes externalId', m('externalId', 'ALICE', { caseExact: false }), null],
    ['displayName differs', m('displayName', 'Alice Jones'), { oldValue: 'Alice Smith', newValue: 'Alice Jones' }],
    ['a sub-attribute differs', m('name.familyName', 'Jones'), { path: 'name.familyName', oldValue: 'Smith', newValue: 'Jones' }],
    ['a filtered value is found by its filter, ignoring case', m('emails[type eq "WORK"].value', 'ALICE@contoso.com'), null],
    ['a filtered value differs', m('emails[type eq "other"].value', 'b@contoso.com'), { oldValue: 'a@contoso.com', newValue: 'b@contoso.com' }],
    ['a filtered element is missing → add', m('phoneNumbers[type eq "mobile"].value', '+1 555'), { newValue: '+1 555' }],
    ['an extension attribute is equal', m(`${ENTERPRISE_USER_URN}:department`, 'sales'), null],
    ['an extension attribute is missing → add', m(`${ENTERPRISE_USER_URN}:costCenter`, 'CC-1'), { newValue: 'CC-1' }],
    ['active true vs true', m('active', true), null],
    ['active false vs true', m('active', false), { path: 'active', oldValue: true, newValue: false }],
    ['the manager reference is equal', m('manager', 'u-9'), null],
    ['the manager reference changes', m(`${ENTERPRISE_USER_URN}:manager`, 'u-8'), { oldValue: 'u-9', newValue: 'u-8' }],
    ['"" replaces a value', m('displayName', ''), { oldValue: 'Alice Smith', newValue: '' }],
  ])('%s', (_label, mapped, expected) => {
    const { changes, modifiedProperties } = diffAgainstTarget([mapped], existing);
    if (expected === null) {
      expect(changes).toEqual([]);
      expect(modifiedProperties).toEqual([]);
    } else {
      expect(changes).toHaveLength(1);
      expect(changes[0]).toMatchObject({ path: mapped.target.text, ...expected });
      if (!('oldValue' in expected)) expect(changes[0]).not.toHaveProperty('oldValue');
    }
  });

  it('reads targets that spell attribute names in another case, and string booleans', () => {
    const lenient: ScimResource = { id: 'u', UserName: 'bob', Active: 'True', NAME: { GivenName: 'Bob' } };
    const { changes } = diffAgainstTarget([m('userName', 'bob'), m('active', true), m('name.givenName', 'Bob')], lenient);
    expect(changes).toEqual([]);
  });

  it('reports modifiedProperties with old and new values as strings', () => {
    const { modifiedProperties } = diffAgainstTarget(
      [m('active', false), m('displayName', 'Alice Jones'), m('title', 'Engineer'), m('emails', [{ value: 'x@y.com' }])],
      existing,
    );
    expect(modifiedProperties).toEqual([
      { displayName: 'active', oldValue: 'True', newValue: 'False' },
      { displayName: 'displayName', oldValue: 'Alice Smith', newValue: 'Alice Jones' },
      { displayName: 'title', oldValue: null, newValue: 'Engineer' },
      { displayName: 'emails', oldValue: JSON.stringify(existing.emails), newValue: '[{"value":"x@y.com"}]' },
    ]);
  });

  it('compares multi-valued values as multisets', () => {
    const target: ScimResource = { id: 'g', roles: [{ value: 'B', primary: false }, { value: 'A', primary: true }] };
    expect(diffAgainstTarget([m('roles', [{ primary: true, value: 'a' }, { value: 'b', primary: false }])], target).changes).toEqual([]);
    expect(diffAgainstTarget([m('roles', [{ primary: true, value: 'A' }])], target).changes).toHaveLength(1);
  });
});

describe('flow types (entra-semantics.md §4.1)', () => {
  it('AttributeAddOnly writes only into an empty target', () => {
    expect(diffAgainstTarget([m('displayName', 'X', { flow: 'AttributeAddOnly' })], existing).changes).toEqual([]);
    expect(diffAgainstTarget([m('title', 'X', { flow: 'AttributeAddOnly' })], existing).changes).toEqual([{ path: 'title', newValue: 'X' }]);
  });

  it('ValueAddOnly and MultiValueAddOnly only add the values a multi-valued target lacks', () => {
    const target: ScimResource = { id: 'u', emails: [{ value: 'a@x.com' }] };
    for (const flow of ['ValueAddOnly', 'MultiValueAddOnly'] as const) {
      const { changes } = diffAgainstTarget([m('emails', [{ value: 'A@x.com' }, { value: 'b@x.com' }], { flow })], target);
      expect(changes).toEqual([{ path: 'emails', newValue: [{ value: 'b@x.com' }] }]);
    }
  });

  it('ValueAddOnly on a single-valued attribute never replaces; MultiValueAddOnly does', () => {
    expect(diffAgainstTarget([m('displayName', 'X', { flow: 'ValueAddOnly' })], existing).changes).toEqual([]);
    expect(diffAgainstTarget([m('displayName', 'X', { flow: 'MultiValueAddOnly' })], existing).changes).toHaveLength(1);
  });
});

describe('modifiedPropertiesForCreate', () => {
  it('lists every exported attribute with a null old value, leaving references out', () => {
    expect(modifiedPropertiesForCreate([m('userName', 'a'), m('active', true), m('manager', 'm-1')])).toEqual([
      { displayName: 'userName', oldValue: null, newValue: 'a' },
      { displayName: 'active', oldValue: null, newValue: 'True' },
    ]);
  });
});
