import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixedClock, seededRandom } from '../../src/core/determinism.js';
import { generateEvaluator } from '../../src/expr/codegen.js';
import { compileNode } from '../../src/expr/compile.js';
import {
  compileExpression,
  defaultExpressionOptions,
  expressionFunctions,
  ExpressionSyntaxError,
  parseExpression,
  printExpression,
  type EvalContext,
  type EvalResult,
  type Expression,
  type ExpressionOptions,
  type SourceAttributes,
} from '../../src/expr/index.js';

/**
 * The generated evaluator (codegen.ts) against the closure evaluator (compile.ts), the reference:
 * random well-formed expressions must give the same value, the same "do not flow", or the same
 * error (class, code, message, position), and consume the same random numbers.
 */

/** Attribute names, some chosen to break naive code generation or reach Object.prototype. */
const attributeNames = ['a', 'b', 'list', 'n', 'constructor', '__proto__', 'toString', 'x"y', 'x\\y', "it's", '${a}', '`b`', 'a.b:c_d-1', '*/ x', 'a\u2028b', 'line\nbreak'];
/** String literals (expression syntax), with the same intent. */
const stringLiterals = ['""', '"x"', '"True"', '"False"', '"0"', '"12"', '"012"', '" 5"', '"a"', '"b"', '"  A b-C "', '"ø"', '"\\""', '"\\\\"', '"${a}"', '"`"', '"\\n"', '"\u2028\u2029"', '"</script>"', '"2021-06-30+08:00"', '"1/15/1990 12:00:00 AM"', '"yyyy-MM-dd"', '"yyyyMMddHHmmss.fZ"', '"(?<g>a)"', '"(.*)@x"', '"$1!"', '"g"', '"d"', '"m"', '","'];

const leaf: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...attributeNames).map((n) => `[${n}]`) },
  { weight: 4, arbitrary: fc.constantFrom(...stringLiterals) },
  { weight: 2, arbitrary: fc.integer({ min: -3, max: 70 }).map(String) },
  { weight: 1, arbitrary: fc.constantFrom('&HF', '&H0', 'vbTextCompare', 'vbBinaryCompare', 'IgnoreAttributeFlow', 'IgnoreObjectFlow') },
);

const callable = expressionFunctions.filter((f) => f.name !== 'SelectUniqueValue');

/** Which slots of a call may be left empty: optional parameters only. */
function optionalSlots(fn: (typeof callable)[number], count: number): boolean[] {
  const repeated = fn.repeat ? (Array.isArray(fn.repeat.param) ? fn.repeat.param : [fn.repeat.param]) : [];
  return Array.from({ length: count }, (_, i) => {
    const param = i < fn.params.length ? fn.params[i] : repeated[(i - fn.params.length) % Math.max(repeated.length, 1)];
    return param?.optional === true;
  });
}

/** Operands (no comparison: they do not chain) and expressions (an operand or a comparison of two). */
const grammar = fc.letrec<{ operand: string; expr: string }>((tie) => ({
  operand: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.tuple(tie('expr'), tie('expr'), tie('expr')).map(([c, t, f]) => `IIF(${c}, ${t}, ${f})`),
    fc
      .tuple(tie('expr'), fc.option(tie('expr'), { nil: '' }), fc.array(fc.tuple(tie('expr'), tie('expr')), { minLength: 1, maxLength: 3 }))
      .map(([source, fallback, pairs]) => `Switch(${[source, fallback, ...pairs.flat()].join(', ')})`),
    fc.tuple(fc.constantFrom(...callable), fc.array(fc.option(tie('expr'), { nil: '', freq: 4 }), { maxLength: 9 }), fc.oneof(fc.nat(2), fc.nat(8))).map(([fn, args, extra]) => {
      const group = fn.repeat ? (Array.isArray(fn.repeat.param) ? fn.repeat.param.length : 1) : 0;
      const count = fn.params.length + group * (fn.repeat ? fn.repeat.min + extra : 0);
      const optional = optionalSlots(fn, count);
      return `${fn.name}(${Array.from({ length: count }, (_, i) => (args[i] === '' && !optional[i] ? '"x"' : (args[i] ?? '"x"'))).join(', ')})`;
    }),
  ),
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 4, arbitrary: tie('operand') },
    { weight: 1, arbitrary: fc.tuple(tie('operand'), fc.constantFrom('=', '<>', '>', '>=', '<', '<='), tie('operand')).map(([l, op, r]) => `${l} ${op} ${r}`) },
  ),
}));
const expression = grammar.expr;

