import { describe, expect, it } from 'vitest';
import { compileExpression, DoNotFlow } from '../../src/expr/index.js';
import { checkRow, context, evalFailure, evaluate, type Row } from './helpers.js';

const rows: Record<string, Row[]> = {
  Switch: [
    {
      expr: 'Switch([state], "Australia/Sydney", "NSW", "Australia/Sydney","QLD", "Australia/Brisbane", "SA", "Australia/Adelaide")',
      attrs: { state: 'QLD' },
      expected: 'Australia/Brisbane',
      source: 'FN',
    },
    { expr: 'Switch([state], "Australia/Sydney", "NSW", "Australia/Sydney","QLD", "Australia/Brisbane")', attrs: { state: 'VIC' }, expected: 'Australia/Sydney' },
    { expr: 'Switch(ToLower([statusFlag]), "0", "true", "1", "false", "0")', attrs: { statusFlag: 'TRUE' }, expected: '1', source: 'FN note' },
    { expr: 'Switch([statusFlag], "Default Value", "true", "1", "", "0")', attrs: { statusFlag: '' }, expected: '0', source: 'FN caution' },
    { expr: 'Switch([statusFlag], "Default Value", "true", "1", "", "0")', attrs: {}, expected: '0', source: 'a null source matches the key "" (HR)' },
    { expr: 'Switch([country],[country],"","Other")', attrs: {}, expected: 'Other', source: 'FN IIF workaround' },
    { expr: 'Switch([country],[country],"","Other")', attrs: { country: 'NZ' }, expected: 'NZ' },
    { expr: 'Switch([IsSoftDeleted], , "False", "True", "True", "False")', attrs: { IsSoftDeleted: false }, expected: 'True', source: 'default SCIM active mapping' },
    { expr: 'Switch([IsSoftDeleted], , "False", "True", "True", "False")', attrs: { IsSoftDeleted: 'True' }, expected: 'False' },
    { expr: 'Switch([x], , "a", "1")', attrs: { x: 'b' }, expected: null, source: '?13 default: omitted default ⇒ null' },
    { expr: 'Switch([x], , "a", "1")', attrs: { x: 'b' }, expected: '', options: { switchMissingDefault: 'empty' } },
    { expr: 'Switch([x], "d", "A", "1")', attrs: { x: 'a' }, expected: 'd', source: 'ordinal, case-sensitive' },
    { expr: 'Switch(IsPresent([jobTitle]), "DefaultValue", "True", [jobTitle])', attrs: { jobTitle: 'Dev' }, expected: 'Dev', source: 'CA: a Boolean meets a string key as "True"' },
    { expr: 'Switch(IsPresent([jobTitle]), "DefaultValue", "True", [jobTitle])', attrs: {}, expected: 'DefaultValue' },
    {
      // IsPresent doc example (Connect Sync syntax, §12.3): under this Switch the source is
      // IsPresent([directManager]) and [directManager] is the default.
      expr: 'Switch(IsPresent([directManager]),[directManager], IsPresent([skiplevelManager]),[skiplevelManager], IsPresent([director]),[director])',
      attrs: { directManager: 'm1', skiplevelManager: 'm2' },
      expected: 'm2',
      source: 'FN IsPresent example, what it computes',
    },
    { expr: 'Switch([x], "d", 1, "one", 2, "two")', attrs: { x: 2 }, expected: 'two' },
    {
      expr: 'Switch([Active], , "1", IIF(DateDiff("d", Now(), CDate([StatusHireDate])) > 5, "False", "True"), "0", "False")',
      attrs: { Active: '1', StatusHireDate: '2026-01-10' },
      expected: 'False',
      source: 'FN DateDiff example 2',
    },
    {
      expr: 'Switch([Active], , "1", IIF(DateDiff("d", Now(), CDate([StatusHireDate])) > 5, "False", "True"), "0", "False")',
      attrs: { Active: '1', StatusHireDate: '2026-01-03' },
      expected: 'True',
    },
  ],
  IIF: [
    { expr: 'IIF([country]="USA",[country],[department])', attrs: { country: 'USA', department: 'Sales' }, expected: 'USA', source: 'FN' },
    { expr: 'IIF([country]="USA",[country],[department])', attrs: { country: 'FR', department: 'Sales' }, expected: 'Sales', source: 'FN' },
    { expr: 'IIF([country]="USA",IIF([state]="CA","True","False"),"False")', attrs: { country: 'USA', state: 'CA' }, expected: 'True', source: 'FN AND' },
    { expr: 'IIF([country]="USA",IIF([state]="CA","True","False"),"False")', attrs: { country: 'USA', state: 'WA' }, expected: 'False' },
    { expr: 'IIF([country]="USA","True",IIF([state]="CA","True","False"))', attrs: { country: 'FR', state: 'CA' }, expected: 'True', source: 'FN OR' },
    { expr: 'IIF([country]="USA","True",IIF([state]="CA","True","False"))', attrs: { country: 'FR', state: 'WA' }, expected: 'False' },
    { expr: 'IIF([country]="","Other",[country])', attrs: {}, expected: 'Other', source: '?8 default: evaluate (null reads as "")' },
    { expr: 'IIF(IsNullOrEmpty([country]),"Other",[country])', attrs: { country: '' }, expected: 'Other' },
    { expr: 'IIF(IsPresent([country]),[country],"Other")', attrs: { country: 'NZ' }, expected: 'NZ' },
    { expr: 'IIF(IsPresent([country]),[country],"Other")', attrs: {}, expected: 'Other', options: { iifNullCondition: 'false' } },
    { expr: 'IIF(IsNullOrEmpty([country]),"Other",[country])', attrs: {}, expected: null, options: { iifNullCondition: 'false' }, source: 'the condition check "fails": false branch' },
    { expr: 'IIF([companyName] = "Company A", "A", IIF([companyName] = "Company B", "B", "External"))', attrs: { companyName: 'Company B' }, expected: 'B', source: 'FN Switch caution rewrite' },
    { expr: 'IIF([StatusRehire]=1,"rehire","new")', attrs: { StatusRehire: '1' }, expected: 'rehire' },
    { expr: 'IIF([n] > 9, "big", "small")', attrs: { n: '10' }, expected: 'big', source: 'integers compare numerically' },
    { expr: 'IIF([n] = "01", "eq", "ne")', attrs: { n: 1 }, expected: 'ne', source: '?35 default: = compares text' },
    { expr: 'IIF([n] = "01", "eq", "ne")', attrs: { n: 1 }, expected: 'eq', options: { equality: 'numeric' } },
    { expr: 'IIF("b" > "a", "y", "n")', expected: 'y' },
    { expr: 'IIF(CDate("2020-01-02") > CDate("2019-12-31"), "y", "n")', expected: 'y' },
    { expr: 'IIF([flag], "on", "off")', attrs: { flag: 'true' }, expected: 'on' },
    { expr: 'IIF([flag], "on", "off")', attrs: { flag: true }, expected: 'on' },
    { expr: 'IIF(IsPresent([x]) = "True", "y", "n")', attrs: { x: 'a' }, expected: 'y' },
  ],
  Coalesce: [
    { expr: 'Coalesce([mail],[userPrincipalName])', attrs: { userPrincipalName: 'John.Doe@contoso.com' }, expected: 'John.Doe@contoso.com', source: 'FN' },
    { expr: 'Coalesce([a], [b], "default")', expected: 'default' },
    { expr: 'Coalesce([a], [b])', expected: null },
    { expr: 'Coalesce("", "Robert")', expected: '', source: '?9 default: "" is a value (FN text)' },
    { expr: 'Coalesce("", "Robert")', expected: 'Robert', options: { coalesceSkipsEmpty: true }, source: 'SFG reading' },
  ],
  IsNull: [
    { expr: 'IsNull([displayName])', attrs: {}, expected: true, source: 'FN' },
    { expr: 'IsNull([displayName])', attrs: { displayName: '' }, expected: false, source: '§2.3: "" is not null' },
  ],
  IsNullOrEmpty: [
    { expr: 'IsNullOrEmpty([displayName])', attrs: {}, expected: true, source: 'FN' },
    { expr: 'IsNullOrEmpty([displayName])', attrs: { displayName: '' }, expected: true, source: 'FN' },
    { expr: 'IsNullOrEmpty([displayName])', attrs: { displayName: 'x' }, expected: false },
    { expr: 'IsNullOrEmpty([l])', attrs: { l: [''] }, expected: true, source: 'a list of one value is that value' },
    { expr: 'IsPresent(Split([x], ","))', attrs: { x: '' }, expected: false, source: 'Split of "" is [""]' },
    { expr: 'IsNullOrEmpty([l])', attrs: { l: ['', ''] }, expected: false },
  ],
  IsPresent: [
    { expr: 'IsPresent([displayName])', attrs: { displayName: 'x' }, expected: true },
    { expr: 'IsPresent([displayName])', attrs: { displayName: '' }, expected: false },
    { expr: 'IsPresent([displayName])', attrs: {}, expected: false },
  ],
  Not: [
    { expr: 'Not(IsPresent([x]))', attrs: {}, expected: true },
    { expr: 'Not("True")', expected: false },
    { expr: 'Not("False")', expected: true },
    { expr: 'Not("garbage")', expected: true, source: 'FN: True for anything else' },
    { expr: 'Not([missing])', expected: true },
    { expr: 'Not("true")', expected: false, source: '?37 default: case-insensitive' },
    { expr: 'Not("true")', expected: true, options: { booleanCase: 'sensitive' } },
  ],
  IgnoreFlowIfNullOrEmpty: [
    { expr: 'IgnoreFlowIfNullOrEmpty([department])', attrs: {}, expected: DoNotFlow.attribute, source: 'FN example 1' },
    { expr: 'IgnoreFlowIfNullOrEmpty([department])', attrs: { department: '' }, expected: DoNotFlow.attribute },
    { expr: 'IgnoreFlowIfNullOrEmpty([department])', attrs: { department: 'Sales' }, expected: 'Sales' },
    { expr: 'IgnoreFlowIfNullOrEmpty(Split([extensionAttribute5], ","))', attrs: { extensionAttribute5: '' }, expected: DoNotFlow.attribute, source: 'Split of "" is [""], one empty value' },
    { expr: 'IgnoreFlowIfNullOrEmpty(Switch([prefix], "", "3443", "Dr.", "3444", "Prof.", "3445", "Prof. Dr."))', attrs: { prefix: '9' }, expected: DoNotFlow.attribute, source: 'FN example 2' },
    { expr: 'IgnoreFlowIfNullOrEmpty(Switch([prefix], "", "3443", "Dr.", "3444", "Prof.", "3445", "Prof. Dr."))', attrs: { prefix: '3444' }, expected: 'Prof.' },
    { expr: 'Join(",", IgnoreFlowIfNullOrEmpty([x]), "a")', attrs: {}, expected: DoNotFlow.attribute, source: '"do not flow" propagates through enclosing calls' },
    { expr: 'Switch([x], IgnoreAttributeFlow, "1", "one")', attrs: { x: '2' }, expected: DoNotFlow.attribute, source: 'WDG keyword' },
    { expr: 'IIF([x] = "1", "keep", IgnoreObjectFlow)', attrs: { x: '2' }, expected: DoNotFlow.object, source: 'WDG keyword' },
  ],
};

