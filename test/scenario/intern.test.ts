import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { StringPool } from '../../src/scenario/intern.js';

/** YAML text → the data `toJS` gives, before and after compacting. */
const both = (text: string) => {
  const raw = parseDocument(text).toJS() as unknown;
  const expected = structuredClone(raw);
  return { compacted: new StringPool().compact(raw), expected };
};

describe('StringPool.compact keeps the data as YAML gave it', () => {
  const cases: Array<[string, string]> = [
    ['scalars of every kind', 'a: text that is longer than thirteen characters\nb: 12\nc: true\nd: null\ne: 1.5\nf: .nan\ng: -.inf\n'],
    ['nested lists and maps', 'users:\n  - userName: alice@contoso.test\n    emails: [{ type: work, value: a@x.test }]\n  - userName: bob@contoso.test\n'],
    ['an empty list and map', 'a: []\nb: {}\n'],
    ['a lone surrogate escaped in a double-quoted scalar', 'a: "\\ud800 and more text after it"\n'],
    ['multi-line block scalars', 'a: |\n  line one of a block\n  line two\nb: >\n  folded text\n  continues here\n'],
    ['a number-like map key', '"123": one hundred and twenty-three\n'],
  ];
  it.each(cases)('%s', (_name, text) => {
    const { compacted, expected } = both(text);
    expect(compacted).toEqual(expected);
  });

  it('keeps an own __proto__ key a key, never the prototype', () => {
    const { compacted } = both('__proto__: a value long enough to be a slice\nname: x\n');
    const record = compacted as Record<string, unknown>;
    expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(record, '__proto__')?.value).toBe('a value long enough to be a slice');
  });

  it('keeps aliases shared and alias cycles cyclic', () => {
    const shared = new StringPool().compact(parseDocument('base: &b [1, 2]\ncopy: *b\n').toJS() as { base: unknown[]; copy: unknown[] });
    expect(shared.copy).toBe(shared.base);
    expect(shared.base).toEqual([1, 2]);
    const cyclic = new StringPool().compact(parseDocument('a: &x\n  - *x\n').toJS() as { a: unknown[] });
    expect(cyclic.a[0]).toBe(cyclic.a);
  });

  it('copies lists, so the YAML data is not what the load keeps', () => {
    const raw = parseDocument('tags: [a, b]\n').toJS() as { tags: string[] };
    const before = raw.tags;
    const compacted = new StringPool().compact(raw);
    expect(compacted.tags).not.toBe(before);
    expect(compacted.tags).toEqual(['a', 'b']);
  });

  it('pools a string value', () => {
    const pool = new StringPool();
    expect(pool.intern('synthetic scenario name')).toBe('synthetic scenario name');
    expect(pool.compact('a whole document that is one string')).toBe('a whole document that is one string');
  });
});
