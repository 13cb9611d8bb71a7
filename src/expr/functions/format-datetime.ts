/**
 * FormatDateTime (entra-semantics.md §3, §10): parses `source` exactly with the .NET custom format
 * `inputFormat` and writes it with `outputFormat`. Four-argument form
 * `FormatDateTime(source, dateTimeStyles, inputFormat, outputFormat)` and the legacy three-argument
 * form `FormatDateTime(source, inputFormat, outputFormat)` (Graph schema, SuccessFactors guide).
 */
import { format as formatDate, parse as parseDate } from 'date-fns';
import { UTCDate } from '@date-fns/utc';
import { evalError, single, textOf } from '../coerce.js';
import { compileDateFormat, compileDateParse, type DateFormatPlan, type DateParsePlan } from '../date-fns-plan.js';
import { inDateRange, minDateMs, msPerDay, msPerMinute, parseOffset } from '../datetime.js';
import { dateFnsPattern, DotnetFormatError, hasKindToken, translateDotnetFormat, withoutKindTokens, type DotnetFormat } from '../dotnet-format.js';
import { DateTime, renderScalar } from '../value.js';
import type { CallSite, EagerFunction, Frame } from './types.js';

/** .NET DateTimeStyles names. On a UTC host the kind/zone styles do not move the instant. */
const styleNames = [
  'None',
  'AllowLeadingWhite',
  'AllowTrailingWhite',
  'AllowInnerWhite',
  'AllowWhiteSpaces',
  'NoCurrentDateDefault',
  'AdjustToUniversal',
  'AssumeLocal',
  'AssumeUniversal',
  'RoundtripKind',
] as const;
type Style = (typeof styleNames)[number];
const stylesByLower = new Map(styleNames.map((s) => [s.toLowerCase(), s]));
/** Documented default when the slot is empty: RoundtripKind, AllowLeadingWhite, AllowTrailingWhite. */
const defaultStyles: ReadonlySet<Style> = new Set<Style>(['RoundtripKind', 'AllowLeadingWhite', 'AllowTrailingWhite']);

function parseStyles(text: string | null, site: CallSite): ReadonlySet<Style> {
  if (text === null || text.trim() === '') return defaultStyles;
  const out = new Set<Style>();
  for (const raw of text.split(/[\s,|]+/).filter(Boolean)) {
    const style = stylesByLower.get(raw.replace(/^DateTimeStyles\./i, '').toLowerCase());
    if (!style) return evalError('EXPR_EVAL_INVALID_ARGUMENT', `dateTimeStyles "${raw}" is not a DateTimeStyles name`, site, 1, `use ${styleNames.join(', ')}`);
    if (style === 'AllowWhiteSpaces') ['AllowLeadingWhite', 'AllowTrailingWhite', 'AllowInnerWhite'].forEach((s) => out.add(s as Style));
    out.add(style);
  }
  return out;
}

/**
 * A translated format: its date-fns pattern, and the compiled plans that parse and write it as
 * date-fns would (undefined where date-fns itself must do it; see date-fns-plan.ts).
 */
interface TranslatedFormat {
  readonly format: DotnetFormat;
  readonly pattern: string;
  readonly parse: DateParsePlan | undefined;
  readonly write: DateFormatPlan | undefined;
  /** Whether the format has a `K` token (written per DateTimeKind; optional when parsing). */
  readonly hasKind: boolean;
  /** The format without its `K` tokens, parsed when `K` read nothing. */
  readonly withoutKind: TranslatedFormat | undefined;
}

/**
 * The DateTimeKind .NET gives the value, as `K` writes it on a UTC host: `Z` (Utc), `+00:00`
 * (Local) or nothing (Unspecified).
 */
type KindText = 'Z' | '+00:00' | '';

function translated(format: DotnetFormat): TranslatedFormat {
  const pattern = dateFnsPattern(format);
  const hasKind = hasKindToken(format);
  return { format, pattern, parse: compileDateParse(pattern), write: compileDateFormat(pattern), hasKind, withoutKind: hasKind ? translated(withoutKindTokens(format)) : undefined };
}

/** Translated formats by format text. */
const formatCache = new Map<string, TranslatedFormat | DotnetFormatError>();

