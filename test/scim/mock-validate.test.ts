/**
 * Bad `target:` input → coded issues naming the entry (code and path asserted, not the wording).
 */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import { targetStateIssues } from '../../src/scim/mock/validate.js';
import { createMockScimTarget } from '../../src/scim/mock/target.js';

const user = { id: 'u-1', userName: 'a@x.com' };

describe('target state validation', () => {
  it.each<[string, unknown, Array<[string, Array<string | number>]>]>([
    ['a state that is not an object', 'nope', [['MOCK_INVALID_STATE', ['target']]]],
    ['users that are not a list', { users: { id: 'x' } }, [['MOCK_INVALID_STATE', ['target', 'users']]]],
    ['an unknown target key', { user: [] }, [['MOCK_INVALID_STATE', ['target', 'user']]]],
    ['a user that is not an object', { users: ['a@x.com'] }, [['MOCK_NOT_SCIM_SHAPED', ['target', 'users', 0]]]],
    [
      'duplicate ids across users and groups',
      { users: [user, { id: 'u-1', userName: 'b@x.com' }], groups: [{ id: 'u-1', displayName: 'G' }] },
      [
        ['MOCK_DUPLICATE_ID', ['target', 'users', 1, 'id']],
        ['MOCK_DUPLICATE_ID', ['target', 'groups', 0, 'id']],
      ],
    ],
    ['an id that is not a string', { users: [{ id: 7, userName: 'a@x.com' }] }, [['MOCK_NOT_SCIM_SHAPED', ['target', 'users', 0, 'id']]]],
    ['a user without userName', { users: [{ id: 'u-1' }] }, [['MOCK_MISSING_ATTRIBUTE', ['target', 'users', 0, 'userName']]]],
    ['a group without displayName', { groups: [{ id: 'g-1' }] }, [['MOCK_MISSING_ATTRIBUTE', ['target', 'groups', 0, 'displayName']]]],
    ['active as a string', { users: [{ ...user, active: 'False' }] }, [['MOCK_NOT_SCIM_SHAPED', ['target', 'users', 0, 'active']]]],
    ['an unquoted number for a string attribute', { users: [{ ...user, 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { employeeNumber: 42 } }] }, [['MOCK_NOT_SCIM_SHAPED', ['target', 'users', 0, 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User', 'employeeNumber']]]],
    ['emails that are not a list', { users: [{ ...user, emails: 'a@x.com' }] }, [['MOCK_NOT_SCIM_SHAPED', ['target', 'users', 0, 'emails']]]],
    ['an email that is not an object', { users: [{ ...user, emails: ['a@x.com'] }] }, [['MOCK_NOT_SCIM_SHAPED', ['target', 'users', 0, 'emails', 0]]]],
    ['a string primary flag', { users: [{ ...user, emails: [{ value: 'a@x.com', primary: 'true' }] }] }, [['MOCK_NOT_SCIM_SHAPED', ['target', 'users', 0, 'emails', 0, 'primary']]]],
    ['name that is not complex', { users: [{ ...user, name: 'Alice' }] }, [['MOCK_NOT_SCIM_SHAPED', ['target', 'users', 0, 'name']]]],
    ['an attribute name that is not SCIM', { users: [{ ...user, 'first name': 'A' }] }, [['MOCK_NOT_SCIM_SHAPED', ['target', 'users', 0, 'first name']]]],
    ['an extension that is not an object', { users: [{ ...user, 'urn:x:ext:2.0:User': 'v' }] }, [['MOCK_NOT_SCIM_SHAPED', ['target', 'users', 0, 'urn:x:ext:2.0:User']]]],
    ['an empty target token', { behaviour: { token: '' } }, [['MOCK_INVALID_BEHAVIOUR', ['target', 'behaviour', 'token']]]],
    ['applied that is not a boolean', { faults: [{ on: 'any', status: 500, applied: 'yes' as never }] }, [['MOCK_INVALID_FAULT', ['target', 'faults', 0, 'applied']]]],
    ['applied with no answer to replace', { faults: [{ on: 'any', delayMs: 5, applied: true }] }, [['MOCK_INVALID_FAULT', ['target', 'faults', 0]]]],
    ['a member that is not { value }', { users: [user], groups: [{ displayName: 'G', members: ['u-1'] }] }, [['MOCK_NOT_SCIM_SHAPED', ['target', 'groups', 0, 'members', 0]]]],
    ['a member without a value', { users: [user], groups: [{ displayName: 'G', members: [{ display: 'A' }] }] }, [['MOCK_NOT_SCIM_SHAPED', ['target', 'groups', 0, 'members', 0, 'value']]]],
    ['a member id nobody has', { users: [user], groups: [{ displayName: 'G', members: [{ value: 'u-9' }] }] }, [['MOCK_UNKNOWN_MEMBER', ['target', 'groups', 0, 'members', 0, 'value']]]],
    ['an unknown behaviour', { behaviour: { strict: true } }, [['MOCK_INVALID_BEHAVIOUR', ['target', 'behaviour', 'strict']]]],
    ['a behaviour of the wrong type', { behaviour: { strictBooleans: 'yes', patchStatus: 201, filterable: 'userName' } }, [
      ['MOCK_INVALID_BEHAVIOUR', ['target', 'behaviour', 'strictBooleans']],
      ['MOCK_INVALID_BEHAVIOUR', ['target', 'behaviour', 'patchStatus']],
      ['MOCK_INVALID_BEHAVIOUR', ['target', 'behaviour', 'filterable']],
    ]],
    ['a quirk mode that is not apply, ignore or reject', { behaviour: { flattenedKeys: 'drop', removeByValue: true } }, [
      ['MOCK_INVALID_BEHAVIOUR', ['target', 'behaviour', 'flattenedKeys']],
      ['MOCK_INVALID_BEHAVIOUR', ['target', 'behaviour', 'removeByValue']],
    ]],
    ['groups held by a target without /Groups', { groups: [{ displayName: 'G' }], behaviour: { groups: false } }, [['MOCK_INVALID_BEHAVIOUR', ['target', 'behaviour', 'groups']]]],
    ['an unparseable filter in unsupportedPaths', { behaviour: { unsupportedPaths: ['addresses[type eq work]'] } }, [['MOCK_UNPARSEABLE_FILTER', ['target', 'behaviour', 'unsupportedPaths', 0]]]],
    ['an unclosed filter in filterable', { behaviour: { filterable: ['emails[type eq "work"'] } }, [['MOCK_UNPARSEABLE_FILTER', ['target', 'behaviour', 'filterable', 0]]]],
    ['faults that are not a list', { faults: { on: 'any' } }, [['MOCK_INVALID_FAULT', ['target', 'faults']]]],
    ['a fault without on', { faults: [{ status: 500 }] }, [['MOCK_INVALID_FAULT', ['target', 'faults', 0, 'on']]]],
    ['a fault matcher of the wrong shape', { faults: [{ on: 'PATCH Users', status: 500 }] }, [['MOCK_INVALID_FAULT', ['target', 'faults', 0, 'on']]]],
    ['a method the client never sends', { faults: [{ on: 'HEAD /Users', status: 500 }] }, [['MOCK_FAULT_NEVER_MATCHES', ['target', 'faults', 0, 'on']]]],
    ['a path the client never requests', { faults: [{ on: 'GET /Userz/*', status: 500 }] }, [['MOCK_FAULT_NEVER_MATCHES', ['target', 'faults', 0, 'on']]]],
    ['a POST to an item', { faults: [{ on: 'POST /Users/u-1', status: 500 }] }, [['MOCK_FAULT_NEVER_MATCHES', ['target', 'faults', 0, 'on']]]],
    ['a PATCH to a collection', { faults: [{ on: 'PATCH /Groups', status: 500 }] }, [['MOCK_FAULT_NEVER_MATCHES', ['target', 'faults', 0, 'on']]]],
    ['nth and times below 1', { faults: [{ on: 'any', status: 500, nth: 0, times: 1.5 }] }, [
      ['MOCK_INVALID_FAULT', ['target', 'faults', 0, 'nth']],
      ['MOCK_INVALID_FAULT', ['target', 'faults', 0, 'times']],
    ]],
    ['a status out of range', { faults: [{ on: 'any', status: 700 }] }, [['MOCK_INVALID_FAULT', ['target', 'faults', 0, 'status']]]],
    ['an unknown error', { faults: [{ on: 'any', error: 'explode' }] }, [['MOCK_INVALID_FAULT', ['target', 'faults', 0, 'error']]]],
    ['a reset with a status', { faults: [{ on: 'any', error: 'reset', status: 500 }] }, [['MOCK_INVALID_FAULT', ['target', 'faults', 0]]]],
    ['a fault without an effect', { faults: [{ on: 'any', times: 1 }] }, [['MOCK_INVALID_FAULT', ['target', 'faults', 0]]]],
    ['a body without a status', { faults: [{ on: 'any', body: 'x' }] }, [['MOCK_INVALID_FAULT', ['target', 'faults', 0]]]],
    ['a negative delay', { faults: [{ on: 'any', delayMs: -1 }] }, [['MOCK_INVALID_FAULT', ['target', 'faults', 0, 'delayMs']]]],
    ['an unknown fault key', { faults: [{ on: 'any', status: 500, when: 'always' }] }, [['MOCK_INVALID_FAULT', ['target', 'faults', 0, 'when']]]],
  ])('%s', (_name, state, expected) => {
    const issues = targetStateIssues(state);
    expect(issues.map((i) => [i.code, i.path])).toEqual(expected);
    for (const issue of issues) expect(issue.message.startsWith('target')).toBe(true);
  });

  it.each([
    { users: [user, { userName: 'b@x.com', active: false, emails: [{ type: 'work', value: 'b@x.com', primary: true }], name: { givenName: 'B' } }] },
    { users: [user], groups: [{ id: 'g-1', displayName: 'G', members: [{ value: 'u-1' }, { value: 'g-2' }] }, { id: 'g-2', displayName: 'H' }] },
    { users: [{ ...user, 'urn:ietf:params:scim:schemas:extension:Contoso:2.0:User': { costCentre: 12, tags: ['a'] } }] },
    { behaviour: { filterable: ['userName', 'emails[type eq "work"].value'], unsupportedPaths: ['addresses[type eq "work"]'], patchStatus: 204 } },
    { behaviour: { flattenedKeys: 'ignore', removeByValue: 'reject', hideInactiveUsers: true, rejectUnknownSchemas: false } },
    { faults: [{ on: 'testConnection', status: 401 }, { on: 'PATCH /Users/*', status: 500, times: 1 }, { on: 'any', delayMs: 50 }, { on: 'GET /Groups?*', error: 'malformed' }, { on: '* /**', nth: 3, error: 'reset' }] },
    // A target that already broke userName uniqueness: the seed may say so, so that
    // DuplicateTargetEntries can be reproduced (new writes still get 409).
    { users: [{ userName: 'a@x.com' }, { userName: 'A@X.com' }] },
  ])('accepts a valid state %#', (state) => {
    expect(targetStateIssues(state)).toEqual([]);
  });

  it('createMockScimTarget throws one InputError with every issue, naming the scenario', async () => {
    const promise = createMockScimTarget({ users: [user, user] }, { strictBooleans: 'no' as never }, { entry: 'scenario "dup"' });
    await expect(promise).rejects.toBeInstanceOf(InputError);
    const error = (await promise.catch((e: unknown) => e)) as InputError;
    expect(error.issues.map((i) => i.code)).toEqual(['MOCK_DUPLICATE_ID', 'MOCK_INVALID_BEHAVIOUR']);
    expect(error.message.startsWith('scenario "dup": target.users[1].id')).toBe(true);
    expect(error.exitCode).toBe(2);
  });
});
