/**
 * tinybench underneath every measurement (loaded on first use, so `provision --version` never
 * pays for it). A task that throws is a failure, never a timing.
 */
import type { TaskStats } from './types.js';

/** How long and how often each task runs. */
export interface MeasureOptions {
  /** Time budget per task, milliseconds (tinybench keeps going until this and `minIterations` are met). */
  timeMs: number;
  /** Warmup time per task, milliseconds; 0 skips the warmup. */
  warmupMs: number;
  /** Fewest timed iterations per task. */
  minIterations: number;
  /** Evaluations per iteration: stats are divided by it (micro-benchmarks batch many calls). @default 1 */
  batch?: number;
}

/** A task's outcome: statistics, or the error it threw. */
export type Measured = { ok: true; stats: TaskStats } | { ok: false; error: Error };

/** Runs the tasks one after the other, each with its own time budget, and returns their outcomes by name. */
export async function measure(tasks: Record<string, () => unknown>, options: MeasureOptions): Promise<Record<string, Measured>> {
  const { Bench } = await import('tinybench');
  const bench = new Bench({
    time: options.timeMs,
    iterations: options.minIterations,
    warmup: options.warmupMs > 0,
    warmupTime: options.warmupMs,
    warmupIterations: Math.min(options.minIterations, 8),
    throws: false,
  });
  for (const [name, fn] of Object.entries(tasks)) bench.add(name, fn);
  await bench.run();
  const batch = options.batch ?? 1;
  const out: Record<string, Measured> = {};
  for (const task of bench.tasks) {
    const result = task.result;
    if (result.state === 'completed') {
      const latency = result.latency;
      const mean = latency.mean / batch;
      out[task.name] = {
        ok: true,
        stats: {
          mean,
          p50: latency.p50 / batch,
          p99: latency.p99 / batch,
          min: latency.min / batch,
          max: latency.max / batch,
          opsPerSecond: mean > 0 ? 1000 / mean : 0,
          samples: latency.samplesCount,
          rme: latency.rme,
        },
      };
    } else if (result.state === 'errored') {
      out[task.name] = { ok: false, error: result.error };
    } else {
      out[task.name] = { ok: false, error: new Error(`the task ended in state "${result.state}"`) };
    }
  }
  return out;
}
