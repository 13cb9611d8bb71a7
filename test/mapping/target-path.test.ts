import { describe, expect, it } from 'vitest';
import { CORE_USER_URN, ENTERPRISE_USER_URN, parseTargetPath, TargetPathError } from '../../src/mapping/target-path.js';
import { isSchemaMismatch, resolveTarget } from '../../src/mapping/scim-schema.js';

const CUSTOM = 'urn:ietf:params:scim:schemas:extension:CustomExtension:2.0:User';

describe('parseTargetPath: every documented form (entra-semantics.md §4.4)', () => {
  it.each([
    ['userName', { kind: 'simple', attribute: 'userName' }],
    ['  externalId ', { kind: 'simple', attribute: 'externalId', text: 'externalId' }],
    ['emails', { kind: 'simple', attribute: 'emails' }],
    ['name.givenName', { kind: 'subAttribute', attribute: 'name', subAttribute: 'givenName' }],
    ['emails[type eq "work"].value', { kind: 'filtered', attribute: 'emails', filter: { attribute: 'type', value: 'work' }, subAttribute: 'value' }],
    ['emails[type eq "other"].Value', { kind: 'filtered', attribute: 'emails', filter: { attribute: 'type', value: 'other' }, subAttribute: 'Value' }],
    ['phoneNumbers[type eq "mobile"].value', { kind: 'filtered', attribute: 'phoneNumbers', filter: { attribute: 'type', value: 'mobile' } }],
    ['addresses[type eq "work"].postalCode', { kind: 'filtered', attribute: 'addresses', subAttribute: 'postalCode' }],
    ['addresses[type eq "other"].Formatted', { kind: 'filtered', attribute: 'addresses', subAttribute: 'Formatted' }],
    ['roles[primary eq "True"].value', { kind: 'filtered', attribute: 'roles', filter: { attribute: 'primary', value: 'True' }, subAttribute: 'value' }],
    ['emails[type eq \\"work\\"].value', { kind: 'filtered', filter: { attribute: 'type', value: 'work' } }],
    ['emails[type eq "a]b"].value', { kind: 'filtered', filter: { attribute: 'type', value: 'a]b' } }],
    [`${ENTERPRISE_USER_URN}:department`, { kind: 'extension', schema: ENTERPRISE_USER_URN, custom: false, attribute: 'department' }],
    [`${ENTERPRISE_USER_URN}:employeeNumber`, { kind: 'extension', attribute: 'employeeNumber' }],
    [`${CUSTOM}:costCentre`, { kind: 'extension', schema: CUSTOM, custom: true, attribute: 'costCentre' }],
    [`${CUSTOM}:badge.number`, { kind: 'extension', custom: true, attribute: 'badge', subAttribute: 'number' }],
    [`${ENTERPRISE_USER_URN}:manager`, { kind: 'manager', schema: ENTERPRISE_USER_URN }],
    [`${ENTERPRISE_USER_URN}:manager.value`, { kind: 'manager' }],
    ['manager', { kind: 'manager', schema: ENTERPRISE_USER_URN }],
    ['members', { kind: 'members' }],
    ['objectFilter', { kind: 'objectFilter' }],
    [`${CORE_USER_URN}:userName`, { kind: 'simple', attribute: 'userName', text: `${CORE_USER_URN}:userName` }],
    [`${CORE_USER_URN}:name.familyName`, { kind: 'subAttribute', attribute: 'name', subAttribute: 'familyName' }],
  ])('%s', (text, expected) => {
    expect(parseTargetPath(text)).toMatchObject(expected);
  });

  it('gives one key to paths that write the same target', () => {
    const key = (t: string) => parseTargetPath(t).key;
    expect(key('emails[type eq "work"].value')).toBe(key('Emails[Type eq "WORK"].Value'));
    expect(key('userName')).toBe(key(`${CORE_USER_URN}:username`));
    expect(key('manager')).toBe(key(`${ENTERPRISE_USER_URN}:manager`));
    expect(key('roles[primary eq "True"].value')).toBe(key('roles[primary eq true].value'));
    expect(key('emails[type eq "work"].value')).not.toBe(key('emails[type eq "other"].value'));
  });

  it.each([
    ['', 'MAPPING_EMPTY_TARGET', 1],
    ['   ', 'MAPPING_EMPTY_TARGET', 1],
    ['1userName', 'MAPPING_INVALID_TARGET_PATH', 1],
    ['name.', 'MAPPING_INVALID_TARGET_PATH', 6],
    ['name.givenName.x', 'MAPPING_INVALID_TARGET_PATH', 15],
    ['emails[type eq "work"', 'MAPPING_INVALID_TARGET_PATH', 7],
    ['emails[type eq "work"]', 'MAPPING_FILTER_WITHOUT_SUB_ATTRIBUTE', 23],
    ['emails[type co "work"].value', 'MAPPING_UNSUPPORTED_VALUE_FILTER', 8],
    ['emails[type eq "work" and primary eq true].value', 'MAPPING_UNSUPPORTED_VALUE_FILTER', 8],
    ['emails[type eq work].value', 'MAPPING_UNSUPPORTED_VALUE_FILTER', 8],
    ['user name', 'MAPPING_INVALID_TARGET_PATH', 5],
    [`${ENTERPRISE_USER_URN}.department`, 'MAPPING_EXTENSION_DOT_NOTATION', 59],
    ['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:', 'MAPPING_INVALID_TARGET_PATH', 60],
  ])('%j → %s at column %d', (text, code, column) => {
    try {
      parseTargetPath(text);
      expect.unreachable('should have thrown');
    } catch (error) {
      expect(error).toBeInstanceOf(TargetPathError);
      expect((error as TargetPathError).code).toBe(code);
      expect((error as TargetPathError).column).toBe(column);
      expect((error as TargetPathError).hint).toBeTruthy();
    }
  });
});

