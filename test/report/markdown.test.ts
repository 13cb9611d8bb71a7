import { describe, expect, it } from 'vitest';
import { truncate } from '../../src/report/markdown.js';

/** A summary the way the reporter writes it: a heading, then one `<details>` block per failure. */
function body(failures: number, lineLength: number): string {
  const lines = ['## ❌ provision: 0 passed · many failed', '', '### Failures', ''];
  for (let i = 0; i < failures; i++) {
    lines.push(`<details><summary>❌ Scenario ${i}: 1 failed expectation</summary>`, '', '```text', 'Perform action:');
    for (let j = 0; j < 20; j++) lines.push(`    "displayName": "${'é'.repeat(lineLength)}"`);
    lines.push('```', '', '</details>', '');
  }
  return lines.join('\n');
}

/** Fences and `<details>` blocks still open at the end of a Markdown text. */
function openBlocks(text: string) {
  const lines = text.split('\n');
  return {
    fences: lines.filter((l) => l.startsWith('```')).length % 2,
    details: lines.filter((l) => l.startsWith('<details>')).length - lines.filter((l) => l === '</details>').length,
  };
}

describe('summary.md cut to the job-summary limit', () => {
  const note = '\n_…cut to fit the 1 MiB job-summary limit; the `json`, `junit` and `html` reports hold every failure._\n';

  it.each([
    { why: 'short lines', lineLength: 5 },
    { why: 'long multi-byte lines', lineLength: 400 },
  ])('$why, cut at every point of a block: under the limit, every fence and <details> closed, the note outside them', ({ lineLength }) => {
    const full = body(100, lineLength);
    const block = full.indexOf('<details>', full.indexOf('<details>') + 1);
    for (let limit = 4_000; limit < 4_000 + block + 400; limit += 7) {
      const text = truncate(full, limit);
      expect(Buffer.byteLength(text)).toBeLessThanOrEqual(limit);
      expect(openBlocks(text)).toEqual({ fences: 0, details: 0 });
      expect(text).not.toContain('\ufffd');
      expect(text.endsWith(`\n</details>\n${note}`) || text.endsWith(`\n### Failures\n${note}`)).toBe(true);
    }
  });
});
