import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import { compileScopingFilters } from '../../src/scoping/compile.js';
import { evaluateScopingFilters } from '../../src/scoping/evaluate.js';
import type { ScopingFilter } from '../../src/scoping/types.js';

type Bad = [label: string, filter: ScopingFilter, code: string, path: Array<string | number>];

const bad: Bad[] = [
  ['unknown operator', { clauses: [{ attribute: 'a', operator: 'CONTAINS' as never, value: 'x' }] }, 'SCOPING_UNKNOWN_OPERATOR', [0, 'clauses', 0, 'operator']],
  ['IsMemberOf is not supported', { clauses: [{ attribute: 'a', operator: 'IsMemberOf' as never, value: 'x' }] }, 'SCOPING_UNKNOWN_OPERATOR', [0, 'clauses', 0, 'operator']],
  ['missing value', { clauses: [{ attribute: 'a', operator: 'EQUALS' }] }, 'SCOPING_MISSING_VALUE', [0, 'clauses', 0, 'value']],
  ['empty list', { clauses: [{ attribute: 'a', operator: 'IS ANY OF', value: [] }] }, 'SCOPING_MISSING_VALUE', [0, 'clauses', 0, 'value']],
  ['list for a binary operator', { clauses: [{ attribute: 'a', operator: 'EQUALS', value: ['x'] }] }, 'SCOPING_UNEXPECTED_LIST', [0, 'clauses', 0, 'value']],
  ['value for a unary operator', { clauses: [{ attribute: 'a', operator: 'IS NULL', value: 'x' }] }, 'SCOPING_UNEXPECTED_VALUE', [0, 'clauses', 0, 'value']],
  ['invalid regex', { clauses: [{ attribute: 'a', operator: 'REGEX MATCH', value: '(1[0-9' }] }, 'SCOPING_INVALID_REGEX', [0, 'clauses', 0, 'value']],
  ['.NET-only regex', { clauses: [{ attribute: 'a', operator: 'NOT REGEX MATCH', value: '(?>a+)b' }] }, 'SCOPING_UNSUPPORTED_REGEX', [0, 'clauses', 0, 'value']],
  ['Greater_Than with a non-integer', { clauses: [{ attribute: 'a', operator: 'Greater_Than', value: '10.5' }] }, 'SCOPING_NOT_INTEGER', [0, 'clauses', 0, 'value']],
  ['Less_Than with text', { clauses: [{ attribute: 'a', operator: 'Less_Than', value: 'ten' }] }, 'SCOPING_NOT_INTEGER', [0, 'clauses', 0, 'value']],
  ['no attribute', { clauses: [{ attribute: ' ', operator: 'IS NULL' }] }, 'SCOPING_MISSING_ATTRIBUTE', [0, 'clauses', 0, 'attribute']],
  ['no clauses', { name: 'Empty', clauses: [] }, 'SCOPING_EMPTY_FILTER', [0, 'clauses']],
  // known-issues.md "Unsupported scoping filters" (entra-semantics.md §5.2)
  ['manager is not supported', { clauses: [{ attribute: 'manager', operator: 'IS NOT NULL' }] }, 'SCOPING_UNSUPPORTED_ATTRIBUTE', [0, 'clauses', 0, 'attribute']],
  ['userType in any casing', { clauses: [{ attribute: 'UserType', operator: 'EQUALS', value: 'Member' }] }, 'SCOPING_UNSUPPORTED_ATTRIBUTE', [0, 'clauses', 0, 'attribute']],
  ['appRoleAssignments', { clauses: [{ attribute: 'appRoleAssignments', operator: 'IS NOT NULL' }] }, 'SCOPING_UNSUPPORTED_ATTRIBUTE', [0, 'clauses', 0, 'attribute']],
  ['a date-type attribute', { clauses: [{ attribute: 'StatusHireDate', operator: 'IS NOT NULL' }] }, 'SCOPING_UNSUPPORTED_ATTRIBUTE', [0, 'clauses', 0, 'attribute']],
  ['the group members attribute', { clauses: [{ attribute: 'members', operator: 'IS NOT NULL' }] }, 'SCOPING_UNSUPPORTED_ATTRIBUTE', [0, 'clauses', 0, 'attribute']],
];

describe('compileScopingFilters', () => {
  it.each(bad)('%s → %s', (_label, filter, code, path) => {
    const result = compileScopingFilters([filter]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]).toMatchObject({ code, path });
    expect(result.issues[0]?.hint).toBeTruthy();
  });

  it('names the filter and the clause in the message and reports every problem', () => {
    const result = compileScopingFilters([
      { name: 'Sales only', clauses: [{ attribute: 'department', operator: 'EQUALS', value: 'Sales' }] },
      {
        name: 'Range',
        clauses: [
          { attribute: 'employeeId', operator: 'Greater_Than', value: 'abc' },
          { attribute: 'employeeId', operator: 'LIKE' as never, value: '1' },
        ],
      },
    ]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => [i.code, i.path])).toEqual([
      ['SCOPING_NOT_INTEGER', [1, 'clauses', 0, 'value']],
      ['SCOPING_UNKNOWN_OPERATOR', [1, 'clauses', 1, 'operator']],
    ]);
    expect(result.issues[0]?.message).toMatch(/^scoping filter "Range", clause 1: employeeId Greater_Than/);
  });

  it('unsupportedAttributes: evaluate runs a clause on manager like any other', () => {
    const filter: ScopingFilter = { clauses: [{ attribute: 'manager', operator: 'IS NOT NULL' }] };
    const compiled = compileScopingFilters([filter], { unsupportedAttributes: 'evaluate' });
    expect(compiled.ok).toBe(true);
    if (!compiled.ok) return;
    expect(evaluateScopingFilters(compiled.compiled, { manager: 'm-1' }).inScope).toBe(true);
    expect(evaluateScopingFilters(compiled.compiled, {}).inScope).toBe(false);
  });

  it('bitwise & needs an integer operand; contained & takes any text', () => {
    const filter: ScopingFilter = { clauses: [{ attribute: 'a', operator: '&', value: 'Sales,HR' }] };
    expect(compileScopingFilters([filter]).ok).toBe(true);
    const bitwise = compileScopingFilters([filter], { ampersandOperator: 'bitwise' });
    expect(bitwise.ok ? [] : bitwise.issues.map((i) => i.code)).toEqual(['SCOPING_NOT_INTEGER']);
  });

  it('evaluateScopingFilters throws an InputError listing the issues for invalid raw filters', () => {
    const run = () => evaluateScopingFilters([{ clauses: [{ attribute: 'a', operator: 'EQUALS' }] }], {});
    expect(run).toThrow(InputError);
    try {
      run();
    } catch (error) {
      expect((error as InputError).code).toBe('SCOPING_MISSING_VALUE');
      expect((error as InputError).issues).toHaveLength(1);
    }
  });

  it('compiled filters keep the settings they were compiled with', () => {
    const compiled = compileScopingFilters([{ clauses: [{ attribute: 'n', operator: 'REGEX MATCH', value: '[0-9]{2}' }] }], { regexAnchoring: 'substring' });
    if (!compiled.ok) throw new Error('expected valid filters');
    expect(evaluateScopingFilters(compiled.compiled, { n: 'x123' }).inScope).toBe(true);
    expect(evaluateScopingFilters(compiled.compiled, { n: 'x123' }, { regexAnchoring: 'whole' }).inScope).toBe(true);
  });
});
