import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/core/determinism.js';
import { diacriticsMap } from '../../src/expr/diacritics.js';
import { specialCharacters } from '../../src/expr/functions/generate.js';
import { Complex, compileExpression, evaluateExpression } from '../../src/expr/index.js';
import { checkRow, context, evalFailure, evaluate, type Row } from './helpers.js';

const rows: Record<string, Row[]> = {
  BitAnd: [
    { expr: 'BitAnd(&HF, &HF7)', expected: 7n, source: 'FN' },
    { expr: 'BitAnd([uac], 2)', attrs: { uac: 514 }, expected: 2n },
    { expr: 'BitAnd("512", 2)', expected: 0n },
  ],
  CBool: [
    { expr: 'CBool([attribute1] = [attribute2])', attrs: { attribute1: 'a', attribute2: 'a' }, expected: true, source: 'FN' },
    { expr: 'CBool([attribute1] = [attribute2])', attrs: { attribute1: 'a', attribute2: 'b' }, expected: false, source: 'FN' },
    { expr: 'CBool("5")', expected: true },
    { expr: 'CBool("0")', expected: false },
    { expr: 'CBool("true")', expected: true },
    { expr: 'CBool("banana")', expected: false, source: '?24 default' },
    { expr: 'CBool([missing])', expected: false },
  ],
  ConvertToBase64: [{ expr: 'ConvertToBase64("Hello world!")', expected: 'SABlAGwAbABvACAAdwBvAHIAbABkACEA', source: 'FN (UTF-16LE)' }],
  ConvertToUTF8Hex: [
    { expr: 'ConvertToUTF8Hex("Hello world!")', expected: '48656C6C6F20776F726C6421', source: 'FN' },
    { expr: 'ConvertToUTF8Hex("é")', expected: 'C3A9' },
  ],
  Count: [
    { expr: 'Count([proxyAddresses])', attrs: { proxyAddresses: ['a', 'b', 'c'] }, expected: 3n },
    { expr: 'Count([missing])', expected: 0n, source: '?28: null ⇒ 0' },
    { expr: 'Count([mail])', attrs: { mail: 'a@b' }, expected: 1n },
    { expr: 'Count(Split("a,b", ","))', expected: 2n },
  ],
  InStr: [
    { expr: 'InStr("The quick brown fox","quick")', expected: 5n, source: 'FN' },
    { expr: 'InStr("repEated","e",3,vbBinaryCompare)', expected: 7n, source: 'FN' },
    { expr: 'InStr("repEated","e",3,vbTextCompare)', expected: 4n },
    { expr: 'InStr("abc","B")', expected: 0n, source: '?27 default: binary' },
    { expr: 'InStr("abc","B")', expected: 2n, options: { instrDefaultCompare: 'text' } },
    { expr: 'InStr("abc","")', expected: 1n },
    { expr: 'InStr("abc","c",9)', expected: 0n },
    { expr: 'InStr("abc","",4)', expected: 4n, source: 'Microsoft.VisualBasic: start one past the end finds the empty string' },
    { expr: 'InStr("abc","",5)', expected: 0n },
    { expr: 'InStr("abc","c",4)', expected: 0n },
    { expr: 'InStr("","c")', expected: 0n },
    { expr: 'InStr([emailAddress],"@contoso.com")', attrs: { emailAddress: 'x@fabrikam.com' }, expected: 0n },
  ],
  IsString: [
    { expr: 'IsString([a])', attrs: { a: 'x' }, expected: true },
    { expr: 'IsString(IsPresent([a]))', expected: true },
    { expr: 'IsString([missing])', expected: false, source: '?24: null is not a string' },
    { expr: 'IsString([list])', attrs: { list: ['a', 'b'] }, expected: false },
  ],
  Item: [
    { expr: 'Item([proxyAddresses], 1)', attrs: { proxyAddresses: ['SMTP:a@x', 'smtp:b@x'] }, expected: 'SMTP:a@x', source: 'FN' },
    { expr: 'Item([proxyAddresses], 2)', attrs: { proxyAddresses: ['SMTP:a@x', 'smtp:b@x'] }, expected: 'smtp:b@x' },
    { expr: 'Item([proxyAddresses], 0)', attrs: { proxyAddresses: ['a'] }, expected: null, source: '?12 default' },
    { expr: 'Item([proxyAddresses], 3)', attrs: { proxyAddresses: ['a'] }, expected: null },
    { expr: 'Item([missing], 1)', expected: null },
    { expr: 'Item(Split("a;b", ";"), 2)', expected: 'b' },
  ],
  NormalizeDiacritics: [
    { expr: 'NormalizeDiacritics([givenName])', attrs: { givenName: 'Zoë' }, expected: 'Zoe', source: 'FN' },
    { expr: 'NormalizeDiacritics("Søren Straße Æsir Łódź İpek")', expected: 'Soeren Strasse AEsir Lodz Ipek', source: 'table rows ø, ß, Æ, Ł, İ' },
    { expr: 'NormalizeDiacritics("Zoe\u0308")', expected: 'Zoe', source: 'decomposed input' },
    { expr: 'NormalizeDiacritics("đ ŵ")', expected: 'đ ŵ', source: '?20 default: outside the table' },
    { expr: 'NormalizeDiacritics("đ ŵ")', expected: 'đ w', options: { diacriticsOutsideTable: 'stripMarks' } },
  ],
  PCase: [
    { expr: 'PCase([firstName])', attrs: { firstName: 'PABLO GONSALVES (SECOND)' }, expected: 'Pablo Gonsalves (Second)', source: 'FN' },
    { expr: 'PCase([lastName]," \'-")', attrs: { lastName: "PINTO-DE'SILVA" }, expected: "Pinto-De'Silva", source: 'FN' },
    { expr: 'PCase(Join(" ",[firstName],[lastName]))', attrs: { firstName: 'GREGORY', lastName: 'JAMES' }, expected: 'Gregory James', source: 'FN' },
    { expr: 'PCase("o\'neil mcdonald-smith")', expected: "O'neil Mcdonald-Smith", source: '?19 default: apostrophe inside the word' },
    { expr: 'PCase("o\'neil")', expected: "O'Neil", options: { pcaseApostrophe: 'separator' } },
    { expr: 'PCase("1st floor")', expected: '1St Floor', source: '.NET ToTitleCase: a word starts at a letter' },
    { expr: 'PCase("\u01C6EMAL \u01C4UBRAVKA \u01CCUBICA")', expected: '\u01C5emal \u01C5ubravka \u01CBubica', source: '.NET ToTitleCase writes the Latin digraphs ǅ ǈ ǋ ǲ in title case' },
    { expr: 'PCase([missing])', expected: null },
  ],
  RandomString: [
    { expr: 'Redact(RandomString(6,3,0,0,3))', expected: '86ner4', source: 'FN Redact example 3: seed 42 reproduces it' },
  ],
  Redact: [
    { expr: 'Redact([userPrincipalName])', attrs: { userPrincipalName: 'a@b' }, expected: 'a@b', source: 'FN example 1' },
    { expr: 'Redact("StringToBeRedacted")', expected: 'StringToBeRedacted', source: 'FN example 2' },
  ],
  RemoveDuplicates: [
    { expr: 'RemoveDuplicates([proxyAddresses])', attrs: { proxyAddresses: ['a', 'b', 'a', 'A'] }, expected: ['a', 'b', 'A'], source: 'FN; ?22 default ordinal' },
    { expr: 'RemoveDuplicates([proxyAddresses])', attrs: { proxyAddresses: ['a', 'b', 'a', 'A'] }, expected: ['a', 'b'], options: { removeDuplicatesCase: 'ignoreCase' } },
    { expr: 'RemoveDuplicates([missing])', expected: null },
  ],
  Split: [
    { expr: 'Split([extensionAttribute5], ",")', attrs: { extensionAttribute5: 'PermissionSetOne, PermissionSetTwo' }, expected: ['PermissionSetOne', ' PermissionSetTwo'], source: 'FN (?11 default: no trimming)' },
    { expr: 'Split([extensionAttribute5], ",")', attrs: { extensionAttribute5: 'PermissionSetOne, PermissionSetTwo' }, expected: ['PermissionSetOne', 'PermissionSetTwo'], options: { splitTrim: true }, source: 'FN printed output' },
    { expr: 'Split("a,,b", ",")', expected: ['a', '', 'b'] },
    { expr: 'Split("a, b", ", ")', expected: ['a', 'b'] },
    { expr: 'Split([missing], ",")', expected: null },
  ],
};

