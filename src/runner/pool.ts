/**
 * A fixed pool of worker threads for `--jobs N`. Each worker runs one scenario at a time and holds
 * the next one ready; a worker that does not answer within the scenario's timeout (plus a grace
 * period) is terminated and replaced, its scenario ends with SCENARIO_TIMEOUT and the one it held
 * goes back to the queue, so a hung pipeline cannot hang the run.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { timeoutError, toRunError, type ExecuteOutcome, type ExecuteRequest } from './execute.js';

/** Extra time the main thread gives a worker before terminating it. */
const graceMs = 1_000;

interface Slot {
  worker: Worker;
  /** Sent and not yet answered, in order: the worker runs them one after the other. */
  tasks: Array<{ id: number; task: Task }>;
  /** The time limit of the task the worker is running (the head). */
  timer?: NodeJS.Timeout;
  startedAt: number;
}

/**
 * Requests a worker holds at once: the one it runs and the next, so it never waits for the main
 * thread between two scenarios (one at a time left workers idle almost half the time).
 */
const PER_WORKER = 2;

interface Task {
  request: ExecuteRequest;
  resolve(outcome: ExecuteOutcome): void;
}

/**
 * The compiled `dist/` runs `worker.js` directly. From source (tests, `tsx`), the worker first
 * registers tsx's ESM loader in its own thread, then imports `worker.ts`.
 */
function createWorker(workerData: object): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./worker.js', import.meta.url), { workerData });
  const tsxApi = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api')).href.replace(/\.cjs$/, '.mjs');
  const entry = new URL('./worker.ts', import.meta.url).href;
  const boot = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(boot, { eval: true, workerData });
}

/** Workers started ahead of a run by {@link prewarmWorkers}, waiting for the pool that adopts them. */
const warm: Worker[] = [];

/**
 * Starts `count` workers of the real pipeline now, so they load their modules while the main
 * thread loads scenarios (~0.3 s each on a small machine). The next pool without a custom
 * pipeline adopts them; unadopted ones do not keep the process alive.
 */
export function prewarmWorkers(count: number): void {
  while (warm.length < count) {
    const worker = createWorker({});
    worker.unref();
    warm.push(worker);
  }
}

/**
 * Terminates the started workers beyond `keep`: once the selection is known, a run of fewer
 * scenarios than `--jobs` must not leave the rest loading modules beside it (64 workers for
 * one scenario took half a minute on two cores). Returns how many it stopped.
 */
export async function releaseWarmWorkers(keep: number): Promise<number> {
  const surplus = warm.splice(Math.max(0, keep));
  await Promise.all(surplus.map((worker) => worker.terminate()));
  return surplus.length;
}

export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private nextId = 0;

  constructor(
    private readonly size: number,
    private readonly pipelineModule?: string,
  ) {}

  /** Runs one request on the next free worker. Never rejects. */
  run(request: ExecuteRequest): Promise<ExecuteOutcome> {
    return new Promise((resolve) => {
      this.queue.push({ request, resolve });
      this.dispatch();
    });
  }

  /** Terminates every worker. */
  async close(): Promise<void> {
    const slots = this.slots.splice(0);
    for (const slot of slots) clearTimeout(slot.timer);
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }

  private spawn(): Slot {
    const adopted = this.pipelineModule ? undefined : warm.shift();
    const worker = adopted ?? createWorker(this.pipelineModule ? { pipelineModule: this.pipelineModule } : {});
    worker.unref();
    const slot: Slot = { worker, tasks: [], startedAt: 0 };
    worker.on('message', (message: { id: number; outcome: ExecuteOutcome }) => this.answered(slot, message));
    worker.on('error', (error: unknown) => this.lost(slot, (ms) => ({ ok: false, error: toRunError(error), durationMs: ms })));
    worker.on('exit', (code: number) =>
      this.lost(slot, (ms) => ({ ok: false, error: toRunError(new Error(`the worker thread exited with code ${code}`)), durationMs: ms })),
    );
    this.slots.push(slot);
    return slot;
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const idle = this.slots.find((s) => s.tasks.length === 0);
      const slot = idle ?? (this.slots.length < this.size ? this.spawn() : this.slots.find((s) => s.tasks.length < PER_WORKER));
      if (!slot) return;
      const task = this.queue.shift()!;
      const id = ++this.nextId;
      slot.tasks.push({ id, task });
      slot.worker.postMessage({ id, request: task.request });
      if (slot.tasks.length === 1) this.arm(slot);
    }
  }

  /** Starts the time limit of the task the worker runs now. */
  private arm(slot: Slot): void {
    const head = slot.tasks[0];
    if (!head) return;
    slot.startedAt = performance.now();
    slot.timer = setTimeout(
      () => this.lost(slot, (ms) => ({ ok: false, error: timeoutError(head.task.request.timeoutMs), durationMs: ms })),
      head.task.request.timeoutMs + graceMs,
    );
  }

  private answered(slot: Slot, message: { id: number; outcome: ExecuteOutcome }): void {
    const head = slot.tasks[0];
    if (!head || head.id !== message.id) return;
    clearTimeout(slot.timer);
    slot.tasks.shift();
    this.arm(slot);
    this.dispatch();
    head.task.resolve(message.outcome);
  }

  /**
   * The worker failed, exited or ran out of time: its current task ends with `outcome`, the worker
   * is replaced, and the tasks it had not started go back to the front of the queue.
   */
  private lost(slot: Slot, outcome: (elapsedMs: number) => ExecuteOutcome): void {
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    this.slots.splice(index, 1);
    clearTimeout(slot.timer);
    slot.worker.removeAllListeners();
    void slot.worker.terminate();
    const [head, ...waiting] = slot.tasks;
    this.queue.unshift(...waiting.map((w) => w.task));
    if (head) head.task.resolve(outcome(performance.now() - slot.startedAt));
    this.dispatch();
  }
}
