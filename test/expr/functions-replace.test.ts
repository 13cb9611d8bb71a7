import { describe, expect, it } from 'vitest';
import { translateDotnetRegex } from '../../src/expr/dotnet-regex.js';
import { parseExpression } from '../../src/expr/index.js';
import { checkRow, evalFailure, type Row } from './helpers.js';

// FN Replace examples 1–6 plus "Strip known domain name" and the objectId example, and the
// Graph parseExpression example (§2.4.6).
const rows: Row[] = [
  { expr: 'Replace([BusinessTitle],"Product Developer", , , "Software Engineer", , )', attrs: { BusinessTitle: 'Product Developer' }, expected: 'Software Engineer', source: 'FN example 1' },
  { expr: 'Replace([UserID],"<username>", , , , , "<username>@contoso.com")', attrs: { UserID: 'jsmith' }, expected: 'jsmith@contoso.com', source: 'FN example 2' },
  {
    expr: 'Replace([telephoneNumber], , "\\\\+(?<isdCode>\\\\d* )(?<phoneNumber>\\\\d{10})", , "${phoneNumber}", , )',
    attrs: { telephoneNumber: '+91 9998887777' },
    expected: '9998887777',
    source: 'FN example 3',
  },
  // FN prints 19998887777, but the class [()\s-] does not contain "+" (§12.2): the + stays.
  { expr: 'Replace([mobile], , "[()\\\\s-]+", , "", , )', attrs: { mobile: '+1 (999) 888-7777' }, expected: '+19998887777', source: 'FN example 3b (doc defect §12.2)' },
  { expr: 'Replace([AddressLineData], ,"(?<streetNumber>^\\\\d*)","streetNumber", "888", , )', attrs: { AddressLineData: '545 Tremont Street' }, expected: '888 Tremont Street', source: 'FN example 4' },
  { expr: 'Replace([userPrincipalName], , "(?<Suffix>@(.)*)", "Suffix", "", , )', attrs: { userPrincipalName: 'jsmith@contoso.com' }, expected: 'jsmith', source: 'FN example 4b' },
  {
    expr: 'Replace([telephoneNumber], , "\\\\+(?<isdCode>\\\\d* )(?<phoneNumber>\\\\d{10})", "phoneNumber" , , [mobile], )',
    attrs: { telephoneNumber: '', mobile: '+91 8887779999' },
    expected: '8887779999',
    source: 'FN example 5',
  },
  {
    expr: 'Replace([telephoneNumber], , "\\\\+(?<isdCode>\\\\d* )(?<phoneNumber>\\\\d{10})", "phoneNumber" , , [mobile], )',
    attrs: { telephoneNumber: '+1 2223334444', mobile: '+91 8887779999' },
    expected: '+1 2223334444',
    source: 'FN example 5: a source with a value wins',
  },
  { expr: 'Replace([mailNickname], , "[a-zA-Z_]*", , "", , )', attrs: { mailNickname: 'john_doe72' }, expected: '72', source: 'FN example 6' },
  { expr: 'Replace([mail], "@contoso.com", , ,"", ,)', attrs: { mail: 'john.doe@contoso.com' }, expected: 'john.doe', source: 'FN Examples' },
  {
    // FN prints an output computed from another GUID (§12.1); this is what the expression computes.
    expr: 'Join("", 1000, Replace(ConvertToUTF8Hex([objectId]), , "[a-zA-Z_]*", , "", , ))',
    attrs: { objectId: '00aa00aa-bb11-cc22-dd33-44ee44ee44ee' },
    expected: '100030306161303061612626231312636332322646433332343465653434656534346565',
    source: 'FN Examples (doc defect §12.1)',
  },
  { expr: 'Replace([preferredLanguage], "-", , , "_", , )', attrs: { preferredLanguage: 'EN-US' }, expected: 'EN_US', source: 'Graph parseExpression' },
  { expr: 'Replace([u],,"(?<id>.*)@(?<d>.*)",,"${id}",,)', attrs: { u: 'ann@x.com' }, expected: 'ann' },
  { expr: 'Replace("aXa", "a", , , "b", , )', expected: 'bXb', source: 'every occurrence' },
  { expr: 'Replace("aXa", "x", , , "b", , )', expected: 'aXa', source: 'case-sensitive' },
  { expr: 'Replace([missing], "a", , , "b", , )', expected: null, source: '?10 default' },
  { expr: 'Replace([missing], "a", , , "b", , )', expected: '', options: { nullStringArgument: 'empty' } },
  { expr: 'Replace("a-b", "-", , , [missing], , )', expected: 'ab', source: 'a null replacement removes' },
  { expr: 'Replace("abc", , "(b)", , "[$1]", , )', expected: 'a[b]c' },
  { expr: 'Replace("abc", , "b", , "$$", , )', expected: 'a$c' },
  { expr: 'Replace("abc", , "b", , "<$&>", , )', expected: 'a<b>c' },
  { expr: 'Replace("abc", , "b", , "$9", , )', expected: 'a$9c', source: 'an unknown group is literal (.NET)' },
  { expr: 'Replace("ab", , "(a)", , "$10", , )', expected: '$10b', source: '.NET reads all the digits: group 10 does not exist, so "$10" is literal (not $1 then 0)' },
  { expr: 'Replace("ab", , "(a)", , "$01|${1}0", , )', expected: 'a|a0b' },
  { expr: 'Replace("xy", , "(?<n>x)(y)", , "$1$2", , )', expected: 'yx', source: '.NET numbers unnamed groups first' },
  { expr: 'Replace("a.b", , "\\\\.", , "", , )', expected: 'ab' },
  { expr: 'Replace("john@domain.com", , ".*\\\\@domain.com", , "x", , )', expected: 'x', source: '\\@ is a valid .NET escape (azure-docs#110977)' },
  { expr: 'Replace("٣4", , "\\\\d", , "#", , )', expected: '##', source: '.NET \\d matches Unicode digits' },
  { expr: 'Replace("a\nb", , "a.b", , "x", , )', expected: 'a\nb', source: '. does not match a newline' },
  { expr: 'Replace("ab\n", , "b$", , "X", , )', expected: 'aX\n', source: '$ matches before a final newline' },
  { expr: 'Replace("AbC", , "(?i)abc", , "x", , )', expected: 'x' },
  { expr: 'Replace([x], , "(?m)^ +", , "", , )', attrs: { x: '1 Main St\r\n  Suite 2\r  Floor 3' }, expected: '1 Main St\r\nSuite 2\r  Floor 3', source: '(?m) lines start after \\n only, as in .NET' },
  { expr: 'Replace([x], , "(?m)t$", , "T", , )', attrs: { x: 'at\r\nbt\nct' }, expected: 'at\r\nbT\ncT', source: '(?m) $ is before \\n only' },
  { expr: 'Replace("a{1}", , "a{", , "x", , )', expected: 'x1}' },
  // \b, \B and \W in a class use .NET's Unicode word characters (JavaScript's are ASCII).
  { expr: 'Replace("José Ébano", , "\\b\\w", , "_", , )', expected: '_osé _bano', source: '\\b before an accented letter' },
  { expr: 'Replace("José Ébano", , "\\w\\b", , "_", , )', expected: 'Jos_ Éban_' },
  { expr: 'Replace("aé", , "\\Bé", , "X", , )', expected: 'aX' },
  { expr: 'Replace("é1-", , "[^\\W\\d]", , "_", , )', expected: '_1-', source: 'word characters but digits' },
  { expr: 'Replace("é-", , "[\\W]", , "_", , )', expected: 'é_' },
  { expr: 'Replace("a\bb", , "[\\b]", , "_", , )', expected: 'a_b', source: '[\\b] is a backspace (U+0008) in a class' },
  { expr: 'Replace("ab", , "[\\b]", , "_", , )', expected: 'ab' },
  { expr: 'Replace([x], , "^\\s+|\\s+$", , "", , )', attrs: { x: '\ufeffAnn\u0085' }, expected: '\ufeffAnn', source: '.NET \\s: NEL is white space, the BOM is not' },
];

