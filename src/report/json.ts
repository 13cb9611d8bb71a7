/**
 * The `json` reporter: `scenarios/<slug>.json` per scenario (the on-demand steps, the Graph-shaped
 * provisioningObjectSummary, the expectation diff and the redacted exchange) and `summary.json`.
 * Stale per-scenario files of an earlier run are removed first: the folder holds the last run only.
 */
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { RunSummary, ScenarioSummary } from '../runner/types.js';
import type { Reporter, ReporterOptions } from './types.js';
import { makeReportDir, toJson, writeFileAtomic, WriteQueue } from './write.js';

/** One line of `summary.json` per scenario. */
export function summaryEntry(report: ScenarioSummary) {
  return {
    name: report.name,
    slug: report.slug,
    file: report.file,
    line: report.line,
    tags: report.tags,
    status: report.status,
    ...(report.outcome ? { result: report.outcome.result, action: report.outcome.action } : {}),
    ...(report.outcome?.error ? { errorCode: report.outcome.error.errorCode } : {}),
    ...(report.error ? { error: report.error.code } : {}),
    failures: report.failures.length,
    ...(report.updated ? { updated: true } : {}),
    report: `scenarios/${report.slug}.json`,
    timing: report.timing,
  };
}

/** The content of `summary.json`. */
export function summaryDocument(summary: RunSummary) {
  return {
    schemaVersion: summary.schemaVersion,
    exitCode: summary.exitCode,
    counts: summary.counts,
    issues: summary.issues,
    updatedFiles: summary.updatedFiles,
    scenarios: summary.scenarios.map(summaryEntry),
    timing: summary.timing,
  };
}

export function createJsonReporter(options: ReporterOptions): Reporter {
  const dir = path.join(options.outDir, 'scenarios');
  // Per-scenario files are written while the next scenarios run; the run ends after all of them.
  const writes = new WriteQueue();
  return {
    async onRunStart() {
      const stale = await readdir(dir).catch(() => [] as string[]);
      // Also the temporary files of a run that was killed while writing (see write.ts).
      await Promise.all(stale.filter((f) => f.endsWith('.json') || /^\..+\.json\.\d+\.\d+\.tmp$/.test(f)).map((f) => rm(path.join(dir, f), { force: true })));
      await makeReportDir(dir);
    },
    async onScenarioEnd(report) {
      // A failed write is reported at the end of the run.
      await writes.add(writeFileAtomic(path.join(dir, `${report.slug}.json`), toJson(report)));
    },
    async onRunEnd(summary) {
      await writes.drain();
      await writeFileAtomic(path.join(options.outDir, 'summary.json'), toJson(summaryDocument(summary)));
    },
  };
}
