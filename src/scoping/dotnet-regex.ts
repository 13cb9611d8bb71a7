/**
 * .NET regular expressions on a JavaScript engine. The provisioning service is .NET, so REGEX MATCH
 * patterns are .NET patterns (entra-semantics.md §5.3, §13 ?2). Most syntax is shared; this module
 * rewrites what differs and rejects, with a code, what JavaScript cannot express:
 *
 * | .NET                          | here                                              |
 * |-------------------------------|---------------------------------------------------|
 * | `\@`, `\#`, `\ ` (any escaped non-word char) | the literal character               |
 * | `\d` `\D` `\w` `\W` (Unicode) | `\p{Nd}` and `[\p{L}\p{Mn}\p{Nd}\p{Pc}]` forms     |
 * | `.` (anything but `\n`)       | `[^\n]`, or `[\s\S]` under `(?s)`                  |
 * | `$` (end, or before a final `\n`) | a lookahead with the same meaning             |
 * | `\A` `\z` `\Z`                | string-boundary lookarounds                       |
 * | `(?'name'…)`, `\k'name'`      | `(?<name>…)`, `\k<name>`                          |
 * | `(?#comment)`                 | removed                                           |
 * | leading `(?imns)`             | flags (`n` has no effect on matching)             |
 * | `x{` not a quantifier, lone `}` or `]` | escaped literals                         |
 * | `[]a]` (leading `]` is literal) | `[\]a]`                                          |
 *
 * Rejected (`SCOPING_UNSUPPORTED_REGEX`): atomic groups `(?>…)`, conditionals `(?(…)…)`, balancing
 * groups, inline options other than at the start, `(?x)`, `\G`, class subtraction `[a-z-[aeiou]]`,
 * `\W` inside a class, numbered group names. `\b` keeps JavaScript's ASCII word boundary.
 */

/** A pattern that .NET accepts but this translation cannot express, or an invalid pattern. */
export class DotNetRegexError extends Error {
  override name = 'DotNetRegexError';
  constructor(
    readonly code: 'SCOPING_UNSUPPORTED_REGEX' | 'SCOPING_INVALID_REGEX',
    message: string,
    /** 0-based offset in the pattern, when known. */
    readonly offset?: number,
  ) {
    super(message);
  }
}

/** A translated pattern: JavaScript source and flags (always including `u`). */
export interface TranslatedRegex {
  source: string;
  flags: string;
}

const WORD = '\\p{L}\\p{Mn}\\p{Nd}\\p{Pc}';
const START = '(?<![\\s\\S])';
const END = '(?![\\s\\S])';
const SYNTAX = new Set('^$\\.*+?()[]{}|/'.split(''));
const JS_LETTER_ESCAPES = new Set('tnrfvsSbBcxu0123456789'.split(''));

/** Rewrites a .NET pattern into JavaScript syntax with the same meaning. */
export function translateDotNetRegex(pattern: string): TranslatedRegex {
  const flags = new Set<string>(['u']);
  let i = 0;
  const lead = /^\(\?([imnsx]*)(?:-[imnsx]*)?\)/.exec(pattern);
  if (lead) {
    const on = lead[1] ?? '';
    if (on.includes('x')) throw unsupported('the (?x) option (ignore pattern whitespace)', 0);
    for (const f of on) if (f !== 'n') flags.add(f);
    i = lead[0].length;
  }
  const dotAll = flags.has('s');
  const multiline = flags.has('m');
  flags.delete('s');
  let out = '';
  let inClass = false;
  let classStart = -1;
  while (i < pattern.length) {
    const c = pattern[i] as string;
    if (c === '\\') {
      const [text, length] = escape(pattern, i, inClass);
      out += text;
      i += length;
      continue;
    }
    if (inClass) {
      if (c === ']' && i !== classStart) inClass = false;
      else if (c === ']') {
        out += '\\]';
        i++;
        continue;
      } else if (c === '-' && pattern[i + 1] === '[') throw unsupported('character class subtraction', i);
      out += c;
      i++;
      continue;
    }
    switch (c) {
      case '[': {
        inClass = true;
        out += '[';
        i++;
        if (pattern[i] === '^') {
          out += '^';
          i++;
        }
        classStart = i;
        continue;
      }
      case '(': {
        const [text, length] = group(pattern, i);
        out += text;
        i += length;
        continue;
      }
      case '.':
        out += dotAll ? '[\\s\\S]' : '[^\\n]';
        break;
      case '$':
        out += multiline ? `(?=\\n|${END})` : `(?=\\n?${END})`;
        break;
      case '{': {
        const quantifier = /^\{\d+(,\d*)?\}/.exec(pattern.slice(i));
        if (quantifier) {
          out += quantifier[0];
          i += quantifier[0].length;
          continue;
        }
        out += '\\{';
        break;
      }
      case '}':
        out += '\\}';
        break;
      case ']':
        out += '\\]';
        break;
      default:
        out += c;
    }
    i++;
  }
  if (inClass) throw new DotNetRegexError('SCOPING_INVALID_REGEX', 'unterminated character class', classStart - 1);
  return { source: out, flags: [...flags].sort().join('') };
}

