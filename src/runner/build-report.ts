/**
 * Builds a scenario's report from its run: steps with their expectation verdicts, failures placed
 * at their line in the scenario file, the Graph-shaped summary and the exchange, all redacted.
 */
import { formatPath, type Issue } from '../core/errors.js';
import type { SourceLocation } from '../core/location.js';
import type { OnDemandResult, StepKey } from '../engine/types.js';
import type { Expectations, LoadedScenario } from '../scenario/types.js';
import type { ExecuteRequest, RunError } from './execute.js';
import { createRedactor } from './redact.js';
import type { Failure, ScenarioReport, ScenarioStatus, ScenarioSummary, StepReport, StepVerdict } from './types.js';

/** What a run produced, before it becomes a report. */
export type RunRecord =
  | { kind: 'result'; result: OnDemandResult; failures: Failure[]; expect: Expectations | null; updated: boolean; durationMs: number }
  /** The pipeline refused the scenario's configuration: invalid input found at run time. */
  | { kind: 'invalid'; result: OnDemandResult; issues: Issue[]; durationMs: number }
  | { kind: 'error'; error: RunError; durationMs: number }
  | { kind: 'skipped'; reason: string };

/** The report of one scenario; every string in it has passed the redactor. */
export function buildReport(scenario: LoadedScenario, request: ExecuteRequest, record: RunRecord): ScenarioReport {
  const redact = createRedactor({
    // The app's token and the one the mocked target accepts (target.behaviour.token) are both secrets.
    tokens: [scenario.app.target.token, scenario.target.behaviour?.token].filter((t): t is string => Boolean(t)),
    redacted: record.kind === 'result' ? (record.result.redactions ?? []) : [],
  });
  const base = {
    schemaVersion: 1 as const,
    name: scenario.name,
    slug: scenario.slug,
    file: scenario.file,
    line: scenario.location.line,
    ...(scenario.description !== undefined ? { description: scenario.description } : {}),
    tags: scenario.tags,
    ...(scenario.ticket !== undefined ? { ticket: scenario.ticket } : {}),
    app: { name: scenario.app.name ?? 'app', template: scenario.app.template ?? 'scim' },
    subject: scenario.subject,
    seed: request.seed,
    clock: request.clock,
  };
  if (record.kind === 'skipped') {
    return redact({
      ...base,
      status: 'skipped',
      error: { code: 'SCENARIO_SKIPPED', message: record.reason },
      steps: [],
      failures: [],
      exchanges: [],
      timing: { durationMs: 0 },
    });
  }
  if (record.kind === 'error') {
    const { exitCode: _exit, stack: _stack, ...issue } = record.error;
    void _exit;
    void _stack;
    return redact({ ...base, status: 'errored', error: issue, steps: [], failures: [], exchanges: [], timing: timing(record.durationMs, scenario) });
  }
  const { result } = record;
  const object = result.result;
  const failures = record.kind === 'result' ? record.failures.map((f) => ({ ...f, ...locationOf(f, scenario) })) : [];
  const expect = record.kind === 'result' ? record.expect : null;
  const steps: StepReport[] = object.steps.map((step) => ({
    ...step,
    verdict: verdictOf(step.key, failures, expect),
    exchanges: result.exchanges.filter((x) => x.step === step.key).map((x) => x.seq),
  }));
  const status: ScenarioStatus = record.kind === 'invalid' ? 'errored' : failures.length > 0 ? 'failed' : 'passed';
  return redact({
    ...base,
    status,
    ...(record.kind === 'result' && record.updated ? { updated: true } : {}),
    ...(record.kind === 'invalid' ? { error: invalidError(record.issues), issues: record.issues } : {}),
    outcome: { result: object.status, action: object.action, ...(object.error ? { error: object.error } : {}) },
    steps,
    failures,
    ...(result.members.length > 0 ? { members: result.members } : {}),
    provisioningObjectSummary: object.summary,
    onDemandResponse: object.onDemandResponse,
    exchanges: result.exchanges,
    targetAfter: result.target,
    timing: timing(record.durationMs, scenario, expect),
  });
}

/**
 * What a run keeps of a report once the reporters have seen it: new objects holding only the
 * summary's fields, so nothing else of the report stays reachable.
 */
export function summarizeReport(report: ScenarioReport): ScenarioSummary {
  const { name, slug, file, line, tags, status, updated, error, outcome, failures, timing } = report;
  return {
    name, slug, file, line, tags, status,
    ...(updated ? { updated: true } : {}),
    ...(error ? { error } : {}),
    ...(outcome ? { outcome } : {}),
    failures,
    exchanges: report.exchanges.map(({ seq, method, path, status, error, step }) => ({
      seq,
      method,
      path,
      ...(status !== undefined ? { status } : {}),
      ...(error !== undefined ? { error } : {}),
      ...(step !== undefined ? { step } : {}),
    })),
    timing,
  };
}

/** The error of a scenario whose configuration the pipeline refused. */
function invalidError(issues: readonly Issue[]): Issue {
  const first = issues[0];
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return {
    code: first?.code ?? 'SCENARIO_INVALID_CONFIGURATION',
    message: `the pipeline refused the scenario: ${first?.message ?? 'invalid configuration'}${more}`,
    hint: first?.hint ?? 'fix the scenario; provision validate cannot see this problem because it needs a run',
  };
}

function timing(durationMs: number, scenario: LoadedScenario, expect: Expectations | null = scenario.expect): ScenarioReport['timing'] {
  const budgetMs = expect?.budget?.ms;
  return {
    durationMs: Math.round(durationMs * 1000) / 1000,
    ...(budgetMs !== undefined ? { budgetMs, overBudget: durationMs > budgetMs } : {}),
  };
}

function verdictOf(key: StepKey, failures: readonly Failure[], expect: Expectations | null): StepVerdict {
  if (failures.some((f) => f.step === key)) return 'failed';
  if (!expect) return 'unchecked';
  const checked =
    expect.steps?.[key] !== undefined ||
    (key === 'action' && expect.action !== undefined) ||
    (key === 'membership' && expect.members !== undefined) ||
    (expect.requests ?? []).some((r) => r.step === key);
  return checked ? 'passed' : 'unchecked';
}

/** The expectation's line in the scenario file: the path itself, else its nearest written parent. */
function locationOf(failure: Failure, scenario: LoadedScenario): { location?: SourceLocation } {
  for (let n = failure.path.length; n >= 0; n--) {
    const found = scenario.expectLocations[formatPath(failure.path.slice(0, n))];
    if (found) return { location: found };
  }
  return { location: scenario.location };
}
