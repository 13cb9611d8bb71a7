/**
 * Compiles a parsed expression into one JavaScript function (`new Function`), the fast path of
 * `CompiledExpression.evaluate`. The closure compiler (compile.ts) stays the reference: this file
 * only arranges the same steps as straight-line code, so V8 sees one function per expression and
 * attributes become plain property reads. What each step does is shared with the closures:
 *
 * - eager calls call the registry's own implementation (`FunctionDef.call`) with the same
 *   arguments (literal integers pre-parsed by the same rule), the same CallSite and frame; where
 *   the function has a `text` shortcut and every argument is text or null, the shortcut first;
 * - IIF and Switch are laid out as `if`/`else` (only the chosen branch runs) around the same
 *   helpers (`iifSkipsCondition`, `conditionOf`, `textOf`); other lazy functions
 *   (SelectUniqueValue) run their closure;
 * - comparisons keep the closure's ordinal fast path and otherwise call `compareValues`.
 *
 * "Do not flow" propagates unchanged through every construct and stops evaluation where it
 * appears, so the generated code returns it from the function at once.
 *
 * Safety: the only text taken from the expression is string literals, integer literals and
 * attribute names, each embedded through JSON.stringify; everything else (functions, call sites,
 * bigints, closures) is passed in an array of constants and referred to by index. Callers give
 * this only ASTs the parser produced (index.ts). test/expr/codegen.property.test.ts checks that
 * random expressions give the same values, "do not flow" results and errors through both paths.
 */
import { attributesOf, type CallNode, type ComparisonNode, type Expression } from './ast.js';
import { textOf } from './coerce.js';
import { attributeValue, compareValues, compileNode, literalInteger } from './compile.js';
import type { EvalContext, SourceAttributes } from './context.js';
import { conditionOf, iifSkipsCondition } from './functions/logic.js';
import { findFunction } from './functions/registry.js';
import type { CallSite } from './functions/types.js';
import { DoNotFlow, type EvalResult } from './value.js';

/** A compiled expression as one function of the attributes and the context. */
export type Evaluator = (attributes: SourceAttributes, context: EvalContext) => EvalResult;

/** What the generated code calls, handed in as a parameter (it reads no globals). */
const runtime = { DoNotFlow, attributeValue, compareValues, textOf, conditionOf, iifSkipsCondition };
const runtimeNames = Object.keys(runtime).join(', ');

class Generator {
  private readonly lines: string[] = [];
  /** Values the code refers to as `K[i]`. */
  readonly constants: unknown[] = [];
  private locals = 0;

  constructor(private readonly root: Expression) {}

  /**
   * The function body. The constants become local bindings of the factory; `frame` (the closures'
   * Frame, for the implementations that take one) is made on first use.
   */
  body(): string {
    const result = this.value(this.root);
    return [
      '"use strict";',
      `const { ${runtimeNames} } = R;`,
      ...this.constants.map((_, i) => `const K${i} = K[${i}];`),
      'return function evaluate(attrs, ctx) {',
      'let frame;',
      ...this.lines,
      `return ${result};`,
      '};',
    ].join('\n');
  }

  private constant(value: unknown): string {
    this.constants.push(value);
    return `K${this.constants.length - 1}`;
  }

  private local(): string {
    return `v${this.locals++}`;
  }

  private emit(line: string): void {
    this.lines.push(line);
  }

  /** Returns from the function with `value` when it is "do not flow". */
  private stopOnDoNotFlow(value: string): void {
    this.emit(`if (${value} instanceof DoNotFlow) return ${value};`);
  }