/** One escape sequence at `i`; returns the JavaScript text and how many characters it used. */
function escape(pattern: string, i: number, inClass: boolean): [string, number] {
  const c = pattern[i + 1];
  if (c === undefined) throw new DotNetRegexError('SCOPING_INVALID_REGEX', 'the pattern ends with a lone backslash', i);
  switch (c) {
    case 'd':
      return ['\\p{Nd}', 2];
    case 'D':
      return ['\\P{Nd}', 2];
    case 'w':
      return [inClass ? WORD : `[${WORD}]`, 2];
    case 'W':
      if (inClass) throw unsupported('\\W inside a character class', i);
      return [`[^${WORD}]`, 2];
    case 'e':
      return ['\\x1B', 2];
  }
  if (!inClass) {
    if (c === 'A') return [START, 2];
    if (c === 'z') return [END, 2];
    if (c === 'Z') return [`(?=\\n?${END})`, 2];
    if (c === 'G') throw unsupported('\\G (contiguous match)', i);
    if (c === 'k') {
      const named = /^\\k(?:<([^>]+)>|'([^']+)')/.exec(pattern.slice(i));
      if (named) return [`\\k<${named[1] ?? named[2]}>`, named[0].length];
    }
  }
  if (c === 'p' || c === 'P') {
    const category = /^\\[pP]\{([^}]*)\}/.exec(pattern.slice(i));
    if (category?.[1]?.startsWith('Is')) throw unsupported(`the named block \\${c}{${category[1]}}`, i);
    return [category ? category[0] : `\\${c}`, category ? category[0].length : 2];
  }
  if (/[A-Za-z0-9]/.test(c)) {
    if (JS_LETTER_ESCAPES.has(c)) return [`\\${c}`, 2];
    throw new DotNetRegexError('SCOPING_INVALID_REGEX', `unrecognised escape \\${c}`, i);
  }
  // .NET lets any non-word character be escaped; JavaScript's Unicode mode only syntax characters.
  if (SYNTAX.has(c) || (inClass && c === '-')) return [`\\${c}`, 2];
  return [c, 2];
}

/** A group opening at `i`. */
function group(pattern: string, i: number): [string, number] {
  if (pattern[i + 1] !== '?') return ['(', 1];
  const rest = pattern.slice(i);
  if (rest.startsWith('(?#')) {
    const end = pattern.indexOf(')', i);
    if (end < 0) throw new DotNetRegexError('SCOPING_INVALID_REGEX', 'unterminated (?# comment', i);
    return ['', end - i + 1];
  }
  if (/^\(\?[:=!]/.test(rest) || /^\(\?<[=!]/.test(rest)) return [rest.slice(0, rest[2] === '<' ? 4 : 3), rest[2] === '<' ? 4 : 3];
  const named = /^\(\?(?:<([^>]*)>|'([^']*)')/.exec(rest);
  if (named) {
    const name = named[1] ?? named[2] ?? '';
    if (name.includes('-')) throw unsupported('balancing groups', i);
    if (/^\d+$/.test(name)) throw unsupported('numbered group names', i);
    return [`(?<${name}>`, named[0].length];
  }
  if (rest.startsWith('(?>')) throw unsupported('atomic groups (?>…)', i);
  if (rest.startsWith('(?(')) throw unsupported('conditional groups (?(…)…)', i);
  if (/^\(\?[imnsx-]+[:)]/.test(rest)) throw unsupported('inline options other than at the start of the pattern', i);
  throw new DotNetRegexError('SCOPING_INVALID_REGEX', `unrecognised group construct ${rest.slice(0, 3)}`, i);
}

function unsupported(what: string, offset: number): DotNetRegexError {
  return new DotNetRegexError('SCOPING_UNSUPPORTED_REGEX', `${what} cannot be evaluated here`, offset);
}

/**
 * Compiles a .NET pattern. `whole` anchors it to the entire value; `substring` finds it anywhere
 * (.NET `Regex.IsMatch`).
 * @throws {DotNetRegexError}
 */
export function compileDotNetRegex(pattern: string, anchoring: 'whole' | 'substring'): RegExp {
  const { source, flags } = translateDotNetRegex(pattern);
  const anchored = anchoring === 'whole' ? `${START}(?:${source})${END}` : source;
  try {
    return new RegExp(anchored, flags);
  } catch (error) {
    throw new DotNetRegexError('SCOPING_INVALID_REGEX', (error as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /, ''));
  }
}
