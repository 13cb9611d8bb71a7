/**
 * String functions (entra-semantics.md §3): Append, Join, Left, Mid, Word, StripSpaces, Trim,
 * ToLower, ToUpper, CStr, InStr, PCase, NormalizeDiacritics, ConvertToBase64, ConvertToUTF8Hex.
 */
import { cultureOf, lowerCase, upperCase } from '../casing.js';
import { normalizeDiacritics } from '../diacritics.js';
import { evalError, intOf, nullSourceText, single, sourceText, textOf, textOrEmpty } from '../coerce.js';
import type { ExpressionOptions } from '../options.js';
import { renderScalar, type Scalar, type Value } from '../value.js';
import type { CallSite, EagerFunction } from './types.js';

/**
 * `joined` with the text of every non-empty part of `value` appended (each value of a
 * multi-valued one); null while nothing is joined yet.
 */
function joinParts(joined: string | null, separator: string, value: Value | undefined): string | null {
  if (value === null || value === undefined) return joined;
  if (Array.isArray(value)) {
    for (const item of value as readonly Scalar[]) joined = joinParts(joined, separator, item);
    return joined;
  }
  const text = typeof value === 'string' ? value : renderScalar(value as Scalar);
  if (text === '') return joined;
  return joined === null ? text : joined + separator + text;
}

export const Append: EagerFunction = {
  name: 'Append',
  summary: 'source followed by suffix',
  params: [{ name: 'source' }, { name: 'suffix' }],
  call(args, frame, site) {
    const source = sourceText(args[0], frame, site, 0);
    if (source === null) return null;
    return source + textOrEmpty(args[1], site, 1);
  },
  text(options, source, suffix) {
    const text = (source as string | null) ?? nullSourceText(options);
    return text === null ? null : text + ((suffix as string | null) ?? '');
  },
};

/**
 * Join skips null and `""` sources: the documented `Join(", ", "", [surname], [givenName])` →
 * `Doe, John` only comes out that way (entra-semantics.md §3 Join, [X]).
 */
export const Join: EagerFunction = {
  name: 'Join',
  summary: 'the sources joined with separator, skipping null and empty ones',
  params: [{ name: 'separator' }],
  repeat: { param: { name: 'source' }, min: 1 },
  call(args, _frame, site) {
    const separator = textOrEmpty(args[0], site, 0);
    let joined: string | null = null;
    for (let i = 1; i < args.length; i++) joined = joinParts(joined, separator, args[i]);
    return joined ?? '';
  },
  // Up to six sources (a declared parameter list: no rest array); missing ones are undefined. Each is
  // text or null, so joinParts comes down to: skip null and "", else append after the separator.
  text(_options, separator, s1, s2, s3, s4, s5, s6) {
    const between = (separator as string | null) ?? '';
    let joined = s1 ? (s1 as string) : null;
    if (s2) joined = joined === null ? (s2 as string) : joined + between + s2;
    if (s3) joined = joined === null ? (s3 as string) : joined + between + s3;
    if (s4) joined = joined === null ? (s4 as string) : joined + between + s4;
    if (s5) joined = joined === null ? (s5 as string) : joined + between + s5;
    if (s6) joined = joined === null ? (s6 as string) : joined + between + s6;
    return joined ?? '';
  },
};

function left(text: string, n: number): string {
  if (n < 0) return text;
  return text.slice(0, n);
}

/** Documented rules (§3 Left): 0 ⇒ "", negative ⇒ input, null ⇒ "", longer ⇒ input. */
export const Left: EagerFunction = {
  name: 'Left',
  intArgs: [1],
  summary: 'the first NumChars characters',
  params: [{ name: 'String' }, { name: 'NumChars' }],
  call(args, _frame, site) {
    return left(textOrEmpty(args[0], site, 0), intOf(args[1], site, 1, 'NumChars'));
  },
  text(_options, text, n) {
    return left((text as string | null) ?? '', n as number);
  },
};

function mid(text: string, start: number, length: number, options: ExpressionOptions): string {
  if (length === 0) return '';
  if (length < 0 || start <= 0) return text;
  if (start > text.length) return options.midStartBeyondEnd === 'input' ? text : '';
  return text.substr(start - 1, length);
}

