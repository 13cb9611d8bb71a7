import { describe, expect, it } from 'vitest';
import { ExpressionSyntaxError, parseExpression, printExpression, type ExpressionOptions } from '../../src/expr/index.js';

interface Invalid {
  text: string;
  code: string;
  column: number;
  line?: number;
  options?: Partial<ExpressionOptions>;
}

// Asserts codes and positions, never the message text (code-style.md practice 12).
const invalid: Invalid[] = [
  { text: '', code: 'EXPR_EMPTY', column: 1 },
  { text: '   ', code: 'EXPR_EMPTY', column: 1 },
  { text: `"${'x'.repeat(10_000)}"`, code: 'EXPR_TOO_LONG', column: 10_001 },
  { text: 'Join(" ", [a]', code: 'EXPR_UNCLOSED_CALL', column: 14 },
  { text: 'Append("a",', code: 'EXPR_UNCLOSED_CALL', column: 12 },
  { text: '"abc', code: 'EXPR_UNTERMINATED_STRING', column: 1 },
  { text: 'Append("abc\\', code: 'EXPR_UNTERMINATED_STRING', column: 8 },
  { text: 'Append([a, "b")', code: 'EXPR_UNTERMINATED_ATTRIBUTE', column: 8 },
  { text: 'Append([], "b")', code: 'EXPR_EMPTY_ATTRIBUTE', column: 8 },
  { text: 'Foo([a])', code: 'EXPR_UNKNOWN_FUNCTION', column: 1 },
  { text: 'Join(",", Frobnicate([a]))', code: 'EXPR_UNKNOWN_FUNCTION', column: 11 },
  { text: 'Prepend("a", [b])', code: 'EXPR_UNKNOWN_FUNCTION', column: 1 },
  { text: 'switch([a], , "1", "x")', code: 'EXPR_UNKNOWN_FUNCTION', column: 1, options: { functionNameCase: 'sensitive' } },
  { text: 'Append([a])', code: 'EXPR_TOO_FEW_ARGUMENTS', column: 11 },
  { text: 'IIF([a] = "x", "y")', code: 'EXPR_TOO_FEW_ARGUMENTS', column: 19 },
  { text: 'Append([a], "b", "c")', code: 'EXPR_TOO_MANY_ARGUMENTS', column: 18 },
  { text: 'ToLower([a], , )', code: 'EXPR_TOO_MANY_ARGUMENTS', column: 16 },
  { text: 'Mid([a], , 2)', code: 'EXPR_EMPTY_ARGUMENT', column: 10 },
  { text: 'Join(",", )', code: 'EXPR_EMPTY_ARGUMENT', column: 11 },
  { text: 'Replace([a], , , , , , )', code: 'EXPR_INVALID_ARGUMENTS', column: 1 },
  { text: 'Replace([a], "x", , , , , )', code: 'EXPR_INVALID_ARGUMENTS', column: 1 },
  { text: 'Switch([a], "d", "k")', code: 'EXPR_TOO_FEW_ARGUMENTS', column: 21 },
  { text: 'Switch([a], "d", "k", "v", "k2")', code: 'EXPR_INVALID_ARGUMENTS', column: 28 },
  { text: 'SelectUniqueValue([a])', code: 'EXPR_TOO_FEW_ARGUMENTS', column: 22 },
  { text: 'Join(",", SelectUniqueValue([a], [b]))', code: 'EXPR_NOT_TOP_LEVEL', column: 11 },
  { text: '[a] = [b] = [c]', code: 'EXPR_CHAINED_COMPARISON', column: 11 },
  { text: '[a] [b]', code: 'EXPR_TRAILING_INPUT', column: 5 },
  { text: 'Append([a], "b"))', code: 'EXPR_TRAILING_INPUT', column: 17 },
  { text: 'Join(",", [a] [b])', code: 'EXPR_EXPECTED_COMMA', column: 15 },
  { text: 'Append([a] "b")', code: 'EXPR_EXPECTED_COMMA', column: 12 },
  { text: 'Now', code: 'EXPR_EXPECTED_PAREN', column: 4 },
  { text: 'True', code: 'EXPR_UNKNOWN_KEYWORD', column: 1 },
  { text: 'Append(mail, "x")', code: 'EXPR_UNKNOWN_KEYWORD', column: 8 },
  { text: 'vbtextcompare', code: 'EXPR_UNKNOWN_KEYWORD', column: 1, options: { functionNameCase: 'sensitive' } },
  { text: '"a" & "b"', code: 'EXPR_UNEXPECTED_CHARACTER', column: 5 },
  { text: '"a" + "b"', code: 'EXPR_UNEXPECTED_CHARACTER', column: 5 },
  { text: "Append('a', \"b\")", code: 'EXPR_UNEXPECTED_CHARACTER', column: 8 },
  { text: '[a] != [b]', code: 'EXPR_UNEXPECTED_CHARACTER', column: 5 },
  { text: '\\[mail\\]', code: 'EXPR_UNEXPECTED_CHARACTER', column: 1 },
  { text: ']', code: 'EXPR_UNEXPECTED_CHARACTER', column: 1 },
  { text: '- 1', code: 'EXPR_UNEXPECTED_CHARACTER', column: 1 },
  { text: 'Join(",",\n  [a],\n  ?)', code: 'EXPR_UNEXPECTED_CHARACTER', line: 3, column: 3 },
  { text: 'Left([a], é)', code: 'EXPR_UNEXPECTED_CHARACTER', column: 11 },
  { text: '&H', code: 'EXPR_INVALID_NUMBER', column: 1 },
  { text: '&HFG', code: 'EXPR_INVALID_NUMBER', column: 1 },
  { text: 'Left([a], 1.5)', code: 'EXPR_INVALID_NUMBER', column: 11 },
  { text: '12ab', code: 'EXPR_INVALID_NUMBER', column: 1 },
  { text: ')', code: 'EXPR_EXPECTED_OPERAND', column: 1 },
  { text: 'Append(, "b")', code: 'EXPR_EMPTY_ARGUMENT', column: 8 },
  { text: '[a] =', code: 'EXPR_EXPECTED_OPERAND', column: 6 },
  { text: 'Append("a\\qb", "c")', code: 'EXPR_UNKNOWN_ESCAPE', column: 10, options: { unknownEscape: 'error' } },
];

