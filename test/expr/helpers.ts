import { expect } from 'vitest';
import { fixedClock, seededRandom } from '../../src/core/determinism.js';
import {
  ExpressionEvalError,
  evaluateExpression,
  renderValue,
  resolveExpressionOptions,
  type EvalContext,
  type EvalResult,
  type ExpressionOptions,
  type SourceAttributes,
  type Value,
} from '../../src/expr/index.js';

/** One row of a table-driven evaluation test. */
export interface Row {
  /** The expression text. */
  expr: string;
  /** Source attributes. */
  attrs?: SourceAttributes;
  /** The expected result (a DoNotFlow, a bigint, a string…), or its rendered text for dates. */
  expected: EvalResult;
  /** Compare the rendered text (renderValue) instead of the value itself. */
  rendered?: boolean;
  /** Settings other than the defaults. */
  options?: Partial<ExpressionOptions>;
  /** Frozen Now(). */
  now?: string;
  /** Where the example comes from, and any note about a doc defect. */
  source?: string;
}

export function context(options?: Partial<ExpressionOptions>, now = '2026-01-01T00:00:00Z', extra: Partial<EvalContext> = {}): EvalContext {
  return { clock: fixedClock(now), random: seededRandom(42), options: resolveExpressionOptions(options), ...extra };
}

export function evaluate(expr: string, attrs: SourceAttributes = {}, options?: Partial<ExpressionOptions>, now?: string): EvalResult {
  return evaluateExpression(expr, attrs, context(options, now));
}

/** Evaluates and returns the evaluation error (fails when there is none). */
export function evalFailure(expr: string, attrs: SourceAttributes = {}, options?: Partial<ExpressionOptions>): ExpressionEvalError {
  try {
    const value = evaluate(expr, attrs, options);
    throw new Error(`expected an evaluation error, got ${String(value)}`);
  } catch (error) {
    if (error instanceof ExpressionEvalError) return error;
    throw error;
  }
}

/** Runs a table of rows as one `it` each. */
export function checkRow(row: Row): void {
  const result = evaluate(row.expr, row.attrs ?? {}, row.options, row.now);
  if (row.rendered) expect(renderValue(result as Value)).toEqual(row.expected);
  else expect(result).toEqual(row.expected);
}
