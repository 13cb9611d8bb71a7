/**
 * The console table of a bench: one line per scenario (mean, p50, p99, ops/s, samples, floor,
 * ratio), the failed rows with their error, the expression ratios, the scale curve, exceeded
 * budgets and regressions.
 */
import { formatIssue } from '../core/errors.js';
import { colors } from '../report/format.js';
import { describeViolation } from './budgets.js';
import type { BenchReport, TaskStats } from './types.js';

/** Renders a bench report as console lines. */
export function benchLines(report: BenchReport, color: boolean): string[] {
  const c = colors(color);
  const env = report.environment;
  const lines: string[] = [
    c.bold(`provision bench`) +
      // The scale curve runs each scenario once: no task, so no time per task.
      c.dim(` · ${report.scale ? 'scale curve' : plural(report.scenarios.length, 'scenario')} · transport ${env.transport} · node ${env.node} · ${env.cpus} CPUs${report.scale ? '' : ` · ${env.timeMs} ms per task`}`),
    '',
  ];

  if (report.scenarios.length > 0) {
    const table: string[][] = [['scenario', 'mean', 'p50', 'p99', 'ops/s', 'samples', 'floor', 'ratio']];
    const failed: string[] = [];
    for (const row of report.scenarios) {
      if (row.status === 'failed') {
        table.push([`✖ ${row.name}`, 'failed', '', '', '', '', '', '']);
        failed.push(`${c.red('✖')} ${row.name} (${row.file}:${row.line})`, ...indent(formatIssue(row.error)));
        continue;
      }
      table.push([row.name, ms(row.pipeline.mean), ms(row.pipeline.p50), ms(row.pipeline.p99), ops(row.pipeline), String(row.pipeline.samples), ms(row.floor.mean), `${row.ratio.toFixed(2)}×`]);
    }
    lines.push(...align(table, [0]).map((l, i) => (i === 0 ? c.dim(l) : l)));
    if (failed.length > 0) lines.push('', ...failed);
    lines.push('');
  }

  if (report.expressions.length > 0) {
    const table: string[][] = [['expression', 'compiled', 'hand-written', 'ratio']];
    const failed: string[] = [];
    for (const row of report.expressions) {
      if (row.status === 'failed') {
        table.push([`✖ ${row.name}`, 'failed', '', '']);
        failed.push(`${c.red('✖')} ${row.name}: ${row.expression}`, ...indent(formatIssue(row.error)));
        continue;
      }
      table.push([row.name, ns(row.compiled.mean), ns(row.handwritten.mean), `${row.ratio.toFixed(2)}×`]);
    }
    lines.push(...align(table, [0]).map((l, i) => (i === 0 ? c.dim(l) : l)));
    if (failed.length > 0) lines.push('', ...failed);
    lines.push('');
  }

  if (report.scale) {
    const table: string[][] = [['scenarios', 'users', 'load/scenario', 'run/scenario', 'growth', 'peak RSS', 'not passed']];
    for (const row of report.scale) {
      table.push([
        row.scenarios.toLocaleString('en-US'),
        row.users.toLocaleString('en-US'),
        ms(row.loadMsPerScenario),
        ms(row.runMsPerScenario),
        row.growth === undefined ? '—' : `${row.growth.toFixed(2)}×`,
        `${row.peakRssMb.toFixed(0)} MB`,
        String(row.notPassed),
      ]);
    }
    lines.push(...align(table, []).map((l, i) => (i === 0 ? c.dim(l) : l)), '');
  }

  for (const issue of report.issues) lines.push(`${c.red('✖')} ${formatIssue(issue)}`);
  if (report.violations.length > 0) {
    lines.push(c.bold('Budgets'));
    for (const v of report.violations) lines.push(`  ${c.yellow('✖')} ${describeViolation(v)}`);
  } else if (checkedBudgets(report)) {
    lines.push(`${c.bold('Budgets')}  ${c.green('all held')}`);
  }
  if (report.comparison) {
    const { regressions, notes, baselineFile, thresholdPercent } = report.comparison;
    lines.push(`${c.bold('Baseline')} ${baselineFile}: ${regressions.length === 0 ? c.green(`no result more than ${thresholdPercent}% slower`) : c.yellow(`${regressions.length} more than ${thresholdPercent}% slower`)}`);
    for (const r of regressions) lines.push(`  ${c.yellow('✖')} ${r.kind} "${r.name}": mean ${fmtMs(r.baseline, r.kind)} → ${fmtMs(r.current, r.kind)} (+${Math.round(r.changePercent)}%)`);
    for (const note of notes) lines.push(c.dim(`  note: ${note}`));
  }
  return lines;
}

/**
 * Whether any budget was held against a measured row: "all held" must not be said of a scale
 * curve (no rows), or of scenario budgets when every scenario row failed.
 */
function checkedBudgets(report: BenchReport): boolean {
  const { expressionRatio, ...scenarioBudgets } = report.budgets;
  const scenarios = report.scenarios.some((r) => r.status === 'measured' && (Object.keys(scenarioBudgets).length > 0 || r.budgetMs !== undefined));
  const expressions = expressionRatio !== undefined && report.expressions.some((r) => r.status === 'measured');
  return scenarios || expressions;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function fmtMs(value: number, kind: 'scenario' | 'expression'): string {
  return kind === 'expression' ? ns(value) : ms(value);
}

function ms(value: number): string {
  return `${value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2)} ms`;
}

function ns(valueMs: number): string {
  const n = valueMs * 1e6;
  return n >= 100_000 ? `${(n / 1000).toFixed(0)} µs` : `${n.toFixed(0)} ns`;
}

function ops(stats: TaskStats): string {
  return Math.round(stats.opsPerSecond).toLocaleString('en-US');
}

function indent(text: string): string[] {
  return text.split('\n').map((l) => `    ${l}`);
}

/** Pads columns; columns listed in `left` are left-aligned, the others right-aligned. */
function align(rows: string[][], left: number[]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => [...(r[i] ?? '')].length)));
  return rows.map((r) =>
    r
      .map((cell, i) => {
        const pad = ' '.repeat(widths[i]! - [...cell].length);
        return left.includes(i) ? cell + pad : pad + cell;
      })
      .join('  ')
      .trimEnd(),
  );
}