function formatOf(text: string, site: CallSite, index: number): TranslatedFormat {
  let entry = formatCache.get(text);
  if (!entry) {
    try {
      entry = translated(translateDotnetFormat(text));
    } catch (error) {
      entry = error instanceof DotnetFormatError ? error : new DotnetFormatError(String(error));
    }
    if (formatCache.size > 500) formatCache.clear();
    formatCache.set(text, entry);
  }
  if (entry instanceof DotnetFormatError) {
    return evalError('EXPR_EVAL_INVALID_FORMAT', `argument ${index + 1} "${text}" is not a valid format: ${entry.message}`, site, index, 'use .NET custom format tokens such as yyyy-MM-dd HH:mm:ss');
  }
  return entry;
}

export const FormatDateTime: EagerFunction = {
  name: 'FormatDateTime',
  summary: 'source parsed with the .NET inputFormat and written with outputFormat',
  params: [{ name: 'source' }, { name: 'dateTimeStyles', optional: true }, { name: 'inputFormat' }, { name: 'outputFormat', optional: true }],
  signature: 'FormatDateTime(source, [dateTimeStyles], inputFormat, outputFormat) or FormatDateTime(source, inputFormat, outputFormat)',
  validate(node, fail) {
    if (node.args.length === 3 && node.args[1]!.kind === 'empty') {
      fail('the three-argument form FormatDateTime(source, inputFormat, outputFormat) needs inputFormat', 1, 'or use FormatDateTime(source, , inputFormat, outputFormat)');
    }
    if (node.args.length === 4 && node.args[3]!.kind === 'empty') fail("FormatDateTime's argument 4 (outputFormat) is required", 3);
  },
  call(args, frame, site) {
    const legacy = args.length === 3;
    const inputIndex = legacy ? 1 : 2;
    const outputIndex = legacy ? 2 : 3;
    const styles = legacy ? defaultStyles : parseStyles(textOf(args[1], site, 1), site);
    const input = formatOf(textOf(args[inputIndex], site, inputIndex) ?? '', site, inputIndex);
    const output = formatOf(textOf(args[outputIndex], site, outputIndex) ?? '', site, outputIndex);

    const source = single(args[0], site, 0);
    let instant: number;
    let offset: number | undefined;
    // CDate, Now and DateAdd give UTC DateTimes.
    let kind: KindText = 'Z';
    let subMsTicks = 0;
    if (source instanceof DateTime && frame.ctx.options.formatDateTimeDateInput === 'direct') {
      instant = source.ms;
      subMsTicks = source.subMsTicks;
    } else {
      let text: string;
      if (source === null) {
        if (frame.ctx.options.nullStringArgument === 'null') return null;
        text = '';
      } else text = renderScalar(source);
      const parsed = parseExact(text, input, styles, frame, site);
      instant = parsed.ms;
      offset = parsed.offset;
      kind = parsed.kind;
      subMsTicks = parsed.subMsTicks;
    }
    // date-fns keeps milliseconds: finer fraction digits (FILETIMEs, `fffffff` input) are written here.
    const fraction = output.format.hasSubMs && subMsTicks !== 0 ? String(((instant % 1000) + 1000) % 1000).padStart(3, '0') + String(subMsTicks).padStart(4, '0') : undefined;
    if (offset !== undefined && frame.ctx.options.formatDateTimeOffset === 'keep') {
      const pattern = dateFnsPattern(output.format, offset, { fraction });
      const write = keptOffsetWriter(pattern);
      const shifted = instant + offset * msPerMinute;
      return write ? write(shifted) : formatDate(new UTCDate(shifted), pattern);
    }
    if ((output.hasKind && kind !== 'Z') || fraction !== undefined) {
      const pattern = dateFnsPattern(output.format, undefined, { kind: output.hasKind && kind !== 'Z' ? kind : undefined, fraction });
      const write = keptOffsetWriter(pattern);
      return write ? write(instant) : formatDate(new UTCDate(instant), pattern);
    }
    return output.write ? output.write(instant) : formatDate(new UTCDate(instant), output.pattern);
  },
};

/** Format plans of output patterns with a kept offset written in (one per format and offset). */
const keptOffsetPlans = new Map<string, DateFormatPlan | undefined>();

