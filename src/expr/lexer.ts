/**
 * The lexer (entra-semantics.md §2.1). Produces tokens with 0-based `begin`/`end` offsets; white
 * space may appear between any two tokens and is skipped.
 */
import type { ComparisonOperator } from './ast.js';
import { ExpressionSyntaxError } from './errors.js';
import type { ExpressionOptions } from './options.js';

export type Token =
  | { kind: 'name'; text: string; begin: number; end: number }
  | { kind: 'attribute'; name: string; begin: number; end: number }
  | { kind: 'string'; value: string; begin: number; end: number }
  | { kind: 'integer'; text: string; begin: number; end: number }
  | { kind: 'hex'; value: bigint; text: string; begin: number; end: number }
  | { kind: 'relop'; op: ComparisonOperator; begin: number; end: number }
  | { kind: '(' | ')' | ',' | 'eof'; begin: number; end: number };

const isDigit = (c: number) => c >= 48 && c <= 57;
const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isHexDigit = (c: number) => isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
const whiteSpace = /\s/;

export class Lexer {
  private pos = 0;

  constructor(
    readonly source: string,
    private readonly options: Pick<ExpressionOptions, 'unknownEscape'>,
  ) {}

  private fail(code: ConstructorParameters<typeof ExpressionSyntaxError>[0], message: string, offset: number, length = 1, hint?: string): never {
    throw new ExpressionSyntaxError(code, message, { source: this.source, offset, length, ...(hint ? { hint } : {}) });
  }

  /** Offset of the next non-space character. */
  peekOffset(): number {
    this.skipSpace();
    return this.pos;
  }

  private skipSpace(): void {
    const s = this.source;
    while (this.pos < s.length && whiteSpace.test(s[this.pos]!)) this.pos++;
  }

  next(): Token {
    this.skipSpace();
    const s = this.source;
    const begin = this.pos;
    if (begin >= s.length) return { kind: 'eof', begin, end: begin };
    const c = s.charCodeAt(begin);
    const ch = s[begin]!;
    switch (ch) {
      case '(':
      case ')':
      case ',':
        this.pos++;
        return { kind: ch, begin, end: this.pos };
      case '[':
        return this.attribute(begin);
      case '"':
        return this.string(begin);
      case '&':
        return this.hex(begin);
      case '=':
        this.pos++;
        return { kind: 'relop', op: '=', begin, end: this.pos };
      case '<': {
        const n = s[begin + 1];
        const op: ComparisonOperator = n === '>' ? '<>' : n === '=' ? '<=' : '<';
        this.pos += op.length;
        return { kind: 'relop', op, begin, end: this.pos };
      }
      case '>': {
        const op: ComparisonOperator = s[begin + 1] === '=' ? '>=' : '>';
        this.pos += op.length;
        return { kind: 'relop', op, begin, end: this.pos };
      }
      case '!':
        if (s[begin + 1] === '=') this.fail('EXPR_UNEXPECTED_CHARACTER', 'unexpected "!="', begin, 2, 'write "not equal" as <>');
        break;
      case ']':
        this.fail('EXPR_UNEXPECTED_CHARACTER', 'unexpected "]" with no "[" before it', begin);
    }
    if (c === 45 /* - */ || isDigit(c)) return this.integer(begin);
    if (isLetter(c)) {
      let end = begin + 1;
      while (end < s.length && (isLetter(s.charCodeAt(end)) || isDigit(s.charCodeAt(end)))) end++;
      this.pos = end;
      return { kind: 'name', text: s.slice(begin, end), begin, end };
    }
    const cp = s.codePointAt(begin)!;
    const text = String.fromCodePoint(cp);
    const hint =
      ch === "'"
        ? 'string literals use double quotes: "text"'
        : ch === '\\'
          ? 'a backslash escapes only inside a string literal; attribute references are written [name]'
          : ch === '+'
            ? 'there are no arithmetic or concatenation operators; use Join or Append'
            : undefined;
    return this.fail('EXPR_UNEXPECTED_CHARACTER', `unexpected character "${text}"`, begin, text.length, hint);
  }

