/**
 * What an evaluation reads besides the expression: the object's source attributes and the injected
 * effects (clock, randomness, the target look-up port for SelectUniqueValue) and settings.
 */
import { fixedClock, seededRandom, type Clock, type RandomSource } from '../core/determinism.js';
import type { SourceAttributeValue } from '../source/types.js';
import { defaultExpressionOptions, type ExpressionOptions } from './options.js';

/** Raw source values by attribute name (src/source/types.ts); an absent key is null. */
export type SourceAttributes = Readonly<Record<string, SourceAttributeValue | undefined>>;

/** Effects and settings for one evaluation. */
export interface EvalContext {
  /** `Now()` reads it. */
  clock: Clock;
  /** `Guid()` and `RandomString()` read it. */
  random: RandomSource;
  /** Settings for behaviour the docs leave open. */
  options: ExpressionOptions;
  /**
   * SelectUniqueValue's look-up port: does the target already hold `value` in `attribute`?
   * Without it every candidate counts as free (the first rule wins).
   */
  exists?: (attribute: string, value: string) => boolean;
  /** The target attribute being computed; SelectUniqueValue queries it. */
  targetAttribute?: string;
}

/** The clock and seed used when a caller gives none (the config defaults). */
export const defaultEvalClockInstant = '2026-01-01T00:00:00Z';
export const defaultEvalSeed = 42;

/** Fills a partial context with deterministic defaults (frozen clock, seed 42, default settings). */
export function resolveEvalContext(context: Partial<EvalContext> = {}): EvalContext {
  return {
    clock: context.clock ?? fixedClock(defaultEvalClockInstant),
    random: context.random ?? seededRandom(defaultEvalSeed),
    options: context.options ?? defaultExpressionOptions,
    ...(context.exists ? { exists: context.exists } : {}),
    ...(context.targetAttribute !== undefined ? { targetAttribute: context.targetAttribute } : {}),
  };
}
