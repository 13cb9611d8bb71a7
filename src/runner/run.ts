/**
 * Running scenarios: each in isolation (fresh context and target), sequentially by default or on
 * worker threads with `jobs > 1` (in-process, a scenario that runs a user's regex still gets a
 * worker, so its timeout holds: isolate.ts); a failing or erroring scenario never stops the others unless
 * `bail`. Reporters hear every step; `update` rewrites failing `expect` blocks. Reports are in
 * input order whatever the parallelism. Each full report goes to the reporters as its scenario
 * ends and is then dropped: the summary keeps a {@link ScenarioSummary} per scenario, so memory
 * stays flat however many scenarios run.
 */
import { performance } from 'node:perf_hooks';
import { resolveConfig } from '../config/load.js';
import type { ResolvedConfig } from '../config/types.js';
import { ExitCode, type Issue } from '../core/errors.js';
import type { Reporter, ScenarioInfo } from '../report/types.js';
import type { ScimTransport } from '../scim/types.js';
import type { LoadedScenario } from '../scenario/types.js';
import { placeRunIssues } from '../scenario/place.js';
import { type DocumentUpdate } from '../scenario/update.js';
import type { WorkerPool } from './pool.js';
import { buildReport, summarizeReport, type RunRecord } from './build-report.js';
import { execute, requestFor, type ExecuteOutcome, type ExecuteRequest, type Pipeline, type RunError } from './execute.js';
import { checkExpectations } from './expect.js';
import { runsUserRegex } from './isolate.js';
import { applyUpdates, updatesFor } from './record.js';
import type { RunCounts, RunSummary, ScenarioReport, ScenarioSummary } from './types.js';
import { writeUpdates } from './write-updates.js';

export interface RunScenariosOptions {
  /** The loaded config (clock, seed, settings, limits). @default the defaults */
  config?: ResolvedConfig;
  /** Lifecycle listeners. */
  reporters?: readonly Reporter[];
  /** Worker threads; 1 runs in-process. @default config.jobs */
  jobs?: number;
  /** Stop after the first failed or errored scenario; the rest are reported as skipped. @default config.bail */
  bail?: boolean;
  /** Rewrite failing (or empty) `expect` blocks from the actual outcome. @default false */
  update?: boolean;
  /** Seed for scenarios that set none (`--seed`). @default config.seed */
  seed?: number;
  /** How the client reaches the mocked target (`--transport`). @default config.transport */
  transport?: ScimTransport;
  /** Problems found while loading: reported beside the results, and the run exits 2. */
  issues?: readonly Issue[];
  /**
   * Interrupts the run: once it aborts no scenario starts (those running finish), the rest are
   * reported as skipped, the reporters still write every report, and the summary's exit code is
   * {@link ExitCode.interrupted}. The CLI aborts it on Ctrl-C (SIGINT) and SIGTERM.
   */
  signal?: AbortSignal;
  /** The pipeline for in-process runs. @default runOnDemand */
  pipeline?: Pipeline;
  /** A module exporting `runOnDemand`, for worker threads. @default the real pipeline */
  pipelineModule?: string;
}

/** Options of {@link runScenario}. */
export type RunScenarioOptions = Pick<RunScenariosOptions, 'config' | 'seed' | 'transport' | 'pipeline'>;

/**
 * Runs one scenario in-process (on a worker when it runs a user's regex, see isolate.ts) and
 * checks its expectations (library API). Never throws for
 * anything the scenario contains: a failure or an error is the report's `status`.
 */
export async function runScenario(scenario: LoadedScenario, options: RunScenarioOptions = {}): Promise<ScenarioReport> {
  return (await runScenarioWithExitCode(scenario, options)).report;
}

/** {@link runScenario}, plus the exit code the outcome maps to (`provision explain`). */
export async function runScenarioWithExitCode(scenario: LoadedScenario, options: RunScenarioOptions = {}): Promise<{ report: ScenarioReport; exitCode: ExitCode }> {
  const config = options.config ?? resolveConfig({}, process.cwd());
  const request = requestFor(scenario, config, options.seed, options.transport);
  const outcome = !options.pipeline && config.limits.isolateRegex && runsUserRegex(request.app) ? await onWorker(request) : await execute(request, options.pipeline);
  const { report, exitCode } = judge(scenario, request, outcome, false);
  return { report, exitCode };
}

