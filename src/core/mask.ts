/**
 * Masking one secret inside text, the one rule every redaction in the tool uses (the pipeline's
 * `Redact()` scrub, the SCIM client's reasons, the reporters' redactor).
 *
 * A secret is masked where it stands as a whole word: an occurrence whose first (last) character
 * is a letter, a digit or `_` is left alone when the text before (after) it continues the word —
 * a letter, a digit or `_`, or a `.` joining it to one (a dotted host name). So a token `test`
 * is masked in `token test refused`, in `"test"` and at the end of a sentence (`test.`), but not
 * inside `testConnection` or the host `scim.contoso.test`, and a `Redact()`ed nickname `tim` not
 * inside the report's `timing` or `timestamp` keys — rewriting those broke the reports' own
 * structure. Secrets shorter than
 * {@link MIN_SUBSTRING_LENGTH} characters are masked only where they are the whole text.
 */

/** Secrets shorter than this are masked only where they are the whole text. */
export const MIN_SUBSTRING_LENGTH = 3;

const WORD = /[\p{L}\p{N}_]/u;

function isWord(char: string | undefined): boolean {
  return char !== undefined && WORD.test(char);
}

/**
 * A `.` between word characters joins a dotted name (`scim.contoso.test`). Hyphens do not: a
 * secret after `key-` stays masked.
 */
function isJoiner(char: string | undefined): boolean {
  return char === '.';
}

/** Whether the text just before `at` continues a word: a word character, or a joiner after one. */
function continuesBefore(text: string, at: number): boolean {
  return isWord(text[at - 1]) || (isJoiner(text[at - 1]) && isWord(text[at - 2]));
}

/** Whether the text from `end` continues a word: a word character, or a joiner before one. */
function continuesAfter(text: string, end: number): boolean {
  return isWord(text[end]) || (isJoiner(text[end]) && isWord(text[end + 1]));
}

/** `text` with every whole-word occurrence of `secret` replaced by `mask`. */
export function maskSecret(text: string, secret: string, mask: string): string {
  if (secret.length === 0) return text;
  if (secret.length < MIN_SUBSTRING_LENGTH) return text === secret ? mask : text;
  let at = text.indexOf(secret);
  if (at < 0) return text;
  // Whether the secret's own edges are word characters decides whether its neighbours matter.
  const checkBefore = isWord(secret[0]);
  const checkAfter = isWord(secret.at(-1));
  let out = '';
  let from = 0;
  while (at >= 0) {
    const end = at + secret.length;
    const whole = !(checkBefore && continuesBefore(text, at)) && !(checkAfter && continuesAfter(text, end));
    if (whole) {
      out += text.slice(from, at) + mask;
      from = end;
      at = text.indexOf(secret, end);
    } else {
      at = text.indexOf(secret, at + 1);
    }
  }
  return out + text.slice(from);
}

/**
 * Keys whose string values are the tool's own vocabulary — step keys, statuses, verdicts,
 * actions, step types — and never hold data. A secret that happens to be such a word (a token
 * `match`, a `Redact()`ed value `import`) must not rewrite them: the reports could no longer be
 * read (explain failed on a step without a key).
 */
const VOCABULARY_KEYS = new Set(['key', 'status', 'verdict', 'action', 'result', 'provisioningStepType', 'provisioningAction', 'objectType', 'errorCategory']);

/**
 * Masks the string value of `key` with `mask`, sparing the tool's vocabulary: the one-word values
 * of {@link VOCABULARY_KEYS}, and the step name after the last `:` of an exchange's `step` label
 * (`alice@contoso.com:match`), whose member part is data.
 */
export function maskField(key: string | undefined, text: string, mask: (text: string) => string): string {
  if (key === undefined) return mask(text);
  // Only a single word: Graph's provisionOnDemand `key` is a JSON document full of data.
  if (VOCABULARY_KEYS.has(key) && /^[A-Za-z]+$/.test(text)) return text;
  if (key === 'step') {
    const colon = text.lastIndexOf(':');
    return colon < 0 ? text : `${mask(text.slice(0, colon))}${text.slice(colon)}`;
  }
  return mask(text);
}
