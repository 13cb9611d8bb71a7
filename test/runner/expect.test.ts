import { describe, expect, it } from 'vitest';
import type { OnDemandResult } from '../../src/engine/types.js';
import { actionsMatch, checkExpectations, errorCodesMatch } from '../../src/runner/expect.js';
import type { Expectations } from '../../src/scenario/types.js';
import { conflictResult, createdResult, redundantResult } from './fixtures.js';

/** Failures as `code path step exchanges`, compact enough to compare in a table. */
function failures(expect: Expectations | null, result: OnDemandResult, exact = false): string[] {
  return checkExpectations(expect, result, { exact }).map(
    (f) => `${f.code} ${f.path.join('.') || '-'} ${f.step ?? '-'} [${(f.exchanges ?? []).join(',')}]`,
  );
}

const cases: Array<{ title: string; expect: Expectations | null; result: () => OnDemandResult; exact?: boolean; failures: string[] }> = [
  { title: 'no expectations fail on purpose', expect: null, result: createdResult, failures: ['EXPECT_NOTHING - - []'] },
  { title: 'result and action hold', expect: { result: 'success', action: 'create' }, result: createdResult, failures: [] },
  { title: 'a wrong result names the step that decided it', expect: { result: 'success' }, result: conflictResult, failures: ['EXPECT_MISMATCH result action [3]'] },
  { title: 'a wrong action', expect: { action: 'update' }, result: createdResult, failures: ['EXPECT_MISMATCH action action []'] },
  { title: 'skip is Graph other with RedundantExport', expect: { action: 'skip', result: 'skipped' }, result: redundantResult, failures: [] },
  { title: 'other accepts a RedundantExport skip', expect: { action: 'other' }, result: redundantResult, failures: [] },
  { title: 'skip is not a create', expect: { action: 'skip' }, result: createdResult, failures: ['EXPECT_MISMATCH action action []'] },
  { title: 'error code without the SCIM prefix', expect: { error: { code: 'Conflict' } }, result: conflictResult, failures: [] },
  { title: 'error code with the prefix', expect: { error: { code: 'SystemForCrossDomainIdentityManagementConflict' } }, result: conflictResult, failures: [] },
  { title: 'a different error code shows the failing exchange', expect: { error: { code: 'BadRequest' } }, result: conflictResult, failures: ['EXPECT_MISMATCH error.code action [3]'] },
  { title: 'reason matches as a substring', expect: { error: { reason: 'returned 409 Conflict' } }, result: conflictResult, failures: [] },
  { title: 'error: null means no error', expect: { error: null }, result: conflictResult, failures: ['EXPECT_PRESENT error action [3]'] },
  { title: 'an error expected where there is none', expect: { error: { code: 'Conflict' } }, result: createdResult, failures: ['EXPECT_ABSENT error action [3]'] },
  { title: 'step details hold', expect: { steps: { match: { status: 'success', matches: 0 }, scope: { inScope: true } } }, result: createdResult, failures: [] },
  { title: 'a step detail differs, with the step exchanges', expect: { steps: { match: { matches: 1 } } }, result: createdResult, failures: ['EXPECT_MISMATCH steps.match.matches match [2]'] },
  { title: 'a step error code without prefix', expect: { steps: { action: { status: 'failure', error: { code: 'Conflict' } } } }, result: conflictResult, failures: [] },
  { title: 'attributes compare as strings', expect: { steps: { action: { attributes: { active: true, userName: 'alice@contoso.com' } } } }, result: createdResult, failures: [] },
  { title: 'a step that must not appear', expect: { steps: { reference: null, action: null } }, result: createdResult, failures: ['EXPECT_PRESENT steps.action action [3]'] },
  { title: 'a step that did not run', expect: { steps: { membership: { status: 'success' } } }, result: createdResult, failures: ['EXPECT_ABSENT steps.membership membership []'] },
  { title: 'exact step details', expect: { steps: { match: { exact: true, matches: 0 } } }, result: createdResult, failures: ['EXPECT_EXTRA_KEY steps.match.attempts match [2]'] },
  {
    title: 'requests as an ordered subsequence, paths decoded',
    expect: { requests: [{ method: 'get', path: '/Users?filter=userName+eq+%22alice@contoso.com%22' }, { method: 'POST', path: '/Users', status: 201, body: { userName: 'alice@contoso.com', active: true } }] },
    result: createdResult,
    failures: [],
  },
  {
    title: 'requests out of order',
    expect: { requests: [{ method: 'POST', path: '/Users' }, { method: 'GET', path: '/Users?filter=userName eq "alice@contoso.com"' }] },
    result: createdResult,
    failures: ['EXPECT_REQUEST_NOT_SENT requests.1 match [2]'],
  },
  {
    title: 'a request body that differs names the closest exchange',
    expect: { requests: [{ method: 'POST', path: '/Users', body: { active: 'True' } }] },
    result: createdResult,
    failures: ['EXPECT_REQUEST_NOT_SENT requests.0 action [3]'],
  },
  { title: 'exact request body', expect: { requests: [{ method: 'POST', path: '/Users', exact: true, body: { userName: 'alice@contoso.com' } }] }, result: createdResult, failures: ['EXPECT_REQUEST_NOT_SENT requests.0 action [3]'] },
  { title: 'a request that got no response', expect: { requests: [{ method: 'POST', status: null }] }, result: createdResult, failures: ['EXPECT_REQUEST_NOT_SENT requests.0 action [3]'] },
  { title: 'target state as subsets, in order', expect: { target: { users: [{ userName: 'alice@contoso.com', active: true }], groups: [] } }, result: createdResult, failures: [] },
  { title: 'target users of another count', expect: { target: { users: [] } }, result: createdResult, failures: ['EXPECT_LENGTH target.users - []'] },
  { title: 'exact target reports the server keys', expect: { target: { exact: true, users: [{ userName: 'alice@contoso.com' }] } }, result: createdResult, failures: ['EXPECT_EXTRA_KEY target.users.0.schemas - []', 'EXPECT_EXTRA_KEY target.users.0.id - []', 'EXPECT_EXTRA_KEY target.users.0.active - []', 'EXPECT_EXTRA_KEY target.users.0.displayName - []', 'EXPECT_EXTRA_KEY target.users.0.emails - []', 'EXPECT_EXTRA_KEY target.users.0.meta - []'] },
  { title: 'scenario-level exact applies everywhere', expect: { steps: { scope: { inScope: true } } }, result: createdResult, exact: true, failures: ['EXPECT_EXTRA_KEY steps.scope.facts scope []'] },
  { title: 'members of a user run', expect: { members: [] }, result: createdResult, failures: [] },
];