/** Runs one request on a worker of its own, so its timeout holds even in synchronous code. */
async function onWorker(request: ExecuteRequest): Promise<ExecuteOutcome> {
  const { WorkerPool } = await import('./pool.js');
  const pool = new WorkerPool(1);
  try {
    return await pool.run(request);
  } finally {
    await pool.close();
  }
}

/** Runs scenarios and returns the summary (reporters have been told everything by then). */
export async function runScenarios(scenarios: readonly LoadedScenario[], options: RunScenariosOptions = {}): Promise<RunSummary> {
  const config = options.config ?? resolveConfig({}, process.cwd());
  const reporters = options.reporters ?? [];
  const jobs = Math.max(1, Math.min(options.jobs ?? config.jobs, scenarios.length || 1));
  const bail = options.bail ?? config.bail;
  const update = options.update ?? false;
  const issues = [...(options.issues ?? [])];
  const started = performance.now();
  const infos: ScenarioInfo[] = scenarios.map((s, index) => ({ index, name: s.name, slug: s.slug, file: s.file, line: s.location.line, tags: s.tags }));
  await emit(reporters, (r) => r.onRunStart?.({ scenarios: infos, jobs, issues }));

  // Only summaries are kept: a full report lives while the reporters' onScenarioEnd runs.
  const summaries: Array<ScenarioSummary | undefined> = new Array(scenarios.length);
  const exitCodes: ExitCode[] = [];
  const updates = new Map<string, DocumentUpdate[]>();
  let stop = false;
  let stoppedBy: 'bail' | 'interrupt' | undefined;
  let next = 0;
  const pool = jobs > 1 ? await import('./pool.js').then(({ WorkerPool }) => new WorkerPool(jobs, options.pipelineModule)) : undefined;
  // In-process, a scenario that runs a user's regex goes to one worker of its own (started on
  // first need), where the timeout can stop catastrophic backtracking (isolate.ts).
  const isolate = !pool && config.limits.isolateRegex && (!options.pipeline || options.pipelineModule !== undefined);
  let isolated: Promise<WorkerPool> | undefined;
  const run = async (request: ExecuteRequest): Promise<ExecuteOutcome> => {
    if (pool) return pool.run(request);
    if (isolate && runsUserRegex(request.app)) {
      isolated ??= import('./pool.js').then(({ WorkerPool }) => new WorkerPool(1, options.pipelineModule));
      return (await isolated).run(request);
    }
    return execute(request, options.pipeline);
  };

  const lane = async () => {
    while (!stop && next < scenarios.length) {
      if (options.signal?.aborted) {
        stoppedBy ??= 'interrupt';
        break;
      }
      const index = next++;
      const scenario = scenarios[index]!;
      const info = infos[index]!;
      await emit(reporters, (r) => r.onScenarioStart?.(info));
      const request = requestFor(scenario, config, options.seed, options.transport);
      const judged = judge(scenario, request, await run(request), update);
      summaries[index] = summarizeReport(judged.report);
      exitCodes.push(judged.exitCode);
      if (judged.update) {
        const list = updates.get(scenario.absoluteFile) ?? [];
        list.push(judged.update);
        updates.set(scenario.absoluteFile, list);
      }
      for (const step of judged.report.steps) await emit(reporters, (r) => r.onStepEnd?.(info, step, judged.report));
      await emit(reporters, (r) => r.onScenarioEnd?.(judged.report, info));
      if (bail && (judged.report.status === 'failed' || judged.report.status === 'errored')) {
        stop = true;
        stoppedBy ??= 'bail';
      }
    }
  };
  try {
    // With workers, three lanes per worker: each worker holds its next request while the main
    // thread judges and reports the last result (see PER_WORKER in pool.ts).
    await Promise.all(Array.from({ length: pool ? jobs * 3 : jobs }, lane));
  } finally {
    await pool?.close();
    await (await isolated)?.close();
  }

  const interrupted = options.signal?.aborted === true;
  const reason = stoppedBy === 'bail' ? 'not run: --bail stopped the run after a failure' : 'not run: the run was interrupted';
  for (let index = 0; index < scenarios.length; index++) {
    if (summaries[index]) continue;
    const scenario = scenarios[index]!;
    const report = buildReport(scenario, requestFor(scenario, config, options.seed, options.transport), { kind: 'skipped', reason });
    summaries[index] = summarizeReport(report);
    await emit(reporters, (r) => r.onScenarioEnd?.(report, infos[index]!));
  }

  const written = await writeUpdates(updates, scenarios);
  issues.push(...written.issues);
  const finished = summaries as ScenarioSummary[];
  const summary: RunSummary = {
    schemaVersion: 1,
    counts: countOf(finished, issues),
    exitCode: interrupted ? ExitCode.interrupted : exitCodeOf(exitCodes, issues),
    issues,
    scenarios: finished,
    updatedFiles: written.files,
    timing: { durationMs: Math.round((performance.now() - started) * 1000) / 1000 },
  };
  await emit(reporters, (r) => r.onRunEnd?.(summary));
  return summary;
}

