/**
 * .NET regular expressions on JavaScript's engine (entra-semantics.md §3 Replace, §13 ?2: the
 * service is .NET). Patterns are translated to an equivalent `u`-mode RegExp; constructs JavaScript
 * cannot express are rejected with a clear message instead of silently matching something else.
 *
 * | .NET                         | JavaScript (u flag)                                  |
 * |------------------------------|------------------------------------------------------|
 * | `\d` `\D` (Unicode digits)    | `\p{Nd}` `\P{Nd}`                                     |
 * | `\w` `\W` (Unicode word)      | `[\p{L}\p{Mn}\p{Nd}\p{Pc}]` and its negation (in a class: the other categories) |
 * | `\b` `\B` (Unicode word)      | look-arounds on that word class                       |
 * | `\s` `\S`                     | `[\f\n\r\t\v\x85\p{Z}]` and its negation (no U+FEFF)       |
 * | `.` (anything but `\n`)       | `[^\n]` (or any character under `(?s)`)               |
 * | `$` (end, or before a final `\n`) | `(?=\n?(?![\s\S]))` (before any `\n` under `(?m)`) |
 * | `^` under `(?m)` (after `\n` only) | `(?<![^\n])`                                      |
 * | `\A` `\z` `\Z`                | look-arounds on the whole input                       |
 * | `(?'name'…)` `\k'name'`       | `(?<name>…)` `\k<name>`                               |
 * | `\@`, `\#`, `\ ` … (escaped punctuation) | the bare character (u mode rejects the escape) |
 * | `{` `}` `]` that are not syntax | escaped literals                                    |
 * | leading `(?i)` `(?m)` `(?s)`  | flags                                                 |
 *
 * Rejected: atomic groups, conditionals, balancing groups, class subtraction, scoped or mid-pattern
 * inline options, `\G`, Unicode block names (`\p{IsGreek}`).
 *
 * Group numbering follows .NET: unnamed groups first, then named groups in order, which is what
 * `$1` in a replacement refers to.
 */

/** A translated pattern. */
export interface DotnetRegex {
  /** Source for `new RegExp(source, flags)`. */
  readonly source: string;
  /** Flags from leading inline options, always including `u`. */
  readonly flags: string;
  /** Capturing groups in JavaScript order (index 0 is group 1); `name` for named groups. */
  readonly groups: readonly { readonly name: string | undefined }[];
}

/** A pattern JavaScript cannot run as .NET would; `offset` points into the pattern. */
export class RegexTranslationError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const wordClass = '\\p{L}\\p{Mn}\\p{Nd}\\p{Pc}';
/**
 * Every other general category: `\W` as class members, so it also works inside a class
 * (`[^\W\d]`), where JavaScript's own `\W` is ASCII-only and a negated class cannot nest.
 */