describe.each(Object.entries(rows))('%s', (_name, table) => {
  it.each(table)('$expr → $expected', checkRow);
});

describe('laziness (§2.4.1)', () => {
  it('IIF and Switch evaluate only the chosen branch', () => {
    // The untaken branches would fail to parse a date.
    expect(evaluate('IIF(IsPresent([x]), CDate([x]), "none")', { x: '' })).toBe('none');
    expect(evaluate('Switch([endDate], NumFromDate([endDate]), "", "9223372036854775807")', { endDate: '' })).toBe('9223372036854775807');
    expect(evaluate('Switch([k], CDate("bad"), "a", "1", "b", CDate("bad"))', { k: 'a' })).toBe('1');
  });
  it('Guid() is drawn at each call site', () => {
    const value = evaluate('Join(",", Guid(), Guid(), Guid())') as string;
    expect(new Set(value.split(',')).size).toBe(3);
  });
});

describe('IIF null-condition rule (setting iifNullCondition)', () => {
  it('"error" fails the object naming IIF', () => {
    expect(evalFailure('IIF([country]="USA","a","b")', {}, { iifNullCondition: 'error' })).toMatchObject({ code: 'EXPR_EVAL_NULL_CONDITION', functionName: 'IIF' });
  });
  it('a condition that is not Boolean is an error', () => {
    expect(evalFailure('IIF([x], "a", "b")', { x: 'maybe' })).toMatchObject({ code: 'EXPR_EVAL_INVALID_BOOLEAN', functionName: 'IIF', argumentIndex: 0 });
  });
});

