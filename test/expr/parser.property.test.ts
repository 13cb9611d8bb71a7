import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExpressionSyntaxError, parseExpression, printExpression } from '../../src/expr/index.js';

/** parseExpression either returns an AST or throws ExpressionSyntaxError: nothing else. */
function parsesOrThrowsSyntaxError(text: string): void {
  try {
    parseExpression(text);
  } catch (error) {
    if (!(error instanceof ExpressionSyntaxError)) throw error;
    expect(error.offset).toBeGreaterThanOrEqual(0);
    expect(error.offset).toBeLessThanOrEqual(text.length);
  }
}

const pieces = ['(', ')', ',', ' ', '[', ']', '"', '\\', '&H', 'F', '1', '-', '=', '<', '>', '\n', 'a', 'Join', 'Mid', 'IIF', 'Switch', 'Replace', 'Now', 'vbTextCompare', '[mail]', '"x"', 'é', '\u{1F600}'];

/** Valid expressions, built from the grammar. */
const validExpression: fc.Arbitrary<string> = fc.letrec<{ expr: string }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.stringMatching(/^[A-Za-z][\w.:-]{0,10}$/).map((name) => `[${name}]`),
    fc.string({ maxLength: 8 }).map((s) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`),
    fc.integer({ min: -1000, max: 1000 }).map(String),
    fc.tuple(tie('expr'), tie('expr')).map(([a, b]) => `Join(" ", ${a}, ${b})`),
    fc.tuple(tie('expr'), tie('expr')).map(([a, b]) => `Coalesce(${a}, ${b})`),
    fc.tuple(tie('expr'), tie('expr'), tie('expr')).map(([a, b, c]) => `IIF(${a} = ${b}, ${c}, "x")`),
    fc.tuple(tie('expr'), tie('expr')).map(([a, b]) => `Switch(${a}, , "k", ${b})`),
    tie('expr').map((a) => `ToLower(${a}, )`),
    tie('expr').map((a) => `Replace(${a}, , "\\\\d+", , "#", , )`),
  ),
})).expr;

describe('parseExpression properties', () => {
  it('only ever throws ExpressionSyntaxError on arbitrary text', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), parsesOrThrowsSyntaxError), { numRuns: 300 });
  });

  it('only ever throws ExpressionSyntaxError on expression-like fragments', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 25 }), (parts) => parsesOrThrowsSyntaxError(parts.join(''))),
      { numRuns: 400 },
    );
  });

  it('only ever throws ExpressionSyntaxError on mutated valid expressions', () => {
    fc.assert(
      fc.property(validExpression, fc.nat(), fc.constantFrom(...pieces, ''), (text, at, insert) => {
        const i = at % (text.length + 1);
        parsesOrThrowsSyntaxError(text.slice(0, i) + insert + text.slice(i + 1));
      }),
      { numRuns: 300 },
    );
  });

  it('parses generated valid expressions, and printing is stable', () => {
    fc.assert(
      fc.property(validExpression, (text) => {
        const printed = printExpression(parseExpression(text));
        expect(printExpression(parseExpression(printed))).toBe(printed);
      }),
      { numRuns: 200 },
    );
  });
});
