/**
 * `runBench` mechanics with tiny time budgets (1 ms per task, two iterations): which rows are
 * measured and which fail with the scenario's error, exit codes, budgets and the baseline. Nothing
 * here asserts how fast anything is; the budgets that must be exceeded are far below anything a
 * real run can achieve (a billionth of a millisecond).
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { baselineOf } from '../../src/bench/baseline.js';
import { runBench, type BenchOptions } from '../../src/bench/run.js';
import type { ScenarioRow } from '../../src/bench/types.js';
import { resolveConfig } from '../../src/config/load.js';
import { ExitCode } from '../../src/core/errors.js';
import { loadScenarios } from '../../src/scenario/load.js';
import type { LoadedScenario } from '../../src/scenario/types.js';

const root = path.resolve(import.meta.dirname, '../..');
const config = resolveConfig({}, root);
const tiny: BenchOptions = { config, timeMs: 1, warmupMs: 0, minIterations: 2, expressions: false };
const never = 1e-9;
let all: LoadedScenario[] = [];
const named = (name: string): LoadedScenario => {
  const found = all.find((s) => s.name === name);
  if (!found) throw new Error(`no fixture named ${name}`);
  return found;
};

beforeAll(async () => {
  const loaded = await loadScenarios(['test/bench/fixtures'], { cwd: root, config });
  expect(loaded.issues).toEqual([]);
  all = loaded.scenarios;
});

/**
 * A scenario whose target state the pipeline refuses. The loader reports such a state before
 * anything runs, so it is built here, past the loader, to prove bench's own handling.
 */
function refusedTarget(): LoadedScenario {
  const scenario = named('bench create');
  return {
    ...scenario,
    name: 'bench refused target',
    target: { users: [{ id: 'u-1', userName: 'alice@contoso.com' }, { id: 'u-1', userName: 'bob@contoso.com' }] },
  };
}

function measured(row: ScenarioRow | undefined): Extract<ScenarioRow, { status: 'measured' }> {
  if (row?.status !== 'measured') throw new Error(`expected a measured row, got ${JSON.stringify(row)}`);
  return row;
}

