/**
 * A spool: the part of a report that grows with every scenario (junit.xml's suites, report.html's
 * scenario sections), written to a temporary file as each scenario ends and copied, in input
 * order, into the report when the run ends. A reporter that spools holds no scenario in memory;
 * the file lives in the system's temporary folder and is removed by {@link Spool.dispose}.
 */
import { mkdtemp, open, rm, type FileHandle } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { WriteQueue } from './write.js';

/** Bytes copied at a time from the spool into the report. */
const COPY_CHUNK = 1 << 20;

export class Spool {
  /** Byte offset and length of each scenario's text, by its index in the run. */
  private readonly starts: number[] = [];
  private readonly lengths: number[] = [];
  private size = 0;
  private spooled = 0;
  private readonly writes = new WriteQueue();

  private constructor(
    private readonly dir: string,
    private readonly file: FileHandle,
  ) {}

  /** Opens an empty spool in a new temporary folder. */
  static async create(): Promise<Spool> {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'provision-spool-'));
    try {
      return new Spool(dir, await open(path.join(dir, 'spool'), 'wx+'));
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
  }

  /** Scenarios spooled so far. */
  get count(): number {
    return this.spooled;
  }

  /**
   * Spools the text of the scenario at `index` (in any order: with worker threads scenarios end
   * out of order). A write failure is thrown by {@link Spool.copyTo}.
   */
  async add(index: number, text: string): Promise<void> {
    const bytes = Buffer.from(text, 'utf8');
    // The place is taken before any await, so concurrent calls never overlap.
    const start = this.size;
    this.size += bytes.length;
    if (this.starts[index] === undefined) this.spooled++;
    this.starts[index] = start;
    this.lengths[index] = bytes.length;
    await this.writes.add(writeAll(this.file, bytes, start));
  }

  /** Appends every spooled text to `out`, in index order. */
  async copyTo(out: FileHandle): Promise<void> {
    await this.writes.drain();
    const buffer = Buffer.allocUnsafe(Math.min(COPY_CHUNK, Math.max(1, this.size)));
    // Runs of scenarios that ended in order lie one after the other in the spool: copy each run whole.
    let from = 0;
    let to = 0;
    const flush = async () => {
      for (let at = from; at < to; ) {
        const { bytesRead } = await this.file.read(buffer, 0, Math.min(buffer.length, to - at), at);
        if (bytesRead === 0) throw new Error(`the spool ended at byte ${at} of ${to}`);
        await writeAll(out, buffer.subarray(0, bytesRead));
        at += bytesRead;
      }
    };
    for (let index = 0; index < this.starts.length; index++) {
      const start = this.starts[index];
      if (start === undefined) continue;
      if (start !== to) {
        await flush();
        from = start;
      }
      to = start + this.lengths[index]!;
    }
    await flush();
  }

  /** Closes and removes the spool. */
  async dispose(): Promise<void> {
    await this.writes.drain().catch(() => undefined);
    await this.file.close().catch(() => undefined);
    await rm(this.dir, { recursive: true, force: true });
  }
}

/** A reporter's spool for the current run: opened on first use, removed by `close`. */
export interface RunSpool {
  open(): Promise<Spool>;
  close(): Promise<void>;
}

export function runSpool(): RunSpool {
  let spool: Promise<Spool> | undefined;
  return {
    open: () => (spool ??= Spool.create()),
    async close() {
      const done = spool;
      spool = undefined;
      await (await done?.catch(() => undefined))?.dispose();
    },
  };
}

/** Writes text or bytes whole, at `position` or else where the file's position is. */
export async function writeAll(out: FileHandle, data: string | Buffer, position?: number): Promise<void> {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  for (let done = 0; done < bytes.length; ) {
    done += (await out.write(bytes, done, bytes.length - done, position === undefined ? null : position + done)).bytesWritten;
  }
}