/**
 * 1-based substring (§3 Mid). Documented: runs past the end ⇒ stops at the end. Connect Sync's
 * rules fill the rest [S]: length 0 ⇒ "", length < 0 ⇒ input, start ≤ 0 ⇒ input, null ⇒ "";
 * start past the end is the `midStartBeyondEnd` setting.
 */
export const Mid: EagerFunction = {
  name: 'Mid',
  intArgs: [1, 2],
  summary: 'length characters from the 1-based start',
  params: [{ name: 'source' }, { name: 'start' }, { name: 'length' }],
  call(args, frame, site) {
    const text = textOrEmpty(args[0], site, 0);
    const start = intOf(args[1], site, 1, 'start');
    return mid(text, start, intOf(args[2], site, 2, 'length'), frame.ctx.options);
  },
  text(options, text, start, length) {
    return mid((text as string | null) ?? '', start as number, length as number, options);
  },
};

/** Documented rules (§3 Word): < 1 ⇒ "", null ⇒ "", too few words ⇒ "". */
export const Word: EagerFunction = {
  name: 'Word',
  intArgs: [1],
  summary: 'the WordNumber-th word, splitting on any of the delimiter characters',
  params: [{ name: 'String' }, { name: 'WordNumber' }, { name: 'delimiters' }],
  call(args, frame, site) {
    const text = textOrEmpty(args[0], site, 0);
    const n = intOf(args[1], site, 1, 'WordNumber');
    const delimiters = textOrEmpty(args[2], site, 2);
    if (n < 1 || text === '') return '';
    const keepEmpty = frame.ctx.options.wordEmptyTokens === 'count';
    let count = 0;
    let begin = 0;
    for (let i = 0; i <= text.length; i++) {
      if (i < text.length && !delimiters.includes(text[i]!)) continue;
      if (i > begin || keepEmpty) {
        count++;
        if (count === n) return text.slice(begin, i);
      }
      begin = i + 1;
    }
    return '';
  },
};

/** A one-argument function that maps its source text; a null source follows `nullStringArgument`. */
function mapSource(map: (text: string) => string): EagerFunction['call'] {
  return (args, frame, site) => {
    const text = sourceText(args[0], frame, site);
    return text === null ? null : map(text);
  };
}

/** Removes every U+0020 space, and only that character (§3 StripSpaces). */
export const StripSpaces: EagerFunction = {
  name: 'StripSpaces',
  summary: 'source without its space characters',
  params: [{ name: 'source' }],
  call: mapSource((text) => text.replaceAll(' ', '')),
  text(options, source) {
    const text = (source as string | null) ?? nullSourceText(options);
    return text === null ? null : text.replaceAll(' ', '');
  },
};

/**
 * .NET `Char.IsWhiteSpace`: the Zs, Zl and Zp categories, U+0009–U+000D and U+0085. Unlike
 * JavaScript's `trim`, U+FEFF is not white space and U+0085 is.
 */
const dotnetWhiteSpace = /^[\t\n\v\f\r\u0085\p{Zs}\u2028\u2029]+|[\t\n\v\f\r\u0085\p{Zs}\u2028\u2029]+$/gu;

/**
 * Leading and trailing white space removed (.NET `String.Trim`). Not in the function reference,
 * but Microsoft's own default mappings for Entra-to-AD provisioning (Cloud Sync, same expression
 * engine) use it: `Append(Append(Left(Trim([displayName]), 51), "_"), Mid([objectId], 25, 12))`.
 * A null source follows `nullStringArgument` like StripSpaces.
 */
export const Trim: EagerFunction = {
  name: 'Trim',
  summary: 'source without leading and trailing white space',
  params: [{ name: 'source' }],
  call: mapSource((text) => text.replace(dotnetWhiteSpace, '')),
};

function culture(value: Value | undefined, site: CallSite): string | undefined {
  const name = textOf(value, site, 1);
  if (name === null) return undefined;
  try {
    return cultureOf(name);
  } catch {
    return evalError('EXPR_EVAL_INVALID_ARGUMENT', `culture "${name}" is not a valid culture name`, site, 1, 'use an RFC 4646 name such as en-US or ja-JP, or leave the slot empty for the invariant culture');
  }
}

