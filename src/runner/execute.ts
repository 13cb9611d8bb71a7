/**
 * The one place a scenario meets the pipeline: a fresh, isolated context per run (clock from
 * `clock`, seeded randomness from `seed`, settings layered config ← app ← scenario), the
 * `runOnDemand` call, and the per-scenario timeout. Used in-process and by worker threads alike.
 */
import { performance } from 'node:perf_hooks';
import type { AppDefinition } from '../app/types.js';
import { resolveSettings, type Settings } from '../config/settings.js';
import type { ResolvedConfig } from '../config/types.js';
import { fixedClock, seededRandom, steppingClock, type Clock } from '../core/determinism.js';
import { ExitCode, ProvisionError, type Issue } from '../core/errors.js';
import { runOnDemand } from '../engine/run-on-demand.js';
import { warmUpPipeline } from './warm-up.js';
import type { OnDemandResult, RunContext } from '../engine/types.js';
import type { ScimTransport, TargetState } from '../scim/types.js';
import type { ClockSpec, LoadedScenario } from '../scenario/types.js';
import type { SourceDirectory, Subject } from '../source/types.js';

/** The pipeline's signature (`runOnDemand`). */
export type Pipeline = typeof runOnDemand;

/** Everything one run needs: plain data, so it crosses to a worker thread unchanged. */
export interface ExecuteRequest {
  app: AppDefinition;
  source: SourceDirectory;
  target: TargetState;
  subject: Subject;
  clock: ClockSpec;
  seed: number | string;
  settings: Settings;
  timeoutMs: number;
  /** How the client reaches the mocked target. @default 'direct' */
  transport?: ScimTransport;
}

/** An error that ended a run without a result, as data (it crosses threads). */
export interface RunError extends Issue {
  exitCode: ExitCode;
  /** Printed with --debug. */
  stack?: string;
}

/** The outcome of one run. `durationMs` is real wall-clock time (a timing field). */
export type ExecuteOutcome =
  | { ok: true; result: OnDemandResult; durationMs: number }
  | { ok: false; error: RunError; durationMs: number };

/**
 * The run request for a scenario: its clock and seed, else `--seed`, else the config's; the
 * transport from `--transport`, else the config's.
 */
export function requestFor(scenario: LoadedScenario, config: ResolvedConfig, seedOverride?: number, transport?: ScimTransport): ExecuteRequest {
  return {
    app: scenario.app,
    source: scenario.source,
    target: scenario.target,
    subject: scenario.subject,
    clock: scenario.clock ?? config.clock,
    seed: scenario.seed ?? seedOverride ?? config.seed,
    settings: resolveSettings(config.settingsInput, scenario.app.settings, scenario.settings),
    timeoutMs: scenario.timeoutMs ?? config.limits.scenarioTimeoutMs,
    transport: transport ?? config.transport,
  };
}

/** `clock: <instant>` freezes Now(); `clock: { at, stepMs }` advances it on every read. */
export function clockFrom(spec: ClockSpec): Clock {
  return typeof spec === 'string' ? fixedClock(spec) : steppingClock(spec.at, spec.stepMs ?? 1);
}

/**
 * Readies the thread once, before any scenario's clock starts:
 * - no request leaves the process: the mocked target intercepts its own host, and nock refuses
 *   every other one (the client reports SCIM_NET_CONNECT_BLOCKED); set in every thread that runs
 *   scenarios, since each worker has its own nock;
 * - the first run pays for loading Node's fetch implementation and compiling the pipeline's
 *   code: a throw-away warm-up run takes that cost, so it is not charged to the first scenario's
 *   duration (and its `expect.budget`).
 */
function prepareThread(): Promise<void> {
  prepared ??= (async () => {
    const { default: nock } = await import('nock');
    nock.disableNetConnect();
    await warmUpPipeline();
  })();
  return prepared;
}
let prepared: Promise<void> | undefined;

/** Runs the pipeline once, bounded by the request's timeout. Never throws. */
export async function execute(request: ExecuteRequest, pipeline: Pipeline = runOnDemand): Promise<ExecuteOutcome> {
  await prepareThread();
  const controller = new AbortController();
  const context: RunContext = {
    clock: clockFrom(request.clock),
    random: seededRandom(request.seed),
    settings: request.settings,
    signal: controller.signal,
    ...(request.transport ? { transport: request.transport } : {}),
  };
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(timeoutError(request.timeoutMs));
    }, request.timeoutMs);
  });
  const running = pipeline(request.app, request.source, request.target, request.subject, context);
  try {
    const result = await Promise.race([running, timeout]);
    return { ok: true, result, durationMs: performance.now() - started };
  } catch (error) {
    // An aborted run still holds its mocked target (and its host) until it unwinds: let it, so
    // the next scenario on the same host does not find the host in use.
    if (controller.signal.aborted) await settled(running, unwindMs);
    return { ok: false, error: toRunError(error), durationMs: performance.now() - started };
  } finally {
    clearTimeout(timer);
  }
}

/** How long a timed-out run gets to unwind after the abort before the next scenario starts. */
const unwindMs = 500;

/** Resolves when `promise` settles, or after `ms` at the latest. */
async function settled(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  await Promise.race([promise.then(() => undefined, () => undefined), limit]);
  clearTimeout(timer);
}

/** The error of a scenario that ran out of time: a failed scenario (exit 1), not a crash. */
export function timeoutError(ms: number): RunError {
  return {
    code: 'SCENARIO_TIMEOUT',
    message: `the scenario did not finish within ${ms} ms`,
    hint: 'look for a fault with a long delayMs, endless retries or a regex that backtracks catastrophically; raise timeoutMs or limits.scenarioTimeoutMs if the run is legitimately slow',
    exitCode: ExitCode.failed,
  };
}

/** Any thrown value as a {@link RunError}: coded errors keep their code and exit code. */
export function toRunError(error: unknown): RunError {
  if (isRunError(error)) return error;
  if (error instanceof ProvisionError) {
    return {
      ...error.toIssue(),
      exitCode: error.exitCode,
      ...(error.stack ? { stack: error.stack } : {}),
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return {
    code: 'INTERNAL_ERROR',
    message: `the pipeline crashed: ${message}`,
    hint: 'this is a bug in provision; rerun with --debug and report the stack trace',
    exitCode: ExitCode.internal,
    ...(error instanceof Error && error.stack ? { stack: error.stack } : {}),
  };
}

function isRunError(value: unknown): value is RunError {
  return typeof value === 'object' && value !== null && 'code' in value && 'exitCode' in value && !(value instanceof Error);
}