describe('checkExpectations', () => {
  it.each(cases)('$title', ({ expect: block, result, exact, failures: wanted }) => {
    expect(failures(block, result(), exact)).toEqual(wanted);
  });

  it("compares a step's status with the card's, even when its details carry an HTTP status", () => {
    const result = createdResult();
    const probe = result.result.steps[0]!;
    // The pipeline's test-connection details may name the HTTP status of the probe.
    result.result.steps[0] = { ...probe, details: { ...probe.details, status: 200 } } as unknown as typeof probe;
    expect(failures({ steps: { testConnection: { status: 'success' } } }, result)).toEqual([]);
  });

  it('matches the Authorization header in the form reports print, whatever mask the journal used', () => {
    const result = createdResult();
    // The mocked target journals the header as `Bearer [redacted]`; reports print `Bearer [REDACTED]`.
    result.exchanges = result.exchanges.map((e) => ({ ...e, requestHeaders: { ...e.requestHeaders, Authorization: 'Bearer [redacted]' } }));
    const expected: Expectations = { requests: [{ method: 'POST', path: '/Users', headers: { authorization: 'Bearer [REDACTED]' } }] };
    expect(failures(expected, result)).toEqual([]);
    expect(failures({ requests: [{ method: 'POST', headers: { authorization: 'Bearer secret' } }] }, result)).toEqual(['EXPECT_REQUEST_NOT_SENT requests.0 action [3]']);
  });

  it('carries expected and actual values for the diff', () => {
    const [failure] = checkExpectations({ steps: { match: { matches: 1 } } }, createdResult());
    expect(failure).toMatchObject({ expected: 1, actual: 0, message: 'expect.steps.match.matches differs' });
  });

  it('shows the closest request and where it differs', () => {
    const [failure] = checkExpectations({ requests: [{ method: 'POST', path: '/Users', body: { active: 'True' } }] }, createdResult());
    expect(failure!.message).toBe('POST /Users was not sent; closest: POST /Users (differs at body.active)');
    expect(failure!.actual).toMatchObject({ method: 'POST', path: '/Users', status: 201 });
  });
});

describe('helpers', () => {
  it.each([
    ['DuplicateTargetEntries', 'SystemForCrossDomainIdentityManagementDuplicateTargetEntries', true],
    ['SystemForCrossDomainIdentityManagementBadRequest', 'BadRequest', true],
    ['BadRequest', 'SystemForCrossDomainIdentityManagementConflict', false],
    ['Conflict', 'EntryConflict', false],
  ])('errorCodesMatch(%s, %s) = %s', (a, b, same) => expect(errorCodesMatch(a, b)).toBe(same));

  it('actionsMatch treats a RedundantExport other as skip', () => {
    const skipped = redundantResult().result;
    expect(actionsMatch('skip', skipped)).toBe(true);
    expect(actionsMatch('other', { ...skipped, action: 'skip' })).toBe(true);
    expect(actionsMatch('skip', { ...skipped, steps: skipped.steps.filter((s) => s.key !== 'action') })).toBe(false);
  });
});
