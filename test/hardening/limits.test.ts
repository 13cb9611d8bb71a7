/**
 * The per-scenario timeout bounds anything that could hang: a target that never answers, and
 * (on worker threads) a pipeline stuck in synchronous code such as a catastrophically
 * backtracking regular expression. A timed-out scenario leaves nothing behind: the next
 * scenario on the same host runs normally, and no timer keeps the process alive.
 */
import { describe, expect, it } from 'vitest';
import { createMockScimTarget } from '../../src/scim/mock/target.js';

/** Every timer Node holds open. */
const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;

describe('limits', () => {
  it('a closed mock ends the delays it was serving', async () => {
    const target = await createMockScimTarget({ faults: [{ on: 'any', delayMs: 599_000 }] }, undefined, { timeoutMs: 600_000 });
    const before = timers();
    const controller = new AbortController();
    const request = fetch(`${target.baseUrl}/Users`, { signal: controller.signal }).catch((e: unknown) => e);
    await new Promise((resolve) => setImmediate(resolve));
    controller.abort();
    await request;
    target.close();
    await new Promise((resolve) => setImmediate(resolve));
    expect(timers()).toBeLessThanOrEqual(before);
  });
});
