/**
 * Atomic file writes: the content goes to a temporary file beside the target, then a rename
 * replaces the target in one step, so a reader (or a crash) never sees half a report.
 */
import { mkdir, rename, rm, writeFile, appendFile } from 'node:fs/promises';
import path from 'node:path';
import { InputError, InternalError, type ProvisionError } from '../core/errors.js';

let counter = 0;
/** Folders already created in this process (a run writes many reports into one folder). */
const made = new Set<string>();

/** Errors that mean the report folder itself is unusable: a path to fix, not a bug. */
const unusablePath = new Set(['ENOTDIR', 'EEXIST', 'EISDIR', 'EACCES', 'EPERM', 'EROFS', 'ENAMETOOLONG']);

/**
 * A report that cannot be written, as a coded error: exit 2 when the folder is unusable (a file
 * in the way, no permission), exit 3 for anything else (a full disk).
 */
export function reportWriteError(error: unknown, target: string): ProvisionError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const reason = error instanceof Error ? error.message : String(error);
  const message = `cannot write ${target}: ${reason}`;
  return code && unusablePath.has(code)
    ? new InputError('REPORT_WRITE_FAILED', message, { hint: 'choose a folder you can write to with --out (or outDir in the config)', cause: error })
    : new InternalError('REPORT_WRITE_FAILED', message, { hint: 'check the free space and the permissions of the report folder', cause: error });
}

/** Creates a report folder; problems are {@link reportWriteError}s. */
export async function makeReportDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true }).catch((error: unknown) => {
    throw reportWriteError(error, dir);
  });
}

/** Writes `content` to `file` atomically, creating its folder. */
export async function writeFileAtomic(file: string, content: string): Promise<void> {
  const dir = path.dirname(file);
  if (!made.has(dir)) {
    await makeReportDir(dir);
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
    await rm(temp, { force: true }).catch(() => undefined);
    throw reportWriteError(error, file);
  }
}

/** Appends to a file another program owns (`$GITHUB_STEP_SUMMARY`): appending is what it expects. */
export async function appendToFile(file: string, content: string): Promise<void> {
  await makeReportDir(path.dirname(file));
  await appendFile(file, content, 'utf8').catch((error: unknown) => {
    throw reportWriteError(error, file);
  });
}

/** JSON with two-space indentation and a final newline (stable for identical data). */
export function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
