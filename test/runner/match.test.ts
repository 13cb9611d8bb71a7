import { describe, expect, it } from 'vitest';
import { matchValue, type MatchOptions } from '../../src/runner/match.js';

/** Each row: expected, actual, options, and the mismatches as `code@path` (empty: they match). */
const rows: Array<[string, unknown, unknown, MatchOptions, string[]]> = [
  ['equal scalars', 'a', 'a', {}, []],
  ['different scalars', 'a', 'b', {}, ['EXPECT_MISMATCH@']],
  ['subset of an object', { a: 1 }, { a: 1, b: 2 }, {}, []],
  ['exact object with an extra key', { a: 1, exact: true }, { a: 1, b: 2 }, {}, ['EXPECT_EXTRA_KEY@b']],
  ['exact from above reaches nested objects', { o: { a: 1 } }, { o: { a: 1, b: 2 } }, { exact: true }, ['EXPECT_EXTRA_KEY@o.b']],
  ['exact ignores null extra keys', { a: 1, exact: true }, { a: 1, b: null }, {}, []],
  ['exact: false lower down switches it off again', { o: { a: 1, exact: false }, exact: true }, { o: { a: 1, b: 2 } }, {}, []],
  ['null means absent', { a: null }, { b: 1 }, {}, []],
  ['null means null is fine', { a: null }, { a: null }, {}, []],
  ['null fails when present', { a: null }, { a: 0 }, {}, ['EXPECT_PRESENT@a']],
  ['missing key', { a: 1 }, {}, {}, ['EXPECT_ABSENT@a']],
  ['arrays in order', [1, 2], [1, 2], {}, []],
  ['arrays out of order', [1, 2], [2, 1], {}, ['EXPECT_MISMATCH@[0]', 'EXPECT_MISMATCH@[1]']],
  ['arrays of another length', [1], [1, 2], {}, ['EXPECT_LENGTH@']],
  ['array elements as subsets', [{ type: 'work' }], [{ type: 'work', value: 'x' }], {}, []],
  ['object against an array', { a: 1 }, [1], {}, ['EXPECT_MISMATCH@']],
  ['keys are found case-insensitively', { username: 'a' }, { userName: 'a' }, {}, []],
  ['booleans are strict by default', { active: false }, { active: 'False' }, {}, ['EXPECT_MISMATCH@active']],
  ['string views compare booleans as strings', { active: true }, { active: 'True' }, { stringView: true }, []],
  ['string views compare numbers as strings', { n: 42 }, { n: '42' }, { stringView: true }, []],
  ['string views still tell values apart', { active: true }, { active: 'False' }, { stringView: true }, ['EXPECT_MISMATCH@active']],
  ['a scalar rule decides', { code: 'X' }, { code: 'PREFIX_X' }, { ruleFor: (p) => (p[0] === 'code' ? (e, a) => String(a).endsWith(String(e)) : undefined) }, []],
];

describe('matchValue', () => {
  it.each(rows)('%s', (_title, expected, actual, options, mismatches) => {
    const found = matchValue(expected, actual, options).map((m) => `${m.code}@${m.path.map((p) => (typeof p === 'number' ? `[${p}]` : p)).join('.').replace(/\.\[/g, '[')}`);
    expect(found).toEqual(mismatches);
  });

  it('reports expected and actual values with each mismatch', () => {
    expect(matchValue({ a: { b: 1 } }, { a: { b: 2 } })).toEqual([{ code: 'EXPECT_MISMATCH', path: ['a', 'b'], expected: 1, actual: 2 }]);
  });
});
