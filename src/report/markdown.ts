/**
 * The `markdown` reporter: `summary.md`, sized for a CI job summary (a verdict, the counts, one
 * table row per scenario, each failure in a `<details>` block with expected vs actual), appended
 * to `$GITHUB_STEP_SUMMARY` when that is set. It holds no timings, so two runs of the same
 * scenarios give the same file.
 */
import path from 'node:path';
import { formatIssue } from '../core/errors.js';
import type { RunSummary, ScenarioReport, ScenarioStatus } from '../runner/types.js';
import { actionLabel, failureBlock, statusLabel } from './format.js';
import type { Reporter, ReporterOptions } from './types.js';
import { appendToFile, writeFileAtomic } from './write.js';

/** GitHub caps a step summary at 1 MiB; stay well below it. */
const maxBytes = 900_000;

export function createMarkdownReporter(options: ReporterOptions): Reporter {
  // The failure sections, by scenario index: only failed and errored scenarios get one.
  let sections = new Map<number, string[]>();
  return {
    onRunStart() {
      sections = new Map();
    },
    onScenarioEnd(report, scenario) {
      if (isFailing(report)) sections.set(scenario.index, details(report));
    },
    async onRunEnd(summary) {
      const text = summaryMarkdown(summary, sections);
      sections = new Map();
      await writeFileAtomic(path.join(options.outDir, 'summary.md'), text);
      const stepSummary = options.env['GITHUB_STEP_SUMMARY'];
      if (stepSummary) await appendToFile(stepSummary, `${text}\n`);
    },
  };
}

const icon = { passed: '✅', failed: '❌', errored: '💥', skipped: '⏭️' } as const;

const isFailing = (s: { status: ScenarioStatus }) => s.status === 'failed' || s.status === 'errored';

/**
 * The Markdown summary of a run; `failureSections` holds the `<details>` lines of each failed or
 * errored scenario by its index in the run (the reporter collects them as scenarios end).
 */
export function summaryMarkdown(summary: RunSummary, failureSections: ReadonlyMap<number, readonly string[]>): string {
  const { counts } = summary;
  const ok = summary.exitCode === 0;
  const parts = [
    counts.passed ? `${counts.passed} passed` : '',
    counts.failed ? `${counts.failed} failed` : '',
    counts.errored ? `${counts.errored} errored` : '',
    counts.skipped ? `${counts.skipped} skipped` : '',
    counts.invalid ? `${counts.invalid} invalid input` : '',
  ].filter(Boolean);
  const head = [`## ${ok ? '✅' : '❌'} provision: ${parts.join(' · ') || 'no scenarios'}`, ''];
  const table = ['| | Scenario | Result | Action | File |', '|---|---|---|---|---|'];
  for (const s of summary.scenarios) {
    const result = s.outcome ? statusLabel(s.outcome.result) : s.error ? code(s.error.code) : '';
    const action = s.outcome ? actionLabel(s.outcome.action) : '';
    table.push(`| ${icon[s.status]} | ${cell(s.name)} | ${result} | ${action} | ${code(`${s.file}:${s.line}`)} |`);
  }
  const sections: string[] = [];
  if (summary.issues.length > 0) {
    sections.push('### Invalid input', '', '```text', ...summary.issues.map(formatIssue), '```', '');
  }
  if (summary.scenarios.some(isFailing)) {
    sections.push('### Failures', '');
    summary.scenarios.forEach((s, index) => {
      if (isFailing(s)) sections.push(...(failureSections.get(index) ?? []));
    });
  }
  if (summary.updatedFiles.length > 0) sections.push('### Updated', '', ...summary.updatedFiles.map((f) => `- ${code(f)}`), '');
  const body = [...head, ...table, '', ...sections].join('\n');
  return Buffer.byteLength(body) <= maxBytes ? body : truncate(body);
}

/** A failed or errored scenario's `<details>` block: its error, then its failures by step. */
function details(s: ScenarioReport): string[] {
  const count = s.failures.length;
  const title = s.status === 'errored' ? `${s.name}: ${s.error?.code ?? 'error'}` : `${s.name}: ${count} failed expectation${count === 1 ? '' : 's'}`;
  const text: string[] = [];
  if (s.error) text.push(`${s.error.code} ${s.error.message}`, ...(s.error.hint ? [`hint: ${s.error.hint}`] : []));
  for (const issue of s.issues ?? []) text.push(formatIssue(issue));
  // Entra's own error for the object (the failed step's, or SubjectNotFound before any step).
  const entra = s.outcome?.error;
  if (entra) text.push(`${entra.errorCode}: ${entra.reason}`, '');
  for (const step of s.steps) {
    const failures = s.failures.filter((f) => f.step === step.key);
    if (failures.length > 0) text.push(`${step.title}:`, ...failureBlock(failures, s, undefined, 2), '');
  }
  const loose = s.failures.filter((f) => !f.step || !s.steps.some((st) => st.key === f.step));
  if (loose.length > 0) text.push(...failureBlock(loose, s), '');
  return [`<details><summary>${icon[s.status]} ${oneLine(escapeHtml(title))}</summary>`, '', '```text', ...text.map((l) => l.replace(/```/g, "'''")), '```', '', '</details>', ''];
}

/**
 * Cuts the summary at a line boundary below {@link maxBytes}, closes the code fence and the
 * `<details>` block the cut left open (else GitHub folds the note into the last failure), and
 * says where the rest is: this file is the cut one too.
 */
export function truncate(body: string, limit = maxBytes): string {
  const note = '_…cut to fit the 1 MiB job-summary limit; the `json`, `junit` and `html` reports hold every failure._';
  const room = limit - Buffer.byteLength(`\`\`\`\n\n</details>\n\n${note}\n`);
  let cut = body.slice(0, room);
  while (Buffer.byteLength(cut) > room) cut = cut.slice(0, -1000);
  cut = cut.slice(0, cut.lastIndexOf('\n') + 1);
  const lines = cut.split('\n');
  const fence = lines.filter((l) => l.startsWith('```')).length % 2 === 1 ? '```\n' : '';
  const open = lines.filter((l) => l.startsWith('<details>')).length - lines.filter((l) => l === '</details>').length;
  return `${`${cut}${fence}${open > 0 ? '\n</details>\n' : ''}`.replace(/\n+$/, '')}\n\n${note}\n`;
}

function cell(text: string): string {
  return oneLine(escapeHtml(text).replace(/\|/g, '\\|'));
}

/** Line breaks as one space: a table row, or a blank line inside `<summary>` (which would end GitHub's HTML block), must stay whole. */
function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ');
}

function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
