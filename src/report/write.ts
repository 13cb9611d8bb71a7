/**
 * Atomic file writes: the content goes to a temporary file beside the target, then a rename
 * replaces the target in one step, so a reader (or a crash) never sees half a report.
 */
import { mkdir, rename, rm, writeFile, appendFile } from 'node:fs/promises';
import path from 'node:path';

let counter = 0;
/** Folders already created in this process (a run writes many reports into one folder). */
const made = new Set<string>();

/** Writes `content` to `file` atomically, creating its folder. */
export async function writeFileAtomic(file: string, content: string): Promise<void> {
  const dir = path.dirname(file);
  if (!made.has(dir)) {
    await mkdir(dir, { recursive: true });
    made.add(dir);
  }
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${++counter}.tmp`);
  try {
    await writeFile(temp, content, 'utf8').catch(async (error: NodeJS.ErrnoException) => {
      // The folder was removed since this process created it: create it again.
      if (error.code !== 'ENOENT') throw error;
      await mkdir(dir, { recursive: true });
      await writeFile(temp, content, 'utf8');
    });
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
