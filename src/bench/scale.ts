/**
 * The scale curve (`provision bench --scale N`): synthetic scenarios (src/bench/synthetic.ts) at
 * 1, 100, 1,000 and 10,000 — the sizes up to N, and N itself — each written to a temporary
 * folder, loaded and run in-process (one scenario after the other, no reporters) as `provision
 * run` would, measuring the cost per scenario and the highest resident set size seen. A flat
 * curve means the cost of a scenario does not depend on how many run with it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { defaultSettings } from '../config/settings.js';
import type { ResolvedConfig } from '../config/types.js';
import { runScenarios } from '../runner/run.js';
import { loadScenarios } from '../scenario/load.js';
import type { ScimTransport } from '../scim/types.js';
import { writeSyntheticScenarios } from './synthetic.js';
import type { ScaleRow } from './types.js';

/** The sizes the curve is drawn at. */
export const scaleSteps = [1, 100, 1_000, 10_000] as const;

/** Largest `--scale`: ten times the last step. */
export const maxScale = 100_000;

/** The sizes for `--scale n`: every step up to n, then n itself. */
export function scaleSizes(n: number): number[] {
  const sizes: number[] = scaleSteps.filter((s) => s < n);
  sizes.push(n);
  return sizes;
}

export interface ScaleOptions {
  config: ResolvedConfig;
  transport: ScimTransport;
  /** Called before each size, for progress output. */
  onSize?: (scenarios: number) => void;
}

/**
 * Draws the curve up to `n` scenarios. The synthetic scenarios' expectations hold under the
 * documented default settings, so the project's own `settings` (a `deprovisionAction` of
 * `delete`, say) are left out: they would fail scenarios that are not the project's. The config's
 * transport and limits still apply.
 */
export async function runScale(n: number, options: ScaleOptions): Promise<ScaleRow[]> {
  const config: ResolvedConfig = { ...options.config, settings: defaultSettings, settingsInput: {} };
  const rows: ScaleRow[] = [];
  for (const size of scaleSizes(n)) {
    options.onSize?.(size);
    const row = await measureSize(size, { ...options, config });
    const previous = rows.at(-1);
    rows.push(previous ? { ...row, growth: row.runMsPerScenario / previous.runMsPerScenario } : row);
  }
  return rows;
}

async function measureSize(size: number, options: ScaleOptions): Promise<ScaleRow> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'provision-bench-scale-'));
  try {
    const { users } = await writeSyntheticScenarios(dir, size);
    let peak = process.memoryUsage.rss();
    const sample = () => {
      peak = Math.max(peak, process.memoryUsage.rss());
    };
    const loadStart = performance.now();
    const loaded = await loadScenarios([dir], { cwd: dir, config: options.config });
    const loadMs = performance.now() - loadStart;
    sample();
    const runStart = performance.now();
    const summary = await runScenarios(loaded.scenarios, {
      config: options.config,
      jobs: 1,
      transport: options.transport,
      reporters: [{ onScenarioEnd: sample }],
      issues: loaded.issues,
    });
    const runMs = performance.now() - runStart;
    sample();
    return {
      scenarios: size,
      users,
      loadMsPerScenario: loadMs / size,
      runMsPerScenario: runMs / size,
      peakRssMb: peak / 1_048_576,
      notPassed: size - summary.counts.passed,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
