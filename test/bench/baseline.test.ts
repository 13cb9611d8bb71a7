/**
 * Baselines: what is saved, which results count as regressions (more than 20% slower), and bad
 * baseline files. Rows are built by hand: no timing is asserted.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { baselineOf, compareToBaseline, readBaseline } from '../../src/bench/baseline.js';
import type { BenchEnvironment, ExpressionRow, ScenarioRow, TaskStats } from '../../src/bench/types.js';
import { tempDir } from '../scenario/helpers.js';

const stats = (mean: number): TaskStats => ({ mean, p50: mean, p99: mean * 2, min: mean, max: mean * 3, opsPerSecond: 1000 / mean, samples: 50, rme: 2 });
const environment: BenchEnvironment = { node: 'v20.0.0', platform: 'linux', arch: 'x64', cpus: 2, cpuModel: 'cpu', transport: 'direct', timeMs: 200, warmupMs: 50, minIterations: 10 };
const scenario = (name: string, mean: number): ScenarioRow => ({ status: 'measured', name, file: 'a.yaml', line: 1, pipeline: stats(mean), floor: stats(mean / 2), ratio: 2, requests: 2 });
const expression = (name: string, mean: number): ExpressionRow => ({ status: 'measured', name, expression: '[x]', batch: 1, compiled: stats(mean), handwritten: stats(mean / 4), ratio: 4 });

describe('baselines', () => {
  const baseline = baselineOf(environment, [scenario('a', 1), scenario('b', 2)], [expression('e', 0.0001)]);

  it('keeps the means of measured rows only', () => {
    const failed: ScenarioRow = { status: 'failed', name: 'c', file: 'a.yaml', line: 9, error: { code: 'X', message: 'x', exitCode: 1 } };
    expect(baselineOf(environment, [scenario('a', 1), failed], [])).toEqual({
      schemaVersion: 1,
      environment,
      scenarios: { a: { mean: 1, p99: 2, floorMean: 0.5 } },
      expressions: {},
    });
  });

  it('flags results more than 20% slower, and only those', () => {
    const { regressions, notes } = compareToBaseline(baseline, environment, [scenario('a', 1.2), scenario('b', 2.5)], [expression('e', 0.00013)]);
    expect(regressions.map((r) => [r.kind, r.name, r.baseline, r.current, Math.round(r.changePercent)])).toEqual([
      ['scenario', 'b', 2, 2.5, 25],
      ['expression', 'e', 0.0001, 0.00013, 30],
    ]);
    expect(notes).toEqual([]);
  });

  it('faster results are no regression', () => {
    expect(compareToBaseline(baseline, environment, [scenario('a', 0.1)], []).regressions).toEqual([]);
  });

  it('notes results the baseline lacks and a different machine or transport', () => {
    const other = { ...environment, node: 'v22.1.0', transport: 'nock' as const };
    const { regressions, notes } = compareToBaseline(baseline, other, [scenario('new one', 5)], []);
    expect(regressions).toEqual([]);
    expect(notes).toEqual([
      'scenario "new one" is not in the baseline',
      'the baseline was taken with node v20.0.0, this run uses v22.1.0',
      'the baseline was taken with transport direct, this run uses nock',
    ]);
  });

  it.each([
    ['a missing file', undefined, 'BENCH_NO_BASELINE'],
    ['text that is not JSON', '{ nope', 'BENCH_INVALID_BASELINE'],
    ['JSON of another shape', '{"schemaVersion": 1, "scenarios": []}', 'BENCH_INVALID_BASELINE'],
    ['a mean that is not a number', JSON.stringify({ ...baseline, scenarios: { a: { mean: 'fast' } } }), 'BENCH_INVALID_BASELINE'],
  ])('refuses %s (exit 2)', async (_name, content, code) => {
    const dir = tempDir(content === undefined ? {} : { 'bench-baseline.json': content });
    const file = path.join(dir, 'bench-baseline.json');
    await expect(readBaseline(file, 'reports/bench-baseline.json')).rejects.toMatchObject({ code, exitCode: 2 });
  });

  it('reads back what it saved', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'bench-baseline.json');
    writeFileSync(file, JSON.stringify(baseline));
    expect(await readBaseline(file, 'x')).toEqual(baseline);
  });
});