describe('resolveTarget: the SCIM attribute table', () => {
  const resolve = (text: string, type: 'user' | 'group' = 'user') => resolveTarget(parseTargetPath(text), type);

  it.each([
    ['userName', 'string', false, true, true],
    ['externalId', 'string', true, false, true],
    ['active', 'boolean', false, false, true],
    ['name.givenName', 'string', false, false, true],
    ['emails[type eq "work"].value', 'string', false, false, true],
    ['roles[primary eq "True"].value', 'string', false, false, true],
    [`${ENTERPRISE_USER_URN}:department`, 'string', false, false, true],
    ['manager', 'string', false, false, true],
    [`${CUSTOM}:costCentre`, 'string', false, false, false],
    ['favouriteColour', 'string', false, false, false],
  ])('%s: %s, caseExact %s, required %s, known %s', (text, type, caseExact, required, known) => {
    const r = resolve(text);
    if (isSchemaMismatch(r)) throw new Error(r.message);
    expect(r.definition).toMatchObject({ type, caseExact, required });
    expect(r.known).toBe(known);
  });

  it('knows group attributes', () => {
    const members = resolve('members', 'group');
    const displayName = resolve('displayName', 'group');
    expect(isSchemaMismatch(members) ? null : members.definition).toMatchObject({ name: 'members', multiValued: true });
    expect(isSchemaMismatch(displayName) ? null : displayName.definition).toMatchObject({ name: 'displayName', caseExact: false });
  });

  it.each([
    ['id', 'user', 'MAPPING_READ_ONLY_TARGET'],
    ['groups[type eq "direct"].value', 'user', 'MAPPING_READ_ONLY_TARGET'],
    ['members', 'user', 'MAPPING_WRONG_OBJECT_TYPE'],
    ['manager', 'group', 'MAPPING_WRONG_OBJECT_TYPE'],
    [`${ENTERPRISE_USER_URN}:department`, 'group', 'MAPPING_WRONG_OBJECT_TYPE'],
    ['userName[type eq "work"].value', 'user', 'MAPPING_NOT_MULTI_VALUED'],
    ['emails.value', 'user', 'MAPPING_NOT_MULTI_VALUED'],
    ['userName.first', 'user', 'MAPPING_NOT_COMPLEX'],
  ] as const)('%s on a %s → %s', (text, type, code) => {
    const r = resolve(text, type);
    expect(isSchemaMismatch(r) ? r.code : 'resolved').toBe(code);
  });
});
