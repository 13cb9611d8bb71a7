/**
 * How a function of the expression language is declared: its parameters (for arity checks at parse
 * time and for error messages) and its implementation, either eager (arguments evaluated first) or
 * lazy (receives argument thunks: IIF, Switch, SelectUniqueValue).
 */
import type { CallNode } from '../ast.js';
import type { ExpressionSyntaxCode } from '../errors.js';
import type { EvalResult, Value } from '../value.js';
import type { EvalContext, SourceAttributes } from '../context.js';
import type { ExpressionOptions } from '../options.js';

/** One evaluation: the object's raw attributes and the injected context. */
export interface Frame {
  readonly attrs: SourceAttributes;
  readonly ctx: EvalContext;
}

/** A compiled node. */
export type Thunk = (frame: Frame) => EvalResult;

/** Where a call sits in the expression; errors name it. */
export interface CallSite {
  /** Canonical function name. */
  readonly name: string;
  readonly node: CallNode;
}

export interface ParamSpec {
  /** Name as the reference documents it (`source`, `regexPattern`…). */
  readonly name: string;
  /** The slot may be left empty or omitted. */
  readonly optional?: boolean;
}

/**
 * Evaluated arguments: `undefined` for an empty or omitted slot (parameter not supplied), `null`
 * for a supplied argument whose value is null (an absent attribute). Never a DoNotFlow: the
 * evaluator returns a DoNotFlow argument as the call's result before calling the function.
 */
export type Args = readonly (Value | undefined)[];

interface FunctionBase {
  /** Canonical name (the casing of entra-semantics.md §3). */
  readonly name: string;
  /** Fixed parameters, in order. */
  readonly params: readonly ParamSpec[];
  /**
   * Repeating parameters after the fixed ones (Join's sources, Switch's key/value pairs).
   * `min` is how many repeats are required; `group` how many slots one repeat takes.
   */
  readonly repeat?: { readonly param: ParamSpec | readonly ParamSpec[]; readonly min: number };
  /**
   * Extra syntax checks on the call (Replace's modes and literal patterns, Switch's pairs). Throw
   * via `fail`; its code defaults to `EXPR_INVALID_ARGUMENTS`.
   */
  readonly validate?: (node: CallNode, fail: (message: string, argumentIndex?: number, hint?: string, code?: ExpressionSyntaxCode) => never) => void;
  /**
   * Indexes of integer parameters that the function reads only through `intOf`. When such an
   * argument is a literal, the compiler passes it pre-parsed (a JS number) instead of its digit
   * string, so constant counts cost nothing per evaluation.
   */
  readonly intArgs?: readonly number[];
  /** Must be the whole expression (SelectUniqueValue). */
  readonly topLevelOnly?: boolean;
  /** Signature shown in messages when the parameter list alone would mislead (FormatDateTime's two forms). */
  readonly signature?: string;
  /** Short description for docs and `--help`. */
  readonly summary: string;
}

export interface EagerFunction extends FunctionBase {
  readonly lazy?: false;
  readonly call: (args: Args, frame: Frame, site: CallSite) => EvalResult;
  /**
   * A shortcut for the commonest call shape, which the generated code (codegen.ts) tries before
   * `call` with the same arguments, one by one: every slot supplied, each argument text or null
   * (an absent attribute), the `intArgs` slots literal integers (pre-parsed numbers), and no more
   * arguments than the shortcut declares parameters after `options` (a declared list, not a rest
   * parameter, so that no array is made). It returns exactly what `call` returns for those
   * arguments, or undefined to leave the call to `call` (a shape it does not cover, or anything
   * that could fail: it has no CallSite to name in an error). It must have no effect when it
   * returns undefined. The differential test (test/expr/codegen.property.test.ts) holds it to `call`.
   */
  readonly text?: (options: ExpressionOptions, ...args: (string | number | null)[]) => Value | undefined;
}

export interface LazyFunction extends FunctionBase {
  readonly lazy: true;
  /** Builds the call's thunk from its argument thunks (`undefined` for empty slots). */
  readonly compile: (args: readonly (Thunk | undefined)[], site: CallSite) => Thunk;
}

export type FunctionDef = EagerFunction | LazyFunction;
