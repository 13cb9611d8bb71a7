/**
 * Recursive-descent parser (entra-semantics.md §2.2). Besides the grammar it checks what the
 * scenario loader must report without running anything: unknown function names, argument counts,
 * required slots left empty, and per-function shape rules (Replace's modes, Switch's pairs,
 * SelectUniqueValue at the top level only).
 */
import type { Argument, CallNode, ComparisonNode, Expression, KeywordName } from './ast.js';
import { ExpressionSyntaxError, type ExpressionSyntaxCode } from './errors.js';
import { findFunction, suggestFunction } from './functions/registry.js';
import type { FunctionDef, ParamSpec } from './functions/types.js';
import { Lexer, type Token } from './lexer.js';
import { resolveExpressionOptions, type ExpressionOptions } from './options.js';

/** An attribute-mapping expression may be at most 10,000 characters (entra-semantics.md §2.1, D:KI). */
export const maxExpressionLength = 10_000;

/**
 * Calls nested deeper than this are refused (ours: Entra documents no depth limit). Real
 * mappings nest a handful of calls; 10,000 characters could nest 2,000, which would exhaust the
 * stack of this recursive parser, compiler and evaluator instead of failing with a code.
 */
export const maxExpressionNesting = 100;

const keywords: readonly KeywordName[] = ['vbTextCompare', 'vbBinaryCompare', 'IgnoreAttributeFlow', 'IgnoreObjectFlow'];
const keywordsLower = new Map(keywords.map((k) => [k.toLowerCase(), k]));

/**
 * Parses expression text into an AST. Throws {@link ExpressionSyntaxError} (and nothing else) for
 * any invalid input.
 */
export function parseExpression(text: string, options?: Partial<ExpressionOptions>): Expression {
  return new Parser(String(text), resolveExpressionOptions(options)).parse();
}

class Parser {
  private readonly lexer: Lexer;
  private lookahead: Token | undefined;

  constructor(
    private readonly source: string,
    private readonly options: ExpressionOptions,
  ) {
    this.lexer = new Lexer(source, options);
  }

  private fail(code: ExpressionSyntaxCode, message: string, offset: number, length = 1, extra: { hint?: string; functionName?: string; argumentIndex?: number } = {}): never {
    throw new ExpressionSyntaxError(code, message, { source: this.source, offset, length, ...extra });
  }

  private peek(): Token {
    return (this.lookahead ??= this.lexer.next());
  }

  private take(): Token {
    const token = this.peek();
    this.lookahead = undefined;
    return token;
  }

  parse(): Expression {
    if (this.source.trim() === '') this.fail('EXPR_EMPTY', 'the expression is empty', 0, 1, { hint: 'write a function call, an [attribute] or a "string"' });
    if (this.source.length > maxExpressionLength) {
      this.fail('EXPR_TOO_LONG', `the expression is ${this.source.length} characters long; Entra allows at most ${maxExpressionLength}`, maxExpressionLength, 1);
    }
    const expression = this.term(0);
    const rest = this.peek();
    if (rest.kind !== 'eof') {
      const hint = rest.kind === ')' ? 'this ")" closes nothing' : 'an expression is one term; combine values with a function such as Join';
      this.fail('EXPR_TRAILING_INPUT', `unexpected ${describe(rest)} after the end of the expression`, rest.begin, rest.end - rest.begin, { hint });
    }
    return expression;
  }

  /** term ::= operand [ relop operand ] */
  private term(depth: number): Expression {
    const left = this.operand(depth);
    const op = this.peek();
    if (op.kind !== 'relop') return left;
    this.take();
    const right = this.operand(depth);
    const again = this.peek();
    if (again.kind === 'relop') {
      this.fail('EXPR_CHAINED_COMPARISON', `a comparison cannot be chained with "${again.op}"`, again.begin, again.end - again.begin, {
        hint: 'there are no AND/OR operators; nest IIF calls instead',
      });
    }
    const node: ComparisonNode = { kind: 'comparison', operator: op.op, left, right, operatorBegin: op.begin, begin: left.begin, end: right.end };
    return node;
  }

