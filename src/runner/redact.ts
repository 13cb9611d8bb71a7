/**
 * Secrets never reach a report or the console: the scenario's token becomes `[REDACTED]` and
 * every value that passed through `Redact()` becomes `[Redact]` (Entra's own display), wherever
 * they appear as a whole word — bodies, headers, attributes, messages, keys (src/core/mask.ts: not
 * inside another word, so a token `test` leaves `testConnection` alone). Reports are built from
 * redacted data only, so every reporter inherits the guarantee.
 */
import { maskField, maskSecret } from '../core/mask.js';

/** What to mask in one scenario's output. */
export interface Secrets {
  /** Credentials (the app's token). */
  tokens: readonly string[];
  /** Values that passed through `Redact()` (from the pipeline's `redactions`). */
  redacted: readonly string[];
}

export const tokenMask = '[REDACTED]';
export const redactMask = '[Redact]';


interface Rule {
  secret: string;
  mask: string;
}

/** A function that returns a redacted deep copy of any JSON-like value. */
export function createRedactor(secrets: Secrets): <T>(value: T) => T {
  const rules: Rule[] = [
    ...secrets.tokens.filter(Boolean).flatMap((secret) => spellings(secret).map((form) => ({ secret: form, mask: tokenMask }))),
    ...secrets.redacted.filter(Boolean).flatMap((secret) => spellings(secret).map((form) => ({ secret: form, mask: redactMask }))),
  ].sort((a, b) => b.secret.length - a.secret.length);
  const text = (value: string): string => {
    if (rules.length === 0) return value;
    let out = value;
    for (const { secret, mask } of rules) {
      out = maskSecret(out, secret, mask);
    }
    return out;
  };
  const walk = (value: unknown, key?: string): unknown => {
    if (typeof value === 'string') return key !== undefined && isAuthorization(key) ? maskAuthorization(value) : maskField(key, value, text);
    if (Array.isArray(value)) return value.map((item) => walk(item));
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(value)) out[text(k)] = walk((value as Record<string, unknown>)[k], k);
      return out;
    }
    return value;
  };
  return <T>(value: T) => walk(value) as T;
}

/**
 * The ways a secret can be written in a report's strings: as is, and JSON-escaped once and twice
 * (a target that echoes it in a JSON body quoted inside a reason, quoted again inside Graph's
 * provisionOnDemand response). They differ only for secrets with quotes, backslashes or control
 * characters.
 */
function spellings(secret: string): string[] {
  const once = JSON.stringify(secret).slice(1, -1);
  const twice = JSON.stringify(once).slice(1, -1);
  return [...new Set([secret, once, twice])];
}

/** The header name, in any case (a cheaper test than a case-insensitive regex on every key). */
function isAuthorization(key: string): boolean {
  return key.length === 13 && key.toLowerCase() === 'authorization';
}

/** `Bearer abc` → `Bearer [REDACTED]`: the scheme stays readable, the credential never. */
export function maskAuthorization(value: string): string {
  const scheme = /^(\w+)\s+/.exec(value)?.[1];
  return scheme ? `${scheme} ${tokenMask}` : tokenMask;
}