describe('SelectUniqueValue', () => {
  const expr = `SelectUniqueValue(
        Join("@", NormalizeDiacritics(StripSpaces(Join(".",  [PreferredFirstName], [PreferredLastName]))), "contoso.com"),
        Join("@", NormalizeDiacritics(StripSpaces(Join(".",  Mid([PreferredFirstName], 1, 1), [PreferredLastName]))), "contoso.com"),
        Join("@", NormalizeDiacritics(StripSpaces(Join(".",  Mid([PreferredFirstName], 1, 2), [PreferredLastName]))), "contoso.com")
    )`;
  const attrs = { PreferredFirstName: 'John', PreferredLastName: 'Smith' };
  const compiled = compileExpression(expr);
  const run = (taken: string[]) =>
    compiled.evaluate(attrs, context(undefined, undefined, { targetAttribute: 'userPrincipalName', exists: (attribute, value) => attribute === 'userPrincipalName' && taken.includes(value) }));

  it.each([
    [[], 'John.Smith@contoso.com'],
    [['John.Smith@contoso.com'], 'J.Smith@contoso.com'],
    [['John.Smith@contoso.com', 'J.Smith@contoso.com'], 'Jo.Smith@contoso.com'],
  ])('taken %j → %s (FN)', (taken, expected) => {
    expect(run(taken)).toBe(expected);
  });

  it('every candidate taken ⇒ escrow (an evaluation error)', () => {
    expect(() => run(['John.Smith@contoso.com', 'J.Smith@contoso.com', 'Jo.Smith@contoso.com'])).toThrow(
      expect.objectContaining({ code: 'EXPR_EVAL_NO_UNIQUE_VALUE', functionName: 'SelectUniqueValue' }),
    );
  });

  it('every rule null ⇒ escrow, and the message says so rather than "already taken"', () => {
    const error = evalFailure('SelectUniqueValue([a], ToLower([b]))', {});
    expect({ code: error.code, message: error.message }).toEqual({ code: 'EXPR_EVAL_NO_UNIQUE_VALUE', message: expect.stringContaining('every rule evaluated to null') });
    expect(error.message).not.toContain('already taken');
  });

  it('lists the candidates for the pipeline to query', () => {
    expect(compiled.uniqueValueCandidates(attrs, context())).toEqual(['John.Smith@contoso.com', 'J.Smith@contoso.com', 'Jo.Smith@contoso.com']);
    expect(compileExpression('[mail]').uniqueValueCandidates(attrs, context())).toBeNull();
  });

  it('without an exists port the first rule wins', () => {
    expect(compiled.evaluate(attrs, context())).toBe('John.Smith@contoso.com');
  });
});

