/**
 * Budgets: which values are refused (exit 2), which rows exceed which budget, and how an exceeded
 * budget is named. Rows are built by hand: no timing is asserted anywhere.
 */
import { describe, expect, it } from 'vitest';
import { budgetIssues, checkBudgets, describeViolation } from '../../src/bench/budgets.js';
import type { ExpressionRow, ScenarioRow, TaskStats } from '../../src/bench/types.js';
import { ExitCode } from '../../src/core/errors.js';

const stats = (mean: number, p99 = mean * 2): TaskStats => ({ mean, p50: mean, p99, min: mean, max: p99, opsPerSecond: 1000 / mean, samples: 100, rme: 1 });

function scenario(name: string, mean: number, p99: number, floorMean: number, budgetMs?: number): ScenarioRow {
  return {
    status: 'measured',
    name,
    file: 'scenarios/a.yaml',
    line: 3,
    pipeline: stats(mean, p99),
    floor: stats(floorMean),
    ratio: mean / floorMean,
    requests: 3,
    ...(budgetMs !== undefined ? { budgetMs } : {}),
  };
}

const expression = (name: string, ratio: number): ExpressionRow => ({
  status: 'measured',
  name,
  expression: '[x]',
  batch: 10,
  compiled: stats(ratio),
  handwritten: stats(1),
  ratio,
});

describe('budgetIssues', () => {
  it.each([
    ['an unknown key', { scenarioP99: 5 }, [['BENCH_UNKNOWN_BUDGET', ['budgets', 'scenarioP99']]]],
    ['a negative budget', { scenarioP99Ms: -1 }, [['BENCH_INVALID_BUDGET', ['budgets', 'scenarioP99Ms']]]],
    ['zero', { ratioToFloor: 0 }, [['BENCH_INVALID_BUDGET', ['budgets', 'ratioToFloor']]]],
    ['a string', { scenarioMeanMs: '5' }, [['BENCH_INVALID_BUDGET', ['budgets', 'scenarioMeanMs']]]],
    ['NaN', { expressionRatio: Number.NaN }, [['BENCH_INVALID_BUDGET', ['budgets', 'expressionRatio']]]],
    ['Infinity', { scenarioP99Ms: Number.POSITIVE_INFINITY }, [['BENCH_INVALID_BUDGET', ['budgets', 'scenarioP99Ms']]]],
    ['null', { scenarioP99Ms: null }, [['BENCH_INVALID_BUDGET', ['budgets', 'scenarioP99Ms']]]],
    ['not an object', [5], [['BENCH_INVALID_BUDGET', ['budgets']]]],
    ['two problems at once', { nope: 1, ratioToFloor: -2 }, [['BENCH_UNKNOWN_BUDGET', ['budgets', 'nope']], ['BENCH_INVALID_BUDGET', ['budgets', 'ratioToFloor']]]],
  ])('%s is refused', (_name, budgets, expected) => {
    expect(budgetIssues(budgets).map((i) => [i.code, i.path])).toEqual(expected);
  });

  it.each([[undefined], [{}], [{ scenarioP99Ms: 5, scenarioMeanMs: 0.5, ratioToFloor: 1.5, expressionRatio: 3 }]])('accepts %j', (budgets) => {
    expect(budgetIssues(budgets)).toEqual([]);
  });
});

describe('checkBudgets', () => {
  const rows = [scenario('fast', 1, 2, 0.9, 3), scenario('slow', 4, 8, 2, 5)];

  it('names the scenario, the budget and the margin of every budget exceeded', () => {
    const violations = checkBudgets({ scenarioP99Ms: 5, scenarioMeanMs: 2, ratioToFloor: 1.5 }, rows, []);
    expect(violations.map((v) => [v.subject, v.budget, v.limit, v.actual, v.margin])).toEqual([
      ['slow', 'scenarioP99Ms', 5, 8, 3],
      ['slow', 'scenarioMeanMs', 2, 4, 2],
      ['slow', 'ratioToFloor', 1.5, 2, 0.5],
      ['slow', 'expect.budget.ms', 5, 8, 3],
    ]);
    expect(violations[0]?.marginPercent).toBe(60);
  });

  it("checks a scenario's own expect.budget.ms against its p99 and says where it is written", () => {
    const [violation] = checkBudgets({}, [scenario('own', 1, 4, 1, 3)], []);
    expect(violation).toMatchObject({ subject: 'own', budget: 'expect.budget.ms', limit: 3, actual: 4, file: 'scenarios/a.yaml', line: 3 });
  });

  it('points an exceeded expect.budget.ms at the line the budget is written on', () => {
    const row = { ...scenario('own', 1, 4, 1, 3), budgetLine: 12 } as ScenarioRow;
    expect(checkBudgets({}, [row], [])[0]).toMatchObject({ budget: 'expect.budget.ms', file: 'scenarios/a.yaml', line: 12 });
  });

  it('a value equal to its budget holds', () => {
    expect(checkBudgets({ scenarioP99Ms: 8, ratioToFloor: 2 }, [scenario('edge', 4, 8, 2)], [])).toEqual([]);
  });

  it('checks expressions against expressionRatio only', () => {
    const violations = checkBudgets({ expressionRatio: 3, scenarioP99Ms: 0.001 }, [], [expression('ok', 2), expression('slow', 4)]);
    expect(violations.map((v) => [v.subject, v.budget])).toEqual([['slow', 'expressionRatio']]);
  });

  it('ignores failed rows: they have no timing to check', () => {
    const failed: ScenarioRow = { status: 'failed', name: 'broken', file: 'a.yaml', line: 1, error: { code: 'X', message: 'x', exitCode: ExitCode.failed } };
    expect(checkBudgets({ scenarioP99Ms: 0.001 }, [failed], [])).toEqual([]);
  });

  it('describes a violation in one line', () => {
    const [p99, ratio] = checkBudgets({ scenarioP99Ms: 5, ratioToFloor: 1.5 }, [scenario('slow', 4, 8, 2)], []);
    expect(describeViolation(p99!)).toBe('"slow": p99 8.00 ms > scenarioP99Ms 5.00 ms (+3.00 ms, +60%)');
    expect(describeViolation(ratio!)).toBe('"slow": ratio 2.00× > ratioToFloor 1.50× (+0.50×, +33%)');
    // A budget under 0.01 ms is shown as written, not rounded to "0.00 ms".
    const [tiny] = checkBudgets({ scenarioMeanMs: 0.004 }, [scenario('slow', 4, 8, 2)], []);
    expect(describeViolation(tiny!)).toBe('"slow": mean 4.00 ms > scenarioMeanMs 0.0040 ms (+4.00 ms, +99900%)');
  });
});
