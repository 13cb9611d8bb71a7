import { describe, expect, it } from 'vitest';
import type { AppTemplate } from '../../src/app/types.js';
import { seededRandom } from '../../src/core/determinism.js';
import { indexSource } from '../../src/source/directory.js';
import { resolveSubject, type SubjectSearchOptions } from '../../src/source/search.js';
import type { SourceDirectory, Subject } from '../../src/source/types.js';

const source: SourceDirectory = {
  users: [
    { objectId: 'u-alice', userPrincipalName: 'alice@contoso.com', mail: 'alice.smith@contoso.com', displayName: 'Alice Smith', givenName: 'Alice', surname: 'Smith' },
    { objectId: 'u-alan', userPrincipalName: 'alan@contoso.com', displayName: 'Alan Smith', givenName: 'Alan', surname: 'Smith' },
    { objectId: 'u-bob', userPrincipalName: 'bob@contoso.com', displayName: 'Bob Jones', deleted: true },
    { objectId: 'u-carol', userPrincipalName: 'carol@contoso.com', displayName: 'Carol King', accountEnabled: false },
    { objectId: 'u-dan', userPrincipalName: 'dan@contoso.com', displayName: 'Dan Brown', workerId: '21001', personIdExternal: 'P-9' },
    { userPrincipalName: 'eve@contoso.com' },
    { userPrincipalName: 'frank@contoso.com' },
    { userPrincipalName: 'gina@contoso.com' },
    { objectId: 'u-hal', userPrincipalName: 'hal@contoso.com', displayName: 'Hal Ford' },
    { objectId: 'u-hal2', userPrincipalName: 'hal2@contoso.com', displayName: 'Hal Ford' },
  ],
  groups: [
    { objectId: 'g-sales', displayName: 'Sales', members: ['alice@contoso.com', 'u-alan', 'Nested', 'bob@contoso.com', 'carol@contoso.com'] },
    { objectId: 'g-nested', displayName: 'Nested', members: ['dan@contoso.com'] },
    { objectId: 'g-big', displayName: 'Everyone', members: ['alice@contoso.com', 'alan@contoso.com', 'dan@contoso.com', 'eve@contoso.com', 'frank@contoso.com', 'gina@contoso.com'] },
    { objectId: 'g-gone', displayName: 'Gone', deleted: true },
    { objectId: 'g-pair', displayName: 'Pair', members: ['hal@contoso.com', 'hal2@contoso.com'] },
  ],
};

const exact: SubjectSearchOptions = { match: 'exact', findDisabledUsers: false };
const index = indexSource(source, seededRandom(1));

type Row = {
  name: string;
  subject: Subject;
  template?: AppTemplate;
  options?: Partial<SubjectSearchOptions>;
} & ({ found: string; members?: string[] } | { code: string; candidates?: number });

