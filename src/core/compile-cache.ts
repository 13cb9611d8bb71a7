/**
 * A bounded cache for things compiled from plain data (an app's object mappings), keyed by the
 * input's content plus a key for the settings it was compiled under. The same input object is
 * found without serialising it again; an equal copy — a worker thread receives a structured clone
 * of every app — is found by its JSON. Cached values are shared, so they must never be mutated.
 */
export class CompileCache<I extends object, V> {
  private readonly byObject = new WeakMap<I, Map<string, V>>();
  private readonly byContent = new Map<string, V>();

  /** @param limit most distinct contents kept; the oldest goes first. */
  constructor(private readonly limit = 256) {}

  /** The value compiled from `input` under `key`, computing it once. */
  get(input: I, key: string, compute: () => V): V {
    let perObject = this.byObject.get(input);
    if (perObject?.has(key)) return perObject.get(key) as V;
    const contentKey = `${key}\u0000${JSON.stringify(input)}`;
    let value: V;
    if (this.byContent.has(contentKey)) {
      value = this.byContent.get(contentKey) as V;
    } else {
      value = compute();
      if (this.byContent.size >= this.limit) this.byContent.delete(this.byContent.keys().next().value as string);
      this.byContent.set(contentKey, value);
    }
    if (!perObject) {
      perObject = new Map();
      this.byObject.set(input, perObject);
    }
    perObject.set(key, value);
    return value;
  }
}