describe.each(Object.entries(rows))('%s', (_name, table) => {
  it.each(table)('$expr → $expected', checkRow);
});

describe('NormalizeDiacritics: every documented table entry, precomposed and decomposed', () => {
  const entries = [...diacriticsMap.entries()];
  it('covers the whole table', () => {
    // 261 characters in the function reference's table (lower- and upper-case rows).
    expect(entries.length).toBe(261);
  });
  it.each(entries)('%s → %s', (from, to) => {
    expect(evaluate('NormalizeDiacritics([x])', { x: `<${from}>` })).toBe(`<${to}>`);
    expect(evaluate('NormalizeDiacritics([x])', { x: `<${from.normalize('NFD')}>` })).toBe(`<${to}>`);
  });
});

describe('Guid and RandomString use the injected random source', () => {
  it('Guid() is a lower-case 8-4-4-4-12 GUID, reproducible from the seed', () => {
    const a = evaluate('Guid()');
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(evaluate('Guid()')).toBe(a);
    expect(evaluateExpression('Guid()', {}, { random: seededRandom(7) })).not.toBe(a);
  });

  it('RandomString meets every minimum and avoids the given characters (FN examples, many seeds)', () => {
    const example1 = compileExpression('RandomString(6,3,0,0,3)');
    const example2 = compileExpression('RandomString(10,2,2,2,1,"?,")');
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const ctx = { ...context(), random: seededRandom(seed) };
        const one = example1.evaluate({}, ctx) as string;
        expect(one).toHaveLength(6);
        expect(one.replace(/[^0-9]/g, '')).toHaveLength(3);
        expect(one.replace(/[^a-z]/g, '')).toHaveLength(3);
        const two = example2.evaluate({}, ctx) as string;
        expect(two).toHaveLength(10);
        expect(two.replace(/[^0-9]/g, '').length).toBeGreaterThanOrEqual(2);
        expect([...two].filter((c) => specialCharacters.includes(c)).length).toBeGreaterThanOrEqual(2);
        expect(two.replace(/[^A-Z]/g, '').length).toBeGreaterThanOrEqual(2);
        expect(two.replace(/[^a-z]/g, '').length).toBeGreaterThanOrEqual(1);
        expect(two).not.toMatch(/[?,]/);
      }),
      { numRuns: 200 },
    );
  });

  it.each([
    ['RandomString(3,2,2,0,0)', 0],
    ['RandomString(300,0,0,0,0)', 0],
    ['RandomString(4,1,0,0,0,"0123456789")', 5],
    ['RandomString(4,-1,0,0,0)', 1],
  ])('%s is an evaluation error', (expr, argumentIndex) => {
    expect(evalFailure(expr)).toMatchObject({ code: 'EXPR_EVAL_INVALID_ARGUMENT', functionName: 'RandomString', argumentIndex });
  });
});

