import { existsSync, readFileSync } from 'node:fs';
import { open, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Spool } from '../../src/report/spool.js';
import { tempDir } from '../scenario/helpers.js';

/** Spools `texts` in the given index order and returns what copyTo wrote. */
async function spoolAndCopy(texts: readonly string[], order: readonly number[], skip: ReadonlySet<number> = new Set()): Promise<string> {
  const spool = await Spool.create();
  try {
    await Promise.all(order.filter((i) => !skip.has(i)).map((i) => spool.add(i, texts[i]!)));
    expect(spool.count).toBe(texts.length - skip.size);
    const file = path.join(tempDir(), 'out.txt');
    const out = await open(file, 'w');
    await out.write('head|');
    await spool.copyTo(out);
    await out.write('|tail');
    await out.close();
    return readFileSync(file, 'utf8');
  } finally {
    await spool.dispose();
  }
}

describe('Spool', () => {
  const texts = ['zero ', 'one ✓ ', '', 'three 𝄞 ', 'x'.repeat(3 << 20), 'five\n', 'six'];

  it.each([
    ['in order', [0, 1, 2, 3, 4, 5, 6]],
    ['in reverse', [6, 5, 4, 3, 2, 1, 0]],
    ['interleaved, as worker threads end them', [1, 0, 3, 2, 5, 4, 6]],
  ])('copies every text in index order when they were added %s', async (_title, order) => {
    expect(await spoolAndCopy(texts, order)).toBe(`head|${texts.join('')}|tail`);
  });

  it('leaves out indexes that were never added', async () => {
    expect(await spoolAndCopy(texts, [6, 0, 1, 2, 3, 4, 5], new Set([1, 4]))).toBe(`head|${[0, 2, 3, 5, 6].map((i) => texts[i]).join('')}|tail`);
  });

  it('copies nothing when empty', async () => {
    expect(await spoolAndCopy([], [])).toBe('head||tail');
  });

  it('lives in the temporary folder until disposed', async () => {
    const before = new Set((await readdir(os.tmpdir())).filter((f) => f.startsWith('provision-spool-')));
    const spool = await Spool.create();
    const made = (await readdir(os.tmpdir())).filter((f) => f.startsWith('provision-spool-') && !before.has(f));
    expect(made).toHaveLength(1);
    await spool.add(0, 'text');
    await spool.dispose();
    expect(existsSync(path.join(os.tmpdir(), made[0]!))).toBe(false);
  });
});
