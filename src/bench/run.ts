/**
 * `runBench`: every scenario's pipeline and floor, the expression micro-benchmarks, the scale
 * curve when asked, budgets, and the baseline comparison — as one {@link BenchReport}. The exit
 * code follows the contract: a scenario that cannot be benchmarked decides it by its error (3, 2,
 * then 1); otherwise an exceeded budget or a regression exits 4.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { resolveConfig } from '../config/load.js';
import type { Budgets, ResolvedConfig } from '../config/types.js';
import { ExitCode, InputError, type Issue } from '../core/errors.js';
import type { LoadedScenario } from '../scenario/types.js';
import type { ScimTransport } from '../scim/types.js';
import { compareToBaseline, REGRESSION_THRESHOLD } from './baseline.js';
import { budgetIssues, checkBudgets } from './budgets.js';
import { benchExpressions } from './expressions.js';
import type { MeasureOptions } from './measure.js';
import { maxScale, runScale } from './scale.js';
import { benchScenario } from './scenarios.js';
import type { BenchBaseline, BenchEnvironment, BenchReport, ExpressionRow, ScaleRow, ScenarioRow } from './types.js';

/** Defaults of {@link BenchOptions}: short enough that `npm run bench` stays well under a minute. */
export const benchDefaults = {
  /** Time budget per task (pipeline, floor, each side of an expression), for up to 60 scenarios. */
  timeMs: 200,
  /** With more scenarios the time per task shrinks so the tasks take about this long in all… */
  totalMs: 24_000,
  /** …but never below this. */
  minTimeMs: 50,
  /** Warmup per task. */
  warmupMs: 50,
  /** Fewest timed iterations per task, even when one iteration outlasts the time budget. */
  minIterations: 10,
} as const;

export interface BenchOptions {
  /** The loaded config (budgets, settings, transport). @default the defaults */
  config?: ResolvedConfig;
  /** @default config.transport */
  transport?: ScimTransport;
  /** Seed for scenarios that set none. @default config.seed */
  seed?: number;
  /** @default config.budgets */
  budgets?: Budgets;
  /** @default {@link defaultTimeMs} for the number of scenarios */
  timeMs?: number;
  /** @default {@link benchDefaults}.warmupMs */
  warmupMs?: number;
  /** @default {@link benchDefaults}.minIterations */
  minIterations?: number;
  /** Run the expression micro-benchmarks. @default true */
  expressions?: boolean;
  /** Draw the scale curve up to this many synthetic scenarios (instead of benchmarking scenarios). */
  scale?: number;
  /** Compare with this baseline (`--compare`). */
  baseline?: { file: string; value: BenchBaseline };
  /** Problems found while loading the scenarios: reported, and the bench exits 2. */
  issues?: readonly Issue[];
  /** Progress lines (`scenario 3/40 · name`). */
  onProgress?: (text: string) => void;
}

/**
 * Runs the benchmark. Throws {@link InputError} (exit 2) for invalid budgets or options
 * (`BENCH_INVALID_OPTION`: a time, warmup, minimum iteration count or scale out of range) before
 * anything runs; everything a scenario contains ends in its row instead.
 */
