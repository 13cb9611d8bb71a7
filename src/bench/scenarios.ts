/**
 * One scenario's benchmark: a check run first (the scenario must pass its expectations, and the
 * run gives the exchanges the floor replays), then two tinybench tasks side by side:
 *
 * - `pipeline`: the whole on-demand path as `provision run` takes it (`execute`: a fresh context,
 *   a fresh mocked target seeded from `target`, the five steps, the results) — every iteration
 *   identical, and checked to end as the check run did;
 * - `floor`: the same exchanges replayed with plain fetch against a fresh target through the same
 *   transport (src/bench/floor.ts).
 *
 * Anything that goes wrong is a failed row with the scenario's error, never a timing.
 */
import type { ResolvedConfig } from '../config/types.js';
import { ExitCode } from '../core/errors.js';
import type { OnDemandResult } from '../engine/types.js';
import { execute, requestFor, type ExecuteRequest, type RunError } from '../runner/execute.js';
import { runScenarioWithExitCode } from '../runner/run.js';
import type { Failure } from '../runner/types.js';
import type { LoadedScenario } from '../scenario/types.js';
import type { ScimTransport } from '../scim/types.js';
import { budgetValueProblem } from './budgets.js';
import { createFloor } from './floor.js';
import { measure, type MeasureOptions } from './measure.js';
import type { BenchError, ScenarioRow } from './types.js';

/** What every scenario's benchmark shares. */
export interface ScenarioBenchContext {
  config: ResolvedConfig;
  transport: ScimTransport;
  /** `--seed` for scenarios that set none. */
  seed?: number;
  measure: MeasureOptions;
}

/** An iteration that did not end like the check run. */
class IterationError extends Error {
  constructor(readonly issue: BenchError) {
    super(issue.message);
  }
}

/** Benchmarks one scenario. Never throws for anything the scenario contains. */
export async function benchScenario(scenario: LoadedScenario, context: ScenarioBenchContext): Promise<ScenarioRow> {
  const head = { name: scenario.name, file: scenario.file, line: scenario.location.line };
  const failed = (error: BenchError): ScenarioRow => ({ status: 'failed', ...head, error });

  const budgetMs = scenario.expect?.budget?.ms;
  const problem = budgetMs === undefined ? undefined : budgetValueProblem(budgetMs);
  if (problem) {
    const location = scenario.expectLocations['budget.ms'] ?? scenario.location;
    return failed({ code: 'BENCH_INVALID_BUDGET', message: `expect.budget.ms ${problem}`, hint: 'set the wall-clock budget of one run in milliseconds (a positive number)', location, exitCode: ExitCode.invalidInput });
  }

  const check = await checkRun(scenario, context);
  if (!check.ok) return failed(check.error);
  const { request, reference } = check;

  const pipeline = async (): Promise<void> => {
    const outcome = await execute(request);
    if (!outcome.ok) throw new IterationError(fromRunError(outcome.error));
    const drift = driftFrom(reference, outcome.result);
    if (drift) {
      throw new IterationError({ code: 'BENCH_NONDETERMINISTIC', message: `an iteration ended differently from the check run: ${drift}`, hint: 'look for a fault with a delay close to the timeout, or a clock that depends on real time', exitCode: ExitCode.internal });
    }
  };
  const floor = createFloor({
    app: request.app,
    target: request.target,
    exchanges: reference.exchanges,
    transport: context.transport,
    timeoutMs: request.settings.scim.timeoutMs,
  });
  const measured = await measure({ pipeline, floor }, { ...context.measure, minIterations: iterationsFor(check.durationMs, context.measure) });
  const p = measured['pipeline'];
  const f = measured['floor'];
  if (!p?.ok) return failed(taskError(p?.error, 'pipeline'));
  if (!f?.ok) return failed(taskError(f?.error, 'floor'));
  return {
    status: 'measured',
    ...head,
    pipeline: p.stats,
    floor: f.stats,
    ratio: f.stats.mean > 0 ? p.stats.mean / f.stats.mean : Number.POSITIVE_INFINITY,
    requests: reference.exchanges.length,
    ...(budgetMs !== undefined ? { budgetMs, budgetLine: (scenario.expectLocations['budget.ms'] ?? scenario.location).line } : {}),
  };
}

