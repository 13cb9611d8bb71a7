import { describe, expect, it } from 'vitest';
import { evaluateScopingFilters, type ScopingAttributes } from '../../src/scoping/evaluate.js';
import type { ScopingOptions } from '../../src/scoping/options.js';
import type { ScopingClause } from '../../src/scoping/types.js';

/** One clause, one attribute value → passed? */
function clause(c: ScopingClause, actual: ScopingAttributes[string], options: Partial<ScopingOptions> = {}) {
  const result = evaluateScopingFilters([{ name: 'F', clauses: [c] }], { [c.attribute]: actual }, options);
  const only = result.filters[0]?.clauses[0];
  if (!only) throw new Error('no clause result');
  return { inScope: result.inScope, ...only, error: result.error };
}

type Row = [label: string, c: ScopingClause, actual: ScopingAttributes[string], passed: boolean];

const documented: Row[] = [
  ['EQUALS exact', { attribute: 'department', operator: 'EQUALS', value: 'Sales' }, 'Sales', true],
  ['EQUALS is case-sensitive', { attribute: 'department', operator: 'EQUALS', value: 'sales' }, 'Sales', false],
  ['EQUALS integer attribute', { attribute: 'level', operator: 'EQUALS', value: '5' }, 5, true],
  ['EQUALS integer compares numerically', { attribute: 'level', operator: 'EQUALS', value: '05' }, 5, true],
  ['EQUALS string attribute compares as text', { attribute: 'level', operator: 'EQUALS', value: '05' }, '5', false],
  ['NOT EQUALS different', { attribute: 'department', operator: 'NOT EQUALS', value: 'Sales' }, 'HR', true],
  ['NOT EQUALS same', { attribute: 'department', operator: 'NOT EQUALS', value: 'Sales' }, 'Sales', false],
  ['NOT EQUALS differs only in case', { attribute: 'department', operator: 'NOT EQUALS', value: 'sales' }, 'Sales', true],
  ['IS TRUE on true', { attribute: 'accountEnabled', operator: 'IS TRUE' }, true, true],
  ['IS TRUE on false', { attribute: 'accountEnabled', operator: 'IS TRUE' }, false, false],
  ['IS TRUE on "True"', { attribute: 'flag', operator: 'IS TRUE' }, 'True', true],
  ['IS TRUE on a non-boolean string', { attribute: 'flag', operator: 'IS TRUE' }, 'yes', false],
  ['IS FALSE on false', { attribute: 'accountEnabled', operator: 'IS FALSE' }, false, true],
  ['IS FALSE on "false"', { attribute: 'flag', operator: 'IS FALSE' }, 'false', true],
  ['IS FALSE on true', { attribute: 'accountEnabled', operator: 'IS FALSE' }, true, false],
  ['IS NULL on absent', { attribute: 'jobTitle', operator: 'IS NULL' }, undefined, true],
  ['IS NULL on null', { attribute: 'jobTitle', operator: 'IS NULL' }, null, true],
  ['IS NULL on ""', { attribute: 'jobTitle', operator: 'IS NULL' }, '', true],
  ['IS NULL on a value', { attribute: 'jobTitle', operator: 'IS NULL' }, 'Engineer', false],
  ['IS NOT NULL on a value', { attribute: 'jobTitle', operator: 'IS NOT NULL' }, 'Engineer', true],
  ['IS NOT NULL on ""', { attribute: 'jobTitle', operator: 'IS NOT NULL' }, '', false],
  ['IS NOT NULL on absent', { attribute: 'jobTitle', operator: 'IS NOT NULL' }, undefined, false],
  ['REGEX MATCH whole value', { attribute: 'n', operator: 'REGEX MATCH', value: '([1-9][0-9])' }, '42', true],
  ['REGEX MATCH is case-sensitive', { attribute: 'n', operator: 'REGEX MATCH', value: 'abc' }, 'ABC', false],
  ['NOT REGEX MATCH on a non-match', { attribute: 'n', operator: 'NOT REGEX MATCH', value: '([1-9][0-9])' }, 'x', true],
  ['NOT REGEX MATCH on a match', { attribute: 'n', operator: 'NOT REGEX MATCH', value: '([1-9][0-9])' }, '42', false],
  ['Greater_Than above', { attribute: 'n', operator: 'Greater_Than', value: '10' }, '11', true],
  ['Greater_Than equal', { attribute: 'n', operator: 'Greater_Than', value: '10' }, '10', false],
  ['Greater_Than on an integer attribute', { attribute: 'n', operator: 'Greater_Than', value: 10 }, 9, false],
  ['Greater_Than beyond 2^53', { attribute: 'n', operator: 'Greater_Than', value: '9007199254740993' }, '9007199254740994', true],
  ['Greater_Than_OR_EQUALS equal', { attribute: 'n', operator: 'Greater_Than_OR_EQUALS', value: '10' }, '10', true],
  ['Greater_Than_OR_EQUALS below', { attribute: 'n', operator: 'Greater_Than_OR_EQUALS', value: '10' }, '-3', false],
  ['Includes substring', { attribute: 'mail', operator: 'Includes', value: '@contoso' }, 'a@contoso.com', true],
  ['Includes is case-sensitive', { attribute: 'mail', operator: 'Includes', value: '@Contoso' }, 'a@contoso.com', false],
  ['ENDS_WITH suffix', { attribute: 'mail', operator: 'ENDS_WITH', value: '.com' }, 'a@contoso.com', true],
  ['ENDS_WITH is ordinal', { attribute: 'mail', operator: 'ENDS_WITH', value: '.COM' }, 'a@contoso.com', false],
  ['& value contained in the operand', { attribute: 'department', operator: '&', value: 'Sales,Marketing' }, 'Sales', true],
  ['& value not contained', { attribute: 'department', operator: '&', value: 'Sales,Marketing' }, 'HR', false],
  ['!& value not contained', { attribute: 'department', operator: '!&', value: 'Sales,Marketing' }, 'HR', true],
  ['!& value contained', { attribute: 'department', operator: '!&', value: 'Sales,Marketing' }, 'Marketing', false],
];