const nonWordClass = '\\p{Mc}\\p{Me}\\p{Nl}\\p{No}\\p{Pd}\\p{Ps}\\p{Pe}\\p{Pi}\\p{Pf}\\p{Po}\\p{S}\\p{Z}\\p{C}';
/** .NET's `\s`: JavaScript's also has U+FEFF and lacks U+0085 (NEL). */
const spaceClass = '\\f\\n\\r\\t\\v\\x85\\p{Z}';
/** `\S` as class members: every other category, and the other control characters. */
const nonSpaceClass = '\\p{L}\\p{M}\\p{N}\\p{P}\\p{S}\\p{Cf}\\p{Cs}\\p{Co}\\p{Cn}\\x00-\\x08\\x0E-\\x1F\\x7F-\\x84\\x86-\\x9F';
/** .NET's `\b` and `\B` over Unicode word characters (JavaScript's are ASCII-only). */
const wordBoundary = `(?:(?<=[${wordClass}])(?![${wordClass}])|(?<![${wordClass}])(?=[${wordClass}]))`;
const notWordBoundary = `(?:(?<=[${wordClass}])(?=[${wordClass}])|(?<![${wordClass}])(?![${wordClass}]))`;
const syntaxChars = new Set([...'^$\\.*+?()[]{}|/']);
const simpleEscapes = new Set([...'tnrfv0']);
const groupName = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function translateDotnetRegex(pattern: string): DotnetRegex {
  let i = 0;
  let out = '';
  let flags = '';
  const groups: { name: string | undefined }[] = [];
  let inClass = false;
  let classStart = -1;

  // Leading inline options: (?i), (?m), (?s), combinable: (?im).
  for (;;) {
    const m = /^\(\?([imsnx]+)\)/.exec(pattern.slice(i));
    if (!m) break;
    for (const f of m[1]!) {
      if (f === 'n' || f === 'x') throw new RegexTranslationError(`inline option "${f}" is not supported`, i);
      if (!flags.includes(f)) flags += f;
    }
    i += m[0].length;
  }
  const multiline = flags.includes('m');
  const singleline = flags.includes('s');

  const fail = (message: string, at: number): never => {
    throw new RegexTranslationError(message, at);
  };

  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === '\\') {
      const n = pattern[i + 1];
      if (n === undefined) fail('the pattern ends with a lone backslash', i);
      out += escape(n!, i);
      continue;
    }
    if (inClass) {
      if (c === ']' && i > classStart) {
        inClass = false;
        out += ']';
      } else if (c === '[') {
        out += '\\[';
      } else if (c === '-' && pattern[i + 1] === '[') {
        fail('character class subtraction ([a-z-[aeiou]]) is not supported', i);
      } else {
        out += c;
      }
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
        // A "]" first in a class is a literal in .NET.
        if (pattern[i] === ']') {
          out += '\\]';
          i++;
        }
        classStart = i;
        continue;
      }
      case ']':
        out += '\\]';
        i++;
        continue;
      case '}':
        out += '\\}';
        i++;
        continue;
      case '{': {
        const q = /^\{\d+(,\d*)?\}/.exec(pattern.slice(i));
        if (q) {
          out += q[0];
          i += q[0].length;
        } else {
          out += '\\{';
          i++;
        }
        continue;
      }
      case '.':
        out += singleline ? '[\\s\\S]' : '[^\\n]';
        i++;
        continue;
      case '$':
        out += multiline ? '(?=\\n|(?![\\s\\S]))' : '(?=\\n?(?![\\s\\S]))';
        i++;
        continue;
      case '^':
        // Under (?m) a .NET line starts only after \n (JavaScript's also after \r, U+2028, U+2029).
        out += multiline ? '(?<![^\\n])' : '^';
        i++;
        continue;
      case '(':
        group();
        continue;
      default:
        out += c;
        i++;
    }
  }
  if (inClass) fail('a character class "[" is never closed', classStart - 1);

  function group(): void {
    const at = i;
    if (pattern[i + 1] !== '?') {
      groups.push({ name: undefined });
      out += '(';
      i++;
      return;
    }
    const rest = pattern.slice(i + 2);
    if (rest.startsWith(':') || rest.startsWith('=') || rest.startsWith('!') || rest.startsWith('<=') || rest.startsWith('<!')) {
      const len = rest.startsWith('<') ? 2 : 1;
      out += `(?${rest.slice(0, len)}`;
      i += 2 + len;
      return;
    }
    const named = /^(?:<([^>]*)>|'([^']*)')/.exec(rest);
    if (named) {
      const name = named[1] ?? named[2] ?? '';
      if (name.includes('-')) fail('balancing groups (?<a-b>…) are not supported', at);
      if (!groupName.test(name)) fail(`group name "${name}" is not supported (use letters, digits and _)`, at);
      groups.push({ name });
      out += `(?<${name}>`;
      i += 2 + named[0].length;
      return;
    }
    if (rest.startsWith('#')) {
      const close = pattern.indexOf(')', i);
      if (close < 0) fail('a (?# comment is never closed', at);
      i = close + 1;
      return;
    }
    if (rest.startsWith('>')) fail('atomic groups (?>…) are not supported', at);
    if (rest.startsWith('(')) fail('conditional groups (?(…)…) are not supported', at);
    if (/^[imsnx-]+[:)]/.test(rest)) fail('inline options are supported only at the very start of the pattern', at);
    fail('unrecognised group construct "(?"', at);
  }

  function escape(n: string, at: number): string {
    i += 2;
    if (/[0-9]/.test(n)) {
      if (n === '0') return '\\0';
      if (inClass) fail(`octal escape "\\${n}" is not supported`, at);
      let digits = n;
      while (/[0-9]/.test(pattern[i] ?? '')) digits += pattern[i++];
      return `\\${digits}`;
    }
    switch (n) {
      case 'd':
        return '\\p{Nd}';
      case 'D':
        return '\\P{Nd}';
      case 'w':
        return inClass ? wordClass : `[${wordClass}]`;
      case 'W':
        return inClass ? nonWordClass : `[^${wordClass}]`;
      case 'b':
        // In a class, \b is a backspace in both dialects.
        return inClass ? '\\b' : wordBoundary;
      case 'B':
        return inClass ? fail('"\\B" cannot appear in a character class', at) : notWordBoundary;
      case 's':
        return inClass ? spaceClass : `[${spaceClass}]`;
      case 'S':
        return inClass ? nonSpaceClass : `[^${spaceClass}]`;
      case 'A':
        return inClass ? fail('"\\A" cannot appear in a character class', at) : '(?<![\\s\\S])';
      case 'z':
        return inClass ? fail('"\\z" cannot appear in a character class', at) : '(?![\\s\\S])';
      case 'Z':
        return inClass ? fail('"\\Z" cannot appear in a character class', at) : '(?=\\n?(?![\\s\\S]))';
      case 'G':
        return fail('"\\G" is not supported', at);
      case 'e':
        return '\\x1B';
      case 'a':
        return '\\x07';
      case 'k': {
        const m = /^(?:<([^>]+)>|'([^']+)')/.exec(pattern.slice(i));
        if (!m) return fail('"\\k" must name a group: \\k<name>', at);
        i += m[0].length;
        return `\\k<${m[1] ?? m[2]}>`;
      }
      case 'p':
      case 'P': {
        const m = /^\{([^}]*)\}/.exec(pattern.slice(i));
        if (!m) return fail(`"\\${n}" must name a category: \\${n}{Lu}`, at);
        if (m[1]!.startsWith('Is')) fail(`Unicode block "${m[1]}" is not supported; use a script such as \\p{Script=Greek}`, at);
        i += m[0].length;
        return `\\${n}{${m[1]}}`;
      }
      case 'x': {
        const m = /^[0-9a-fA-F]{2}/.exec(pattern.slice(i));
        if (!m) return fail('"\\x" needs two hex digits', at);
        i += 2;
        return `\\x${m[0]}`;
      }
      case 'u': {
        const m = /^[0-9a-fA-F]{4}/.exec(pattern.slice(i));
        if (!m) return fail('"\\u" needs four hex digits', at);
        i += 4;
        return `\\u${m[0]}`;
      }
      case 'c': {
        const m = /^[A-Za-z]/.exec(pattern.slice(i));
        if (!m) return fail('"\\c" needs a letter', at);
        i += 1;
        return `\\c${m[0]}`;
      }
    }
    if (simpleEscapes.has(n)) return `\\${n}`;
    if (/[A-Za-z_]/.test(n)) return fail(`unrecognised escape "\\${n}"`, at);
    // Escaped punctuation or a literal character: u mode only allows escaping syntax characters
    // (and "-" inside a class).
    if (syntaxChars.has(n) || (inClass && n === '-')) return `\\${n}`;
    return n;
  }

  return { source: out, flags: `${flags}u`, groups };
}