  private operand(depth: number): Expression {
    const token = this.take();
    switch (token.kind) {
      case 'attribute':
        return { kind: 'attribute', name: token.name, begin: token.begin, end: token.end };
      case 'string':
        return { kind: 'string', value: token.value, begin: token.begin, end: token.end };
      case 'integer':
        return { kind: 'integer', text: token.text, begin: token.begin, end: token.end };
      case 'hex':
        return { kind: 'hex', value: token.value, text: token.text, begin: token.begin, end: token.end };
      case 'name':
        return this.peek().kind === '(' ? this.call(token, depth) : this.keyword(token);
      default:
        return this.fail('EXPR_EXPECTED_OPERAND', `expected a value but found ${describe(token)}`, token.begin, Math.max(1, token.end - token.begin), {
          hint: 'a value is a function call, an [attribute], a "string" or a number',
        });
    }
  }

  private keyword(token: Extract<Token, { kind: 'name' }>): Expression {
    const sensitive = this.options.functionNameCase === 'sensitive';
    const name = sensitive ? keywords.find((k) => k === token.text) : keywordsLower.get(token.text.toLowerCase());
    if (name) return { kind: 'keyword', name, begin: token.begin, end: token.end };
    const fn = findFunction(token.text, this.options.functionNameCase);
    const length = token.end - token.begin;
    if (fn) {
      this.fail('EXPR_EXPECTED_PAREN', `function ${fn.name} must be called with parentheses`, token.end, 1, { hint: `write ${fn.name}(…)`, functionName: fn.name });
    }
    if (/^(true|false)$/i.test(token.text)) {
      this.fail('EXPR_UNKNOWN_KEYWORD', `"${token.text}" is not a keyword`, token.begin, length, { hint: `there is no Boolean literal; write the string "${token.text}"` });
    }
    return this.fail('EXPR_UNKNOWN_KEYWORD', `unknown name "${token.text}"`, token.begin, length, {
      hint: `write attribute references as [${token.text}] and text as "${token.text}"`,
    });
  }

  private call(nameToken: Extract<Token, { kind: 'name' }>, depth: number): CallNode {
    const def = findFunction(nameToken.text, this.options.functionNameCase);
    if (!def) {
      const suggestion = suggestFunction(nameToken.text);
      this.fail('EXPR_UNKNOWN_FUNCTION', `unknown function "${nameToken.text}"`, nameToken.begin, nameToken.end - nameToken.begin, {
        functionName: nameToken.text,
        ...(suggestion ? { hint: suggestion } : {}),
      });
    }
    if (def.topLevelOnly && depth > 0) {
      this.fail('EXPR_NOT_TOP_LEVEL', `${def.name} must be the whole expression; it cannot be nested`, nameToken.begin, nameToken.end - nameToken.begin, {
        functionName: def.name,
        hint: `move ${def.name} to the top and nest the other functions inside its rules`,
      });
    }
    if (depth >= maxExpressionNesting) {
      this.fail('EXPR_TOO_DEEP', `calls are nested more than ${maxExpressionNesting} deep`, nameToken.begin, nameToken.end - nameToken.begin, {
        functionName: def.name,
        hint: 'split the logic: a Switch or a flatter IIF chain reads better than deep nesting',
      });
    }
    const open = this.take();
    const args: Argument[] = [];
    if (this.peek().kind === ')') {
      const close = this.take();
      return this.finish(def, nameToken, args, close.end);
    }
    for (;;) {
      const next = this.peek();
      if (next.kind === ',' || next.kind === ')') {
        args.push({ kind: 'empty', begin: next.begin, end: next.begin });
      } else if (next.kind === 'eof') {
        this.fail('EXPR_UNCLOSED_CALL', `${def.name}( is never closed`, next.begin, 1, { functionName: def.name, hint: `add ")" to close the call opened at column ${open.begin + 1}` });
      } else {
        args.push(this.term(depth + 1));
      }
      const sep = this.take();
      if (sep.kind === ',') continue;
      if (sep.kind === ')') return this.finish(def, nameToken, args, sep.end);
      if (sep.kind === 'eof') {
        this.fail('EXPR_UNCLOSED_CALL', `${def.name}( is never closed`, sep.begin, 1, { functionName: def.name, hint: `add ")" to close the call opened at column ${open.begin + 1}` });
      }
      this.fail('EXPR_EXPECTED_COMMA', `expected "," or ")" but found ${describe(sep)}`, sep.begin, Math.max(1, sep.end - sep.begin), {
        functionName: def.name,
        argumentIndex: args.length - 1,
        hint: 'separate arguments with commas',
      });
    }
  }

