/**
 * The scoping examples of the Entra docs (entra-semantics.md §5.4), evaluated as documented.
 */
import { describe, expect, it } from 'vitest';
import { evaluateScopingFilters } from '../../src/scoping/evaluate.js';
import type { ScopingFilter } from '../../src/scoping/types.js';

describe('the screenshot filter: New York, Engineering, employee ID 1,000,000–2,000,000, job title set', () => {
  const filter: ScopingFilter = {
    name: 'New York engineers',
    clauses: [
      { attribute: 'state', operator: 'EQUALS', value: 'New York' },
      { attribute: 'department', operator: 'EQUALS', value: 'Engineering' },
      { attribute: 'employeeId', operator: 'REGEX MATCH', value: '(1[0-9][0-9][0-9][0-9][0-9][0-9])' },
      { attribute: 'jobTitle', operator: 'IS NOT NULL' },
    ],
  };
  const engineer = { state: 'New York', department: 'Engineering', employeeId: '1234567', jobTitle: 'Developer' };

  it.each([
    ['a New York engineer with an ID in range and a title', {}, true],
    ['someone in Boston', { state: 'Boston' }, false],
    ['someone in engineering spelled in lower case', { department: 'engineering' }, false],
    ['an ID below the range', { employeeId: '999999' }, false],
    ['an ID of eight digits', { employeeId: '21000000' }, false],
    ['an ID with a prefix', { employeeId: 'E1234567' }, false],
    ['no job title', { jobTitle: undefined }, false],
    ['an empty job title', { jobTitle: '' }, false],
  ])('%s → %s', (_label, change, inScope) => {
    const result = evaluateScopingFilters([filter], { ...engineer, ...change });
    expect(result.inScope).toBe(inScope);
    expect(result.filters[0]?.clauses).toHaveLength(4);
  });

  it('reports every clause, not only the first that fails', () => {
    const result = evaluateScopingFilters([filter], { ...engineer, state: 'Boston', jobTitle: '' });
    expect(result.filters[0]?.clauses.map((c) => [c.attribute, c.passed])).toEqual([
      ['state', false],
      ['department', true],
      ['employeeId', true],
      ['jobTitle', false],
    ]);
  });
});

describe('the table of common scoping filters', () => {
  const inDomain: ScopingFilter = { clauses: [{ attribute: 'userPrincipalName', operator: 'REGEX MATCH', value: '.*\\@domain.com' }] };
  const outOfDomain: ScopingFilter = { clauses: [{ attribute: 'userPrincipalName', operator: 'NOT REGEX MATCH', value: '.*\\@domain.com' }] };

  it.each([
    ['alice@domain.com', true, false],
    ['bob@other.com', false, true],
    ['carol@sub.domain.community', false, true],
  ])('the UPN regex pair on %s', (upn, inFirst, inSecond) => {
    expect(evaluateScopingFilters([inDomain], { userPrincipalName: upn }).inScope).toBe(inFirst);
    expect(evaluateScopingFilters([outOfDomain], { userPrincipalName: upn }).inScope).toBe(inSecond);
  });

  it('the UPN regex pair puts a user without a UPN out of scope of both', () => {
    expect(evaluateScopingFilters([inDomain], {}).inScope).toBe(false);
    expect(evaluateScopingFilters([outOfDomain], {}).inScope).toBe(false);
  });

  it('department EQUALS sales is case-sensitive', () => {
    const f: ScopingFilter = { clauses: [{ attribute: 'department', operator: 'EQUALS', value: 'sales' }] };
    expect(evaluateScopingFilters([f], { department: 'sales' }).inScope).toBe(true);
    expect(evaluateScopingFilters([f], { department: 'Sales' }).inScope).toBe(false);
  });

  it.each([
    ['1000000', true],
    ['1999999', true],
    ['2000000', false],
    ['999999', false],
  ])('workerID REGEX MATCH (1[0-9]…[0-9]) on %s', (id, inScope) => {
    const f: ScopingFilter = { clauses: [{ attribute: 'workerID', operator: 'REGEX MATCH', value: '(1[0-9][0-9][0-9][0-9][0-9][0-9])' }] };
    expect(evaluateScopingFilters([f], { workerID: id }).inScope).toBe(inScope);
  });
});

describe('HR tutorials', () => {
  it.each([
    ['1234567', true],
    ['12345678', false],
    ['0234567', false],
  ])('WorkerID REGEX MATCH (1[0-9]{6}) on %s', (id, inScope) => {
    const f: ScopingFilter = { clauses: [{ attribute: 'WorkerID', operator: 'REGEX MATCH', value: '(1[0-9]{6})' }] };
    expect(evaluateScopingFilters([f], { WorkerID: id }).inScope).toBe(inScope);
  });

  it('employees only and contingent workers only, as two filters ORed', () => {
    const filters: ScopingFilter[] = [
      { name: 'Employees', clauses: [{ attribute: 'EmployeeID', operator: 'IS NOT NULL' }] },
      { name: 'Contingent', clauses: [{ attribute: 'ContingentID', operator: 'IS NOT NULL' }] },
    ];
    expect(evaluateScopingFilters(filters, { EmployeeID: '21001' }).inScope).toBe(true);
    expect(evaluateScopingFilters(filters, { ContingentID: 'C-7' }).inScope).toBe(true);
    expect(evaluateScopingFilters(filters, { WorkerID: '1' }).inScope).toBe(false);
    expect(evaluateScopingFilters([filters[0] as ScopingFilter], { ContingentID: 'C-7' }).inScope).toBe(false);
  });

  it('excluding employee 21173 puts that worker out of scope', () => {
    const f: ScopingFilter = { clauses: [{ attribute: 'WorkerID', operator: 'NOT EQUALS', value: '21173' }] };
    expect(evaluateScopingFilters([f], { WorkerID: '21173' }).inScope).toBe(false);
    expect(evaluateScopingFilters([f], { WorkerID: '21174' }).inScope).toBe(true);
  });
});

describe('combination (entra-semantics.md §5.1)', () => {
  it('no filters ⇒ in scope', () => {
    expect(evaluateScopingFilters([], {})).toEqual({ inScope: true, filters: [] });
    expect(evaluateScopingFilters(undefined, {})).toEqual({ inScope: true, filters: [] });
  });

  it('clauses AND, filters OR, with default titles', () => {
    const result = evaluateScopingFilters(
      [
        { clauses: [{ attribute: 'a', operator: 'EQUALS', value: '1' }, { attribute: 'b', operator: 'EQUALS', value: '2' }] },
        { clauses: [{ attribute: 'c', operator: 'IS TRUE' }] },
      ],
      { a: '1', b: '3', c: true },
    );
    expect(result.inScope).toBe(true);
    expect(result.filters.map((f) => [f.name, f.passed])).toEqual([
      ['Scoping filter 1', false],
      ['Scoping filter 2', true],
    ]);
  });
});