  /**
   * Emits the statements that evaluate `node` and returns a JavaScript expression for its value
   * (a local, or a literal). A "do not flow" result has returned from the function by then.
   */
  private value(node: Expression): string {
    switch (node.kind) {
      case 'string':
        return JSON.stringify(node.value);
      case 'integer':
        // An integer literal is the string of its digits (entra-semantics.md §2.1).
        return JSON.stringify(node.text);
      case 'hex':
        return this.constant(node.value);
      case 'keyword':
        if (node.name === 'IgnoreAttributeFlow' || node.name === 'IgnoreObjectFlow') {
          this.emit(`return DoNotFlow.${node.name === 'IgnoreAttributeFlow' ? 'attribute' : 'object'};`);
          return 'null';
        }
        return JSON.stringify(node.name);
      case 'attribute': {
        const v = this.local();
        const name = JSON.stringify(node.name);
        this.emit(`let ${v} = attrs[${name}];`);
        this.emit(`if (typeof ${v} !== 'string') ${v} = ${v} === null ? null : attributeValue(attrs, ${name}, ${v});`);
        return v;
      }
      case 'comparison':
        return this.comparison(node);
      case 'call':
        return this.call(node);
    }
  }

  private comparison(node: ComparisonNode): string {
    const a = this.value(node.left);
    const b = this.value(node.right);
    const v = this.local();
    const op = JSON.stringify(node.operator);
    const slow = `compareValues(${op}, ${a}, ${b}, ctx.options, ${this.constant(node)})`;
    if (node.operator === '=' || node.operator === '<>') {
      // The closure's fast path: text against text (or null) under ordinal equality.
      const fast = `((${a} ?? '') === (${b} ?? '')) === ${node.operator === '='}`;
      this.emit(`const ${v} = (typeof ${a} === 'string' || ${a} === null) && (typeof ${b} === 'string' || ${b} === null) && ctx.options.equality === 'ordinal' ? ${fast} : ${slow};`);
    } else {
      this.emit(`const ${v} = ${slow};`);
    }
    return v;
  }

  private call(node: CallNode): string {
    const def = findFunction(node.name, 'sensitive');
    // compileNode has already refused unknown names; an empty slot where IIF or Switch needs an
    // argument cannot come from the parser. Either way the closure does what it does.
    if (!def) return this.closure(node);
    const site: CallSite = { name: def.name, node };
    const filled = (index: number) => node.args[index] !== undefined && node.args[index]!.kind !== 'empty';
    if (def.name === 'IIF' && node.args.length === 3 && [0, 1, 2].every(filled)) return this.iif(node, site);
    if (def.name === 'Switch' && node.args.every((_, i) => i === 1 || filled(i))) return this.switch(node, site);
    if (def.lazy) return this.closure(node);
    // Whether the `text` shortcut fits the call's shape: every slot supplied, integer slots literal,
    // no more arguments than it declares.
    let shortcut = def.text !== undefined && node.args.length <= def.text.length - 1;
    const texts: string[] = [];
    const args = node.args.map((arg, index) => {
      if (arg.kind === 'empty') {
        shortcut = false;
        return 'undefined';
      }
      const isInt = def.intArgs?.includes(index) === true;
      const literal = isInt ? literalInteger(arg) : undefined;
      // Pre-parsed as the closure compiler does (FunctionDef.intArgs); a number of at most 15 digits.
      if (literal !== undefined) return Object.is(literal, -0) ? '-0' : String(literal);
      if (isInt) shortcut = false;
      const value = this.value(arg);
      if (arg.kind !== 'string' && arg.kind !== 'integer') texts.push(value);
      return value;
    });
    const v = this.local();
    const call = `${this.constant(def.call)}([${args.join(', ')}], ${this.frame()}, ${this.constant(site)})`;
    if (shortcut) {
      // Text or null at run time: the shortcut, unless it declines.
      const isText = texts.map((t) => `(typeof ${t} === 'string' || ${t} === null)`).join(' && ') || 'true';
      this.emit(`let ${v} = ${isText} ? ${this.constant(def.text)}(ctx.options, ${args.join(', ')}) : undefined;`);
      this.emit(`if (${v} === undefined) ${v} = ${call};`);
    } else {
      this.emit(`const ${v} = ${call};`);
    }
    this.stopOnDoNotFlow(v);
    return v;
  }

  /** The frame, made on first use. */
  private frame(): string {
    return '(frame ??= { attrs, ctx })';
  }