/** One piece of a .NET replacement pattern. */
type ReplacementPart =
  | { kind: 'text'; text: string }
  | { kind: 'group'; index: number }
  | { kind: 'named'; name: string }
  | { kind: 'match' | 'before' | 'after' | 'last' | 'input' };

/**
 * Parses a .NET replacement pattern (`$1`, `${name}`, `$$`, `$&`, `` $` ``, `$'`, `$+`, `$_`)
 * against the groups of `regex`. A `$` that does not form a valid substitution is literal.
 */
export function parseReplacement(replacement: string, regex: DotnetRegex): ReplacementPart[] {
  // .NET numbering: unnamed groups 1..U in order, then named groups.
  const unnamed = regex.groups.flatMap((g, i) => (g.name === undefined ? [i + 1] : []));
  const named = regex.groups.flatMap((g, i) => (g.name === undefined ? [] : [i + 1]));
  const byNumber = [0, ...unnamed, ...named];
  const names = new Set(regex.groups.flatMap((g) => (g.name === undefined ? [] : [g.name])));
  const parts: ReplacementPart[] = [];
  let text = '';
  const flush = () => {
    if (text) parts.push({ kind: 'text', text });
    text = '';
  };
  for (let i = 0; i < replacement.length; i++) {
    const c = replacement[i]!;
    if (c !== '$' || i + 1 >= replacement.length) {
      text += c;
      continue;
    }
    const n = replacement[i + 1]!;
    const special = ({ $: 'dollar', '&': 'match', '`': 'before', "'": 'after', '+': 'last', _: 'input' } as const)[n as '$'];
    if (special) {
      if (special === 'dollar') text += '$';
      else {
        flush();
        parts.push({ kind: special });
      }
      i++;
      continue;
    }
    if (/[0-9]/.test(n)) {
      // .NET (without RegexOptions.ECMAScript) reads every digit: `$10` with one group is the
      // literal text "$10", not group 1 and "0".
      let j = i + 1;
      while (/[0-9]/.test(replacement[j] ?? '')) j++;
      const number = Number(replacement.slice(i + 1, j));
      if (number < byNumber.length) {
        flush();
        parts.push({ kind: 'group', index: byNumber[number]! });
        i = j - 1;
        continue;
      }
    }
    if (n === '{') {
      const close = replacement.indexOf('}', i + 2);
      const name = close < 0 ? '' : replacement.slice(i + 2, close);
      if (/^\d+$/.test(name) && Number(name) < byNumber.length) {
        flush();
        parts.push({ kind: 'group', index: byNumber[Number(name)]! });
        i = close;
        continue;
      }
      if (names.has(name)) {
        flush();
        parts.push({ kind: 'named', name });
        i = close;
        continue;
      }
    }
    text += c;
  }
  flush();
  return parts;
}

