/**
 * Expression-engine settings for behaviour the Entra docs leave open (entra-semantics.md §13).
 * Each option documents its default and why; docs/expressions.md explains them at length and
 * schema/settings.schema.json publishes them (a test checks the two agree).
 */
export interface ExpressionOptions {
  /**
   * Whether function names (and the bare keywords) must use the documented casing (`Switch`) or
   * may use any casing (`switch`). The docs call the syntax case-sensitive but print `switch(` in
   * one caution box (§13 ?5).
   * @default 'insensitive'
   */
  functionNameCase: 'sensitive' | 'insensitive';
  /**
   * A backslash in a string literal before anything other than `\` or `"` (§13 ?6). `keep` keeps
   * the backslash and the character (a documented example writes `"\+"` for a regex and expects
   * it to reach the regex engine unchanged); `drop` keeps only the character; `error` rejects it.
   * @default 'keep'
   */
  unknownEscape: 'keep' | 'drop' | 'error';
  /**
   * What IIF does when an attribute its condition reads is null or `""` (§2.4.3, §13 ?8). The
   * function reference says "the condition check fails"; other Microsoft pages use exactly those
   * forms successfully (entra-docs#120). `evaluate` evaluates the condition normally (null reads as
   * `""` in a comparison); `false` takes the false branch; `error` fails the object.
   * @default 'evaluate'
   */
  iifNullCondition: 'evaluate' | 'false' | 'error';
  /**
   * Whether Coalesce skips `""` like null (§13 ?9). The function reference says it returns the
   * first non-null argument; one AI-assisted guide shows it skipping `""`.
   * @default false
   */
  coalesceSkipsEmpty: boolean;
  /**
   * A null (absent) string argument to a string function whose null rule is not documented:
   * Append, Replace, ToLower, ToUpper, PCase, StripSpaces, Trim, NormalizeDiacritics, ConvertToBase64,
   * ConvertToUTF8Hex, FormatDateTime, Split, InStr (§13 ?10). `null`: the result is null (the
   * attribute is not flowed, like a null direct mapping); `empty`: the null reads as `""`.
   * Left, Mid and Word return `""` for null as documented, whatever this says.
   * @default 'null'
   */
  nullStringArgument: 'null' | 'empty';
  /**
   * Whether Split trims white space around each part (§13 ?11). The documented example prints
   * `["PermissionSetOne", "PermissionSetTwo"]` for `"PermissionSetOne, PermissionSetTwo"` split on
   * `","`: either the service trims or the doc is sloppy (§12.5). .NET's Split does not trim.
   * @default false
   */
  splitTrim: boolean;
  /**
   * Mid when `start` is past the end of the string (§13 ?12). `empty` returns `""` (the reference's
   * "substring from start until the end"); `input` returns the whole input (Connect Sync's rule,
   * which turns the one-letter name `A` into `Aa` in the `Mid([n],1,1)`+`Mid([n],2,64)` idiom).
   * @default 'empty'
   */
  midStartBeyondEnd: 'empty' | 'input';
  /**
   * Item with an index below 1 or past the last value (§13 ?12): `null` (nothing flows) or
   * `error` (Connect Sync throws).
   * @default 'null'
   */
  itemOutOfRange: 'null' | 'error';
  /**
   * Whether Word counts the empty "words" between consecutive delimiters (§13 ?26). `skip`
   * ignores them (`Word("a,,b",2,",")` = `b`), `count` counts them (= `""`).
   * @default 'skip'
   */
  wordEmptyTokens: 'skip' | 'count';
  /**
   * What Switch returns when nothing matches and the default slot is empty (§13 ?13): `null`
   * (nothing flows) or `""`.
   * @default 'null'
   */
  switchMissingDefault: 'null' | 'empty';
  /**
   * How string comparisons `=` and `<>` treat two integers written differently (`"01"` vs `1`)
   * (§13 ?35). `ordinal` compares the text (case-sensitive, like Switch); `numeric` compares two
   * integer-looking operands as numbers. `>`, `>=`, `<`, `<=` always compare integers
   * numerically and dates chronologically.
   * @default 'ordinal'
   */
  equality: 'ordinal' | 'numeric';
  /**
   * Casing of the Boolean strings read by Not, CBool and IIF (§13 ?37). `insensitive` accepts
   * `True`/`true`/`TRUE` (.NET Boolean.Parse); `sensitive` only `True` and `False`.
   * @default 'insensitive'
   */
  booleanCase: 'insensitive' | 'sensitive';
  /**
   * CBool on a string that is neither a Boolean nor a number (§13 ?24). `false` follows the
   * reference's "non-zero ⇒ True, else False"; `error` follows VB's CBool, which throws.
   * @default 'false'
   */
  cboolInvalid: 'false' | 'error';
  /**
   * Whether the interval tokens of DateAdd/DateDiff ignore case (`D` = `d`) (§13 ?17). VB.NET's
   * DateAdd/DateDiff, which the documented results match, ignore case.
   * @default 'insensitive'
   */
  intervalCase: 'insensitive' | 'sensitive';
  /**
   * How DateDiff counts days (`d`, `y`) (§3 DateDiff). `elapsed`: whole 24-hour periods truncated
   * toward zero (VB.NET `Fix(TotalDays)`); `calendar`: midnights crossed (VBA). The documented
   * table cannot tell them apart; they differ only when the times of day straddle midnight.
   * @default 'elapsed'
   */
  dateDiffDays: 'elapsed' | 'calendar';
  /**
   * Dates written without an offset (CDate, NumFromDate, DateAdd on text) (§13 ?16, ?18): `utc`
   * reads them as UTC (the service runs in UTC); `error` rejects them.
   * @default 'utc'
   */
  dateWithoutOffset: 'utc' | 'error';
  /**
   * FormatDateTime on input that carries an offset (`2021-06-30+08:00` with `yyyy-MM-ddzzz`)
   * (§13 ?15). `utc` converts it to UTC before formatting (what .NET's ParseExact does on a UTC
   * host: offset input becomes local time); `keep` formats the wall-clock time as written.
   * @default 'utc'
   */
  formatDateTimeOffset: 'utc' | 'keep';
  /**
   * FormatDateTime whose source is a DateTime value (Now(), DateAdd(…)) (§13 ?14). `render`
   * turns it into its text (`M/d/yyyy h:mm:ss tt`) and parses that with inputFormat, so
   * `hh` fails on one-digit hours as it would in .NET; `direct` uses the instant and ignores
   * inputFormat.
   * @default 'render'
   */
  formatDateTimeDateInput: 'render' | 'direct';
  /**
   * Whether PCase without wordSeparators treats the ASCII apostrophe as part of the word
   * (`O'neil`, what .NET ToTitleCase does) or as a separator (`O'Neil`) (§13 ?19).
   * @default 'word'
   */
  pcaseApostrophe: 'word' | 'separator';
  /**
   * NormalizeDiacritics on characters outside the documented table (đ, ŵ, ẹ…) (§13 ?20): `keep`
   * passes them through; `stripMarks` also removes combining marks from anything left.
   * @default 'keep'
   */
  diacriticsOutsideTable: 'keep' | 'stripMarks';
  /**
   * Whether RemoveDuplicates compares values ordinally or ignoring case (§13 ?22). It always
   * keeps the first occurrence and the original order.
   * @default 'ordinal'
   */
  removeDuplicatesCase: 'ordinal' | 'ignoreCase';
  /**
   * InStr's compare mode when the fourth argument is omitted (§13 ?27): `binary` (VB's default,
   * case-sensitive) or `text` (case-insensitive).
   * @default 'binary'
   */
  instrDefaultCompare: 'binary' | 'text';
}

