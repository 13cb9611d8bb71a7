import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileExpression, expressionFunctions, ExpressionEvalError, ExpressionSyntaxError } from '../../src/expr/index.js';
import { context } from './helpers.js';

const names = ['a', 'b', 'list'];

/** Random calls of every function with a fitting number of arguments, over random leaves. */
const expression: fc.Arbitrary<string> = fc.letrec<{ expr: string }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...names).map((n) => `[${n}]`),
    fc.constantFrom('""', '"x"', '"2021-06-30+08:00"', '"1/15/1990 12:00:00 AM"', '"yyyy-MM-dd"', '"(?<g>a)"', '"g"', '"d"', '"True"', '"  A b-C "', '"ø"'),
    fc.integer({ min: -3, max: 70 }).map(String),
    fc.constantFrom('&HF', 'vbTextCompare'),
    fc.tuple(tie('expr'), fc.constantFrom('=', '<>', '>', '<='), tie('expr')).map(([l, op, r]) => `${l} ${op} ${r}`),
    fc.tuple(fc.constantFrom(...expressionFunctions.filter((f) => f.name !== 'SelectUniqueValue')), fc.array(fc.option(tie('expr'), { nil: '' }), { maxLength: 8 })).map(
      ([fn, args]) => {
        const fixed = fn.params.length;
        const count = fn.repeat ? fixed + 2 * Math.max(fn.repeat.min, 1) : Math.max(fixed, 0);
        const slots = Array.from({ length: count }, (_, i) => args[i] ?? '"x"');
        return `${fn.name}(${slots.join(', ')})`;
      },
    ),
  ),
})).expr;

const value = fc.oneof(fc.constant(undefined), fc.string({ maxLength: 6 }), fc.constantFrom('2021-01-01', 'True', '0', '12'), fc.array(fc.string({ maxLength: 3 }), { maxLength: 3 }));

describe('evaluation properties', () => {
  it('a valid expression either yields a value or throws ExpressionEvalError', () => {
    fc.assert(
      fc.property(expression, value, value, value, (text, a, b, list) => {
        let compiled;
        try {
          compiled = compileExpression(text);
        } catch (error) {
          // Random argument shapes may break Replace's modes or Switch's pairs: syntax errors only.
          expect(error).toBeInstanceOf(ExpressionSyntaxError);
          return;
        }
        try {
          compiled.evaluate({ a, b, list }, context());
        } catch (error) {
          if (!(error instanceof ExpressionEvalError)) throw error;
        }
      }),
      { numRuns: 400 },
    );
  });
});