interface Judged {
  report: ScenarioReport;
  exitCode: ExitCode;
  update?: DocumentUpdate;
}

/** Checks the expectations (and, with `update`, rewrites failing ones) and builds the report. */
function judge(scenario: LoadedScenario, request: ExecuteRequest, outcome: ExecuteOutcome, update: boolean): Judged {
  if (!outcome.ok) {
    const report = buildReport(scenario, request, { kind: 'error', error: outcome.error, durationMs: outcome.durationMs });
    return { report, exitCode: outcome.error.exitCode };
  }
  const { result, durationMs } = outcome;
  if (result.issues && result.issues.length > 0) {
    const report = buildReport(scenario, request, { kind: 'invalid', result, issues: placeRunIssues(scenario, result.issues), durationMs });
    return { report, exitCode: ExitCode.invalidInput };
  }
  let expect = scenario.expect;
  let failures = checkExpectations(expect, result, { exact: scenario.exact });
  let documentUpdate: DocumentUpdate | undefined;
  if (update && failures.length > 0) {
    const changes = updatesFor(failures, result, expect);
    expect = applyUpdates(expect, changes);
    failures = checkExpectations(expect, result, { exact: scenario.exact });
    documentUpdate = { index: scenario.index, name: scenario.name, updates: changes };
  }
  const record: RunRecord = { kind: 'result', result, failures, expect, updated: documentUpdate !== undefined, durationMs };
  const report = buildReport(scenario, request, record);
  const exitCode = report.status === 'failed' ? ExitCode.failed : report.timing.overBudget ? ExitCode.budgetExceeded : ExitCode.ok;
  return { report, exitCode, ...(documentUpdate ? { update: documentUpdate } : {}) };
}

/** Severity order: internal error, invalid input, failed expectations, budget, ok. */
const severity: ExitCode[] = [ExitCode.internal, ExitCode.invalidInput, ExitCode.failed, ExitCode.budgetExceeded, ExitCode.ok];

function exitCodeOf(codes: readonly ExitCode[], issues: readonly Issue[]): ExitCode {
  const all = [...codes, ...(issues.length > 0 ? [ExitCode.invalidInput] : [])];
  for (const code of severity) if (all.includes(code)) return code;
  return ExitCode.ok;
}

function countOf(reports: readonly ScenarioSummary[], issues: readonly Issue[]): RunCounts {
  const count = (status: ScenarioSummary['status']) => reports.filter((r) => r.status === status).length;
  return {
    total: reports.length,
    passed: count('passed'),
    failed: count('failed'),
    errored: count('errored'),
    skipped: count('skipped'),
    invalid: issues.length,
  };
}

async function emit(reporters: readonly Reporter[], call: (reporter: Reporter) => void | Promise<void>): Promise<void> {
  for (const reporter of reporters) await call(reporter);
}

export type { RunError };