  private finish(def: FunctionDef, nameToken: Extract<Token, { kind: 'name' }>, args: Argument[], end: number): CallNode {
    const node: CallNode = { kind: 'call', name: def.name, writtenName: nameToken.text, nameEnd: nameToken.end, args, begin: nameToken.begin, end };
    this.checkArity(def, node);
    def.validate?.(node, (message, argumentIndex, hint, code) => {
      const at = argumentIndex === undefined ? undefined : args[argumentIndex];
      const offset = at && at.kind !== 'empty' ? at.begin : at ? at.begin : node.begin;
      const length = at && at.kind !== 'empty' ? at.end - at.begin : at ? 1 : node.nameEnd - node.begin;
      return this.fail(code ?? 'EXPR_INVALID_ARGUMENTS', message, offset, length, {
        functionName: def.name,
        ...(argumentIndex === undefined ? {} : { argumentIndex }),
        ...(hint ? { hint } : {}),
      });
    });
    return node;
  }

  private checkArity(def: FunctionDef, node: CallNode): void {
    const { args } = node;
    const fixed = def.params.length;
    const group = def.repeat ? (Array.isArray(def.repeat.param) ? def.repeat.param.length : 1) : 0;
    const minArgs = def.repeat ? fixed + def.repeat.min * group : lastRequired(def.params) + 1;
    const maxArgs = def.repeat ? Infinity : fixed;
    const signature = signatureOf(def);
    const closeParen = node.end - 1;
    if (args.length > maxArgs) {
      const extra = args[maxArgs]!;
      this.fail('EXPR_TOO_MANY_ARGUMENTS', `${def.name} takes at most ${maxArgs} argument${maxArgs === 1 ? '' : 's'} but got ${args.length}`, extra.begin, Math.max(1, extra.end - extra.begin), {
        functionName: def.name,
        argumentIndex: maxArgs,
        hint: `the signature is ${signature}`,
      });
    }
    if (args.length < minArgs) {
      this.fail('EXPR_TOO_FEW_ARGUMENTS', `${def.name} needs at least ${minArgs} argument${minArgs === 1 ? '' : 's'} but got ${args.length}`, closeParen, 1, {
        functionName: def.name,
        argumentIndex: args.length,
        hint: `the signature is ${signature}`,
      });
    }
    args.forEach((arg, index) => {
      if (arg.kind !== 'empty') return;
      const param = paramAt(def, index);
      if (param && !param.optional) {
        this.fail('EXPR_EMPTY_ARGUMENT', `${def.name}'s argument ${index + 1} (${param.name}) is required but the slot is empty`, arg.begin, 1, {
          functionName: def.name,
          argumentIndex: index,
          hint: `the signature is ${signature}`,
        });
      }
    });
  }
}

function lastRequired(params: readonly ParamSpec[]): number {
  for (let i = params.length - 1; i >= 0; i--) if (!params[i]!.optional) return i;
  return -1;
}

/** The parameter that argument `index` fills. */
export function paramAt(def: FunctionDef, index: number): ParamSpec | undefined {
  if (index < def.params.length) return def.params[index];
  if (!def.repeat) return undefined;
  const group = Array.isArray(def.repeat.param) ? (def.repeat.param as readonly ParamSpec[]) : [def.repeat.param as ParamSpec];
  return group[(index - def.params.length) % group.length];
}

/** `Replace(source, [oldValue], …)` */
export function signatureOf(def: FunctionDef): string {
  if (def.signature) return def.signature;
  const parts = def.params.map((p) => (p.optional ? `[${p.name}]` : p.name));
  if (def.repeat) {
    const group = Array.isArray(def.repeat.param) ? (def.repeat.param as readonly ParamSpec[]) : [def.repeat.param as ParamSpec];
    const names = group.map((p) => p.name);
    parts.push(`${names.map((n) => `${n}1`).join(', ')}, …`);
  }
  return `${def.name}(${parts.join(', ')})`;
}

function describe(token: Token): string {
  switch (token.kind) {
    case 'eof':
      return 'the end of the expression';
    case 'name':
      return `"${token.text}"`;
    case 'attribute':
      return `[${token.name}]`;
    case 'string':
      return 'a string';
    case 'integer':
    case 'hex':
      return `the number ${token.text}`;
    case 'relop':
      return `"${token.op}"`;
    default:
      return `"${token.kind}"`;
  }
}
