/**
 * `provision bench` end to end with tiny time budgets (`--time 1`): output, files, exit codes and
 * bad input. Exit code 4 is only asserted where the budget or baseline is far below anything a
 * real run can reach.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BenchReport } from '../../src/bench/types.js';
import { runCli } from '../cli/helpers.js';
import { tempDir } from '../scenario/helpers.js';

const fixtures = path.resolve(import.meta.dirname, 'fixtures');
const files = {
  'scenarios/bench.app.yaml': readFileSync(path.join(fixtures, 'bench.app.yaml'), 'utf8'),
  'scenarios/all.yaml': readFileSync(path.join(fixtures, 'scenarios.yaml'), 'utf8'),
};

/** A project: the bench fixtures under scenarios/ and a JSON config. */
function project(config: object = {}, extra: Record<string, string> = {}): string {
  return tempDir({ ...files, 'provision.config.json': JSON.stringify({ reporters: ['json'], ...config }), ...extra });
}

const readReport = (dir: string): BenchReport => JSON.parse(readFileSync(path.join(dir, 'reports', 'bench.json'), 'utf8')) as BenchReport;

describe('provision bench', () => {
  it('prints the table, writes reports/bench.json with the environment, and exits 0', async () => {
    const dir = project();
    const { code, stdout, stderr } = await runCli(['bench', '--grep', 'bench create', '--time', '1'], dir);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toMatch(/^provision bench · 1 scenario · transport direct · node v\d+.* · \d+ CPUs · 1 ms per task$/);
    expect(lines.find((l) => l.startsWith('scenario'))?.split(/\s{2,}/)).toEqual(['scenario', 'mean', 'p50', 'p99', 'ops/s', 'samples', 'floor', 'ratio']);
    expect(stdout).toMatch(/^bench create\s+[\d.]+ ms\s+[\d.]+ ms\s+[\d.]+ ms\s+[\d,]+\s+\d+\s+[\d.]+ ms\s+[\d.]+×$/m);
    expect(stdout).toMatch(/^expression\s+compiled\s+hand-written\s+ratio$/m);
    expect(stdout).toContain('Budgets  all held');
    expect(lines.at(-1)).toBe('Wrote reports/bench.json');
    const report = readReport(dir);
    expect(report.environment).toMatchObject({ node: process.version, transport: 'direct' });
    expect(report.environment.cpus).toBeGreaterThan(0);
    expect(report.scenarios.map((r) => [r.name, r.status])).toEqual([['bench create', 'measured']]);
    expect(report.exitCode).toBe(0);
  });

  it('a failing scenario is a failed row with its error and exit 1; the others are measured', async () => {
    const dir = project();
    const { code, stdout } = await runCli(['bench', '--grep', 'bench create|wrong', '--time', '1'], dir);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^✖ bench wrong expectation\s+failed$/m);
    expect(stdout).toContain('BENCH_SCENARIO_FAILED the scenario fails its expectations');
    expect(readReport(dir).scenarios.map((r) => r.status)).toEqual(['measured', 'failed']);
  });

  it('does not say budgets held when every row they apply to failed', async () => {
    const dir = project({ budgets: { scenarioP99Ms: 5 } });
    const { code, stdout } = await runCli(['bench', '--grep', 'wrong', '--time', '1'], dir);
    expect(code).toBe(1);
    expect(stdout).not.toContain('Budgets');
  });

  it('an exceeded config budget names the scenario, the budget and the margin, and exits 4', async () => {
    const dir = project({ budgets: { scenarioMeanMs: 1e-9 } });
    const { code, stdout } = await runCli(['bench', '--grep', 'bench create', '--time', '1'], dir);
    expect(code).toBe(4);
    expect(stdout).toMatch(/^ {2}✖ "bench create": mean [\d.]+ ms > scenarioMeanMs 1\.0e-9 ms \(\+[\d.]+ ms, \+\d+%\)$/m);
  });

  it.each([
    ['an unknown budget key', { budgets: { scenarioP99: 5 } }, 'CONFIG_UNKNOWN_KEY'],
    ['a negative budget', { budgets: { scenarioP99Ms: -1 } }, 'CONFIG_OUT_OF_RANGE'],
    ['a non-numeric budget', { budgets: { ratioToFloor: 'fast' } }, 'CONFIG_WRONG_TYPE'],
  ])('%s exits 2 before anything runs', async (_name, config, code) => {
    const dir = project(config);
    const result = await runCli(['bench', '--time', '1'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(code);
    expect(existsSync(path.join(dir, 'reports', 'bench.json'))).toBe(false);
  });

  it.each([
    [['--time', '0'], '--time must be an integer from 1'],
    [['--scale', '0'], '--scale must be an integer from 1'],
    [['--transport', 'carrier-pigeon'], '--transport must be one of direct, nock'],
    [['scenarios', '--scale', '5'], '--scale generates its own scenarios'],
    [['--scale', '5', '--save-baseline'], '--scale draws the scale curve: it takes no --save-baseline or --compare'],
    [['--scale', '5', '--compare'], '--scale draws the scale curve: it takes no --save-baseline or --compare'],
  ])('%j exits 2', async (args, message) => {
    const { code, stderr } = await runCli(['bench', ...args], project());
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });

  it('--save-baseline writes the baseline; --compare flags results slower than it by more than 20%', async () => {
    const dir = project();
    const saved = await runCli(['bench', '--grep', 'bench create', '--time', '1', '--save-baseline'], dir);
    expect(saved.stdout.split('\n').at(-1)).toBe('Wrote reports/bench.json, reports/bench-baseline.json');
    const file = path.join(dir, 'reports', 'bench-baseline.json');
    const baseline = JSON.parse(readFileSync(file, 'utf8')) as { scenarios: Record<string, { mean: number }>; expressions: Record<string, { mean: number }> };
    expect(Object.keys(baseline.scenarios)).toEqual(['bench create']);
    expect(Object.keys(baseline.expressions).length).toBeGreaterThan(0);

    // A baseline nothing can be slower than: no regression.
    baseline.scenarios['bench create']!.mean = 1e9;
    for (const entry of Object.values(baseline.expressions)) entry.mean = 1e9;
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, JSON.stringify(baseline));
    const fine = await runCli(['bench', '--grep', 'bench create', '--time', '1', '--compare', '--no-color'], dir);
    expect(fine.code).toBe(0);
    expect(fine.stdout).toContain('Baseline reports/bench-baseline.json: no result more than 20% slower');

    // A baseline nothing can match: a regression, exit 4.
    baseline.scenarios['bench create']!.mean = 1e-9;
    baseline.expressions = {};
    writeFileSync(file, JSON.stringify(baseline));
    const slower = await runCli(['bench', '--grep', 'bench create', '--time', '1', '--compare'], dir);
    expect(slower.code).toBe(4);
    expect(slower.stdout).toMatch(/^ {2}✖ scenario "bench create": mean 0\.00 ms → [\d.]+ ms \(\+\d+%\)$/m);
    expect(readReport(dir).comparison?.regressions).toHaveLength(1);
  });

  it('--compare without a baseline exits 2', async () => {
    const { code, stderr } = await runCli(['bench', '--time', '1', '--compare'], project());
    expect(code).toBe(2);
    expect(stderr).toContain('BENCH_NO_BASELINE no baseline at reports/bench-baseline.json');
  });

  it('invalid scenario files exit 2 while the valid ones are still measured', async () => {
    const dir = project({}, { 'scenarios/broken.yaml': 'name: [unclosed\n' });
    const { code, stderr } = await runCli(['bench', '--grep', 'bench create', '--time', '1'], dir);
    expect(code).toBe(2);
    expect(stderr).toContain('SCENARIO_YAML_SYNTAX');
    expect(readReport(dir).scenarios.map((r) => r.status)).toEqual(['measured']);
  });

  it('--scale draws the curve with synthetic scenarios (and checks no budget, so claims none held)', async () => {
    const dir = project({ budgets: { scenarioP99Ms: 5 } });
    const { code, stdout } = await runCli(['bench', '--scale', '3'], dir);
    expect(code).toBe(0);
    expect(stdout).not.toContain('Budgets');
    expect(stdout.split('\n')[0]).toMatch(/^provision bench · scale curve · transport direct · node v\S+ · \d+ CPUs$/);
    expect(stdout).toMatch(/^scenarios\s+users\s+load\/scenario\s+run\/scenario\s+growth\s+peak RSS\s+not passed$/m);
    expect(readReport(dir).scale?.map((r) => [r.scenarios, r.notPassed])).toEqual([
      [1, 0],
      [3, 0],
    ]);
  });
});
