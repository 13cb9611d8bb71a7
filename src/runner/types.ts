/**
 * What running scenarios produces: one {@link ScenarioReport} per scenario (the per-scenario JSON
 * report, handed to the reporters as each scenario ends) and a {@link RunSummary} with a
 * {@link ScenarioSummary} per scenario. Everything here is plain JSON with secrets already redacted;
 * only fields named for timing (`timing`, `durationMs`) may differ between two runs.
 */
import type { AppTemplate } from '../app/types.js';
import type { ExitCode, Issue } from '../core/errors.js';
import type { SourceLocation } from '../core/location.js';
import type {
  ActionKind,
  ErrorInformation,
  ObjectResult,
  OnDemandStep,
  ProvisioningObjectSummary,
  StepKey,
  StepStatus,
} from '../engine/types.js';
import type { Exchange, ScimResource } from '../scim/types.js';
import type { ClockSpec } from '../scenario/types.js';
import type { Subject } from '../source/types.js';
import type { MismatchCode } from './match.js';

/** Why an expectation failed: a value mismatch, or one of the run-level checks. */
export type FailureCode =
  | MismatchCode
  /** A listed request was not sent (in this order). */
  | 'EXPECT_REQUEST_NOT_SENT'
  /** The scenario has no `expect` block: it would pass whatever happened. */
  | 'EXPECT_NOTHING';

/** One expectation that did not hold. */
export interface Failure {
  code: FailureCode;
  /** One line: what differs. */
  message: string;
  /** Path inside `expect`: `['steps', 'match', 'matches']`. */
  path: Array<string | number>;
  /** The portal step it concerns, when there is one. */
  step?: StepKey;
  /** The expected value (absent: the key must not be there). */
  expected?: unknown;
  /** The actual value (absent: there is none). */
  actual?: unknown;
  /** `seq` of the HTTP exchanges that show the problem (see {@link ScenarioReport.exchanges}). */
  exchanges?: number[];
  /** Where the expectation is written. */
  location?: SourceLocation;
}

/** The expectation verdict of one step. */
export type StepVerdict = 'passed' | 'failed' | 'unchecked';

/** A portal step card plus its expectation verdict. */
export type StepReport = OnDemandStep & {
  /** `passed`: every expectation on the step held; `unchecked`: none was written. */
  verdict: StepVerdict;
  /** `seq` of the exchanges this step sent. */
  exchanges: number[];
};

/** How a scenario ended. */
export type ScenarioStatus = 'passed' | 'failed' | 'errored' | 'skipped';

/** The per-scenario report (`reports/scenarios/<slug>.json`). */
export interface ScenarioReport {
  schemaVersion: 1;
  name: string;
  slug: string;
  file: string;
  /** Line of the scenario's `name:` key. */
  line: number;
  description?: string;
  tags: string[];
  ticket?: string;
  app: { name: string; template: AppTemplate };
  subject: Subject;
  seed: number | string;
  clock: ClockSpec;
  status: ScenarioStatus;
  /** `--update` rewrote this scenario's `expect` block. */
  updated?: boolean;
  /** Why it errored (could not produce a result) or was skipped. */
  error?: Issue;
  /** Invalid input found only at run time (the pipeline refused the configuration). */
  issues?: Issue[];
  /** The run's outcome: the object's status, action and Entra error. */
  outcome?: { result: StepStatus; action: ActionKind; error?: ErrorInformation };
  steps: StepReport[];
  failures: Failure[];
  /** Group runs: each selected member's own result. */
  members?: ObjectResult[];
  provisioningObjectSummary?: ProvisioningObjectSummary;
  onDemandResponse?: { key: string; value: string };
  /** Every HTTP exchange with the target, in order, secrets redacted. */
  exchanges: Exchange[];
  /** The target's state after the run. */
  targetAfter?: { users: ScimResource[]; groups: ScimResource[] };
  /** Real timings: the only fields allowed to differ between two runs. */
  timing: {
    /** Wall-clock milliseconds of the on-demand run. */
    durationMs: number;
    /** `expect.budget.ms`, when set. */
    budgetMs?: number;
    /** The run took longer than its budget (exit 4 unless something worse happened). */
    overBudget?: boolean;
  };
}

/** Counts of a run. */
export interface RunCounts {
  total: number;
  passed: number;
  failed: number;
  errored: number;
  skipped: number;
  /** Problems found while loading (each an exit-2 issue). */
  invalid: number;
}

/** An HTTP exchange reduced to its request line and outcome (no headers, no bodies). */
export type ExchangeLine = Pick<Exchange, 'seq' | 'method' | 'path' | 'status' | 'error' | 'step'>;

/**
 * One scenario of a {@link RunSummary}: what `summary.json` and the console's totals need, without
 * the bulk of the {@link ScenarioReport} (steps, the Graph summary, exchange headers and bodies,
 * the target state). A run keeps one per scenario until it ends; the full report exists only while
 * the reporters' `onScenarioEnd` runs, so reporters that print more collect it there. A
 * `ScenarioReport` has every field of it, so code written for the old full entries that reads
 * only these keeps working.
 */
export interface ScenarioSummary {
  name: string;
  slug: string;
  file: string;
  /** Line of the scenario's `name:` key. */
  line: number;
  tags: string[];
  status: ScenarioStatus;
  /** `--update` rewrote this scenario's `expect` block. */
  updated?: boolean;
  /** Why it errored or was skipped. */
  error?: Issue;
  /** The object's status, action and Entra error. */
  outcome?: ScenarioReport['outcome'];
  /** The expectations that did not hold (empty when it passed). */
  failures: Failure[];
  /** The requests sent, in order: method, path, status (or transport error) and step. */
  exchanges: ExchangeLine[];
  timing: ScenarioReport['timing'];
}

/** The end of a run (`reports/summary.json` holds it, scenarios reduced to a line each). */
export interface RunSummary {
  schemaVersion: 1;
  counts: RunCounts;
  exitCode: ExitCode;
  /** Problems found while loading, in file order. */
  issues: Issue[];
  /**
   * Every scenario, in input order, as a {@link ScenarioSummary}: the full reports go to the
   * reporters' `onScenarioEnd` (and `scenarios/<slug>.json`) and are not kept, so a run's memory
   * does not grow with what each scenario sent and received.
   */
  scenarios: ScenarioSummary[];
  /** Scenario files `--update` rewrote. */
  updatedFiles: string[];
  timing: { durationMs: number };
}
