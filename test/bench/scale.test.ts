/**
 * Synthetic scenarios and the scale curve: the generator is deterministic, its scenarios load and
 * pass, and the curve is drawn at the documented sizes. Costs and memory are recorded, never
 * asserted.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scaleSizes } from '../../src/bench/scale.js';
import { runBench } from '../../src/bench/run.js';
import { syntheticKinds, syntheticScenario, writeSyntheticScenarios } from '../../src/bench/synthetic.js';
import { resolveConfig } from '../../src/config/load.js';
import { ExitCode } from '../../src/core/errors.js';
import { runScenarios } from '../../src/runner/run.js';
import { loadScenarios } from '../../src/scenario/load.js';
import { tempDir } from '../scenario/helpers.js';

const config = resolveConfig({}, process.cwd());

describe('synthetic scenarios', () => {
  it('are the same for the same index and seed, and differ with the seed', () => {
    expect(syntheticScenario(7, 1)).toEqual(syntheticScenario(7, 1));
    expect(syntheticScenario(7, 1)).not.toEqual(syntheticScenario(7, 2));
  });

  it('cycle through every kind', () => {
    expect(Array.from({ length: 10 }, (_, i) => syntheticScenario(i).kind)).toEqual([...syntheticKinds, ...syntheticKinds]);
  });

  it('are written as the same files every time, 100 per file, beside their app', async () => {
    const a = tempDir();
    const b = tempDir();
    const written = await writeSyntheticScenarios(a, 205);
    await writeSyntheticScenarios(b, 205);
    expect(readdirSync(a).sort()).toEqual(['synthetic-00001.yaml', 'synthetic-00002.yaml', 'synthetic-00003.yaml', 'synthetic.app.yaml']);
    for (const file of readdirSync(a)) expect(readFileSync(path.join(a, file), 'utf8')).toBe(readFileSync(path.join(b, file), 'utf8'));
    expect(written.users).toBe(287);
  });

  it('load without problems and pass when run', async () => {
    const dir = tempDir();
    await writeSyntheticScenarios(dir, 15);
    const loaded = await loadScenarios([dir], { cwd: dir, config });
    expect(loaded.issues).toEqual([]);
    const summary = await runScenarios(loaded.scenarios, { config });
    const notPassed = summary.scenarios.filter((s) => s.status !== 'passed').map((s) => [s.name, s.failures.map((f) => f.message), s.error]);
    expect(notPassed).toEqual([]);
  });
});

describe('the scale curve', () => {
  it.each([
    [1, [1]],
    [100, [1, 100]],
    [250, [1, 100, 250]],
    [10_000, [1, 100, 1_000, 10_000]],
    [20_000, [1, 100, 1_000, 10_000, 20_000]],
  ])('--scale %i is drawn at %j', (n, sizes) => {
    expect(scaleSizes(n)).toEqual(sizes);
  });

  it('records cost and memory at each size, and every synthetic scenario passes', async () => {
    const report = await runBench([], { config, scale: 12 });
    expect(report.scenarios).toEqual([]);
    expect(report.expressions).toEqual([]);
    expect(report.scale?.map((r) => [r.scenarios, r.notPassed])).toEqual([
      [1, 0],
      [12, 0],
    ]);
    for (const row of report.scale ?? []) {
      expect(row.runMsPerScenario).toBeGreaterThan(0);
      expect(row.peakRssMb).toBeGreaterThan(0);
    }
    expect(report.scale?.[1]?.growth).toBeCloseTo((report.scale?.[1]?.runMsPerScenario ?? 0) / (report.scale?.[0]?.runMsPerScenario ?? 1));
  });

  it("runs the synthetic scenarios under the default settings, not the project's", async () => {
    // Under deprovisionAction: delete the synthetic "disable" scenario would delete and fail.
    const custom = resolveConfig({ settings: { engine: { deprovisionAction: 'delete' } } }, process.cwd());
    const report = await runBench([], { config: custom, scale: 5 });
    expect(report.scale?.map((r) => r.notPassed)).toEqual([0, 0]);
    expect(report.exitCode).toBe(ExitCode.ok);
  });

  it('a size whose synthetic scenarios do not all pass is an issue and exits 1, never a clean curve', async () => {
    // A file size limit no scenario file meets: none of them loads, so none passes.
    const strict = resolveConfig({ limits: { maxFileBytes: 1 } }, process.cwd());
    const report = await runBench([], { config: strict, scale: 2 });
    expect(report.scale?.every((r) => r.notPassed > 0)).toBe(true);
    expect(report.issues.map((i) => i.code)).toEqual(['BENCH_SCALE_NOT_PASSED', 'BENCH_SCALE_NOT_PASSED']);
    expect(report.exitCode).toBe(ExitCode.failed);
  });
});