type CheckRun = { ok: true; request: ExecuteRequest; reference: OnDemandResult; durationMs: number } | { ok: false; error: BenchError };

/** Runs the scenario as `provision run` would: it must pass before its time means anything. */
async function checkRun(scenario: LoadedScenario, context: ScenarioBenchContext): Promise<CheckRun> {
  const { report, exitCode } = await runScenarioWithExitCode(scenario, {
    config: context.config,
    transport: context.transport,
    ...(context.seed !== undefined ? { seed: context.seed } : {}),
  });
  if (report.status === 'errored' && report.error) return { ok: false, error: { ...report.error, exitCode: exitCode === ExitCode.ok ? ExitCode.internal : exitCode } };
  if (report.issues && report.issues.length > 0) {
    const first = report.issues[0]!;
    return { ok: false, error: { ...first, message: `the pipeline refused the scenario: ${first.message}`, exitCode: ExitCode.invalidInput } };
  }
  if (report.status !== 'passed') {
    const first = report.failures[0];
    return {
      ok: false,
      error: {
        code: 'BENCH_SCENARIO_FAILED',
        message: `the scenario fails its expectations${first ? `: ${describeFailure(first)}` : ''}${report.failures.length > 1 ? ` (and ${report.failures.length - 1} more)` : ''}`,
        hint: 'run it with "provision run" and fix it first: the time of a failing scenario says nothing',
        ...(first?.location ? { location: first.location } : { location: scenario.location }),
        exitCode: ExitCode.failed,
      },
    };
  }
  const request = requestFor(scenario, context.config, context.seed, context.transport);
  const outcome = await execute(request);
  if (!outcome.ok) return { ok: false, error: fromRunError(outcome.error) };
  return { ok: true, request, reference: outcome.result, durationMs: outcome.durationMs };
}

/**
 * Fewest iterations for a scenario whose one run took `durationMs`: the usual minimum, but a
 * slow scenario (a fault with a long delay) gets fewer — never under 2 — so its tasks take about
 * five time budgets rather than minutes.
 */
export function iterationsFor(durationMs: number, options: MeasureOptions): number {
  if (!(durationMs > 0)) return options.minIterations;
  const affordable = Math.floor((5 * options.timeMs) / durationMs);
  return Math.max(2, Math.min(options.minIterations, affordable));
}

/** A failure in one line, with what was expected and what the run gave (as `provision run` prints them). */
function describeFailure(failure: Failure): string {
  const show = (value: unknown) => (value === undefined ? '(absent)' : JSON.stringify(value));
  const values = 'expected' in failure || 'actual' in failure ? `: expected ${show(failure.expected)}, got ${show(failure.actual)}` : '';
  return `${failure.message}${values}`;
}

/** How a result differs from the check run's, in a few words; undefined when it does not. */
function driftFrom(reference: OnDemandResult, result: OnDemandResult): string | undefined {
  const a = reference.result;
  const b = result.result;
  if (a.status !== b.status || a.action !== b.action) return `${b.status}/${b.action} instead of ${a.status}/${a.action}`;
  if (reference.exchanges.length !== result.exchanges.length) return `${result.exchanges.length} requests instead of ${reference.exchanges.length}`;
  return undefined;
}

function fromRunError(error: RunError): BenchError {
  const { stack: _stack, ...issue } = error;
  return issue;
}

function taskError(error: Error | undefined, task: 'pipeline' | 'floor'): BenchError {
  if (error instanceof IterationError) return error.issue;
  const message = error?.message ?? 'unknown error';
  return task === 'floor'
    ? { code: 'BENCH_FLOOR_DIVERGED', message: `the floor could not replay the run: ${message}`, hint: 'the replay must see what the run saw; report this with the scenario', exitCode: ExitCode.internal }
    : { code: 'BENCH_TASK_FAILED', message: `the pipeline threw while benchmarking: ${message}`, hint: 'this is a bug in provision; rerun with --debug and report it', exitCode: ExitCode.internal };
}