  private attribute(begin: number): Token {
    const s = this.source;
    const close = s.indexOf(']', begin + 1);
    if (close < 0) this.fail('EXPR_UNTERMINATED_ATTRIBUTE', 'attribute reference is missing its closing "]"', begin, 1, 'write attribute references as [name]');
    const name = s.slice(begin + 1, close);
    if (name.trim() === '') this.fail('EXPR_EMPTY_ATTRIBUTE', 'attribute reference "[]" names no attribute', begin, close - begin + 1);
    this.pos = close + 1;
    return { kind: 'attribute', name, begin, end: this.pos };
  }

  private string(begin: number): Token {
    const s = this.source;
    let out = '';
    let i = begin + 1;
    let chunk = i;
    for (;;) {
      if (i >= s.length) {
        this.fail('EXPR_UNTERMINATED_STRING', 'string literal is missing its closing quote', begin, 1, 'inside a string write \\" for a quote and \\\\ for a backslash');
      }
      const c = s[i];
      if (c === '"') break;
      if (c === '\\') {
        out += s.slice(chunk, i);
        const n = s[i + 1];
        if (n === undefined) {
          this.fail('EXPR_UNTERMINATED_STRING', 'string literal is missing its closing quote', begin, 1, 'inside a string write \\" for a quote and \\\\ for a backslash');
        }
        if (n === '"' || n === '\\') out += n;
        else if (this.options.unknownEscape === 'keep') out += `\\${n}`;
        else if (this.options.unknownEscape === 'drop') out += n;
        else this.fail('EXPR_UNKNOWN_ESCAPE', `unknown escape "\\${n}" in a string literal`, i, 2, 'only \\" and \\\\ are escapes; write \\\\ for a backslash');
        i += 2;
        chunk = i;
        continue;
      }
      i++;
    }
    out += s.slice(chunk, i);
    this.pos = i + 1;
    return { kind: 'string', value: out, begin, end: this.pos };
  }

  private integer(begin: number): Token {
    const s = this.source;
    let i = begin;
    if (s[i] === '-') {
      i++;
      if (!isDigit(s.charCodeAt(i))) this.fail('EXPR_UNEXPECTED_CHARACTER', 'unexpected "-"', begin, 1, 'a minus sign must be followed directly by digits (-10); there is no arithmetic');
    }
    while (i < s.length && isDigit(s.charCodeAt(i))) i++;
    const after = s.charCodeAt(i);
    if (s[i] === '.' && isDigit(s.charCodeAt(i + 1))) {
      let j = i + 1;
      while (j < s.length && isDigit(s.charCodeAt(j))) j++;
      this.fail('EXPR_INVALID_NUMBER', `decimal number "${s.slice(begin, j)}" is not supported`, begin, j - begin, 'only integers are literals; quote a decimal to pass it as text');
    }
    if (isLetter(after) || after === 95 /* _ */) {
      let j = i;
      while (j < s.length && (isLetter(s.charCodeAt(j)) || isDigit(s.charCodeAt(j)) || s[j] === '_')) j++;
      this.fail('EXPR_INVALID_NUMBER', `invalid number "${s.slice(begin, j)}"`, begin, j - begin, 'quote it if it is text: "…"');
    }
    this.pos = i;
    return { kind: 'integer', text: s.slice(begin, i), begin, end: i };
  }

  private hex(begin: number): Token {
    const s = this.source;
    if (s[begin + 1] !== 'H' && s[begin + 1] !== 'h') {
      this.fail('EXPR_UNEXPECTED_CHARACTER', 'unexpected character "&"', begin, 1, 'there is no & operator; use Join or Append to concatenate (&H starts a hex number)');
    }
    let i = begin + 2;
    while (i < s.length && isHexDigit(s.charCodeAt(i))) i++;
    if (i === begin + 2) this.fail('EXPR_INVALID_NUMBER', 'hex number "&H" has no digits', begin, 2, 'write hex numbers as &HF7');
    if (isLetter(s.charCodeAt(i)) || isDigit(s.charCodeAt(i))) {
      let j = i;
      while (j < s.length && (isLetter(s.charCodeAt(j)) || isDigit(s.charCodeAt(j)))) j++;
      this.fail('EXPR_INVALID_NUMBER', `invalid hex number "${s.slice(begin, j)}"`, begin, j - begin);
    }
    this.pos = i;
    const text = s.slice(begin, i);
    return { kind: 'hex', value: BigInt(`0x${text.slice(2)}`), text, begin, end: i };
  }
}
