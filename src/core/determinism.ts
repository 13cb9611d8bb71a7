/**
 * Injected effects that would otherwise make runs differ: the clock, random numbers and GUIDs.
 * The same seed and clock always give the same sequence, so reports are byte-identical.
 */

/** Source of "now". `Now()`, timestamps and ids read it; nothing reads `Date.now()` directly. */
export interface Clock {
  /** Current instant in milliseconds since the Unix epoch (UTC). */
  now(): number;
}

/** Source of random values. */
export interface RandomSource {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, maxExclusive). */
  int(maxExclusive: number): number;
  /** A lower-case 8-4-4-4-12 GUID (version 4 layout). */
  guid(): string;
}

/** A clock frozen at one instant: every read returns the same value. */
export function fixedClock(at: number | string | Date): Clock {
  const ms = typeof at === 'number' ? at : new Date(at).getTime();
  if (Number.isNaN(ms)) throw new RangeError(`invalid clock instant: ${String(at)}`);
  return { now: () => ms };
}

/**
 * A clock that starts at `at` and advances by `stepMs` on every read, so durations and ordered
 * timestamps are stable without being all equal.
 */
export function steppingClock(at: number | string | Date, stepMs = 1): Clock {
  let ms = typeof at === 'number' ? at : new Date(at).getTime();
  if (Number.isNaN(ms)) throw new RangeError(`invalid clock instant: ${String(at)}`);
  return {
    now: () => {
      const value = ms;
      ms += stepMs;
      return value;
    },
  };
}

/** The last instant formatted: a frozen clock stamps everything with the same one. */
let lastAt = Number.NaN;
let lastIso = '';

/** `new Date(at).toISOString()`, remembered for the last instant formatted. */
export function isoString(at: number): string {
  if (at !== lastAt) {
    lastIso = new Date(at).toISOString();
    lastAt = at;
  }
  return lastIso;
}

/** The real wall clock, for timing fields only. */
export const systemClock: Clock = { now: () => Date.now() };

/**
 * A seeded pseudo-random source (mulberry32: 32-bit state, good enough for test data, not for
 * secrets). Seeds are folded to 32 bits; strings are hashed so `seed: "ticket-42"` works too.
 */
export function seededRandom(seed: number | string): RandomSource {
  let state = typeof seed === 'number' ? seed >>> 0 : hashString(seed);
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (maxExclusive: number): number => Math.floor(next() * maxExclusive);
  const guid = (): string => {
    // Sixteen draws in order, version and variant bits set, formatted 8-4-4-4-12.
    let out = '';
    for (let i = 0; i < 16; i++) {
      let byte = int(256);
      if (i === 6) byte = (byte & 0x0f) | 0x40;
      else if (i === 8) byte = (byte & 0x3f) | 0x80;
      if (i === 4 || i === 6 || i === 8 || i === 10) out += '-';
      out += HEX[byte];
    }
    return out;
  };
  return { next, int, guid };
}

/** Two lower-case hex digits per byte value. */
const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

/** FNV-1a, 32 bit. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