function keptOffsetWriter(pattern: string): DateFormatPlan | undefined {
  if (keptOffsetPlans.has(pattern)) return keptOffsetPlans.get(pattern);
  const plan = compileDateFormat(pattern);
  if (keptOffsetPlans.size > 500) keptOffsetPlans.clear();
  keptOffsetPlans.set(pattern, plan);
  return plan;
}

/** Invariant-culture day names (full and abbreviated, lower case) by JavaScript's getUTCDay(). */
const dayNames = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'].map((name) => [name, name.slice(0, 3)]);

/** Whether the text starts or ends with a character that `\s` might match (else trimming is a no-op). */
function mayHaveOuterWhite(text: string): boolean {
  if (text === '') return false;
  const first = text.charCodeAt(0);
  const last = text.charCodeAt(text.length - 1);
  return !(first > 32 && first < 127) || !(last > 32 && last < 127);
}

/** .NET ParseExact: whitespace per styles, exact token widths, then date-fns (or its compiled plan) parses. */
function parseExact(raw: string, translatedInput: TranslatedFormat, styles: ReadonlySet<Style>, frame: Frame, site: CallSite): { ms: number; offset: number | undefined; kind: KindText; subMsTicks: number } {
  const format = translatedInput.format;
  let text = raw;
  if (mayHaveOuterWhite(text)) {
    if (styles.has('AllowLeadingWhite')) text = text.replace(/^\s+/, '');
    if (styles.has('AllowTrailingWhite')) text = text.replace(/\s+$/, '');
  }
  if (styles.has('AllowInnerWhite')) text = text.replace(/\s+/g, ' ');
  const fail = (why: string): never =>
    evalError('EXPR_EVAL_INVALID_DATE', `source "${raw}" does not match the input format: ${why}`, site, 0, 'check the source value against inputFormat; .NET parsing is exact (hh needs two digits)');
  const match = format.regex.exec(text);
  if (!match) return fail('its shape differs');
  const offsetText = match.groups?.['offset'] || undefined;
  // A K that read nothing leaves the rest to parse.
  const input = translatedInput.withoutKind && offsetText === undefined ? translatedInput.withoutKind : translatedInput;
  // Missing date parts default to today (the injected clock), or 0001-01-01 with NoCurrentDateDefault;
  // a two-digit year uses .NET's window 1950–2049.
  let reference = styles.has('NoCurrentDateDefault') && !format.hasDate ? minDateMs : Math.floor(frame.ctx.clock.now() / msPerDay) * msPerDay;
  if (format.twoDigitYear) reference = Date.UTC(2000, 0, 1);
  const ms = input.parse ? input.parse(text, reference) : parseDate(text, input.pattern, new UTCDate(reference)).getTime();
  if (Number.isNaN(ms)) return fail('a field is out of range');
  if (!inDateRange(ms)) return fail('it is outside the years 1–9999');
  const offset = offsetText === undefined ? undefined : parseOffset(offsetText.length === 3 ? `${offsetText}:00` : offsetText);
  // .NET's ParseExact rejects a day name that is not the day of the week of the date as written
  // (before any offset is applied).
  const weekday = match.groups?.['weekday'];
  if (weekday !== undefined && !dayNames[new Date(ms + (offset ?? 0) * msPerMinute).getUTCDay()]!.includes(weekday.toLowerCase())) {
    return fail(`${weekday} is not the day of the week of that date`);
  }
  // .NET's DateTimeKind (UTC host): AdjustToUniversal makes it Utc; an offset makes it Local, but
  // `Z` under RoundtripKind stays Utc; with no offset it is Unspecified unless a style assumes a zone.
  let kind: KindText;
  if (styles.has('AdjustToUniversal')) kind = 'Z';
  else if (offsetText !== undefined) kind = offsetText === 'Z' && styles.has('RoundtripKind') ? 'Z' : '+00:00';
  else kind = styles.has('AssumeUniversal') || styles.has('AssumeLocal') ? '+00:00' : '';
  // Fraction digits past the milliseconds, as 100-ns ticks (0–9999).
  const digits = match.groups?.['fraction'];
  const subMsTicks = digits === undefined ? 0 : Number(digits.padEnd(7, '0').slice(3));
  return { ms, offset, kind, subMsTicks };
}

export const formatFunctions = [FormatDateTime];
