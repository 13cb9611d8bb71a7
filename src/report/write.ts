/**
 * Atomic file writes: the content goes to a temporary file beside the target, then a rename
 * replaces the target in one step, so a reader (or a crash) never sees half a report.
 */
import { mkdir, rename, rm, writeFile, appendFile } from 'node:fs/promises';
import path from 'node:path';

let counter = 0;

/** Writes `content` to `file` atomically, creating its folder. */
export async function writeFileAtomic(file: string, content: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${++counter}.tmp`);
  try {
    await writeFile(temp, content, 'utf8');
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** Appends to a file another program owns (`$GITHUB_STEP_SUMMARY`): appending is what it expects. */
export async function appendToFile(file: string, content: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await appendFile(file, content, 'utf8');
}

/** JSON with two-space indentation and a final newline (stable for identical data). */
export function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