function caseFunction(name: 'ToLower' | 'ToUpper', map: (text: string, culture?: string) => string): EagerFunction {
  return {
    name,
    summary: `source in ${name === 'ToLower' ? 'lower' : 'upper'} case (culture-aware; invariant culture when none is given)`,
    params: [{ name: 'source' }, { name: 'culture', optional: true }],
    call(args, frame, site) {
      const text = sourceText(args[0], frame, site);
      if (text === null) return null;
      return map(text, args.length > 1 ? culture(args[1], site) : undefined);
    },
    // A culture name may be invalid (an error): left to `call`. A null one is the invariant culture.
    text(options, source, culture) {
      if (typeof culture === 'string') return undefined;
      const text = (source as string | null) ?? nullSourceText(options);
      return text === null ? null : map(text);
    },
  };
}

/** Invariant culture when none is given (§3 ToLower/ToUpper). */
export const ToLower = caseFunction('ToLower', lowerCase);
export const ToUpper = caseFunction('ToUpper', upperCase);

/** Converts a number, reference or Boolean to its text (§3 CStr); null stays null. */
export const CStr: EagerFunction = {
  name: 'CStr',
  summary: 'value as text',
  params: [{ name: 'value' }],
  call(args, _frame, site) {
    return textOf(args[0], site, 0);
  },
};

/**
 * 1-based position of value2 in value1 at or after start; 0 when absent (§3 InStr, VB rules:
 * an empty value1 gives 0, an empty value2 gives start, start past the end gives 0).
 */
export const InStr: EagerFunction = {
  name: 'InStr',
  intArgs: [2],
  summary: '1-based position of value2 in value1, 0 when absent',
  params: [{ name: 'value1' }, { name: 'value2' }, { name: 'start', optional: true }, { name: 'compareType', optional: true }],
  call(args, frame, site) {
    const haystack = sourceText(args[0], frame, site, 0);
    if (haystack === null) return null;
    const needle = textOrEmpty(args[1], site, 1);
    const start = args[2] === undefined ? 1 : intOf(args[2], site, 2, 'start');
    if (start < 1) return evalError('EXPR_EVAL_INVALID_ARGUMENT', `argument 3 (start) must be 1 or more but is ${start}`, site, 2);
    const text = compareMode(args[3], frame.ctx.options.instrDefaultCompare, site) === 'text';
    // Microsoft.VisualBasic InStr: a start one past the end still finds the empty string there
    // (InStr(4, "abc", "") = 4); a start beyond that, or an empty value1, gives 0.
    if (haystack === '') return 0n;
    if (start - 1 > haystack.length) return 0n;
    if (needle === '') return BigInt(start);
    const found = text ? lowerCase(haystack).indexOf(lowerCase(needle), start - 1) : haystack.indexOf(needle, start - 1);
    return BigInt(found + 1);
  },
};

function compareMode(value: Value | undefined, fallback: 'binary' | 'text', site: CallSite): 'binary' | 'text' {
  if (value === undefined || value === null) return fallback;
  const s = single(value, site, 3);
  const text = s === null ? '' : renderScalar(s);
  // VB constants: vbBinaryCompare = 0, vbTextCompare = 1.
  if (text === 'vbBinaryCompare' || text === '0') return 'binary';
  if (text === 'vbTextCompare' || text === '1') return 'text';
  return evalError('EXPR_EVAL_INVALID_ARGUMENT', `argument 4 (compareType) must be vbBinaryCompare or vbTextCompare but is "${text}"`, site, 3);
}

const letter = /\p{L}/u;
/** ToTitleCase's word separators: spaces, controls, format, punctuation and symbols (§3 PCase). */
const separator = /[\p{Z}\p{Cc}\p{Cf}\p{Pc}\p{Pd}\p{Ps}\p{Pe}\p{Pi}\p{Pf}\p{Po}\p{Sm}\p{Sc}\p{Sk}\p{So}]/u;

/**
 * The letters whose title case is not their upper case: ToTitleCase writes the Latin digraphs in
 * title case (`ǆemal` → `ǅemal`, not `Ǆemal`).
 */