export async function runBench(scenarios: readonly LoadedScenario[], options: BenchOptions = {}): Promise<BenchReport> {
  const config = options.config ?? resolveConfig({}, process.cwd());
  const budgets = options.budgets ?? config.budgets;
  const invalid = [...budgetIssues(budgets), ...optionIssues(options)];
  if (invalid.length > 0) throw InputError.fromIssues(invalid);
  const transport = options.transport ?? config.transport;
  const measureOptions: MeasureOptions = {
    timeMs: options.timeMs ?? defaultTimeMs(scenarios.length),
    warmupMs: options.warmupMs ?? benchDefaults.warmupMs,
    minIterations: options.minIterations ?? benchDefaults.minIterations,
  };
  const environment = environmentOf(transport, measureOptions);
  const started = performance.now();
  const progress = options.onProgress ?? (() => {});

  const rows: ScenarioRow[] = [];
  let scale: ScaleRow[] | undefined;
  if (options.scale !== undefined) {
    scale = await runScale(options.scale, { config, transport, onSize: (n) => progress(`scale · ${n} scenarios`) });
  } else {
    for (const [index, scenario] of scenarios.entries()) {
      progress(`scenario ${index + 1}/${scenarios.length} · ${scenario.name}`);
      rows.push(await benchScenario(scenario, { config, transport, ...(options.seed !== undefined ? { seed: options.seed } : {}), measure: measureOptions }));
    }
  }
  let expressions: ExpressionRow[] = [];
  if (options.expressions !== false && options.scale === undefined) {
    progress('expressions');
    // Expressions take nanoseconds: a shorter budget still gives thousands of samples.
    expressions = await benchExpressions({ ...measureOptions, timeMs: Math.min(measureOptions.timeMs, 100), warmupMs: Math.min(measureOptions.warmupMs, 20) });
  }

  const violations = checkBudgets(budgets, rows, expressions);
  const comparison = options.baseline
    ? { baselineFile: options.baseline.file, thresholdPercent: REGRESSION_THRESHOLD * 100, ...compareToBaseline(options.baseline.value, environment, rows, expressions) }
    : undefined;
  const issues = [...(options.issues ?? [])];
  const notPassed = (scale ?? []).filter((row) => row.notPassed > 0);
  const exitCode = exitCodeOf(rows, expressions, issues, violations.length > 0 || (comparison?.regressions.length ?? 0) > 0, notPassed.length > 0);
  for (const row of notPassed) {
    // Never a curve that looks fine over runs that did not pass (exit 1, as a failed scenario).
    issues.push({
      code: 'BENCH_SCALE_NOT_PASSED',
      message: `${row.notPassed} of ${row.scenarios} synthetic scenarios did not pass: their timings are not those of the on-demand path`,
      hint: 'the synthetic scenarios pass under the default settings; look for a limit in the config (limits.maxFileBytes, limits.scenarioTimeoutMs) or report this as a bug',
    });
  }
  return {
    schemaVersion: 1,
    environment,
    budgets,
    scenarios: rows,
    expressions,
    ...(scale ? { scale } : {}),
    violations,
    ...(comparison ? { comparison } : {}),
    issues,
    exitCode,
    timing: { durationMs: Math.round(performance.now() - started) },
  };
}

/**
 * Problems with the numeric options a library caller passes (the CLI checks its flags itself):
 * a NaN or negative time would otherwise end as a crash row or a two-sample timing, and a scale
 * below 1 as a curve of NaN.
 */
function optionIssues(options: BenchOptions): Issue[] {
  const issues: Issue[] = [];
  const check = (key: keyof BenchOptions, ok: (n: number) => boolean, what: string) => {
    const value = options[key];
    if (value === undefined || (typeof value === 'number' && ok(value))) return;
    issues.push({ code: 'BENCH_INVALID_OPTION', message: `${key} must be ${what}, got ${String(value)}`, hint: 'leave it out for the default (docs/bench.md, "Why these defaults")', path: [key] });
  };
  check('timeMs', (n) => Number.isFinite(n) && n > 0, 'a positive number of milliseconds');
  check('warmupMs', (n) => Number.isFinite(n) && n >= 0, 'a number of milliseconds, 0 or more');
  check('minIterations', (n) => Number.isInteger(n) && n >= 1, 'a whole number, 1 or more');
  check('scale', (n) => Number.isInteger(n) && n >= 1 && n <= maxScale, `a whole number from 1 to ${maxScale}`);
  return issues;
}

/**
 * The time per task when none is given: 200 ms, less when there are more than 60 scenarios so the
 * two tasks of every scenario take about 24 s in all, and never under 50 ms.
 */
export function defaultTimeMs(scenarios: number): number {
  const share = Math.floor(benchDefaults.totalMs / (2 * Math.max(1, scenarios)));
  return Math.max(benchDefaults.minTimeMs, Math.min(benchDefaults.timeMs, share));
}

/** The machine, Node and transport (what a baseline is only comparable with). */
export function environmentOf(transport: ScimTransport, measure: MeasureOptions): BenchEnvironment {
  const cpus = os.cpus();
  return {
    node: process.version,
    platform: process.platform,
    arch: process.arch,
    cpus: os.availableParallelism?.() ?? cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    transport,
    timeMs: measure.timeMs,
    warmupMs: measure.warmupMs,
    minIterations: measure.minIterations,
  };
}

/** Severity: internal error, invalid input, failed scenario, then budget or regression, then ok. */
function exitCodeOf(rows: readonly ScenarioRow[], expressions: readonly ExpressionRow[], issues: readonly Issue[], slower: boolean, scaleFailed: boolean): ExitCode {
  const codes: ExitCode[] = [...rows, ...expressions].flatMap((r) => (r.status === 'failed' ? [r.error.exitCode] : []));
  if (issues.length > 0) codes.push(ExitCode.invalidInput);
  if (scaleFailed) codes.push(ExitCode.failed);
  if (slower) codes.push(ExitCode.budgetExceeded);
  for (const code of [ExitCode.internal, ExitCode.invalidInput, ExitCode.failed, ExitCode.budgetExceeded]) if (codes.includes(code)) return code;
  return ExitCode.ok;
}
