/**
 * Compiles an AST once into nested closures ("thunks"); evaluating is then a chain of direct calls
 * with no tree walking, no lookups by name and no per-evaluation allocation beyond the argument
 * arrays of eager calls.
 */
import type { Argument, ComparisonNode, Expression } from './ast.js';
import { printExpression } from './ast.js';
import { booleanOf } from './coerce.js';
import { ExpressionEvalError, ExpressionSyntaxError } from './errors.js';
import { findFunction } from './functions/registry.js';
import type { Args, CallSite, EagerFunction, Thunk } from './functions/types.js';
import { DateTime, DoNotFlow, fromSource, renderScalar, type Scalar, type Value } from './value.js';
import type { ExpressionOptions } from './options.js';

/** Compiles one node. `root` is the whole expression (for error positions of hand-built ASTs). */
export function compileNode(node: Expression, root: Expression = node): Thunk {
  switch (node.kind) {
    case 'string': {
      const value = node.value;
      return () => value;
    }
    case 'integer': {
      // An integer literal is the string of its digits (entra-semantics.md §2.1).
      const value = node.text;
      return () => value;
    }
    case 'hex': {
      const value = node.value;
      return () => value;
    }
    case 'keyword': {
      if (node.name === 'IgnoreAttributeFlow') return () => DoNotFlow.attribute;
      if (node.name === 'IgnoreObjectFlow') return () => DoNotFlow.object;
      const value = node.name;
      return () => value;
    }
    case 'attribute':
      return attributeThunk(node.name);
    case 'comparison':
      return comparisonThunk(node, root);
    case 'call': {
      const def = findFunction(node.name, 'sensitive');
      if (!def) {
        throw new ExpressionSyntaxError('EXPR_UNKNOWN_FUNCTION', `unknown function "${node.name}"`, {
          source: printExpression(root),
          offset: 0,
          functionName: node.name,
        });
      }
      const site: CallSite = { name: def.name, node };
      const args = node.args.map((arg: Argument) => (arg.kind === 'empty' ? undefined : compileNode(arg, root)));
      return def.lazy ? def.compile(args, site) : eagerCall(def, args, site);
    }
  }
}

function attributeThunk(name: string): Thunk {
  return (frame) => {
    const raw = frame.attrs[name];
    if (typeof raw === 'string') return raw;
    if (raw === undefined || raw === null) return null;
    // Guard against names such as "constructor" or "__proto__" reaching Object.prototype.
    if ((typeof raw === 'object' || typeof raw === 'function') && !Object.prototype.hasOwnProperty.call(frame.attrs, name)) return null;
    return fromSource(raw);
  };
}

/** Evaluates the arguments, returns a DoNotFlow argument as the result, then calls the function. */
function eagerCall(def: EagerFunction, thunks: readonly (Thunk | undefined)[], site: CallSite): Thunk {
  const call = def.call;
  const n = thunks.length;
  if (n === 0) return (frame) => call([], frame, site);
  if (n === 1) {
    const t0 = thunks[0];
    if (!t0) return (frame) => call([undefined], frame, site);
    return (frame) => {
      const v0 = t0(frame);
      if (v0 instanceof DoNotFlow) return v0;
      return call([v0], frame, site);
    };
  }
  if (n === 2 && thunks[0] && thunks[1]) {
    const t0 = thunks[0];
    const t1 = thunks[1];
    return (frame) => {
      const v0 = t0(frame);
      if (v0 instanceof DoNotFlow) return v0;
      const v1 = t1(frame);
      if (v1 instanceof DoNotFlow) return v1;
      return call([v0, v1], frame, site);
    };
  }
  return (frame) => {
    const args: (Value | undefined)[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const t = thunks[i];
      if (t === undefined) continue;
      const v = t(frame);
      if (v instanceof DoNotFlow) return v;
      args[i] = v;
    }
    return call(args as Args, frame, site);
  };
}

function comparisonThunk(node: ComparisonNode, root: Expression): Thunk {
  const left = compileNode(node.left, root);
  const right = compileNode(node.right, root);
  const op = node.operator;
  return (frame) => {
    const a = left(frame);
    if (a instanceof DoNotFlow) return a;
    const b = right(frame);
    if (b instanceof DoNotFlow) return b;
    return compareValues(op, a, b, frame.ctx.options, node);
  };
}

const integerLike = /^\s*[+-]?\d+\s*$/;

function comparable(value: Value, node: ComparisonNode, side: 'left' | 'right'): Scalar | null {
  if (!Array.isArray(value)) return value as Scalar | null;
  const list = value as readonly Scalar[];
  if (list.length === 0) return null;
  if (list.length === 1) return list[0]!;
  const operand = node[side];
  throw new ExpressionEvalError('EXPR_EVAL_MULTI_VALUED', `${node.operator}: the ${side} operand has ${list.length} values but a comparison needs one`, {
    functionName: node.operator,
    offset: operand.begin,
  });
}

function asBigint(value: Scalar): bigint | undefined {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'string' && integerLike.test(value)) return BigInt(value.trim());
  return undefined;
}

/**
 * Compares two values (entra-semantics.md §2.3: ordinal and case-sensitive for text). Null reads
 * as `""`. Two dates compare chronologically; `>`/`<` on two integers compare numerically;
 * `=`/`<>` compare text unless `equality` is `numeric`; a Boolean meets a Boolean string as a
 * Boolean.
 */
export function compareValues(op: ComparisonNode['operator'], leftValue: Value, rightValue: Value, options: ExpressionOptions, node: ComparisonNode): boolean {
  const a = comparable(leftValue, node, 'left') ?? '';
  const b = comparable(rightValue, node, 'right') ?? '';
  let order: number;
  if (a instanceof DateTime && b instanceof DateTime) {
    order = a.ms - b.ms || a.subMsTicks - b.subMsTicks;
  } else if (typeof a === 'boolean' || typeof b === 'boolean') {
    const x = booleanOf(a, options);
    const y = booleanOf(b, options);
    order = x !== undefined && y !== undefined ? Number(x) - Number(y) : ordinal(renderScalar(a), renderScalar(b));
  } else {
    const relational = op !== '=' && op !== '<>';
    const x = relational || options.equality === 'numeric' ? asBigint(a) : undefined;
    const y = x === undefined ? undefined : asBigint(b);
    order = x !== undefined && y !== undefined ? (x < y ? -1 : x > y ? 1 : 0) : ordinal(renderScalar(a), renderScalar(b));
  }
  switch (op) {
    case '=':
      return order === 0;
    case '<>':
      return order !== 0;
    case '<':
      return order < 0;
    case '<=':
      return order <= 0;
    case '>':
      return order > 0;
    case '>=':
      return order >= 0;
  }
}

function ordinal(x: string, y: string): number {
  return x === y ? 0 : x < y ? -1 : 1;
}