describe('compiling a hand-built AST', () => {
  it('checks it like text', () => {
    const ast = { kind: 'call', name: 'Mid', writtenName: 'Mid', nameEnd: 3, begin: 0, end: 9, args: [{ kind: 'attribute', name: 'a', begin: 4, end: 7 }] } as const;
    expect(() => compileExpression(ast)).toThrow(expect.objectContaining({ code: 'EXPR_TOO_FEW_ARGUMENTS' }));
  });
  it('evaluates a parsed AST', () => {
    const compiled = compileExpression(compileExpression('ToUpper([a])').ast);
    expect(compiled.source).toBe('ToUpper([a])');
    expect(compiled.evaluate({ a: 'x' }, context())).toBe('X');
  });
});

describe('comparisons', () => {
  it.each([
    ['IIF(Now() > "2025-12-31", "after", "before")', 'after'],
    ['IIF(CDate("2021-01-01") = "1/1/2021 12:00:00 AM", "same", "different")', 'same'],
    ['IIF(DateDiff("d", CDate("2021-01-01"), CDate("2021-01-11")) >= 10, "y", "n")', 'y'],
    ['IIF("10" > "9", "numeric", "text")', 'numeric'],
    ['IIF("b" >= "B", "y", "n")', 'y'],
    ['IIF(IsPresent([x]) = "true", "y", "n")', 'y'],
    ['CStr([a] <> [b])', 'False'],
  ])('%s → %s', (expr, expected) => {
    expect(evaluate(expr, { x: 'v' })).toBe(expected);
  });
  it('a multi-valued operand is an error naming the operator', () => {
    expect(evalFailure('IIF([list] = "a", 1, 2)', { list: ['a', 'b'] })).toMatchObject({ code: 'EXPR_EVAL_MULTI_VALUED', functionName: '=' });
  });
});
