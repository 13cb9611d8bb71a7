/**
 * A bounded cache for things compiled from plain data (an app's object mappings), keyed by the
 * input's content plus a key for the settings it was compiled under. The same input object is
 * found without serialising it again; an equal copy — a worker thread receives a structured clone
 * of every app — is found by its JSON. Cached values are shared, so they must never be mutated.
 */
export class CompileCache<I extends object, S extends object, V> {
  private readonly byObject = new WeakMap<I, WeakMap<S, Map<string, V>>>();
  private readonly byContent = new Map<string, V>();

  /** @param limit most distinct contents kept; the oldest goes first. */
  constructor(private readonly limit = 256) {}

  /**
   * The value compiled from `input` under the settings object `scope` (whose content `scopeKey`
   * gives) and a short `tag`, computing it once. The same input and settings objects are found
   * without building any key.
   */
  get(input: I, scope: S, tag: string, scopeKey: (scope: S) => string, compute: () => V): V {
    let perScope = this.byObject.get(input);
    let perTag = perScope?.get(scope);
    if (perTag?.has(tag)) return perTag.get(tag) as V;
    const contentKey = `${tag}\u0000${scopeKey(scope)}\u0000${JSON.stringify(input)}`;
    let value: V;
    if (this.byContent.has(contentKey)) {
      value = this.byContent.get(contentKey) as V;
    } else {
      value = compute();
      if (this.byContent.size >= this.limit) this.byContent.delete(this.byContent.keys().next().value as string);
      this.byContent.set(contentKey, value);
    }
    if (!perScope) {
      perScope = new WeakMap();
      this.byObject.set(input, perScope);
    }
    if (!perTag) {
      perTag = new Map();
      perScope.set(scope, perTag);
    }
    perTag.set(tag, value);
    return value;
  }
}