describe('Replace', () => {
  it.each(rows)('$expr → $expected', checkRow);

  it('an invalid pattern read from an attribute is an evaluation error on regexPattern', () => {
    expect(evalFailure('Replace("a", , [p], , "x", , )', { p: '(unclosed' })).toMatchObject({ code: 'EXPR_EVAL_INVALID_REGEX', functionName: 'Replace', argumentIndex: 2 });
    expect(evalFailure('Replace("a", , [p], , "x", , )', { p: '(?>atomic)' })).toMatchObject({ code: 'EXPR_EVAL_INVALID_REGEX', argumentIndex: 2 });
  });
  it('an invalid literal pattern is a syntax error at the pattern', () => {
    expect(() => parseExpression('Replace("a", , "(unclosed", , "x", , )')).toThrow(expect.objectContaining({ code: 'EXPR_INVALID_REGEX', argumentIndex: 2, column: 16 }));
    expect(() => parseExpression('Replace([a], , "(?>atomic)", "g", , [b], )')).toThrow(expect.objectContaining({ code: 'EXPR_INVALID_REGEX', argumentIndex: 2 }));
    expect(() => parseExpression('Replace([a], "(", , , "x", , )')).not.toThrow();
  });
  it('a group name that the pattern lacks is an evaluation error', () => {
    expect(evalFailure('Replace("a", , "(?<g>a)", "other", "x", , )')).toMatchObject({ code: 'EXPR_EVAL_INVALID_ARGUMENT', argumentIndex: 3 });
  });
  it('an empty oldValue is an evaluation error', () => {
    expect(evalFailure('Replace("a", "", , , "x", , )')).toMatchObject({ code: 'EXPR_EVAL_INVALID_ARGUMENT', argumentIndex: 1 });
  });
});

