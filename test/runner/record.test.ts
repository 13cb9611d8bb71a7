import { describe, expect, it } from 'vitest';
import { checkExpectations } from '../../src/runner/expect.js';
import { applyUpdates, recordExpectations, updatesFor } from '../../src/runner/record.js';
import type { Expectations } from '../../src/scenario/types.js';
import { conflictResult, createdResult, redundantResult } from './fixtures.js';

const results = { created: createdResult, conflict: conflictResult, redundant: redundantResult };

describe('recordExpectations', () => {
  it.each(Object.entries(results))('records what %s produced, and the record passes', (_name, make) => {
    const result = make();
    const recorded = recordExpectations(result);
    expect(checkExpectations(recorded, result)).toEqual([]);
  });

  it('leaves out the test-connection probe and server noise', () => {
    const recorded = recordExpectations(createdResult());
    expect(recorded.requests?.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(['GET /Users?filter=userName eq "alice@contoso.com" 200', 'POST /Users 201']);
    expect(recorded.target?.users?.[0]).not.toHaveProperty('meta');
    expect(recorded.steps?.testConnection).toEqual({ status: 'success' });
    expect(recorded.steps?.match).toEqual({ status: 'success', matches: 0 });
  });

  it('records the error code of a failure', () => {
    const recorded = recordExpectations(conflictResult());
    expect(recorded.error).toEqual({ code: 'SystemForCrossDomainIdentityManagementConflict' });
    expect(recorded.steps?.action).toMatchObject({ status: 'failure', error: { code: 'SystemForCrossDomainIdentityManagementConflict' } });
  });
});

describe('updatesFor', () => {
  const fixes: Array<{ title: string; expect: Expectations | null; updates: string[] }> = [
    { title: 'nothing expected: the whole block', expect: null, updates: [''] },
    { title: 'a wrong leaf: that leaf', expect: { result: 'success', steps: { match: { status: 'success', matches: 3 } } }, updates: ['steps.match.matches=0'] },
    { title: 'a wrong action', expect: { action: 'update' }, updates: ['action="create"'] },
    { title: 'a request list: replaced whole', expect: { requests: [{ method: 'DELETE' }] }, updates: ['requests'] },
    { title: 'an absent step: null', expect: { steps: { reference: { status: 'success' } } }, updates: ['steps.reference=null'] },
    { title: 'an array of another length: the actual array', expect: { target: { users: [] } }, updates: ['target.users'] },
    { title: 'an exact object: replaced, still exact', expect: { steps: { scope: { exact: true, inScope: true } } }, updates: ['steps.scope'] },
  ];

  it.each(fixes)('$title', ({ expect: block, updates }) => {
    const result = createdResult();
    const failures = checkExpectations(block, result);
    expect(failures.length).toBeGreaterThan(0);
    const changes = updatesFor(failures, result, block);
    const shown = changes.map((c) => {
      const key = c.path.join('.');
      return typeof c.value === 'object' && c.value !== null ? key : `${key}=${JSON.stringify(c.value)}`;
    });
    expect(shown).toEqual(updates);
    expect(checkExpectations(applyUpdates(block, changes), result)).toEqual([]);
  });

  it('keeps the exact marker on an object it replaces', () => {
    const result = createdResult();
    const block: Expectations = { steps: { scope: { exact: true, inScope: true } } };
    const [change] = updatesFor(checkExpectations(block, result), result, block);
    expect(change!.value).toMatchObject({ exact: true, inScope: true, facts: expect.any(Array) });
  });

  it('fixes a failing expectation and keeps the passing ones untouched', () => {
    const result = conflictResult();
    const block: Expectations = { result: 'failure', error: { code: 'BadRequest' }, steps: { import: { status: 'success' } } };
    const updated = applyUpdates(block, updatesFor(checkExpectations(block, result), result, block));
    expect(updated).toEqual({ result: 'failure', error: { code: 'SystemForCrossDomainIdentityManagementConflict' }, steps: { import: { status: 'success' } } });
  });
});
