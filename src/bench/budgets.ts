/**
 * Performance budgets: the config's `budgets` (every scenario, every expression) and a scenario's
 * own `expect.budget.ms`. A budget is a positive finite number; anything else is invalid input
 * (exit 2), never silently ignored. An exceeded budget names the subject, the budget and the
 * margin (exit 4).
 */
import type { Budgets } from '../config/types.js';
import type { Issue } from '../core/errors.js';
import type { BudgetViolation, ExpressionRow, ScenarioRow } from './types.js';

/** The config's budget keys, each with what it is checked against. */
export const budgetKeys = {
  scenarioP99Ms: "each scenario's p99 latency, in milliseconds",
  scenarioMeanMs: "each scenario's mean latency, in milliseconds",
  ratioToFloor: "each scenario's pipeline mean divided by its floor's mean",
  expressionRatio: "each expression's compiled mean divided by its hand-written JavaScript equivalent's",
} as const satisfies Record<keyof Budgets, string>;

/** Problems with a budgets object: unknown keys and values that are not positive finite numbers. */
export function budgetIssues(budgets: unknown, where = 'budgets'): Issue[] {
  if (budgets === undefined) return [];
  if (budgets === null || typeof budgets !== 'object' || Array.isArray(budgets)) {
    return [{ code: 'BENCH_INVALID_BUDGET', message: `${where} must be an object`, hint: `for example { scenarioP99Ms: 5, ratioToFloor: 1.5 }`, path: [where] }];
  }
  const issues: Issue[] = [];
  for (const [key, value] of Object.entries(budgets)) {
    if (!(key in budgetKeys)) {
      issues.push({
        code: 'BENCH_UNKNOWN_BUDGET',
        message: `unknown budget "${key}"`,
        hint: `budgets are ${Object.keys(budgetKeys).join(', ')}`,
        path: [where, key],
      });
    } else {
      const problem = budgetValueProblem(value);
      if (problem) issues.push({ code: 'BENCH_INVALID_BUDGET', message: `${where}.${key} ${problem}`, hint: `set it to ${budgetKeys[key as keyof Budgets]} (a positive number)`, path: [where, key] });
    }
  }
  return issues;
}

/** Why a budget value is unusable, or undefined when it is a positive finite number. */
export function budgetValueProblem(value: unknown): string | undefined {
  if (typeof value !== 'number') return `must be a number, got ${JSON.stringify(value) ?? String(value)}`;
  if (!Number.isFinite(value)) return `must be a finite number, got ${String(value)}`;
  if (value <= 0) return `must be greater than 0, got ${value}`;
  return undefined;
}

/** Every budget a set of rows exceeds, in row order. Failed rows have no timing to check. */
export function checkBudgets(budgets: Budgets, scenarios: readonly ScenarioRow[], expressions: readonly ExpressionRow[]): BudgetViolation[] {
  const out: BudgetViolation[] = [];
  for (const row of scenarios) {
    if (row.status !== 'measured') continue;
    const where = { file: row.file, line: row.budgetLine ?? row.line };
    push(out, row.name, 'scenarioP99Ms', budgets.scenarioP99Ms, row.pipeline.p99);
    push(out, row.name, 'scenarioMeanMs', budgets.scenarioMeanMs, row.pipeline.mean);
    push(out, row.name, 'ratioToFloor', budgets.ratioToFloor, row.ratio);
    push(out, row.name, 'expect.budget.ms', row.budgetMs, row.pipeline.p99, where);
  }
  for (const row of expressions) {
    if (row.status === 'measured') push(out, row.name, 'expressionRatio', budgets.expressionRatio, row.ratio);
  }
  return out;
}

function push(out: BudgetViolation[], subject: string, budget: string, limit: number | undefined, actual: number, where?: { file: string; line: number }): void {
  if (limit === undefined || actual <= limit) return;
  const margin = actual - limit;
  out.push({ subject, budget, limit, actual, margin, marginPercent: (margin / limit) * 100, ...where });
}

/** One line for the console: `"alice is created": p99 6.10 ms > scenarioP99Ms 5 ms (+1.10 ms, +22%)`. */
export function describeViolation(v: BudgetViolation): string {
  const ratio = v.budget === 'ratioToFloor' || v.budget === 'expressionRatio';
  const unit = ratio ? '×' : ' ms';
  const what = v.budget === 'scenarioMeanMs' ? 'mean' : ratio ? 'ratio' : 'p99';
  const at = v.file ? ` (${v.file}:${v.line})` : '';
  return `"${v.subject}": ${what} ${fmt(v.actual)}${unit} > ${v.budget} ${fmt(v.limit)}${unit} (+${fmt(v.margin)}${unit}, +${Math.round(v.marginPercent)}%)${at}`;
}

/** Two decimals, fewer above 10; a budget below 0.01 keeps two significant digits (not "0.00"). */
function fmt(n: number): string {
  if (n > 0 && n < 0.01) return n.toPrecision(2);
  return n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2);
}
