/**
 * The hardening properties (test/hardening/properties.ts) with about 1,000 cases in all and fixed
 * seeds, so CI is fast and repeatable; `npm run fuzz` runs the same properties 100,000 times with
 * fresh seeds.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanUpProperties, properties } from './properties.js';

afterAll(cleanUpProperties);

describe('hardening properties', () => {
  it('add up to about 1,000 cases', () => {
    const total = properties.reduce((n, p) => n + p.ciRuns, 0);
    expect(total).toBeGreaterThanOrEqual(900);
    expect(total).toBeLessThanOrEqual(1100);
  });

  it.each(properties.map((p, i) => [p.name, p, i] as const))('%s', async (_name, definition, index) => {
    await fc.assert(definition.property(), { numRuns: definition.ciRuns, seed: 20260101 + index });
  });
});