export const defaultExpressionOptions: ExpressionOptions = {
  functionNameCase: 'insensitive',
  unknownEscape: 'keep',
  iifNullCondition: 'evaluate',
  coalesceSkipsEmpty: false,
  nullStringArgument: 'null',
  splitTrim: false,
  midStartBeyondEnd: 'empty',
  itemOutOfRange: 'null',
  wordEmptyTokens: 'skip',
  switchMissingDefault: 'null',
  equality: 'ordinal',
  booleanCase: 'insensitive',
  cboolInvalid: 'false',
  intervalCase: 'insensitive',
  dateDiffDays: 'elapsed',
  dateWithoutOffset: 'utc',
  formatDateTimeOffset: 'utc',
  formatDateTimeDateInput: 'render',
  pcaseApostrophe: 'word',
  diacriticsOutsideTable: 'keep',
  removeDuplicatesCase: 'ordinal',
  instrDefaultCompare: 'binary',
};

/** Fills a partial options object with the defaults. */
export function resolveExpressionOptions(options: Partial<ExpressionOptions> | undefined): ExpressionOptions {
  if (!options) return defaultExpressionOptions;
  const out: Record<string, unknown> = { ...defaultExpressionOptions };
  for (const [key, value] of Object.entries(options)) if (value !== undefined) out[key] = value;
  return out as unknown as ExpressionOptions;
}