const extensions: Row[] = [
  ['Less_Than below', { attribute: 'n', operator: 'Less_Than', value: '10' }, '9', true],
  ['Less_Than equal', { attribute: 'n', operator: 'Less_Than', value: '10' }, '10', false],
  ['Less_Than_OR_EQUALS equal', { attribute: 'n', operator: 'Less_Than_OR_EQUALS', value: '10' }, '10', true],
  ['Less_Than_OR_EQUALS above', { attribute: 'n', operator: 'Less_Than_OR_EQUALS', value: '10' }, '11', false],
  ['IS ANY OF member', { attribute: 'd', operator: 'IS ANY OF', value: ['Sales', 'HR'] }, 'HR', true],
  ['IS ANY OF non-member', { attribute: 'd', operator: 'IS ANY OF', value: ['Sales', 'HR'] }, 'hr', false],
  ['IS NONE OF non-member', { attribute: 'd', operator: 'IS NONE OF', value: ['Sales', 'HR'] }, 'IT', true],
  ['IS NONE OF member', { attribute: 'd', operator: 'IS NONE OF', value: ['Sales', 'HR'] }, 'Sales', false],
  ['STARTS_WITH prefix', { attribute: 'upn', operator: 'STARTS_WITH', value: 'adm-' }, 'adm-alice', true],
  ['STARTS_WITH is ordinal', { attribute: 'upn', operator: 'STARTS_WITH', value: 'ADM-' }, 'adm-alice', false],
];

describe('scoping operators (entra-semantics.md §5.2)', () => {
  it.each(documented)('%s', (_label, c, actual, passed) => {
    const r = clause(c, actual);
    expect(r.passed).toBe(passed);
    expect(r.inScope).toBe(passed);
    expect(r.extension).toBe(false);
  });

  it.each(extensions)('extension: %s', (_label, c, actual, passed) => {
    const r = clause(c, actual);
    expect(r.passed).toBe(passed);
    expect(r.extension).toBe(true);
  });

  it('accepts operator spellings with other casing, spaces or underscores, reporting the documented one', () => {
    expect(clause({ attribute: 'n', operator: 'greater than' as never, value: '1' }, '2')).toMatchObject({ passed: true, operator: 'Greater_Than' });
    expect(clause({ attribute: 'n', operator: 'IS_NOT_NULL' as never }, 'x')).toMatchObject({ passed: true, operator: 'IS NOT NULL' });
  });

  it('reports the operand and the compared value as text', () => {
    expect(clause({ attribute: 'accountEnabled', operator: 'EQUALS', value: true }, true)).toMatchObject({
      value: 'True',
      actual: 'True',
      passed: true,
    });
  });
});

