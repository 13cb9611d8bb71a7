/**
 * .NET custom date/time format strings on date-fns (entra-semantics.md §3 FormatDateTime, §10).
 *
 * A .NET format is tokenised once and translated, token by token, into a date-fns pattern plus a
 * strict regular expression. The regex enforces .NET's exact-parse widths before date-fns parses
 * (date-fns reads `hh` as one or two digits; .NET's ParseExact demands two), and captures the
 * offset so it can be kept. Invariant culture: `/` and `:` are literal, `AM`/`PM` designators.
 */

/** How one .NET token maps onto date-fns. */
interface TokenSpec {
  /** date-fns pattern token. */
  readonly fns: string;
  /** Strict regex for exact parsing. */
  readonly re: string;
  /** An offset token: its text is captured (and can be re-rendered in the input's offset). */
  readonly offset?: 'zz' | 'zzz' | 'K';
  /** Two-digit year: parse with .NET's century window (1950–2049). */
  readonly twoDigitYear?: boolean;
  /** A day name: its text is captured so the parsed date can be checked against it. */
  readonly weekday?: boolean;
  /** A fraction of more than three digits (`ffff`…): finer than the milliseconds date-fns keeps. */
  readonly subMs?: boolean;
}

/** .NET token (letter repeated n times) → date-fns. Missing entries are unsupported. */
const tokenTable: Readonly<Record<string, TokenSpec>> = {
  d: { fns: 'd', re: '\\d{1,2}' },
  dd: { fns: 'dd', re: '\\d{2}' },
  ddd: { fns: 'EEE', re: '[A-Za-z]{3}', weekday: true },
  dddd: { fns: 'EEEE', re: '[A-Za-z]+', weekday: true },
  M: { fns: 'M', re: '\\d{1,2}' },
  MM: { fns: 'MM', re: '\\d{2}' },
  MMM: { fns: 'MMM', re: '[A-Za-z]{3}' },
  MMMM: { fns: 'MMMM', re: '[A-Za-z]+' },
  yy: { fns: 'yy', re: '\\d{2}', twoDigitYear: true },
  yyy: { fns: 'yyy', re: '\\d{3,4}' },
  yyyy: { fns: 'yyyy', re: '\\d{4}' },
  yyyyy: { fns: 'yyyyy', re: '\\d{5}' },
  h: { fns: 'h', re: '\\d{1,2}' },
  hh: { fns: 'hh', re: '\\d{2}' },
  H: { fns: 'H', re: '\\d{1,2}' },
  HH: { fns: 'HH', re: '\\d{2}' },
  m: { fns: 'm', re: '\\d{1,2}' },
  mm: { fns: 'mm', re: '\\d{2}' },
  s: { fns: 's', re: '\\d{1,2}' },
  ss: { fns: 'ss', re: '\\d{2}' },
  tt: { fns: 'a', re: '[AaPp][Mm]' },
  zz: { fns: 'x', re: '[+-]\\d{2}', offset: 'zz' },
  zzz: { fns: 'xxx', re: '[+-]\\d{2}:\\d{2}', offset: 'zzz' },
  // K reads `Z`, an offset or nothing at all (.NET: "a blank, the Z character or a local offset").
  K: { fns: 'XXX', re: '(?:Z|[+-]\\d{2}:\\d{2})?', offset: 'K' },
  ...Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((n) => [`f`.repeat(n), { fns: 'S'.repeat(n), re: `\\d{${n}}`, ...(n > 3 ? { subMs: true } : {}) }])),
};

/** Letters that are format specifiers in .NET (anything else is a literal). */
const specifierLetters = new Set([...'dfFghHKmMstyz']);

/** A translated format. */
export interface DotnetFormat {
  /** Parts in order: date-fns tokens and literals. */
  readonly parts: readonly ({ kind: 'token'; spec: TokenSpec } | { kind: 'literal'; text: string })[];
  /** Strict parse regex (anchored); the first offset token is the group `offset`, the first day name `weekday`. */
  readonly regex: RegExp;
  /** Whether the format writes a two-digit year. */
  readonly twoDigitYear: boolean;
  /** Whether the format has any date part (day, month or year). */
  readonly hasDate: boolean;
  /** Whether the format has a fraction of more than three digits (`ffff`…`fffffff`). */
  readonly hasSubMs: boolean;
}

export class DotnetFormatError extends Error {}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

/**
 * The .NET standard formats that mean the same pattern in every culture, as their custom patterns
 * (a UTC host: `u` and `r` then need no conversion).
 */
const invariantStandardFormats: Readonly<Record<string, string>> = {
  o: "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK",
  O: "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK",
  s: "yyyy'-'MM'-'dd'T'HH':'mm':'ss",
  u: "yyyy'-'MM'-'dd HH':'mm':'ss'Z'",
  r: "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'",
  R: "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'",
};
/** One-letter .NET standard formats (`d` short date, `o` round trip, `s` sortable…). */
const standardFormatLetters = new Set([...'dDfFgGmMoOrRstTuUyY']);

/**
 * A one-character format: a culture-invariant standard format becomes its custom pattern; the
 * others are errors, never literal text (.NET would not write `o` for the format "o").
 */
