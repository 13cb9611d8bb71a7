/**
 * Entra's attribute-mapping expression language: parse once, compile once into closures, evaluate
 * many times (entra-semantics.md §2–§3).
 *
 * @example
 *   const expr = compileExpression('Join("@", ToLower([givenName]), "contoso.com")');
 *   expr.evaluate({ givenName: 'Alice' }, context); // "alice@contoso.com"
 */
import { isDeepStrictEqual } from 'node:util';
import { attributesOf, printExpression, walkExpression, type Expression } from './ast.js';
import { generateEvaluator } from './codegen.js';
import { compileNode } from './compile.js';
import { resolveEvalContext, type EvalContext, type SourceAttributes } from './context.js';
import type { Frame, Thunk } from './functions/types.js';
import { resolveExpressionOptions, type ExpressionOptions } from './options.js';
import { parseExpression } from './parser.js';
import { DoNotFlow, renderScalar, type EvalResult, type Scalar } from './value.js';

export { parseExpression, maxExpressionLength, signatureOf } from './parser.js';
export { printExpression, attributesOf, walkExpression } from './ast.js';
export type {
  Argument,
  AttributeNode,
  CallNode,
  ComparisonNode,
  ComparisonOperator,
  EmptyArgument,
  Expression,
  HexNode,
  IntegerNode,
  KeywordName,
  KeywordNode,
  StringNode,
} from './ast.js';
export { ExpressionSyntaxError, ExpressionEvalError, isExpressionError } from './errors.js';
export type { ExpressionSyntaxCode, ExpressionEvalCode } from './errors.js';
export { resolveEvalContext, type EvalContext, type SourceAttributes } from './context.js';
export { defaultExpressionOptions, resolveExpressionOptions, type ExpressionOptions } from './options.js';
export { functions as expressionFunctions } from './functions/registry.js';
export {
  Complex,
  DateTime,
  DoNotFlow,
  fromSource,
  isDoNotFlow,
  isMultiValued,
  renderScalar,
  renderValue,
  type EvalResult,
  type Scalar,
  type Value,
} from './value.js';

/** An expression compiled once, evaluated many times. */
export interface CompiledExpression {
  /** The expression text (printed canonically when compiled from an AST). */
  readonly source: string;
  readonly ast: Expression;
  /** Source attribute names the expression reads (for the Import step), in first-seen order. */
  readonly attributes: readonly string[];
  /** Whether the expression uses Redact: logs show `[Redact]` instead of the value (§3 Redact). */
  readonly redacted: boolean;
  /** Evaluates against one object's attributes. Synchronous; throws ExpressionEvalError. */
  evaluate(attributes: SourceAttributes, context: EvalContext): EvalResult;
  /**
   * When the top-level call is SelectUniqueValue: each rule evaluated, in order, as text (rules
   * that yield null are left out); null otherwise. The pipeline queries the target for each
   * candidate, then evaluates with an `exists` port backed by the answers.
   */
  uniqueValueCandidates(attributes: SourceAttributes, context: EvalContext): string[] | null;
}

/** Parses (when given text) and compiles an expression. Throws ExpressionSyntaxError. */
export function compileExpression(textOrAst: string | Expression, options?: Partial<ExpressionOptions>): CompiledExpression {
  const resolved = resolveExpressionOptions(options);
  const ast = typeof textOrAst === 'string' ? parseExpression(textOrAst, resolved) : textOrAst;
  const source = typeof textOrAst === 'string' ? textOrAst : printExpression(ast);
  // A hand-built AST gets the same checks as text (names, arity, shapes) through its printed form.
  const reparsed = typeof textOrAst === 'string' ? ast : parseExpression(source, { ...resolved, functionNameCase: 'sensitive' });
  // The closures (compile.ts) are the reference evaluator and the fallback; the generated function
  // (codegen.ts) is the fast path. Code is generated only from the parser's own AST: a hand-built
  // one only when it is exactly what the parser makes of its printed form (positions included, so
  // errors match). Such an AST always compiles to closures too, so they are not built beside it.
  const generated = reparsed === ast || isDeepStrictEqual(reparsed, ast) ? generateEvaluator(reparsed) : undefined;
  let run: (attributes: SourceAttributes, context: EvalContext) => EvalResult;
  if (generated) run = generated;
  else {
    const thunk = compileNode(ast);
    run = (attributes, context) => thunk({ attrs: attributes, ctx: context });
  }
  const rules: Thunk[] | null =
    ast.kind === 'call' && ast.name === 'SelectUniqueValue' ? ast.args.map((arg) => (arg.kind === 'empty' ? () => null : compileNode(arg, ast))) : null;
  let redacted = false;
  walkExpression(ast, (node) => {
    if (node.kind === 'call' && node.name === 'Redact') redacted = true;
  });
  return {
    source,
    ast,
    attributes: attributesOf(ast),
    redacted,
    evaluate: run,
    uniqueValueCandidates(attributes, context) {
      if (!rules) return null;
      const frame: Frame = { attrs: attributes, ctx: context };
      const out: string[] = [];
      for (const rule of rules) {
        const value = rule(frame);
        if (value === null || value instanceof DoNotFlow) continue;
        if (Array.isArray(value)) {
          if (value.length > 0) out.push(renderScalar(value[0] as Scalar));
          continue;
        }
        out.push(renderScalar(value as Scalar));
      }
      return out;
    },
  };
}

/**
 * Evaluates an expression once. The context defaults to a frozen clock (2026-01-01T00:00:00Z),
 * seed 42 and the default settings; its settings also govern parsing.
 */
export function evaluateExpression(textOrAst: string | Expression, attributes: SourceAttributes, context?: Partial<EvalContext>): EvalResult {
  const resolved = resolveEvalContext(context);
  return compileExpression(textOrAst, resolved.options).evaluate(attributes, resolved);
}
