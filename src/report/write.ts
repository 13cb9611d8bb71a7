/**
 * Atomic file writes: the content goes to a temporary file beside the target, then a rename
 * replaces the target in one step, so a reader (or a crash) never sees half a report.
 */
import { mkdir, open, rename, rm, writeFile, appendFile, type FileHandle } from 'node:fs/promises';
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

/** Writes a file's content through an open handle (a file too large to hold as one string). */
export type ContentWriter = (out: FileHandle) => Promise<void>;

/** Writes `content` (text, or a writer that streams it) to `file` atomically, creating its folder. */
export async function writeFileAtomic(file: string, content: string | ContentWriter): Promise<void> {
  const dir = path.dirname(file);
  if (!made.has(dir)) {
    await makeReportDir(dir);
    made.add(dir);
  }
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${++counter}.tmp`);
  const write = async () => {
    if (typeof content === 'string') return writeFile(temp, content, 'utf8');
    const out = await open(temp, 'w');
    try {
      await content(out);
    } finally {
      await out.close();
    }
  };
  try {
    await write().catch(async (error: NodeJS.ErrnoException) => {
      // The folder was removed since this process created it: create it again.
      if (error.code !== 'ENOENT') throw error;
      await mkdir(dir, { recursive: true });
      await write();
    });
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw reportWriteError(error, file);
  }
}

/**
 * Writes that go on while the next scenarios run, at most `limit` in flight: a pipeline produces
 * reports faster than a disk takes them, and unbounded, 10,000 scenarios queued ~1 GB of report
 * text before the first writes finished. The first failure is thrown by {@link WriteQueue.drain}.
 */
export class WriteQueue {
  private pending: Array<Promise<void>> = [];
  private failure: { error: unknown } | undefined;

  constructor(private readonly limit = 32) {}

  /** Queues a write; waits for the oldest one once `limit` are in flight. */
  async add(write: Promise<void>): Promise<void> {
    this.pending.push(write.catch((error: unknown) => void (this.failure ??= { error })));
    if (this.pending.length >= this.limit) await this.pending.shift();
  }

  /** Waits for every queued write; throws the first failure, if any. */
  async drain(): Promise<void> {
    await Promise.all(this.pending.splice(0));
    const failure = this.failure;
    this.failure = undefined;
    if (failure) throw failure.error;
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
