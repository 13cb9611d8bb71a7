/**
 * Baselines: `--save-baseline` keeps each scenario's and expression's mean in
 * `reports/bench-baseline.json`; `--compare` flags every one that got more than 20% slower.
 * Means are compared (p99 is too noisy over a few hundred samples). A baseline from another
 * machine, Node version or transport is still compared, with a note saying so.
 */
import { readFile } from 'node:fs/promises';
import { InputError } from '../core/errors.js';
import type { BenchBaseline, BenchEnvironment, ExpressionRow, Regression, ScenarioRow } from './types.js';

/** A result slower than the baseline by more than this fraction is a regression. */
export const REGRESSION_THRESHOLD = 0.2;

/** The baseline of a bench's measured rows. */
export function baselineOf(environment: BenchEnvironment, scenarios: readonly ScenarioRow[], expressions: readonly ExpressionRow[]): BenchBaseline {
  const baseline: BenchBaseline = { schemaVersion: 1, environment, scenarios: {}, expressions: {} };
  for (const row of scenarios) {
    if (row.status === 'measured') baseline.scenarios[row.name] = { mean: row.pipeline.mean, p99: row.pipeline.p99, floorMean: row.floor.mean };
  }
  for (const row of expressions) {
    if (row.status === 'measured') baseline.expressions[row.name] = { mean: row.compiled.mean };
  }
  return baseline;
}

/** Regressions against a baseline, plus notes on what could not be compared or differs. */
export function compareToBaseline(
  baseline: BenchBaseline,
  environment: BenchEnvironment,
  scenarios: readonly ScenarioRow[],
  expressions: readonly ExpressionRow[],
  threshold = REGRESSION_THRESHOLD,
): { regressions: Regression[]; notes: string[] } {
  const regressions: Regression[] = [];
  const notes: string[] = [];
  const check = (kind: Regression['kind'], name: string, before: number | undefined, now: number) => {
    if (before === undefined) {
      notes.push(`${kind} "${name}" is not in the baseline`);
      return;
    }
    if (!(before > 0)) return;
    const change = (now - before) / before;
    if (change > threshold) regressions.push({ kind, name, metric: 'mean', baseline: before, current: now, changePercent: change * 100 });
  };
  for (const row of scenarios) if (row.status === 'measured') check('scenario', row.name, baseline.scenarios[row.name]?.mean, row.pipeline.mean);
  for (const row of expressions) if (row.status === 'measured') check('expression', row.name, baseline.expressions[row.name]?.mean, row.compiled.mean);
  const then = baseline.environment;
  for (const key of ['node', 'cpuModel', 'cpus', 'transport'] as const) {
    if (then[key] !== environment[key]) notes.push(`the baseline was taken with ${key} ${String(then[key])}, this run uses ${String(environment[key])}`);
  }
  return { regressions, notes };
}

/** Reads a baseline; a missing or malformed file is invalid input (exit 2). */
export async function readBaseline(file: string, display: string): Promise<BenchBaseline> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new InputError('BENCH_NO_BASELINE', `no baseline at ${display}`, { hint: 'run "provision bench --save-baseline" first (it writes the baseline --compare reads)' });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InputError('BENCH_INVALID_BASELINE', `${display} is not JSON: ${(error as Error).message}`, { hint: 'write it again with "provision bench --save-baseline"' });
  }
  if (!isBaseline(value)) {
    throw new InputError('BENCH_INVALID_BASELINE', `${display} is not a bench baseline (schemaVersion 1 with environment, scenarios and expressions)`, { hint: 'write it again with "provision bench --save-baseline"' });
  }
  return value;
}

function isBaseline(value: unknown): value is BenchBaseline {
  if (!value || typeof value !== 'object') return false;
  const v = value as Partial<BenchBaseline>;
  const table = (t: unknown) => !!t && typeof t === 'object' && Object.values(t).every((e) => !!e && typeof e === 'object' && typeof (e as { mean?: unknown }).mean === 'number');
  return v.schemaVersion === 1 && !!v.environment && typeof v.environment === 'object' && table(v.scenarios) && table(v.expressions);
}