const rows: Row[] = [
  { name: 'UPN', subject: { user: 'alice@contoso.com' }, found: 'u-alice' },
  { name: 'UPN, other case', subject: { user: 'ALICE@contoso.COM' }, found: 'u-alice' },
  { name: 'mail', subject: { user: 'alice.smith@contoso.com' }, found: 'u-alice' },
  { name: 'display name', subject: { user: 'Alan Smith' }, found: 'u-alan' },
  { name: 'first name', subject: { user: 'alice' }, found: 'u-alice' },
  { name: 'object id', subject: { user: 'u-alan' }, found: 'u-alan' },
  { name: 'last name shared by two users', subject: { user: 'Smith' }, code: 'AmbiguousSubject', candidates: 2 },
  { name: 'prefix search, unique', subject: { user: 'Ala' }, options: { match: 'prefix' }, found: 'u-alan' },
  { name: 'prefix search, ambiguous', subject: { user: 'Al' }, options: { match: 'prefix' }, code: 'AmbiguousSubject', candidates: 2 },
  { name: 'exact search ignores prefixes', subject: { user: 'Ala' }, code: 'SubjectNotFound' },
  { name: 'unknown user', subject: { user: 'nobody@contoso.com' }, code: 'SubjectNotFound' },
  { name: 'soft-deleted user is not found', subject: { user: 'bob@contoso.com' }, code: 'SubjectNotFound' },
  { name: 'disabled user is not found', subject: { user: 'carol@contoso.com' }, code: 'SubjectNotFound' },
  { name: 'disabled user found with findDisabledUsers', subject: { user: 'carol@contoso.com' }, options: { findDisabledUsers: true }, found: 'u-carol' },
  { name: 'soft-deleted stays hidden with findDisabledUsers', subject: { user: 'bob@contoso.com' }, options: { findDisabledUsers: true }, code: 'SubjectNotFound' },
  { name: 'group by name with its direct members', subject: { group: 'Sales' }, found: 'g-sales', members: ['u-alice', 'u-alan', 'u-carol'] },
  { name: 'group by id, chosen members', subject: { group: 'g-sales', members: ['alan@contoso.com', 'Alice Smith'] }, found: 'g-sales', members: ['u-alan', 'u-alice'] },
  { name: 'group with no members picked', subject: { group: 'Sales', members: [] }, found: 'g-sales', members: [] },
  { name: 'member who is not a direct member', subject: { group: 'Sales', members: ['dan@contoso.com'] }, code: 'NotADirectMember', candidates: 3 },
  { name: 'nested group as member', subject: { group: 'Sales', members: ['Nested'] }, code: 'NestedGroupMember' },
  { name: 'soft-deleted member', subject: { group: 'Sales', members: ['bob@contoso.com'] }, code: 'NotADirectMember', candidates: 3 },
  { name: 'member picked by a display name two direct members share', subject: { group: 'Pair', members: ['Hal Ford'] }, code: 'AmbiguousSubject', candidates: 2 },
  { name: 'members told apart by UPN', subject: { group: 'Pair', members: ['hal2@contoso.com', 'hal@contoso.com'] }, found: 'g-pair', members: ['u-hal2', 'u-hal'] },
  { name: 'member picked twice', subject: { group: 'Sales', members: ['u-alan', 'alan@contoso.com'] }, code: 'DuplicateMember' },
  { name: 'six members picked', subject: { group: 'Everyone', members: ['a', 'b', 'c', 'd', 'e', 'f'] }, code: 'TooManyGroupMembers' },
  { name: 'group with six direct members and none picked', subject: { group: 'Everyone' }, code: 'TooManyGroupMembers', candidates: 6 },
  { name: 'group with six direct members, five picked', subject: { group: 'Everyone', members: ['eve@contoso.com', 'frank@contoso.com', 'gina@contoso.com', 'dan@contoso.com', 'alan@contoso.com'] }, found: 'g-big', members: ['eve', 'frank', 'gina', 'u-dan', 'u-alan'] },
  { name: 'soft-deleted group', subject: { group: 'Gone' }, code: 'SubjectNotFound' },
  { name: 'Workday worker by WorkerID', subject: { worker: '21001' }, template: 'workday', found: 'u-dan' },
  { name: 'SuccessFactors worker by personIdExternal', subject: { worker: 'P-9' }, template: 'successFactors', found: 'u-dan' },
  { name: 'Workday does not read personIdExternal', subject: { worker: 'P-9' }, template: 'workday', code: 'SubjectNotFound' },
  { name: 'worker subject on a SCIM app', subject: { worker: '21001' }, code: 'WorkerSubjectNotSupported' },
  { name: 'user search on a Workday app', subject: { user: 'dan@contoso.com' }, template: 'workday', code: 'WorkerSubjectRequired' },
];

