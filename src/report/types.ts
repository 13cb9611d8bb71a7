/**
 * Reporters: optional lifecycle hooks the runner calls; several run at once. They only ever see
 * redacted data (reports are redacted when built), and never influence the outcome.
 */
import type { Issue } from '../core/errors.js';
import type { ReporterName } from '../config/types.js';
import type { RunSummary, ScenarioReport, StepReport } from '../runner/types.js';

/** A scenario as announced before it runs. */
export interface ScenarioInfo {
  /** Position in the run (input order). */
  index: number;
  name: string;
  slug: string;
  file: string;
  line: number;
  tags: string[];
}

/** What a run announces when it starts. */
export interface RunStart {
  scenarios: ScenarioInfo[];
  /** Worker threads (1: in-process, sequential). */
  jobs: number;
  /** Problems found while loading; those scenarios do not run. */
  issues: Issue[];
}

/** The lifecycle every reporter may implement (all hooks optional). */
export interface Reporter {
  onRunStart?(run: RunStart): void | Promise<void>;
  onScenarioStart?(scenario: ScenarioInfo): void | Promise<void>;
  /** After a scenario's run, once per portal step, in order. */
  onStepEnd?(scenario: ScenarioInfo, step: StepReport, report: ScenarioReport): void | Promise<void>;
  /**
   * The scenario's full report, once (also for scenarios `--bail` skipped). With worker threads
   * scenarios end out of order: `scenario.index` is the input order. The runner does not keep the
   * report afterwards, so a reporter that prints anything of it at the end must take it here.
   */
  onScenarioEnd?(report: ScenarioReport, scenario: ScenarioInfo): void | Promise<void>;
  /** The run summary: counts, issues and a short line per scenario (not the full reports). */
  onRunEnd?(summary: RunSummary): void | Promise<void>;
}

/** Where reporters write. */
export interface ReporterOutput {
  /** One line to standard output. */
  line(text: string): void;
  /** Replaces the live status line (TTY only; absent otherwise). */
  live?(text: string): void;
}

/** What a reporter factory receives. */
export interface ReporterOptions {
  /** Report directory (absolute). */
  outDir: string;
  /** Console output. */
  output: ReporterOutput;
  /** Colours on or off (NO_COLOR, --no-color, not a TTY). */
  color: boolean;
  /** Environment (GITHUB_STEP_SUMMARY, GITHUB_ACTIONS). */
  env: Readonly<Record<string, string | undefined>>;
  /** The working directory, for paths in annotations. */
  cwd: string;
}

/** Builds a reporter. */
export type ReporterFactory = (options: ReporterOptions) => Reporter;

export type { ReporterName };
