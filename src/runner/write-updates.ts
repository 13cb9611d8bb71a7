/**
 * Writes `--update` results back to the scenario files, one atomic write per file.
 */
import { readFile } from 'node:fs/promises';
import type { Issue } from '../core/errors.js';
import { writeFileAtomic } from '../report/write.js';
import type { LoadedScenario } from '../scenario/types.js';
import { rewriteExpectations, type DocumentUpdate } from '../scenario/update.js';

/** Applies the updates of each file; returns the files written (display paths) and any conflicts. */
export async function writeUpdates(
  updates: ReadonlyMap<string, DocumentUpdate[]>,
  scenarios: readonly LoadedScenario[],
): Promise<{ files: string[]; issues: Issue[] }> {
  const files: string[] = [];
  const issues: Issue[] = [];
  const display = new Map(scenarios.map((s) => [s.absoluteFile, s.file]));
  const ordered = [...updates.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const absolute of ordered) {
    const shown = display.get(absolute) ?? absolute;
    const text = await readFile(absolute, 'utf8');
    const rewritten = rewriteExpectations(text, shown, updates.get(absolute)!);
    issues.push(...rewritten.issues);
    if (rewritten.text !== text) {
      await writeFileAtomic(absolute, rewritten.text);
      files.push(shown);
    }
  }
  return { files, issues };
}