const titleCaseDigraphs: Readonly<Record<string, string>> = Object.fromEntries(
  [
    ['\u01C4\u01C5\u01C6', '\u01C5'],
    ['\u01C7\u01C8\u01C9', '\u01C8'],
    ['\u01CA\u01CB\u01CC', '\u01CB'],
    ['\u01F1\u01F2\u01F3', '\u01F2'],
  ].flatMap(([forms, title]) => [...forms!].map((form) => [form, title!])),
);

/**
 * Without separators, .NET ToTitleCase's word rules: a word starts at a letter and runs until a
 * separator character; the apostrophe belongs to the word (the `pcaseApostrophe` setting).
 * Unlike ToTitleCase, ALL-CAPS words are re-capitalised too (`PABLO` → `Pablo`, §3 PCase).
 */
function titleCaseDefault(text: string, apostropheInWord: boolean): string {
  const chars = [...text];
  let out = '';
  let i = 0;
  while (i < chars.length) {
    const ch = chars[i]!;
    i++;
    if (!letter.test(ch)) {
      out += ch;
      continue;
    }
    out += titleCaseDigraphs[ch] ?? upperCase(ch);
    while (i < chars.length) {
      const c = chars[i]!;
      if (!letter.test(c) && !(c === "'" && apostropheInWord) && separator.test(c)) break;
      out += lowerCase(c);
      i++;
    }
  }
  return out;
}

/** With separators, only those characters separate words. */
function titleCaseWith(text: string, separators: string): string {
  let out = '';
  let start = true;
  for (const ch of text) {
    if (separators.includes(ch)) {
      out += ch;
      start = true;
    } else {
      out += start ? upperCase(ch) : lowerCase(ch);
      start = false;
    }
  }
  return out;
}

export const PCase: EagerFunction = {
  name: 'PCase',
  summary: 'each word capitalised, the rest in lower case',
  params: [{ name: 'source' }, { name: 'wordSeparators', optional: true }],
  call(args, frame, site) {
    const text = sourceText(args[0], frame, site);
    if (text === null) return null;
    const separators = args[1] === undefined ? null : textOf(args[1], site, 1);
    return separators === null ? titleCaseDefault(text, frame.ctx.options.pcaseApostrophe === 'word') : titleCaseWith(text, separators);
  },
};

/** The documented table of diacritics replaced by plain letters (§3 NormalizeDiacritics): Zoë → Zoe, ø → oe, ß → ss. */
export const NormalizeDiacritics: EagerFunction = {
  name: 'NormalizeDiacritics',
  summary: 'source with the documented diacritics replaced by plain letters',
  params: [{ name: 'source' }],
  call(args, frame, site) {
    const text = sourceText(args[0], frame, site);
    return text === null ? null : normalizeDiacritics(text, frame.ctx.options.diacriticsOutsideTable);
  },
  text(options, source) {
    const text = (source as string | null) ?? nullSourceText(options);
    return text === null ? null : normalizeDiacritics(text, options.diacriticsOutsideTable);
  },
};

/** Base64 of the UTF-16LE ("Unicode") bytes (§3 ConvertToBase64). */
export const ConvertToBase64: EagerFunction = {
  name: 'ConvertToBase64',
  summary: 'Base64 of the UTF-16LE bytes of source',
  params: [{ name: 'source' }],
  call(args, frame, site) {
    const text = sourceText(args[0], frame, site);
    return text === null ? null : Buffer.from(text, 'utf16le').toString('base64');
  },
};

/** Upper-case hex of the UTF-8 bytes, no separators (§3 ConvertToUTF8Hex). */
export const ConvertToUTF8Hex: EagerFunction = {
  name: 'ConvertToUTF8Hex',
  summary: 'upper-case hex of the UTF-8 bytes of source',
  params: [{ name: 'source' }],
  call(args, frame, site) {
    const text = sourceText(args[0], frame, site);
    return text === null ? null : Buffer.from(text, 'utf8').toString('hex').toUpperCase();
  },
};

export const textFunctions = [Append, Join, Left, Mid, Word, StripSpaces, Trim, ToLower, ToUpper, CStr, InStr, PCase, NormalizeDiacritics, ConvertToBase64, ConvertToUTF8Hex];
