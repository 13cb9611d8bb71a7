/**
 * Multi-valued attributes (entra-semantics.md §3): Count, Item, RemoveDuplicates, Split. A single
 * value counts as a list of one; null as an empty list.
 */
import { evalError, intOf, sourceText, textOrEmpty } from '../coerce.js';
import { renderScalar, type Scalar, type Value } from '../value.js';
import type { EagerFunction } from './types.js';

function listOf(value: Value | undefined): readonly Scalar[] {
  if (value === null || value === undefined) return [];
  return Array.isArray(value) ? (value as readonly Scalar[]) : [value as Scalar];
}

/** Number of values; null ⇒ 0, a single value ⇒ 1 (§13 ?28). */
export const Count: EagerFunction = {
  name: 'Count',
  summary: 'the number of values of a multi-valued attribute',
  params: [{ name: 'attribute' }],
  call([value]) {
    return BigInt(listOf(value).length);
  },
};

/** The value at a 1-based index (§3 Item); out of range is the `itemOutOfRange` setting. */
export const Item: EagerFunction = {
  name: 'Item',
  intArgs: [1],
  summary: 'the value at a 1-based index of a multi-valued attribute',
  params: [{ name: 'attribute' }, { name: 'index' }],
  call(args, frame, site) {
    const index = intOf(args[1], site, 1, 'index');
    if (args[0] === null || args[0] === undefined) return null;
    const list = listOf(args[0]);
    if (index >= 1 && index <= list.length) return list[index - 1]!;
    if (frame.ctx.options.itemOutOfRange === 'error') {
      return evalError('EXPR_EVAL_INDEX_OUT_OF_RANGE', `argument 2 (index) ${index} is outside 1…${list.length}`, site, 1, 'Item counts from 1');
    }
    return null;
  },
};

/** Unique values, first occurrence kept, order kept (§13 ?22: ordinal unless `removeDuplicatesCase`). */
export const RemoveDuplicates: EagerFunction = {
  name: 'RemoveDuplicates',
  summary: 'the values of a multi-valued attribute without duplicates',
  params: [{ name: 'attribute' }],
  call([value], frame) {
    if (value === null || value === undefined) return null;
    const ignoreCase = frame.ctx.options.removeDuplicatesCase === 'ignoreCase';
    const seen = new Set<string>();
    const out: Scalar[] = [];
    for (const item of listOf(value)) {
      const text = renderScalar(item);
      const key = ignoreCase ? text.toLowerCase() : text;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(item);
    }
    return out;
  },
};

/**
 * Splits on the delimiter (the whole delimiter string; `""` does not split), keeping empty parts
 * like .NET; `splitTrim` trims each part (§13 ?11).
 */
export const Split: EagerFunction = {
  name: 'Split',
  summary: 'source split on delimiter into a multi-valued value',
  params: [{ name: 'source' }, { name: 'delimiter' }],
  call(args, frame, site) {
    const text = sourceText(args[0], frame, site);
    if (text === null) return null;
    const delimiter = textOrEmpty(args[1], site, 1);
    const parts = delimiter === '' ? [text] : text.split(delimiter);
    return frame.ctx.options.splitTrim ? parts.map((p) => p.trim()) : parts;
  },
};

export const multiFunctions = [Count, Item, RemoveDuplicates, Split];