describe('the null/empty rule (entra-semantics.md §5.3)', () => {
  const valueOperators: ScopingClause[] = [
    { attribute: 'a', operator: 'EQUALS', value: '' },
    { attribute: 'a', operator: 'NOT EQUALS', value: 'Sales' },
    { attribute: 'a', operator: 'IS TRUE' },
    { attribute: 'a', operator: 'IS FALSE' },
    { attribute: 'a', operator: 'REGEX MATCH', value: '.*' },
    { attribute: 'a', operator: 'NOT REGEX MATCH', value: 'x' },
    { attribute: 'a', operator: 'Greater_Than', value: '0' },
    { attribute: 'a', operator: 'Greater_Than_OR_EQUALS', value: '0' },
    { attribute: 'a', operator: 'Includes', value: '' },
    { attribute: 'a', operator: 'ENDS_WITH', value: '' },
    { attribute: 'a', operator: '&', value: 'anything' },
    { attribute: 'a', operator: '!&', value: 'anything' },
    { attribute: 'a', operator: 'Less_Than', value: '0' },
    { attribute: 'a', operator: 'Less_Than_OR_EQUALS', value: '0' },
    { attribute: 'a', operator: 'IS ANY OF', value: [''] },
    { attribute: 'a', operator: 'IS NONE OF', value: ['x'] },
    { attribute: 'a', operator: 'STARTS_WITH', value: '' },
    { attribute: 'a', operator: 'IS NOT NULL' },
  ];
  const empties: Array<[string, ScopingAttributes[string]]> = [
    ['absent', undefined],
    ['null', null],
    ['""', ''],
    ['an empty list', []],
  ];
  for (const [name, value] of empties) {
    it.each(valueOperators)(`${name}: $operator is false`, (c) => {
      const r = clause(c, value);
      expect(r.passed).toBe(false);
      expect(r.error).toBeUndefined();
    });
    it(`${name}: IS NULL is true`, () => {
      expect(clause({ attribute: 'a', operator: 'IS NULL' }, value).passed).toBe(true);
    });
  }

  it('puts users without a department out of scope of department NOT EQUALS Sales', () => {
    expect(evaluateScopingFilters([{ clauses: [{ attribute: 'department', operator: 'NOT EQUALS', value: 'Sales' }] }], {}).inScope).toBe(false);
  });
});

describe('settings the docs leave open', () => {
  it('regexAnchoring: whole requires the whole value, substring finds it anywhere', () => {
    const c: ScopingClause = { attribute: 'n', operator: 'REGEX MATCH', value: '([1-9][0-9])' };
    expect(clause(c, '100').passed).toBe(false);
    expect(clause(c, '100', { regexAnchoring: 'substring' }).passed).toBe(true);
  });

  it('ampersandOperator: bitwise tests attribute & value', () => {
    const c: ScopingClause = { attribute: 'uac', operator: '&', value: '2' };
    expect(clause(c, '514', { ampersandOperator: 'bitwise' }).passed).toBe(true);
    expect(clause(c, '512', { ampersandOperator: 'bitwise' }).passed).toBe(false);
    expect(clause({ ...c, operator: '!&' }, '512', { ampersandOperator: 'bitwise' }).passed).toBe(true);
  });

  it('nonIntegerComparison: error fails the evaluation as invalid scoping, false only fails the clause', () => {
    const c: ScopingClause = { attribute: 'employeeId', operator: 'Greater_Than', value: '1000' };
    const failing = clause(c, 'E-1001');
    expect(failing).toMatchObject({ passed: false, inScope: false });
    expect(failing.error).toMatchObject({ code: 'SCOPING_NOT_INTEGER_ATTRIBUTE', filter: 0, clause: 0 });
    const lenient = clause(c, 'E-1001', { nonIntegerComparison: 'false' });
    expect(lenient.passed).toBe(false);
    expect(lenient.error).toBeUndefined();
  });

  it('multiValuedComparison: All (Graph default) needs every value, Any one of them', () => {
    const c: ScopingClause = { attribute: 'proxyAddresses', operator: 'ENDS_WITH', value: '@contoso.com' };
    const values = ['smtp:a@contoso.com', 'smtp:a@fabrikam.com'];
    expect(clause(c, values).passed).toBe(false);
    expect(clause(c, values, { multiValuedComparison: 'Any' }).passed).toBe(true);
    expect(clause(c, values).actual).toEqual(values);
  });
});

describe('attribute lookup', () => {
  it('falls back to a case-insensitive name, except for directory extensions', () => {
    const filters = [{ clauses: [{ attribute: 'Department', operator: 'EQUALS' as const, value: 'Sales' }] }];
    expect(evaluateScopingFilters(filters, { department: 'Sales' }).inScope).toBe(true);
    const ext = [{ clauses: [{ attribute: 'extension_abc_Cost', operator: 'IS NOT NULL' as const }] }];
    expect(evaluateScopingFilters(ext, { extension_abc_cost: 'x' }).inScope).toBe(false);
    expect(evaluateScopingFilters(ext, { extension_abc_Cost: 'x' }).inScope).toBe(true);
  });
});