describe('resolveSubject', () => {
  it.each(rows)('$name', (row) => {
    const result = resolveSubject(index, row.subject, row.template ?? 'scim', { ...exact, ...row.options });
    if ('found' in row) {
      expect(result.ok, JSON.stringify(result)).toBe(true);
      if (!result.ok) return;
      const s = result.subject;
      const id = s.kind === 'group' ? s.group.objectId : s.user.objectId;
      expect(id).toBe(row.found);
      if (row.members) {
        expect(s.kind).toBe('group');
        if (s.kind !== 'group') return;
        // Generated ids are GUIDs; compare by UPN prefix for users without an objectId.
        expect(s.members.map((m) => m.entry.objectId ?? m.entry.userPrincipalName?.split('@')[0])).toEqual(row.members);
      }
    } else {
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.problem.code).toBe(row.code);
      expect(result.problem.reason.length).toBeGreaterThan(10);
      expect(result.problem.candidates?.length).toBe(row.candidates);
    }
  });

  it('names the nested group a selected member belongs to, and lists no candidates when there are none', () => {
    const viaNested = resolveSubject(index, { group: 'Sales', members: ['dan@contoso.com'] }, 'scim', exact);
    expect(viaNested.ok ? '' : viaNested.problem.reason).toBe(
      'dan@contoso.com is not a direct member of group Sales, only of Nested, a group nested in it; on-demand does not follow nested groups: select direct members, or provision Nested itself if it is assigned to the application',
    );
    const onlyNested = indexSource({ users: [{ userPrincipalName: 'a@contoso.com' }], groups: [{ displayName: 'Inner', members: ['a@contoso.com'] }, { displayName: 'Outer', members: ['Inner'] }] }, seededRandom(1));
    const result = resolveSubject(onlyNested, { group: 'Outer', members: ['a@contoso.com'] }, 'scim', exact);
    expect(result.ok ? undefined : result.problem).toEqual({
      code: 'NotADirectMember',
      reason: 'a@contoso.com is not a direct member of group Outer, only of Inner, a group nested in it; on-demand does not follow nested groups: select direct members, or provision Inner itself if it is assigned to the application',
    });
  });

  it('lists candidates as name, UPN and object id', () => {
    const result = resolveSubject(index, { user: 'Smith' }, 'scim', exact);
    expect(result.ok ? [] : result.problem.candidates).toEqual([
      'Alice Smith <alice@contoso.com> (u-alice)',
      'Alan Smith <alan@contoso.com> (u-alan)',
    ]);
  });

  it.each([
    { subject: { user: 'Smith' }, template: 'scim' as const, advice: 'search by user principal name or object id to pick one' },
    { subject: { group: 'Twin' }, template: 'scim' as const, advice: 'search by object id to pick one' },
    { subject: { worker: '21001' }, template: 'workday' as const, advice: 'a worker key names one worker: give each worker its own key in the source' },
  ])('advises on an ambiguous $template search what can settle it', ({ subject, template, advice }) => {
    const twins = indexSource({
      users: [...(source.users ?? []), { WID: '21001' }],
      groups: [{ displayName: 'Twin' }, { displayName: 'Twin' }],
    }, seededRandom(1));
    const result = resolveSubject(twins, subject, template, exact);
    expect(result.ok ? '' : result.problem.reason).toMatch(new RegExp(`: ${advice}$`));
  });

  it('names the keys a worker is searched by when none matches', () => {
    const result = resolveSubject(index, { worker: 'E-21001' }, 'workday', exact);
    expect(result.ok ? '' : result.problem.reason).toBe('no worker in the source matches "E-21001" (workers are searched by workerId, WorkerID, WID, the whole value)');
  });

  it('says why a soft-deleted or disabled user was not found', () => {
    const deleted = resolveSubject(index, { user: 'bob@contoso.com' }, 'scim', exact);
    const disabled = resolveSubject(index, { user: 'carol@contoso.com' }, 'scim', exact);
    expect(deleted.ok ? '' : deleted.problem.reason).toMatch(/soft-deleted/);
    expect(disabled.ok ? '' : disabled.problem.reason).toMatch(/findDisabledUsers/);
  });
});

describe('indexSource', () => {
  it('generates object ids from the seed, stable when other users are added', () => {
    const a = indexSource({ users: [{ userPrincipalName: 'x@c.com' }] }, seededRandom(7));
    const b = indexSource({ users: [{ userPrincipalName: 'w@c.com' }, { userPrincipalName: 'x@c.com' }] }, seededRandom(7));
    const c = indexSource({ users: [{ userPrincipalName: 'x@c.com' }] }, seededRandom(8));
    expect(a.users[0]?.objectId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(b.users[1]?.objectId).toBe(a.users[0]?.objectId);
    expect(c.users[0]?.objectId).not.toBe(a.users[0]?.objectId);
  });

  it('gives two entries with the same key different ids', () => {
    const idx = indexSource({ users: [{ displayName: 'Same' }, { displayName: 'Same' }] }, seededRandom(1));
    expect(idx.users[0]?.objectId).not.toBe(idx.users[1]?.objectId);
  });

  it('resolves references by object id, UPN or mail, and refuses ambiguous ones', () => {
    const idx = indexSource({
      users: [
        { objectId: 'a', userPrincipalName: 'a@c.com', mail: 'shared@c.com' },
        { objectId: 'b', userPrincipalName: 'b@c.com', mail: 'shared@c.com' },
      ],
      groups: [{ objectId: 'g', displayName: 'G' }],
    }, seededRandom(1));
    expect(idx.findUser('A@C.COM')?.objectId).toBe('a');
    expect(idx.findUser('b')?.objectId).toBe('b');
    expect(idx.findUser('shared@c.com')).toBeUndefined();
    expect(idx.findGroup('g')?.entry.displayName).toBe('G');
    expect(idx.findGroup('g')).toBe(idx.findGroup('G'));
  });
});