describe('parseExpression: invalid syntax', () => {
  it.each(invalid)('$code at $column: $text', ({ text, code, column, line, options }) => {
    let caught: unknown;
    try {
      parseExpression(text, options);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ExpressionSyntaxError);
    const error = caught as ExpressionSyntaxError;
    expect({ code: error.code, line: error.line, column: error.column }).toEqual({ code, line: line ?? 1, column });
    // The issue carries the location and a caret frame.
    expect(error.issues[0]?.location).toMatchObject({ line: line ?? 1, column });
    expect(error.frame).toMatch(/\^/);
    expect(error.exitCode).toBe(2);
  });

  it('a syntax error names the function and argument for arity problems', () => {
    try {
      parseExpression('Mid([a], , 2)');
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ functionName: 'Mid', argumentIndex: 1, offset: 9 });
    }
  });

  it('the code frame puts the caret under the offending column', () => {
    try {
      parseExpression('Join(" ", [a]');
      expect.unreachable();
    } catch (error) {
      expect((error as ExpressionSyntaxError).frame).toBe('> 1 | Join(" ", [a]\n    |              ^');
    }
  });
});

describe('parseExpression: valid syntax', () => {
  const valid: Array<{ text: string; printed: string }> = [
    { text: 'Replace([x], "a", , , "b", , )', printed: 'Replace([x], "a", , , "b", ,)' },
    { text: 'Replace([u],,"(?<id>.*)@(?<d>.*)",,"${id}",,)', printed: 'Replace([u], , "(?<id>.*)@(?<d>.*)", , "${id}", ,)' },
    { text: 'ToLower(Mid([n],2,64), )', printed: 'ToLower(Mid([n], 2, 64),)' },
    { text: 'SelectUniqueValue (\n  Join("@", [a], "x"),\n\tJoin("@", [b], "x")\n)', printed: 'SelectUniqueValue(Join("@", [a], "x"), Join("@", [b], "x"))' },
    { text: '[urn:ietf:params:scim:schemas:extension:contoso:1.0:User:JobCode]', printed: '[urn:ietf:params:scim:schemas:extension:contoso:1.0:User:JobCode]' },
    { text: '[extension_53c9e2c0e_acmeCostCenter]', printed: '[extension_53c9e2c0e_acmeCostCenter]' },
    { text: '[passwordProfile.password]', printed: '[passwordProfile.password]' },
    { text: 'IIF([a]>=5,"x","y")', printed: 'IIF([a] >= 5, "x", "y")' },
    { text: 'CBool([attribute1] = [attribute2])', printed: 'CBool([attribute1] = [attribute2])' },
    { text: '"Company name: \\"Contoso\\""', printed: '"Company name: \\"Contoso\\""' },
    { text: '-10', printed: '-10' },
    { text: 'switch([a], , "1", "x")', printed: 'Switch([a], , "1", "x")' },
    { text: 'InStr("repEated","e",3,vbBinaryCompare)', printed: 'InStr("repEated", "e", 3, vbBinaryCompare)' },
    { text: 'Switch([a], IgnoreAttributeFlow, "1", IgnoreObjectFlow)', printed: 'Switch([a], IgnoreAttributeFlow, "1", IgnoreObjectFlow)' },
    { text: '  [mail]  ', printed: '[mail]' },
    { text: '"unterminated? no: \\\\"', printed: '"unterminated? no: \\\\"' },
    { text: 'Guid()', printed: 'Guid()' },
    { text: 'Guid( )', printed: 'Guid()' },
  ];
  it.each(valid)('$text', ({ text, printed }) => {
    const ast = parseExpression(text);
    expect(printExpression(ast)).toBe(printed);
    expect(printExpression(parseExpression(printExpression(ast)))).toBe(printed);
  });

  it('resolves string escapes: \\" and \\\\; unknown escapes keep the backslash by default', () => {
    expect(parseExpression('"Company name: \\"Contoso\\""')).toMatchObject({ kind: 'string', value: 'Company name: "Contoso"' });
    expect(parseExpression('"\\\\d{10}"')).toMatchObject({ value: '\\d{10}' });
    expect(parseExpression('"\\+1"')).toMatchObject({ value: '\\+1' });
    expect(parseExpression('"\\+1"', { unknownEscape: 'drop' })).toMatchObject({ value: '+1' });
  });

  it('keeps begin/end offsets on every node, and empty slots as nodes', () => {
    const ast = parseExpression('Replace([mail], "@contoso.com", , ,"", ,)');
    expect(ast).toMatchObject({ kind: 'call', name: 'Replace', begin: 0, end: 41, nameEnd: 7 });
    if (ast.kind !== 'call') throw new Error('expected a call');
    expect(ast.args.map((a) => [a.kind, a.begin, a.end])).toEqual([
      ['attribute', 8, 14],
      ['string', 16, 30],
      ['empty', 32, 32],
      ['empty', 34, 34],
      ['string', 35, 37],
      ['empty', 39, 39],
      ['empty', 40, 40],
    ]);
  });

  it('reads numbers as the text of their digits, hex as integers, and comparisons as nodes', () => {
    expect(parseExpression('129699324000000000')).toMatchObject({ kind: 'integer', text: '129699324000000000' });
    expect(parseExpression('&HF7')).toMatchObject({ kind: 'hex', value: 247n });
    expect(parseExpression('[a] <> "x"')).toMatchObject({ kind: 'comparison', operator: '<>', operatorBegin: 4, begin: 0, end: 10 });
  });

  it('accepts exactly 10,000 characters', () => {
    const text = `"${'x'.repeat(9_998)}"`;
    expect(text).toHaveLength(10_000);
    expect(parseExpression(text)).toMatchObject({ kind: 'string' });
  });
});
