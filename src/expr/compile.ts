/**
 * Compiles an AST once into nested closures ("thunks"); evaluating is then a chain of direct calls
 * with no tree walking, no lookups by name and no per-evaluation allocation beyond the argument
 * arrays of eager calls.
 */
import type { Argument, ComparisonNode, Expression } from './ast.js';
import { printExpression } from './ast.js';
import { booleanOf } from './coerce.js';
import { parseDateText } from './datetime.js';
import { ExpressionEvalError, ExpressionSyntaxError } from './errors.js';
import { findFunction } from './functions/registry.js';
import type { Args, CallSite, EagerFunction, Thunk } from './functions/types.js';
import { DateTime, DoNotFlow, fromSource, renderScalar, type Scalar, type Value } from './value.js';
import type { ExpressionOptions } from './options.js';
import type { SourceAttributes } from './context.js';

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
      const args = node.args.map((arg: Argument, index) => {
        if (arg.kind === 'empty') return undefined;
        const literal = def.intArgs?.includes(index) ? literalInteger(arg) : undefined;
        if (literal !== undefined) {
          // Pre-parsed integer literal (see FunctionDef.intArgs); intOf reads numbers as is.
          const value = literal as unknown as Value;
          return () => value;
        }
        return compileNode(arg, root);
      });
      return def.lazy ? def.compile(args, site) : eagerCall(def, args, site);
    }
  }
}

/** The value of an integer literal (or a quoted one) that fits a JS number exactly, else undefined. */
export function literalInteger(node: Expression): number | undefined {
  const text = node.kind === 'integer' ? node.text : node.kind === 'string' ? node.value.trim() : undefined;
  if (text === undefined || !/^[+-]?\d{1,15}$/.test(text)) return undefined;
  return Number(text);
}

function attributeThunk(name: string): Thunk {
  return (frame) => {
    const raw = frame.attrs[name];
    if (typeof raw === 'string') return raw;
    return attributeValue(frame.attrs, name, raw);
  };
}

/**
 * The value of the attribute whose name differs from `name` only in letter case; undefined when
 * there is none, and always for directory extensions (`extension_<appId>_<name>`), whose names
 * are case-sensitive (entra-semantics.md §11, customize-application-attributes.md). Microsoft's own
 * samples write `[DisplayName]` and `[ObjectId]` (Cloud Sync group provisioning); scoping filters
 * read names the same way.
 */
export function attributeIgnoringCase<T>(attrs: Readonly<Record<string, T>>, name: string): T | undefined {
  // A miss is common (an absent attribute), so the loop allocates nothing and lower-cases only
  // keys of the same length: ~15 ns for a dozen attributes instead of ~110 with Object.keys.
  const n = name.length;
  let lower: string | undefined;
  for (const key in attrs) {
    if (key.length !== n || key.toLowerCase() !== (lower ??= name.toLowerCase()) || !Object.prototype.hasOwnProperty.call(attrs, key)) continue;
    return /^extension_/i.test(name) ? undefined : attrs[key];
  }
  return undefined;
}

/**
 * The value of attribute `name`, already read from `attrs` as `raw`: the exact name first, else
 * the name ignoring case ({@link attributeIgnoringCase}); absent ⇒ null.
 */
export function attributeValue(attrs: SourceAttributes, name: string, raw: SourceAttributes[string]): Value {
  if (typeof raw === 'string') return raw;
  if (raw === undefined) {
    const found = attributeIgnoringCase(attrs, name);
    return found === undefined || found === null ? null : typeof found === 'string' ? found : fromSource(found);
  }
  if (raw === null) return null;
  // Guard against names such as "constructor" or "__proto__" reaching Object.prototype.
  if ((typeof raw === 'object' || typeof raw === 'function') && !Object.prototype.hasOwnProperty.call(attrs, name)) return null;
  return fromSource(raw);
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
  if (n === 3 && thunks[0] && thunks[1] && thunks[2]) {
    const [t0, t1, t2] = thunks as [Thunk, Thunk, Thunk];
    return (frame) => {
      const v0 = t0(frame);
      if (v0 instanceof DoNotFlow) return v0;
      const v1 = t1(frame);
      if (v1 instanceof DoNotFlow) return v1;
      const v2 = t2(frame);
      if (v2 instanceof DoNotFlow) return v2;
      return call([v0, v1, v2], frame, site);
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
  const equality = op === '=' || op === '<>';
  return (frame) => {
    const a = left(frame);
    if (a instanceof DoNotFlow) return a;
    const b = right(frame);
    if (b instanceof DoNotFlow) return b;
    // Fast path: text against text (or null) under ordinal equality.
    if (equality && (typeof a === 'string' || a === null) && (typeof b === 'string' || b === null) && frame.ctx.options.equality === 'ordinal') {
      return ((a ?? '') === (b ?? '')) === (op === '=');
    }
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
 * as `""`. Two dates (or a date and text that parses as one) compare chronologically; `>`/`<` on two integers compare numerically;
 * `=`/`<>` compare text unless `equality` is `numeric`; a Boolean meets a Boolean string as a
 * Boolean.
 */
export function compareValues(op: ComparisonNode['operator'], leftValue: Value, rightValue: Value, options: ExpressionOptions, node: ComparisonNode): boolean {
  const a = comparable(leftValue, node, 'left') ?? '';
  const b = comparable(rightValue, node, 'right') ?? '';
  let order: number;
  const x = a instanceof DateTime ? a : b instanceof DateTime && typeof a === 'string' ? asDate(a, options) : undefined;
  const y = b instanceof DateTime ? b : a instanceof DateTime && typeof b === 'string' ? asDate(b, options) : undefined;
  if (x && y) {
    order = x.ms - y.ms || x.subMsTicks - y.subMsTicks;
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

/** Text meeting a DateTime in a comparison is read as a date when it parses as one. */
function asDate(text: string, options: ExpressionOptions): DateTime | undefined {
  const parsed = parseDateText(text, options);
  return parsed.ok ? parsed.value : undefined;
}

function ordinal(x: string, y: string): number {
  return x === y ? 0 : x < y ? -1 : 1;
}

