/**
 * The `default` reporter: per-scenario ✓/✗ with the file, per-step lines as the portal names
 * the steps, each failure with expected, actual and the HTTP exchange, then the counts and the
 * duration. Colour follows the options (NO_COLOR, --no-color, TTY); a live counter only on a TTY.
 * In GitHub Actions each failure is also an `::error` annotation at its line in the scenario file.
 */
import { formatIssue } from '../core/errors.js';
import type { RunSummary, ScenarioReport } from '../runner/types.js';
import { actionLabel, colors, failureBlock, runLevelError, statusLabel, stepHeadline, type Colors } from './format.js';
import { inline } from './printable.js';
import type { Reporter, ReporterOptions, RunStart, ScenarioInfo } from './types.js';

export function createConsoleReporter(options: ReporterOptions): Reporter {
  const c = colors(options.color);
  const out = options.output;
  const annotate = options.env['GITHUB_ACTIONS'] === 'true';
  let total = 0;
  let done = 0;
  return {
    onRunStart(run: RunStart) {
      total = run.scenarios.length;
      if (annotate) for (const issue of run.issues) if (issue.location) out.line(annotation(issue.location, issue.code, issue.message));
    },
    onScenarioStart(scenario: ScenarioInfo) {
      out.live?.(c.dim(`running ${done + 1}/${total} · ${inline(scenario.name)}`));
    },
    onScenarioEnd(report: ScenarioReport) {
      done++;
      for (const line of scenarioLines(report, c)) out.line(line);
      if (annotate) {
        for (const failure of report.failures) {
          if (failure.location) out.line(annotation(failure.location, report.name, failure.message));
        }
      }
    },
    onRunEnd(summary: RunSummary) {
      for (const line of summaryLines(summary, c)) out.line(line);
    },
  };
}

/** The lines of one finished scenario. */
export function scenarioLines(report: ScenarioReport, c: Colors): string[] {
  const mark = { passed: c.green('✓'), failed: c.red('✗'), errored: c.red('!'), skipped: c.yellow('-') }[report.status];
  const outcome = report.outcome ? c.dim(` · ${statusLabel(report.outcome.result)}`) : '';
  const time = c.dim(` ${Math.round(report.timing.durationMs)} ms`);
  const lines = [`${mark} ${inline(report.name)}${outcome}  ${c.dim(`${report.file}:${report.line}`)}${report.status === 'skipped' ? '' : time}`];
  if (report.updated) lines.push(c.yellow('    expect block updated from the actual outcome'));
  if (report.error) {
    const color = report.status === 'skipped' ? c.yellow : c.red;
    lines.push(color(`    ${report.error.code} ${report.error.message}`));
    if (report.error.hint) lines.push(c.dim(`    hint: ${report.error.hint}`));
    for (const issue of report.issues ?? []) lines.push(...`${c.red('✖')} ${formatIssue(issue)}`.split('\n').map((l) => `    ${l}`));
  }
  for (const step of report.steps) {
    const stepMark = step.verdict === 'failed' ? c.red('✗') : step.verdict === 'passed' ? c.green('✓') : c.dim('·');
    const headline = stepHeadline(step);
    const hidden = step.shownInPortal ? '' : c.dim(' (hidden in the portal)');
    lines.push(`    ${stepMark} ${step.title} ${c.dim('—')} ${statusLabel(step.status)}${headline ? c.dim(` · ${headline}`) : ''}${hidden}`);
    if (step.error && step.status === 'failure' && step.verdict !== 'passed') {
      lines.push(c.dim(`        ${step.error.errorCode}: ${step.error.reason.replace(/\r?\n/g, '\n          ')}`));
    }
    lines.push(...failureBlock(report.failures.filter((f) => f.step === step.key), report, c, 8));
  }
  for (const member of (report.members ?? []).filter((m) => m.status === 'failure')) {
    // A group member's failure shows nowhere else on the console (the group itself reads warning).
    lines.push(c.dim(`    member ${member.displayName} — ${statusLabel(member.status)} · ${actionLabel(member.action)}${member.error ? ` · ${member.error.errorCode}` : ''}`));
    if (member.error) lines.push(...member.error.reason.split(/\r?\n/).map((l) => c.dim(`        ${l}`)));
  }
  const runError = runLevelError(report);
  if (runError) {
    // Refused before the steps (no card carries the error): the code and reason, or the line says nothing.
    lines.push(c.dim(`    ${runError.errorCode}: ${runError.reason.replace(/\r?\n/g, '\n      ')}`));
  }
  const loose = report.failures.filter((f) => !f.step || !report.steps.some((s) => s.key === f.step));
  lines.push(...failureBlock(loose, report, c, 4));
  if (report.timing.overBudget) {
    lines.push(c.yellow(`    over budget: ${Math.round(report.timing.durationMs)} ms > ${report.timing.budgetMs} ms (expect.budget.ms)`));
  }
  return lines;
}

function summaryLines(summary: RunSummary, c: Colors): string[] {
  const { counts } = summary;
  const parts = [
    counts.passed ? c.green(`${counts.passed} passed`) : '',
    counts.failed ? c.red(`${counts.failed} failed`) : '',
    counts.errored ? c.red(`${counts.errored} errored`) : '',
    counts.skipped ? c.yellow(`${counts.skipped} skipped`) : '',
  ].filter(Boolean);
  const lines = ['', `${c.bold('Scenarios')}  ${parts.join(c.dim(' · ')) || 'none ran'} ${c.dim(`(${counts.total})`)}`];
  if (counts.invalid) lines.push(`${c.bold('Invalid')}    ${c.red(`${counts.invalid} problem${counts.invalid === 1 ? '' : 's'} in the input`)}`);
  const overBudget = summary.scenarios.filter((s) => s.timing.overBudget).length;
  if (overBudget) lines.push(`${c.bold('Budget')}     ${c.yellow(`${overBudget} over budget`)}`);
  if (summary.updatedFiles.length) lines.push(`${c.bold('Updated')}    ${summary.updatedFiles.join(', ')}`);
  lines.push(`${c.bold('Duration')}   ${Math.round(summary.timing.durationMs)} ms`);
  return lines;
}

/** The load issues, printed before anything runs. */
export function issueLines(issues: RunStart['issues'], c: Colors): string[] {
  return issues.map((issue) => `${c.red('✖')} ${formatIssue(issue)}`);
}

/** A GitHub Actions workflow command: `::error file=…,line=…,col=…,title=…::message`. */
function annotation(location: { file?: string; line: number; column: number }, title: string, message: string): string {
  const prop = (v: string) => v.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/:/g, '%3A').replace(/,/g, '%2C');
  const data = (v: string) => v.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const file = location.file ? `file=${prop(location.file)},` : '';
  return `::error ${file}line=${location.line},col=${location.column},title=${prop(title)}::${data(message)}`;
}

