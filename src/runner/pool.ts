/**
 * A fixed pool of worker threads for `--jobs N`. Each worker runs one scenario at a time; a
 * worker that does not answer within the scenario's timeout (plus a grace period) is terminated
 * and replaced, and the scenario ends with SCENARIO_TIMEOUT, so a hung pipeline cannot hang the run.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { timeoutError, toRunError, type ExecuteOutcome, type ExecuteRequest } from './execute.js';

/** Extra time the main thread gives a worker before terminating it. */
const graceMs = 1_000;

interface Slot {
  worker: Worker;
  busy: boolean;
}

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
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
    this.slots.length = 0;
  }

  private spawn(): Slot {
    const adopted = this.pipelineModule ? undefined : warm.shift();
    const worker = adopted ?? createWorker(this.pipelineModule ? { pipelineModule: this.pipelineModule } : {});
    worker.unref();
    const slot: Slot = { worker, busy: false };
    this.slots.push(slot);
    return slot;
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const slot = this.slots.find((s) => !s.busy) ?? (this.slots.length < this.size ? this.spawn() : undefined);
      if (!slot) return;
      const task = this.queue.shift()!;
      this.start(slot, task);
    }
  }

  private start(slot: Slot, task: Task): void {
    slot.busy = true;
    const id = ++this.nextId;
    const started = performance.now();
    let settled = false;
    const finish = (outcome: ExecuteOutcome, replace: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      slot.worker.off('message', onMessage);
      slot.worker.off('error', onError);
      slot.worker.off('exit', onExit);
      if (replace) {
        void slot.worker.terminate();
        this.slots.splice(this.slots.indexOf(slot), 1);
      } else {
        slot.busy = false;
      }
      task.resolve(outcome);
      this.dispatch();
    };
    const elapsed = () => performance.now() - started;
    const onMessage = (message: { id: number; outcome: ExecuteOutcome }) => {
      if (message.id === id) finish(message.outcome, false);
    };
    const onError = (error: unknown) => finish({ ok: false, error: toRunError(error), durationMs: elapsed() }, true);
    const onExit = (code: number) =>
      finish({ ok: false, error: toRunError(new Error(`the worker thread exited with code ${code}`)), durationMs: elapsed() }, true);
    const timer = setTimeout(
      () => finish({ ok: false, error: timeoutError(task.request.timeoutMs), durationMs: elapsed() }, true),
      task.request.timeoutMs + graceMs,
    );
    slot.worker.on('message', onMessage);
    slot.worker.on('error', onError);
    slot.worker.on('exit', onExit);
    slot.worker.postMessage({ id, request: task.request });
  }
}
