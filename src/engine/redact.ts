/**
 * `Redact()` values (entra-semantics.md §3, Redact): the value reaches the target, but every view
 * of the run shows `[Redact]` in its place.
 */
import { maskField, maskSecret } from '../core/mask.js';
import { REDACTED } from '../mapping/index.js';

/**
 * Returns a copy of `value` in which every whole-word occurrence of a secret inside a string (keys
 * included, and JSON-escaped inside embedded JSON strings) reads `[Redact]`; secrets shorter than
 * three characters only where they are the whole string (src/core/mask.ts). Longer secrets are replaced first so one that contains another is
 * not left half-visible. Returns `value` itself when there is nothing to scrub.
 */
export function scrub<T>(value: T, secrets: readonly string[]): T {
  // The JSON-escaped form too: the provisionOnDemand response embeds JSON documents as strings.
  const forms = secrets.filter((s) => s.length > 0).flatMap((s) => [s, JSON.stringify(s).slice(1, -1)]);
  const list = [...new Set(forms)].sort((a, b) => b.length - a.length);
  if (list.length === 0) return value;
  const replace = (text: string): string => {
    let out = text;
    for (const secret of list) {
      // Whole words only, and very short values only as the whole text (src/core/mask.ts): a
      // value inside another word would rewrite timestamps, words and the result's own keys.
      out = maskSecret(out, secret, REDACTED);
    }
    return out;
  };
  const walk = (node: unknown, key?: string): unknown => {
    if (typeof node === 'string') return maskField(key, node, replace);
    if (Array.isArray(node)) return node.map((item) => walk(item));
    if (node !== null && typeof node === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, inner] of Object.entries(node as Record<string, unknown>)) out[replace(key)] = walk(inner, key);
      return out;
    }
    return node;
  };
  return walk(value) as T;
}