function translateStandardFormat(format: string): DotnetFormat {
  const pattern = invariantStandardFormats[format];
  if (pattern !== undefined) return translateDotnetFormat(pattern);
  const custom = specifierLetters.has(format) ? `; write "%${format}" for the custom specifier` : '';
  if (!standardFormatLetters.has(format)) throw new DotnetFormatError(`"${format}" is not a .NET standard format${custom}`);
  throw new DotnetFormatError(
    `"${format}" alone is a .NET standard format whose pattern depends on the culture; write the custom pattern out (for example M/d/yyyy h:mm:ss tt)${custom}`,
  );
}

/** Tokenises and translates a .NET custom format string. Throws DotnetFormatError. */
export function translateDotnetFormat(format: string): DotnetFormat {
  if (format === '') throw new DotnetFormatError('the format is empty');
  // .NET reads every one-character format as a standard format, never as custom text.
  if (format.length === 1) return translateStandardFormat(format);
  const parts: DotnetFormat['parts'][number][] = [];
  const literal = (text: string) => {
    const last = parts[parts.length - 1];
    if (last?.kind === 'literal') parts[parts.length - 1] = { kind: 'literal', text: last.text + text };
    else parts.push({ kind: 'literal', text });
  };
  let i = 0;
  while (i < format.length) {
    let c = format[i]!;
    if (c === "'" || c === '"') {
      const close = format.indexOf(c, i + 1);
      if (close < 0) throw new DotnetFormatError(`the quoted literal at position ${i + 1} is never closed`);
      literal(format.slice(i + 1, close).replace(/\\(.)/g, '$1'));
      i = close + 1;
      continue;
    }
    if (c === '\\') {
      if (i + 1 >= format.length) throw new DotnetFormatError('the format ends with a lone backslash');
      literal(format[i + 1]!);
      i += 2;
      continue;
    }
    let single = false;
    if (c === '%' && i + 1 < format.length) {
      single = true;
      i++;
      c = format[i]!;
    }
    if (specifierLetters.has(c)) {
      let n = 1;
      while (!single && format[i + n] === c) n++;
      const key = c === 'K' ? 'K' : c.repeat(c === 'd' || c === 'M' ? Math.min(n, 4) : n);
      const spec = tokenTable[key];
      if (!spec) throw new DotnetFormatError(`format token "${c.repeat(n)}" is not supported`);
      parts.push({ kind: 'token', spec });
      i += n;
      continue;
    }
    literal(c);
    i++;
  }
  let source = '^';
  const named = new Set<string>();
  for (const part of parts) {
    if (part.kind === 'literal') {
      source += escapeRegex(part.text);
      continue;
    }
    const name = part.spec.offset ? 'offset' : part.spec.weekday ? 'weekday' : part.spec.subMs ? 'fraction' : undefined;
    source += name && !named.has(name) ? `(?<${name}>${part.spec.re})` : `(?:${part.spec.re})`;
    if (name) named.add(name);
  }
  return {
    parts,
    regex: new RegExp(`${source}$`),
    twoDigitYear: parts.some((p) => p.kind === 'token' && p.spec.twoDigitYear === true),
    hasDate: parts.some((p) => p.kind === 'token' && /^[dMyE]/.test(p.spec.fns)),
    hasSubMs: parts.some((p) => p.kind === 'token' && p.spec.subMs === true),
  };
}

/** The format without its `K` tokens: what is left to parse when `K` read nothing. */
export function withoutKindTokens(format: DotnetFormat): DotnetFormat {
  return { ...format, parts: format.parts.filter((p) => p.kind === 'literal' || p.spec.offset !== 'K') };
}

/** Whether the format has a `K` token. */
export function hasKindToken(format: DotnetFormat): boolean {
  return format.parts.some((p) => p.kind === 'token' && p.spec.offset === 'K');
}

/** Text written in place of tokens that date-fns cannot write from a UTC date alone. */
export interface WrittenTokens {
  /** `K`: `Z` for a UTC DateTime, the local offset for a local one, nothing otherwise (.NET). */
  readonly kind?: string;
  /** The seven-digit fraction of a second, for `ffff`…`fffffff` (date-fns keeps milliseconds). */
  readonly fraction?: string;
}

/**
 * The date-fns pattern for a translated format. With `offset` (minutes), offset tokens are written
 * as that fixed offset instead of the date's own (+00:00); `written` gives the text of `K` and of
 * the sub-millisecond fractions.
 */
export function dateFnsPattern(format: DotnetFormat, offset?: number, written: WrittenTokens = {}): string {
  let out = '';
  let text = '';
  const flush = () => {
    if (text) out += `'${text.replace(/'/g, "''")}'`;
    text = '';
  };
  for (const part of format.parts) {
    if (part.kind === 'literal') text += part.text;
    else if (offset !== undefined && part.spec.offset) text += renderOffset(offset, part.spec.offset);
    else if (written.kind !== undefined && part.spec.offset === 'K') text += written.kind;
    else if (written.fraction !== undefined && part.spec.subMs) text += written.fraction.slice(0, part.spec.fns.length);
    else {
      flush();
      out += part.spec.fns;
    }
  }
  flush();
  return out;
}

/** `-480` → `-08:00` (zzz), `-08` (zz), `Z` for 0 with K. */
export function renderOffset(minutes: number, token: 'zz' | 'zzz' | 'K'): string {
  if (token === 'K' && minutes === 0) return 'Z';
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return token === 'zz' ? `${sign}${hh}` : `${sign}${hh}:${mm}`;
}