describe('runBench', () => {
  it('measures a passing scenario beside its floor', async () => {
    const report = await runBench([named('bench create')], tiny);
    const row = measured(report.scenarios[0]);
    expect(row).toMatchObject({ name: 'bench create', file: 'test/bench/fixtures/scenarios.yaml', line: 4, requests: 3, budgetMs: 10000 });
    for (const task of [row.pipeline, row.floor]) {
      expect(task.samples).toBeGreaterThanOrEqual(2);
      expect(task.mean).toBeGreaterThan(0);
      expect(task.opsPerSecond).toBeCloseTo(1000 / task.mean);
    }
    expect(row.ratio).toBeCloseTo(row.pipeline.mean / row.floor.mean);
    expect(report).toMatchObject({ schemaVersion: 1, exitCode: ExitCode.ok, violations: [], issues: [] });
    expect(report.environment).toMatchObject({ node: process.version, transport: 'direct', timeMs: 1, minIterations: 2 });
  });

  it.each([
    ['bench wrong expectation', 'BENCH_SCENARIO_FAILED', ExitCode.failed],
    ['bench timeout', 'SCENARIO_TIMEOUT', ExitCode.failed],
    ['bench refused target', 'MOCK_DUPLICATE_ID', ExitCode.invalidInput],
  ])('"%s" is a failed row with its error (%s), never a timing', async (name, code, exitCode) => {
    const report = await runBench([name === 'bench refused target' ? refusedTarget() : named(name)], tiny);
    const row = report.scenarios[0];
    expect(row).toMatchObject({ status: 'failed', name, error: { code, exitCode } });
    expect(row).not.toHaveProperty('pipeline');
    expect(report.exitCode).toBe(exitCode);
  });

  it('keeps measuring the others, and the worst failure decides the exit code', async () => {
    const report = await runBench([named('bench wrong expectation'), named('bench create'), refusedTarget()], tiny);
    expect(report.scenarios.map((r) => r.status)).toEqual(['failed', 'measured', 'failed']);
    expect(report.exitCode).toBe(ExitCode.invalidInput);
  });

  it('a failed row says what was expected and what the run gave, and how many more differ', async () => {
    const scenario = named('bench wrong expectation');
    const twice = { ...scenario, expect: { ...scenario.expect, result: 'failure' as const } };
    const [one] = (await runBench([scenario], tiny)).scenarios;
    expect(one).toMatchObject({ status: 'failed', error: { message: 'the scenario fails its expectations: expect.action differs: expected "update", got "create"' } });
    const [two] = (await runBench([twice], tiny)).scenarios;
    expect(two).toMatchObject({ status: 'failed', error: { message: expect.stringMatching(/: expected "\w+", got "\w+" \(and 1 more\)$/) } });
  });

  it('an invalid expect.budget.ms fails the row with exit 2', async () => {
    const scenario = named('bench create');
    const broken = { ...scenario, expect: { ...scenario.expect, budget: { ms: -5 } } };
    const report = await runBench([broken], tiny);
    expect(report.scenarios[0]).toMatchObject({ status: 'failed', error: { code: 'BENCH_INVALID_BUDGET', exitCode: ExitCode.invalidInput } });
  });

  it.each([
    [{ scenarioP99: 5 }, 'BENCH_UNKNOWN_BUDGET'],
    [{ scenarioP99Ms: -1 }, 'BENCH_INVALID_BUDGET'],
    [{ ratioToFloor: Number.NaN }, 'BENCH_INVALID_BUDGET'],
  ])('refuses budgets %j before running anything (exit 2)', async (budgets, code) => {
    await expect(runBench([named('bench create')], { ...tiny, budgets: budgets as never })).rejects.toMatchObject({ code, exitCode: ExitCode.invalidInput });
  });

  it.each([
    [{ timeMs: Number.NaN }, 'timeMs'],
    [{ timeMs: -5 }, 'timeMs'],
    [{ warmupMs: -1 }, 'warmupMs'],
    [{ minIterations: 0 }, 'minIterations'],
    [{ scale: 0 }, 'scale'],
    [{ scale: 2.5 }, 'scale'],
  ])('refuses options %j before running anything (exit 2)', async (options, key) => {
    await expect(runBench([named('bench create')], { ...tiny, ...options })).rejects.toMatchObject({
      code: 'BENCH_INVALID_OPTION',
      exitCode: ExitCode.invalidInput,
      issues: [expect.objectContaining({ path: [key] })],
    });
  });

  it('an exceeded budget names the scenario, the budget and the margin, and exits 4', async () => {
    const report = await runBench([named('bench create')], { ...tiny, budgets: { scenarioMeanMs: never, ratioToFloor: never } });
    expect(report.exitCode).toBe(ExitCode.budgetExceeded);
    expect(report.violations.map((v) => [v.subject, v.budget, v.limit])).toEqual([
      ['bench create', 'scenarioMeanMs', never],
      ['bench create', 'ratioToFloor', never],
    ]);
    for (const v of report.violations) expect(v.margin).toBeCloseTo(v.actual - v.limit);
  });

  it("checks a scenario's own expect.budget.ms", async () => {
    const scenario = named('bench create');
    const strict = { ...scenario, expect: { ...scenario.expect, budget: { ms: never } } };
    const report = await runBench([strict], tiny);
    expect(report.violations).toMatchObject([{ subject: 'bench create', budget: 'expect.budget.ms', limit: never, file: 'test/bench/fixtures/scenarios.yaml', line: 12 }]);
    expect(report.exitCode).toBe(ExitCode.budgetExceeded);
  });

  it('a failed scenario outranks an exceeded budget', async () => {
    const report = await runBench([named('bench create'), named('bench wrong expectation')], { ...tiny, budgets: { scenarioMeanMs: never } });
    expect(report.violations).toHaveLength(1);
    expect(report.exitCode).toBe(ExitCode.failed);
  });

  it('flags a regression against a baseline and exits 4', async () => {
    const first = await runBench([named('bench create')], tiny);
    const baseline = baselineOf(first.environment, first.scenarios, []);
    baseline.scenarios['bench create']!.mean = never;
    const report = await runBench([named('bench create')], { ...tiny, baseline: { file: 'reports/bench-baseline.json', value: baseline } });
    expect(report.comparison?.regressions).toMatchObject([{ kind: 'scenario', name: 'bench create', baseline: never }]);
    expect(report.exitCode).toBe(ExitCode.budgetExceeded);
  });

  it('runs over the nock transport too', async () => {
    const report = await runBench([named('bench create')], { ...tiny, transport: 'nock' });
    expect(measured(report.scenarios[0]).requests).toBe(3);
    expect(report.environment.transport).toBe('nock');
  });

  it('load problems make the exit code 2 while the valid scenarios are still measured', async () => {
    const report = await runBench([named('bench create')], { ...tiny, issues: [{ code: 'SCENARIO_YAML_SYNTAX', message: 'bad' }] });
    expect(report.scenarios[0]?.status).toBe('measured');
    expect(report.exitCode).toBe(ExitCode.invalidInput);
  });
});

describe('runBench: expressions', () => {
  it('measures every expression against a hand-written equivalent that gives the same values', async () => {
    const report = await runBench([], { ...tiny, expressions: true });
    expect(report.expressions.length).toBeGreaterThanOrEqual(8);
    for (const row of report.expressions) {
      expect([row.name, row.status]).toEqual([row.name, 'measured']);
      if (row.status === 'measured') expect(row.ratio).toBeCloseTo(row.compiled.mean / row.handwritten.mean);
    }
  });
});

describe('defaultTimeMs', () => {
  it.each([
    [1, 200],
    [60, 200],
    [120, 100],
    [200, 60],
    [1000, 50],
  ])('%i scenarios → %i ms per task', async (n, ms) => {
    const { defaultTimeMs } = await import('../../src/bench/run.js');
    expect(defaultTimeMs(n)).toBe(ms);
  });
});

describe('iterationsFor', () => {
  it.each([
    [0.5, 10],
    [100, 10],
    [150, 6],
    [1000, 2],
    [60_000, 2],
  ])('a scenario whose run takes %i ms gets at least %i iterations at 200 ms per task', async (ms, n) => {
    const { iterationsFor } = await import('../../src/bench/scenarios.js');
    expect(iterationsFor(ms, { timeMs: 200, warmupMs: 50, minIterations: 10 })).toBe(n);
  });
});