/** Builds the replacement text for one match. */
export function substitute(parts: readonly ReplacementPart[], match: RegExpExecArray, input: string): string {
  const first = parts[0];
  if (parts.length === 1 && first?.kind === 'text') return first.text;
  let out = '';
  for (const part of parts) {
    switch (part.kind) {
      case 'text':
        out += part.text;
        break;
      case 'group':
        out += match[part.index] ?? '';
        break;
      case 'named':
        out += match.groups?.[part.name] ?? '';
        break;
      case 'match':
        out += match[0];
        break;
      case 'before':
        out += input.slice(0, match.index);
        break;
      case 'after':
        out += input.slice(match.index + match[0].length);
        break;
      case 'last': {
        let last = '';
        for (let g = match.length - 1; g >= 1; g--) {
          if (match[g] !== undefined) {
            last = match[g]!;
            break;
          }
        }
        out += last;
        break;
      }
      case 'input':
        out += input;
        break;
    }
  }
  return out;
}

/** Calls `each` for every match of a global regex, like .NET's Regex.Replace (empty matches included). */
export function replaceMatches(regex: RegExp, input: string, each: (match: RegExpExecArray) => string): string {
  regex.lastIndex = 0;
  let out = '';
  let last = 0;
  for (let m = regex.exec(input); m; m = regex.exec(input)) {
    out += input.slice(last, m.index) + each(m);
    last = m.index + m[0].length;
    if (m[0].length === 0) {
      const cp = input.codePointAt(regex.lastIndex);
      regex.lastIndex += cp !== undefined && cp > 0xffff ? 2 : 1;
      if (regex.lastIndex > input.length) break;
    }
  }
  return out + input.slice(last);
}
