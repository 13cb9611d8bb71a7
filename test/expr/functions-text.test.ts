import { describe, it } from 'vitest';
import { expect } from 'vitest';
import { checkRow, evalFailure, type Row } from './helpers.js';

// Worked examples from functions-for-customizing-application-data.md (FN) and the edge cases of
// entra-semantics.md §3, one row each.
const rows: Record<string, Row[]> = {
  Append: [
    { expr: 'Append([userPrincipalName], ".test")', attrs: { userPrincipalName: 'John.Doe@contoso.com' }, expected: 'John.Doe@contoso.com.test', source: 'FN' },
    { expr: 'Append(Mid([givenName], 1, 3), Mid([surname], 1, 5))', attrs: { givenName: 'John', surname: 'Doe' }, expected: 'JohDoe', source: 'FN Examples' },
    { expr: 'Append([missing], ".test")', expected: null, source: '?10 default: null stays null' },
    { expr: 'Append([missing], ".test")', expected: '.test', options: { nullStringArgument: 'empty' } },
    { expr: 'Append("a", [missing])', expected: 'a' },
    { expr: 'Append(IsPresent([x]), 7)', attrs: { x: 'y' }, expected: 'True7' },
  ],
  Join: [
    { expr: 'Join(", ", "", [surname], [givenName])', attrs: { givenName: 'John', surname: 'Doe' }, expected: 'Doe, John', source: 'FN Examples: empty sources are skipped' },
    { expr: 'Join("1@", "X", "contoso.com")', expected: 'X1@contoso.com', source: '§3: the separator goes between parts' },
    { expr: 'Join("", "a", "b")', expected: 'ab' },
    { expr: 'Join(",", [proxyAddresses], "c")', attrs: { proxyAddresses: ['a', 'b'] }, expected: 'a,b,c', source: 'FN: a multi-valued source contributes each value' },
    { expr: 'Join(" ", [missing], [g])', attrs: { g: 'x' }, expected: 'x' },
    { expr: 'Join(" ", [missing])', expected: '' },
    { expr: 'Join("", 1000, "7")', expected: '10007', source: 'FN Examples: a number is the text of its digits' },
  ],
  Left: [
    { expr: 'Left("John Doe", 3)', expected: 'Joh', source: 'FN' },
    { expr: 'Left("John", 0)', expected: '', source: 'FN: 0 ⇒ ""' },
    { expr: 'Left("John", -1)', expected: 'John', source: 'FN: negative ⇒ input' },
    { expr: 'Left([missing], 2)', expected: '', source: 'FN: null ⇒ ""' },
    { expr: 'Left("Jo", 5)', expected: 'Jo', source: 'FN: longer ⇒ input' },
    { expr: 'Left("John", "2")', expected: 'Jo', source: '§2.1: quoted numerals are numbers' },
  ],
  Mid: [
    { expr: 'Mid("Doe", 1, 5)', expected: 'Doe', source: '§3: stops at the end' },
    { expr: 'Mid("John", 2, 2)', expected: 'oh' },
    { expr: 'Mid([x], "1", "2")', attrs: { x: 'abc' }, expected: 'ab' },
    { expr: 'Mid("abc", 2, 0)', expected: '' },
    { expr: 'Mid("abc", 2, -1)', expected: 'abc' },
    { expr: 'Mid("abc", 0, 2)', expected: 'abc' },
    { expr: 'Mid([missing], 1, 2)', expected: '' },
    { expr: 'Mid("A", 2, 64)', expected: '', source: '?12 default' },
    { expr: 'Mid("A", 2, 64)', expected: 'A', options: { midStartBeyondEnd: 'input' } },
    { expr: 'Join("", Mid([n], 1, 1), ToLower(Mid([n], 2, 64)))', attrs: { n: 'A' }, expected: 'A' },
  ],
  Word: [
    { expr: 'Word("The quick brown fox", 3, " ")', expected: 'brown', source: 'FN' },
    { expr: 'Word("This,string!has&many separators", 3, ",!&#")', expected: 'has', source: 'FN' },
    { expr: 'Word("a b", 0, " ")', expected: '', source: 'FN: < 1 ⇒ ""' },
    { expr: 'Word([missing], 1, " ")', expected: '', source: 'FN: null ⇒ ""' },
    { expr: 'Word("a b", 3, " ")', expected: '', source: 'FN: too few words ⇒ ""' },
    { expr: 'Word("a,,b", 2, ",")', expected: 'b', source: '?26 default' },
    { expr: 'Word("a,,b", 2, ",")', expected: '', options: { wordEmptyTokens: 'count' } },
    { expr: 'Word(",,", 1, ",")', expected: '' },
  ],
  StripSpaces: [
    { expr: 'StripSpaces(" a b\tc ")', expected: 'ab\tc', source: 'FN: only U+0020' },
    { expr: 'StripSpaces([missing])', expected: null },
  ],
  Trim: [
    { expr: 'Trim(" \t a b \u00a0\u2003\r\n")', expected: 'a b', source: 'Cloud Sync default mappings; .NET Char.IsWhiteSpace' },
    { expr: 'Trim("\u0085a\ufeff")', expected: 'a\ufeff', source: '.NET: U+0085 is white space, U+FEFF is not (JS trim differs)' },
    { expr: 'Trim([missing])', expected: null },
    { expr: 'Trim([missing])', expected: '', options: { nullStringArgument: 'empty' } },
  ],
  ToLower: [
    {
      expr: 'ToLower(Join("@", NormalizeDiacritics(StripSpaces(Join(".",  [PreferredFirstName], [PreferredLastName]))), "contoso.com"))',
      attrs: { PreferredFirstName: 'John', PreferredLastName: 'Smith' },
      expected: 'john.smith@contoso.com',
      source: 'FN',
    },
    { expr: 'ToLower("ΟΔΟΣ")', expected: 'οδοσ', source: '.NET maps one character at a time (no final sigma)' },
    { expr: 'ToLower("İSTANBUL")', expected: 'İstanbul', source: '.NET invariant culture: İ lower-cases to itself (pal_casing.c ChangeCaseInvariant, as on Windows)' },
    { expr: 'ToLower("İSTANBUL", "en-US")', expected: 'istanbul' },
    { expr: 'ToLower("ÌLE", "lt-LT")', expected: 'ìle', source: 'simple mapping; no Lithuanian dot above' },
    { expr: 'ToUpper("άλφα", "el-GR")', expected: 'ΆΛΦΑ', source: 'simple mapping keeps the tonos' },
    { expr: 'ToUpper("ıi")', expected: 'ıI', source: '.NET invariant culture: ı upper-cases to itself' },
    { expr: 'ToLower("ISTANBUL", "tr-TR")', expected: 'ıstanbul' },
    { expr: 'ToLower([x], )', attrs: { x: 'ABC' }, expected: 'abc' },
    { expr: 'ToLower([missing])', expected: null },
  ],
  ToUpper: [
    { expr: 'ToUpper("straße")', expected: 'STRAßE', source: '.NET keeps ß (no SS expansion)' },
    { expr: 'ToUpper("istanbul", "tr-TR")', expected: 'İSTANBUL' },
    { expr: 'ToUpper("abc", "")', expected: 'ABC' },
  ],
  CStr: [
    { expr: 'CStr([dn])', attrs: { dn: 'cn=Joe,dc=contoso,dc=com' }, expected: 'cn=Joe,dc=contoso,dc=com', source: 'FN' },
    { expr: 'CStr(IsPresent([x]))', expected: 'False' },
    { expr: 'CStr([n])', attrs: { n: 42 }, expected: '42' },
    { expr: 'CStr([missing])', expected: null },
  ],
};

describe.each(Object.entries(rows))('%s', (_name, table) => {
  it.each(table)('$expr → $expected', checkRow);
});

describe('string function errors', () => {
  it('a multi-valued argument where one value is expected names the function and argument', () => {
    const error = evalFailure('ToLower([proxyAddresses])', { proxyAddresses: ['a', 'b'] });
    expect(error).toMatchObject({ code: 'EXPR_EVAL_MULTI_VALUED', functionName: 'ToLower', argumentIndex: 0 });
  });
  it('a non-numeric count is an evaluation error on that argument', () => {
    expect(evalFailure('Mid("abc", "x", 1)')).toMatchObject({ code: 'EXPR_EVAL_INVALID_NUMBER', functionName: 'Mid', argumentIndex: 1, offset: 11 });
  });
  it('an invalid culture is an evaluation error on argument 2', () => {
    expect(evalFailure('ToUpper("a", "not a culture!")')).toMatchObject({ code: 'EXPR_EVAL_INVALID_ARGUMENT', functionName: 'ToUpper', argumentIndex: 1 });
  });
});