describe('app-role functions', () => {
  const appRoleAssignments = [
    { id: 'r-1', value: 'Admin', displayName: 'Administrator' },
    { id: 'r-2', value: 'Reader', displayName: 'Reader' },
  ];
  it('AppRoleAssignmentsComplex maps every role to a SCIM roles entry', () => {
    expect(evaluate('AppRoleAssignmentsComplex([appRoleAssignments])', { appRoleAssignments })).toEqual([
      new Complex({ primary: false, type: 'WindowsAzureActiveDirectoryRole', displayName: 'Administrator', value: 'Admin', id: 'r-1' }),
      new Complex({ primary: false, type: 'WindowsAzureActiveDirectoryRole', displayName: 'Reader', value: 'Reader', id: 'r-2' }),
    ]);
  });
  it('AssertiveAppRoleAssignmentsComplex uses display (CA example body)', () => {
    expect(evaluate('AssertiveAppRoleAssignmentsComplex([appRoleAssignments])', { appRoleAssignments })).toEqual([
      new Complex({ primary: false, type: 'WindowsAzureActiveDirectoryRole', display: 'Administrator', value: 'Admin' }),
      new Complex({ primary: false, type: 'WindowsAzureActiveDirectoryRole', display: 'Reader', value: 'Reader' }),
    ]);
  });
  it('SingleAppRoleAssignment returns the one role value; plain strings work too', () => {
    expect(evaluate('SingleAppRoleAssignment([appRoleAssignments])', { appRoleAssignments: [{ role: 'Admin' }] })).toBe('Admin');
    expect(evaluate('SingleAppRoleAssignment([appRoleAssignments])', { appRoleAssignments: ['User'] })).toBe('User');
    expect(evaluate('SingleAppRoleAssignment([appRoleAssignments])', {})).toBeNull();
    expect(evaluate('AppRoleAssignmentsComplex([appRoleAssignments])', { appRoleAssignments: [] })).toBeNull();
  });
});

describe('Redact marks the compiled expression', () => {
  it('reports redacted: true and passes the value through', () => {
    const compiled = compileExpression('Redact([userPrincipalName])');
    expect(compiled.redacted).toBe(true);
    expect(compileExpression('[userPrincipalName]').redacted).toBe(false);
  });
});
