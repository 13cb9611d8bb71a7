/**
 * Generated values (entra-semantics.md §3): Guid and RandomString read the injected random source,
 * so a seed reproduces them; every call site draws anew (three Guid() calls, three GUIDs, §2.4.1).
 * BitAnd lives here too, as the one arithmetic function.
 */
import { bigintOf, evalError, intOf, textOf } from '../coerce.js';
import type { EagerFunction } from './types.js';

export const Guid: EagerFunction = {
  name: 'Guid',
  summary: 'a new random GUID (from the seeded random source)',
  params: [],
  call(_args, frame) {
    return frame.ctx.random.guid();
  },
};

const digits = '0123456789';
const upper = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const lower = 'abcdefghijklmnopqrstuvwxyz';
/** The special characters of the Windows password-complexity rule. */
export const specialCharacters = '~!@#$%^&*_-+=`|\\(){}[]:;"\'<>,.?/';

/**
 * RandomString(Length, MinimumNumbers, MinimumSpecialCharacters, MinimumCapital, MinimumLowerCase,
 * CharactersToAvoid): exactly Length (1–256) characters with at least the given counts; the rest
 * drawn from all four classes; never a character of CharactersToAvoid. Minimums that cannot all be
 * met (their sum exceeds Length, or a class is emptied by CharactersToAvoid) are an error (§13 ?21).
 */
export const RandomString: EagerFunction = {
  name: 'RandomString',
  summary: 'a random string meeting minimum counts of digits, specials, capitals and lower case',
  params: [
    { name: 'Length' },
    { name: 'MinimumNumbers' },
    { name: 'MinimumSpecialCharacters' },
    { name: 'MinimumCapital' },
    { name: 'MinimumLowerCase' },
    { name: 'CharactersToAvoid', optional: true },
  ],
  call(args, frame, site) {
    const names = ['Length', 'MinimumNumbers', 'MinimumSpecialCharacters', 'MinimumCapital', 'MinimumLowerCase'];
    const [length, ...minimums] = names.map((name, i) => intOf(args[i], site, i, name)) as [number, number, number, number, number];
    if (length < 1 || length > 256) return evalError('EXPR_EVAL_INVALID_ARGUMENT', `argument 1 (Length) must be between 1 and 256 but is ${length}`, site, 0);
    minimums.forEach((m, i) => {
      if (m < 0) evalError('EXPR_EVAL_INVALID_ARGUMENT', `argument ${i + 2} (${names[i + 1]}) must not be negative`, site, i + 1);
    });
    const total = minimums.reduce((a, b) => a + b, 0);
    if (total > length) {
      return evalError('EXPR_EVAL_INVALID_ARGUMENT', `the minimums add up to ${total}, more than Length ${length}`, site, 0);
    }
    const avoid = args[5] === undefined ? '' : (textOf(args[5], site, 5) ?? '');
    const classes = [digits, specialCharacters, upper, lower].map((set) => [...set].filter((c) => !avoid.includes(c)).join(''));
    const random = frame.ctx.random;
    const out: string[] = [];
    classes.forEach((set, i) => {
      const need = minimums[i]!;
      if (need > 0 && set === '') evalError('EXPR_EVAL_INVALID_ARGUMENT', `CharactersToAvoid leaves no character for ${names[i + 1]}`, site, 5);
      for (let k = 0; k < need; k++) out.push(set[random.int(set.length)]!);
    });
    const pool = classes.join('');
    if (out.length < length && pool === '') return evalError('EXPR_EVAL_INVALID_ARGUMENT', 'CharactersToAvoid leaves no character to draw from', site, 5);
    while (out.length < length) out.push(pool[random.int(pool.length)]!);
    // Fisher–Yates, so the required characters are not always first.
    for (let i = out.length - 1; i > 0; i--) {
      const j = random.int(i + 1);
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out.join('');
  },
};

/** Bitwise AND of two integers (§3 BitAnd): `BitAnd(&HF, &HF7)` = 7. */
export const BitAnd: EagerFunction = {
  name: 'BitAnd',
  summary: 'bitwise AND of two integers',
  params: [{ name: 'value1' }, { name: 'value2' }],
  call(args, _frame, site) {
    return bigintOf(args[0], site, 0, 'value1') & bigintOf(args[1], site, 1, 'value2');
  },
};

export const generateFunctions = [Guid, RandomString, BitAnd];