  /** The node's closure, for what the generator does not lay out itself. */
  private closure(node: CallNode): string {
    const v = this.local();
    this.emit(`const ${v} = ${this.constant(compileNode(node, this.root))}(${this.frame()});`);
    this.stopOnDoNotFlow(v);
    return v;
  }

  /** IIF: the null-condition rule, the condition, then only the chosen branch (logic.ts IIF). */
  private iif(node: CallNode, site: CallSite): string {
    const [condition, whenTrue, whenFalse] = node.args as readonly Expression[];
    const siteRef = this.constant(site);
    const test = this.local();
    this.emit(`let ${test} = false;`);
    this.emit(`if (ctx.options.iifNullCondition === 'evaluate' || !iifSkipsCondition(${this.frame()}, ${this.constant(attributesOf(condition!))}, ${siteRef})) {`);
    const c = this.value(condition!);
    this.emit(`${test} = conditionOf(${c}, ${this.frame()}, ${siteRef});`);
    this.emit('}');
    return this.branches(test, whenTrue!, whenFalse!);
  }

  /** `if (test) result = whenTrue else result = whenFalse`, each branch's statements inside it. */
  private branches(test: string, whenTrue: Expression, whenFalse: Expression): string {
    const result = this.local();
    this.emit(`let ${result};`);
    this.emit(`if (${test}) {`);
    this.assign(result, whenTrue);
    this.emit('} else {');
    this.assign(result, whenFalse);
    this.emit('}');
    return result;
  }

  /** Emits `node`'s statements, then `target = value`. */
  private assign(target: string, node: Expression): void {
    const value = this.value(node);
    this.emit(`${target} = ${value};`);
  }

  /** Switch: keys in order until one equals the source's text, then only its value (logic.ts Switch). */
  private switch(node: CallNode, site: CallSite): string {
    const siteRef = this.constant(site);
    const source = this.value(node.args[0] as Expression);
    const text = this.local();
    // textOf, with its commonest cases first: text, and a Boolean (renders as True/False).
    this.emit(`const ${text} = typeof ${source} === 'string' ? ${source} : typeof ${source} === 'boolean' ? (${source} ? 'True' : 'False') : (textOf(${source}, ${siteRef}, 0) ?? '');`);
    const result = this.local();
    this.emit(`let ${result};`);
    // A labelled block, left at the first match: flat however many pairs (nested else blocks would
    // overflow the JavaScript parser's stack for a thousand pairs).
    const done = `L${this.locals++}`;
    this.emit(`${done}: {`);
    for (let i = 2; i + 1 < node.args.length; i += 2) {
      const keyNode = node.args[i] as Expression;
      const key = this.value(keyNode);
      const keyText = keyNode.kind === 'string' ? key : this.local();
      if (keyText !== key) this.emit(`const ${keyText} = typeof ${key} === 'string' ? ${key} : (textOf(${key}, ${siteRef}, ${i}) ?? '');`);
      this.emit(`if (${keyText} === ${text}) {`);
      this.assign(result, node.args[i + 1] as Expression);
      this.emit(`break ${done};`);
      this.emit('}');
    }
    const fallback = node.args[1];
    if (fallback && fallback.kind !== 'empty') this.assign(result, fallback);
    else this.emit(`${result} = ctx.options.switchMissingDefault === 'empty' ? '' : null;`);
    this.emit('}');
    return result;
  }
}

/**
 * The generated evaluator of a parsed expression, or undefined where the host forbids code
 * generation (`--disallow-code-generation-from-strings`): the closures then do the work.
 * Throws the closure compiler's syntax errors for a hand-built AST it refuses.
 */
export function generateEvaluator(ast: Expression): Evaluator | undefined {
  const generator = new Generator(ast);
  const body = generator.body();
  let factory: (constants: readonly unknown[], helpers: typeof runtime) => Evaluator;
  try {
    factory = new Function('K', 'R', body) as typeof factory;
  } catch (error) {
    if (error instanceof EvalError) return undefined;
    throw error;
  }
  return factory(generator.constants, runtime);
}
