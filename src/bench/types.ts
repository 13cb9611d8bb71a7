/**
 * What `provision bench` measures and reports (`reports/bench.json`). Every number here is a real
 * timing or memory reading: the whole file is timing data and differs between two runs.
 */
import type { Budgets } from '../config/types.js';
import type { ExitCode, Issue } from '../core/errors.js';
import type { ScimTransport } from '../scim/types.js';

/** Latency statistics of one tinybench task, in milliseconds. */
export interface TaskStats {
  mean: number;
  p50: number;
  p99: number;
  min: number;
  max: number;
  /** Operations per second: 1000 / mean. */
  opsPerSecond: number;
  /** Number of timed iterations. */
  samples: number;
  /** Relative margin of error of the mean, in percent (95%). */
  rme: number;
}

/** Why a row has no timing. */
export interface BenchError extends Issue {
  /** Exit code this failure maps to: 1 (expectations, timeout), 2 (invalid input), 3 (crash). */
  exitCode: ExitCode;
}

/** A scenario's row: the pipeline, its floor and the ratio; or why there is no timing. */
export type ScenarioRow =
  | {
      status: 'measured';
      name: string;
      file: string;
      line: number;
      /** The whole on-demand path (fresh context and target each iteration). */
      pipeline: TaskStats;
      /** Replaying the same HTTP exchanges against a fresh mocked target, without the pipeline. */
      floor: TaskStats;
      /** pipeline.mean / floor.mean. */
      ratio: number;
      /** HTTP exchanges per iteration. */
      requests: number;
      /** `expect.budget.ms`, checked against the pipeline's p99. */
      budgetMs?: number;
      /** The line `expect.budget.ms` is written on (a violation points there). */
      budgetLine?: number;
    }
  | { status: 'failed'; name: string; file: string; line: number; error: BenchError };

/** One expression micro-benchmark: compiled once vs a hand-written JavaScript equivalent. */
export type ExpressionRow =
  | {
      status: 'measured';
      name: string;
      expression: string;
      /** Evaluations per task iteration (the stats are per evaluation). */
      batch: number;
      compiled: TaskStats;
      handwritten: TaskStats;
      /** compiled.mean / handwritten.mean. */
      ratio: number;
    }
  | { status: 'failed'; name: string; expression: string; error: BenchError };

/** One point of the scale curve (`--scale N`). */
export interface ScaleRow {
  /** Scenarios generated and run. */
  scenarios: number;
  /** Synthetic source users across them. */
  users: number;
  /** Milliseconds to load (parse, validate, compile) them, per scenario. */
  loadMsPerScenario: number;
  /** Milliseconds to run them (in-process, no reporters), per scenario. */
  runMsPerScenario: number;
  /** Highest resident set size seen while loading and running, in MB. */
  peakRssMb: number;
  /** runMsPerScenario relative to the previous row's. */
  growth?: number;
  /** Scenarios that did not pass (the generator's expectations are wrong if any). */
  notPassed: number;
}

/** An exceeded budget: which, where, and by how much. */
export interface BudgetViolation {
  /** The scenario or expression name. */
  subject: string;
  /** `scenarioP99Ms`, `scenarioMeanMs`, `ratioToFloor`, `expressionRatio` or `expect.budget.ms`. */
  budget: string;
  limit: number;
  actual: number;
  /** actual - limit, in the budget's unit. */
  margin: number;
  /** margin / limit, in percent. */
  marginPercent: number;
  /** Where the budget is written (the scenario file for `expect.budget.ms`). */
  file?: string;
  line?: number;
}

/** A result more than the threshold slower than in the baseline. */
export interface Regression {
  /** `scenario`, `floor` or `expression`. */
  kind: 'scenario' | 'expression';
  name: string;
  /** The compared statistic (`mean`). */
  metric: 'mean';
  baseline: number;
  current: number;
  /** (current - baseline) / baseline, in percent. */
  changePercent: number;
}

/** The machine and settings a bench ran with. */
export interface BenchEnvironment {
  node: string;
  platform: string;
  arch: string;
  cpus: number;
  cpuModel: string;
  transport: ScimTransport;
  /** Time budget per task and warmup, in milliseconds; minimum iterations per task. */
  timeMs: number;
  warmupMs: number;
  minIterations: number;
}

/** `reports/bench.json`. */
export interface BenchReport {
  schemaVersion: 1;
  environment: BenchEnvironment;
  budgets: Budgets;
  scenarios: ScenarioRow[];
  expressions: ExpressionRow[];
  scale?: ScaleRow[];
  violations: BudgetViolation[];
  /** Present with `--compare`. */
  comparison?: { baselineFile: string; thresholdPercent: number; regressions: Regression[]; notes: string[] };
  /** Problems found while loading scenarios, then scale sizes whose synthetic scenarios did not all pass (`BENCH_SCALE_NOT_PASSED`). */
  issues: Issue[];
  exitCode: ExitCode;
  timing: { durationMs: number };
}

/** `reports/bench-baseline.json`: the means a later `--compare` holds results against. */
export interface BenchBaseline {
  schemaVersion: 1;
  environment: BenchEnvironment;
  scenarios: Record<string, { mean: number; p99: number; floorMean: number }>;
  expressions: Record<string, { mean: number }>;
}
