/**
 * The `html` reporter: `report.html`, one self-contained page with no scripts (CI servers such as
 * Jenkins block them): the counts, then each scenario as the portal's step cards with their view
 * details, the failed expectations and the redacted HTTP exchange. No timings, so it is stable.
 */
import path from 'node:path';
import { formatIssue } from '../core/errors.js';
import type { RunSummary, ScenarioReport, StepReport } from '../runner/types.js';
import { actionLabel, exchangeLines, failureBlock, formatValue, runLevelError, statusLabel } from './format.js';
import type { Reporter, ReporterOptions } from './types.js';
import { runSpool, writeAll } from './spool.js';
import { writeFileAtomic } from './write.js';

/**
 * Each scenario's section is spooled as the scenario ends; `report.html` is put together when the
 * run ends: the counts and the table (from the run summary), then the spooled sections in input
 * order. Nothing of a scenario stays in memory.
 */
export function createHtmlReporter(options: ReporterOptions): Reporter {
  const spool = runSpool();
  return {
    async onRunStart() {
      await spool.close();
      await spool.open();
    },
    async onScenarioEnd(report, scenario) {
      await (await spool.open()).add(scenario.index, `${scenarioHtml(report)}\n`);
    },
    async onRunEnd(summary) {
      try {
        const sections = await spool.open();
        await writeFileAtomic(path.join(options.outDir, 'report.html'), async (out) => {
          await writeAll(out, pageHead(summary));
          await sections.copyTo(out);
          // The sections were joined by line breaks; with none the page keeps its empty line.
          await writeAll(out, `${sections.count === 0 ? '\n' : ''}</body></html>\n`);
        });
      } finally {
        await spool.close();
      }
    },
  };
}

const style = `body{font:14px/1.45 system-ui,sans-serif;margin:2rem;color:#1b1b1b}
h1{font-size:1.4rem}table{border-collapse:collapse}td,th{padding:.25rem .6rem;border-bottom:1px solid #ddd;text-align:left}
details{margin:.4rem 0;border:1px solid #ddd;border-radius:6px;padding:.4rem .8rem}summary{cursor:pointer;font-weight:600}
.passed{color:#107c10}.failed,.errored{color:#c50f1f}.skipped{color:#8a6d00}.card{border-left:4px solid #ccc;margin:.5rem 0;padding:.2rem .8rem}
.card.success{border-color:#107c10}.card.failure{border-color:#c50f1f}.card.skipped,.card.warning{border-color:#c19c00}
pre{background:#f6f6f6;padding:.5rem;overflow:auto;white-space:pre-wrap}.dim{color:#666}`;

/** The page up to the scenario sections: the counts, the table of scenarios and the input problems. */
function pageHead(summary: RunSummary): string {
  const { counts } = summary;
  const rows = summary.scenarios
    .map((s) => `<tr><td class="${s.status}">${s.status}</td><td>${esc(s.name)}</td><td>${s.outcome ? statusLabel(s.outcome.result) : ''}</td><td>${s.outcome ? actionLabel(s.outcome.action) : ''}</td><td class="dim">${esc(`${s.file}:${s.line}`)}</td></tr>`)
    .join('\n');
  const issues = summary.issues.length
    ? `<h2>Invalid input</h2><pre>${esc(summary.issues.map(formatIssue).join('\n'))}</pre>`
    : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>provision report</title><style>${style}</style></head>
<body>
<h1>provision: ${counts.passed} passed, ${counts.failed} failed, ${counts.errored} errored, ${counts.skipped} skipped, ${counts.invalid} invalid</h1>
<table><thead><tr><th></th><th>Scenario</th><th>Result</th><th>Action</th><th>File</th></tr></thead><tbody>
${rows}
</tbody></table>
${issues}
<h2>Scenarios</h2>
`;
}

function scenarioHtml(s: ScenarioReport): string {
  const open = s.status === 'failed' || s.status === 'errored' ? ' open' : '';
  const error = s.error ? `<p class="${s.status}">${esc(`${s.error.code} ${s.error.message}`)}</p>` : '';
  const issues = s.issues?.length ? `<pre class="failed">${esc(s.issues.map(formatIssue).join('\n'))}</pre>` : '';
  const runError = runLevelError(s);
  const refused = runError ? `<pre class="failed">${esc(`${runError.errorCode}: ${runError.reason}${runError.recommendedAction ? `\nRecommended action: ${runError.recommendedAction}` : ''}`)}</pre>` : '';
  const loose = s.failures.filter((f) => !f.step || !s.steps.some((st) => st.key === f.step));
  const looseHtml = loose.length ? `<pre>${esc(failureBlock(loose, s).join('\n'))}</pre>` : '';
  return `<details${open}><summary class="${s.status}">${esc(s.name)} <span class="dim">${esc(`${s.file}:${s.line}`)}</span></summary>
${s.description ? `<p>${esc(s.description)}</p>` : ''}${error}${issues}${refused}
${s.steps.map((step) => stepHtml(step, s)).join('\n')}
${looseHtml}
</details>`;
}

function stepHtml(step: StepReport, s: ScenarioReport): string {
  const failures = s.failures.filter((f) => f.step === step.key);
  const exchanges = s.exchanges.filter((x) => step.exchanges.includes(x.seq));
  const hidden = step.shownInPortal ? '' : ' <span class="dim">(hidden in the portal)</span>';
  return `<div class="card ${step.status}"><b>${esc(step.title)}</b> — ${statusLabel(step.status)}${hidden}
<div>${esc(step.description)}</div>
<pre>${esc(formatValue(step.details))}</pre>
${step.error ? `<pre class="failed">${esc(`${step.error.errorCode}: ${step.error.reason}`)}</pre>` : ''}
${failures.length ? `<pre class="failed">${esc(failureBlock(failures, s).join('\n'))}</pre>` : ''}
${exchanges.length ? `<pre class="dim">${esc(exchanges.flatMap((x) => exchangeLines(x)).join('\n'))}</pre>` : ''}
</div>`;
}

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