describe('translateDotnetRegex', () => {
  it.each([
    ['\\d{10}', '\\p{Nd}{10}'],
    ["(?'name'x)\\k'name'", '(?<name>x)\\k<name>'],
    ['[\\w-]', '[\\p{L}\\p{Mn}\\p{Nd}\\p{Pc}-]'],
    ['\\@\\#\\ ', '@# '],
    ['[]a]', '[\\]a]'],
    ['a(?#comment)b', 'ab'],
  ])('%s → %s', (dotnet, js) => {
    expect(translateDotnetRegex(dotnet).source).toBe(js);
  });
  it('\\s and \\S (also in a class) split every code point as .NET does: U+0085 is space, U+FEFF is not', () => {
    const space = new RegExp(`^${translateDotnetRegex('\\s').source}$`, 'u');
    const nonSpace = new RegExp(`^${translateDotnetRegex('\\S').source}$`, 'u');
    const nonSpaceInClass = new RegExp(`^${translateDotnetRegex('[\\S]').source}$`, 'u');
    const wrong: number[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp += cp < 0x30000 ? 1 : 0x101) {
      const ch = String.fromCodePoint(cp);
      if (space.test(ch) === nonSpace.test(ch) || nonSpace.test(ch) !== nonSpaceInClass.test(ch)) wrong.push(cp);
    }
    expect(wrong).toEqual([]);
    expect([space.test('\u0085'), space.test('\ufeff'), space.test('\u00a0'), space.test('\t')]).toEqual([true, false, true, true]);
  });
  it('\\W in a class is exactly the code points \\w does not match', () => {
    const word = new RegExp(`^${translateDotnetRegex('\\w').source}$`, 'u');
    const nonWord = new RegExp(`^${translateDotnetRegex('[\\W]').source}$`, 'u');
    const wrong: number[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp += cp < 0x30000 ? 1 : 0x101) {
      const ch = String.fromCodePoint(cp);
      if (word.test(ch) === nonWord.test(ch)) wrong.push(cp);
    }
    expect(wrong).toEqual([]);
  });
  it.each(['(?>a)', '(?(a)b|c)', '(?<a-b>x)', '[a-z-[aeiou]]', '\\G', 'a(?i)b', '\\p{IsGreek}', '\\q'])('rejects %s', (pattern) => {
    expect(() => translateDotnetRegex(pattern)).toThrow();
  });
});
