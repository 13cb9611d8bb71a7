/**
 * Compact copies of what a load keeps. YAML hands scalar values over as slices of the file's
 * text — V8 keeps a slice's whole parent alive — and builds every list by pushing, leaving room
 * for 17 items in a list of two. At 10,000 scenarios that was 8 MB of file text held by 110,000
 * slices, a string of its own for each repeated value (`success`, a tag, a department) and about
 * 150 bytes of empty room per list (docs/bench.md, Memory).
 */
export class StringPool {
  private readonly strings = new Map<string, string>();

  /** The pooled copy of `value`: equal to it, never a slice of a larger string. */
  intern(value: string): string {
    const known = this.strings.get(value);
    if (known !== undefined) return known;
    // JSON.parse builds a fresh sequential string: no reference to the text `value` was cut from.
    const copy = JSON.parse(JSON.stringify(value)) as string;
    this.strings.set(copy, copy);
    return copy;
  }

  /**
   * Plain data (objects and arrays, as YAML makes them) with every string pooled and every array
   * copied to its exact size; objects are updated in place. Shared and cyclic parts (YAML
   * aliases) stay shared and cyclic; an own `__proto__` key stays a key.
   */
  compact<T>(data: T): T {
    const arrays = new Map<unknown[], unknown[]>();
    const objects = new Set<object>();
    const pending: object[] = [];
    const visit = (value: unknown): unknown => {
      if (typeof value === 'string') return this.intern(value);
      if (Array.isArray(value)) {
        let copy = arrays.get(value);
        if (!copy) {
          copy = value.slice();
          arrays.set(value, copy);
          pending.push(copy);
        }
        return copy;
      }
      if (value !== null && typeof value === 'object' && !objects.has(value)) {
        objects.add(value);
        pending.push(value);
      }
      return value;
    };
    const root = visit(data) as T;
    while (pending.length > 0) {
      const node = pending.pop()!;
      if (Array.isArray(node)) {
        for (let i = 0; i < node.length; i++) node[i] = visit(node[i]);
        continue;
      }
      const record = node as Record<string, unknown>;
      for (const key of Object.keys(record)) {
        const item = record[key];
        const next = visit(item);
        // An equal string is still another string: the pooled one replaces the slice.
        if (typeof item === 'string' || next !== item) setOwn(record, key, next);
      }
    }
    return root;
  }
}

function setOwn(record: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(record, key, { value, writable: true, enumerable: true, configurable: true });
  else record[key] = value;
}
