import { expect, it } from 'vitest';
import { startTarget, TENANT_URL } from './helpers.js';

it('a request aborted before its delayed answer leaves no unhandled rejection when the mock closes', async () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  process.on('unhandledRejection', onUnhandled);
  try {
    const target = await startTarget({ faults: [{ on: 'any', delayMs: 200 }] });
    const controller = new AbortController();
    const pending = target.fetch(`${TENANT_URL}/Users`, { signal: controller.signal });
    controller.abort(new Error('stop'));
    await expect(pending).rejects.toThrow('stop');
    target.close();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(unhandled).toEqual([]);
    expect(target.journal.map((e) => e.error)).toEqual(['reset']);
  } finally {
    process.off('unhandledRejection', onUnhandled);
  }
});