/** Top-level SelectUniqueValue over random rules. */
const selectUnique = fc.array(expression, { minLength: 2, maxLength: 3 }).map((rules) => `SelectUniqueValue(${rules.join(', ')})`);

const scalar = fc.oneof(fc.string({ maxLength: 5 }), fc.constantFrom('', 'True', 'false', '0', '12', '2021-01-01', '20150123105347.1Z', 'A@x'), fc.boolean(), fc.integer({ min: -5, max: 99 }), fc.constantFrom(1.5, 2 ** 60));
const attributeValue = fc.oneof(
  { weight: 2, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 6, arbitrary: scalar },
  { weight: 2, arbitrary: fc.array(scalar, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.constant({ id: 'r1', value: 'v' }) },
);
const attributes: fc.Arbitrary<SourceAttributes> = fc.dictionary(fc.constantFrom(...attributeNames.filter((n) => n !== '__proto__')), attributeValue, { maxKeys: 6 });

/** Every setting at a random one of its values. */
const alternatives: { [K in keyof ExpressionOptions]: readonly ExpressionOptions[K][] } = {
  functionNameCase: ['insensitive', 'sensitive'],
  unknownEscape: ['keep', 'drop', 'error'],
  iifNullCondition: ['evaluate', 'false', 'error'],
  coalesceSkipsEmpty: [false, true],
  nullStringArgument: ['null', 'empty'],
  splitTrim: [false, true],
  midStartBeyondEnd: ['empty', 'input'],
  itemOutOfRange: ['null', 'error'],
  wordEmptyTokens: ['skip', 'count'],
  switchMissingDefault: ['null', 'empty'],
  equality: ['ordinal', 'numeric'],
  booleanCase: ['insensitive', 'sensitive'],
  cboolInvalid: ['false', 'error'],
  intervalCase: ['insensitive', 'sensitive'],
  dateDiffDays: ['elapsed', 'calendar'],
  dateWithoutOffset: ['utc', 'error'],
  formatDateTimeOffset: ['utc', 'keep'],
  formatDateTimeDateInput: ['render', 'direct'],
  pcaseApostrophe: ['word', 'separator'],
  diacriticsOutsideTable: ['keep', 'stripMarks'],
  removeDuplicatesCase: ['ordinal', 'ignoreCase'],
  instrDefaultCompare: ['binary', 'text'],
};
const options: fc.Arbitrary<ExpressionOptions> = fc.oneof(
  fc.constant(defaultExpressionOptions),
  fc.record(Object.fromEntries(Object.entries(alternatives).map(([key, values]) => [key, fc.constantFrom(...(values as unknown[]))])) as unknown as { [K in keyof ExpressionOptions]: fc.Arbitrary<ExpressionOptions[K]> }),
);

function contextFor(settings: ExpressionOptions): EvalContext {
  return { clock: fixedClock('2026-01-01T00:00:00Z'), random: seededRandom(7), options: settings, exists: (_attribute, value) => value.length % 2 === 0, targetAttribute: 'userName' };
}

type Outcome = { value: EvalResult; next: number } | { error: Record<string, unknown>; next: number };

/** The result or the error (its class and every own field), and the next random number. */
function outcome(run: (context: EvalContext) => EvalResult, settings: ExpressionOptions): Outcome {
  const context = contextFor(settings);
  try {
    const value = run(context);
    return { value, next: context.random.next() };
  } catch (error) {
    const e = error as Error;
    return { error: { ...e, class: e.constructor.name, message: e.message }, next: context.random.next() };
  }
}

/** Parses, or undefined when random argument shapes make the text invalid. */
function parsed(text: string, settings: ExpressionOptions): Expression | undefined {
  try {
    return parseExpression(text, settings);
  } catch (error) {
    expect(error).toBeInstanceOf(ExpressionSyntaxError);
    return undefined;
  }
}

function expectSameOutcome(ast: Expression, attrs: SourceAttributes, settings: ExpressionOptions): void {
  const generated = generateEvaluator(ast);
  expect(generated).toBeTypeOf('function');
  const reference = compileNode(ast);
  const expected = outcome((ctx) => reference({ attrs, ctx }), settings);
  const actual = outcome((ctx) => generated!(attrs, ctx), settings);
  expect(actual).toEqual(expected);
  // toEqual treats DoNotFlow.attribute and .object alike: compare identity too.
  if ('value' in expected && 'value' in actual) expect(actual.value === expected.value || typeof expected.value === 'object').toBe(true);
}

describe('generated code evaluates as the closures do', () => {
  it('random expressions, attributes and settings: same value, "do not flow" or error', () => {
    let compared = 0;
    fc.assert(
      fc.property(fc.oneof({ weight: 9, arbitrary: expression }, { weight: 1, arbitrary: selectUnique }), attributes, options, (text, attrs, settings) => {
        const ast = parsed(text, settings);
        if (!ast) return;
        compared++;
        expectSameOutcome(ast, attrs, settings);
      }),
      { numRuns: 500 },
    );
    expect(compared).toBeGreaterThan(250);
  });

  it('the text shortcuts: calls of every function that has one, over text, null and literal counts', () => {
    const shortcutted = expressionFunctions.filter((f) => !f.lazy && f.text !== undefined);
    expect(shortcutted.map((f) => f.name).sort()).toEqual(['Append', 'Coalesce', 'Join', 'Left', 'Mid', 'NormalizeDiacritics', 'StripSpaces', 'ToLower', 'ToUpper']);
    const textArgument = fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom('[a]', '[b]', '[missing]') },
      { weight: 2, arbitrary: fc.constantFrom('""', '" "', '"x y"', '"Zoë Ø"', '"İSTANBUL ΟΔΟΣ"', '"straße"', '"đ ŵ"', '"tr-TR"', '"en-US"', '"!"', '","') },
    );
    const call = fc.tuple(fc.constantFrom(...shortcutted), fc.integer({ min: 0, max: 8 }), fc.array(textArgument, { minLength: 9, maxLength: 9 }), fc.array(fc.integer({ min: -3, max: 12 }), { minLength: 3, maxLength: 3 })).map(([fn, extra, texts, ints]) => {
      const count = fn.repeat ? fn.params.length + 1 + extra : fn.params.filter((p) => !p.optional).length + Math.min(extra, fn.params.filter((p) => p.optional).length);
      return `${fn.name}(${Array.from({ length: count }, (_, i) => (fn.intArgs?.includes(i) ? String(ints[i % 3]) : texts[i])).join(', ')})`;
    });
    const text = fc.oneof(fc.constant(undefined), fc.constant(null), fc.constantFrom('', ' ', 'Zoë Ø', 'İSTANBUL ΟΔΟΣ', 'a b', 'ABC', 'straße', 'đ ŵ'), fc.string({ maxLength: 4 }));
    let compared = 0;
    fc.assert(
      fc.property(call, text, text, options, (expr, a, b, settings) => {
        const ast = parsed(expr, settings);
        if (!ast) return;
        compared++;
        expectSameOutcome(ast, { a, b }, settings);
      }),
      { numRuns: 400 },
    );
    expect(compared).toBeGreaterThan(300);
  });

  it.each([
    ['Switch([IsSoftDeleted], , "False", "True", "True", "False")', { IsSoftDeleted: true }],
    ['Switch([x], "d", "a", IgnoreAttributeFlow, "b", "B")', { x: 'a' }],
    ['Switch([x], , "a", "A")', { x: 'z' }],
    ['IIF([department]="Sales", "Sales team", IgnoreObjectFlow)', { department: 'HR' }],
    ['IIF(IsPresent([n]), Join(".", [n], Guid()), Guid())', {}],
    ['Join("", Guid(), IgnoreAttributeFlow, Guid())', {}],
    ['Coalesce([x"y], [it\'s], [${a}], [*/ x], "\\"</script>")', { 'x"y': null, "it's": undefined }],
    ['[constructor]', {}],
    ['[__proto__]', {}],
    ['Mid([n], -0, 2)', { n: 'abc' }],
    ['Left([n], "03")', { n: 'abcdef' }],
    ['&H10 > 15', {}],
    ['IgnoreAttributeFlow', {}],
    ['SelectUniqueValue(Join("", [a], "1"), Join("", [a], "22"), "333")', { a: 'x' }],
    ['FormatDateTime([d], , "yyyyMMddHHmmss.fZ", "yyyy-MM-dd")', { d: '2015013105347.1Z' }],
    ['IIF([a] = "12", "same", "different")', { a: '012' }],
    ['Switch([x], , "a", "A", [list], "L")', { x: 'z', list: ['a', 'b'] }],
    ['Switch([list], , "a", "A")', { list: ['a', 'b'] }],
    ['Join(",", [a], [b], [c], [d], [e], [f], [g], [h])', { a: '1', e: '', g: '7', h: '8' }],
    ['Coalesce([a], [b], [c], [d], [e], [f], [g])', { g: 'seventh' }],
    ['Coalesce([a], [b])', { a: '', b: 'second' }],
    ['NormalizeDiacritics([a])', { a: 'Zoë đ ŵ' }],
    ['Join("-", ToLower([missing]), ToUpper([a]), StripSpaces([missing]), Append([missing], "!"), Mid([a], 9, 2))', { a: 'abc' }],
    ['IIF([missing] = "", "empty", "set")', {}],
    ['[missing] <> [other]', { other: '' }],
    ['Join("_", [DisplayName], Count([ProxyAddresses]), [extension_ABC_x])', { displayName: 'Fin', proxyAddresses: ['a', 'b'], extension_abc_x: 'no' }],
  ] as [string, SourceAttributes][])('%s', (text, attrs) => {
    const variant: ExpressionOptions = { ...defaultExpressionOptions, iifNullCondition: 'error', switchMissingDefault: 'empty', equality: 'numeric' };
    const others: ExpressionOptions = { ...defaultExpressionOptions, coalesceSkipsEmpty: true, diacriticsOutsideTable: 'stripMarks', nullStringArgument: 'empty', midStartBeyondEnd: 'input' };
    for (const settings of [defaultExpressionOptions, variant, others]) {
      expectSameOutcome(parseExpression(text, settings), attrs, settings);
    }
  });

  it('the largest expressions: a Switch of 1,600 pairs and calls nested 98 deep', () => {
    const pairs = Array.from({ length: 1600 }, (_, i) => (i === 1599 ? '"7","v"' : '"",""')).join(',');
    let nested = '[x]';
    for (let i = 0; i < 49; i++) nested = `Switch([x], IIF([x] = "${i}", "i${i}", ${nested}), "k", "v")`;
    for (const text of [`Switch([x], "d", ${pairs})`, nested]) {
      const ast = parseExpression(text);
      for (const x of ['7', '98', 'none']) expectSameOutcome(ast, { x }, defaultExpressionOptions);
    }
  });

  it('compileExpression evaluates through the generated code, for text and for a hand-built AST the parser would make', () => {
    const text = 'Join("@", ToLower([givenName]), "contoso.com")';
    const fromText = compileExpression(text);
    expect(fromText.evaluate.name).toBe('evaluate');
    expect(fromText.evaluate({ givenName: 'Zoë' }, contextFor(defaultExpressionOptions))).toBe('zoë@contoso.com');
    const direct = compileExpression({ kind: 'attribute', name: 'mail', begin: 0, end: 6 });
    expect(direct.evaluate.name).toBe('evaluate');
    // Positions the parser would not give: the closures evaluate it, so errors keep those positions.
    const moved = compileExpression({ ...parseExpression('Item([a], 0)'), begin: 3 } as Expression);
    expect(moved.evaluate.name).not.toBe('evaluate');
    expect(printExpression(moved.ast)).toBe('Item([a], 0)');
  });
});
