/**
 * Scenario files (contract: "Scenario file"): what a scenario document holds once it passed the
 * schema, and what the loader hands the runner.
 */
import type { AppDefinition } from '../app/types.js';
import type { SettingsInput } from '../config/settings.js';
import type { Issue } from '../core/errors.js';
import type { SourceLocation } from '../core/location.js';
import type { ActionKind, StepKey, StepStatus } from '../engine/types.js';
import type { TargetState } from '../scim/types.js';
import type { SourceDirectory, Subject } from '../source/types.js';

/** `clock:` as written: a frozen instant, or a clock that advances on every read. */
export type ClockSpec = string | { at: string; stepMs?: number };

/** An expected Entra error. Codes match with or without the target-system prefix. */
export interface ErrorExpectation {
  /** `DuplicateTargetEntries` or `SystemForCrossDomainIdentityManagementDuplicateTargetEntries`. */
  code?: string;
  /** Text the reason must contain. */
  reason?: string;
  category?: 'failure' | 'nonServiceFailure' | 'success';
  /** Text the recommended action must contain. */
  recommendedAction?: string;
  /** Text the additional details must contain. */
  additionalDetails?: string;
  exact?: boolean;
}

/** Expectations on one portal step; the keys beyond the common ones are the step's view details. */
export interface StepExpectation {
  status?: StepStatus;
  description?: string;
  /** Whether the portal shows the step. */
  shown?: boolean;
  error?: ErrorExpectation | null;
  exact?: boolean;
  [detail: string]: unknown;
}

/** One expected HTTP request (matched as an ordered subsequence of the exchange). */
export interface RequestExpectation {
  method?: string;
  /** Compared after URL decoding. */
  path?: string;
  /** Response status; `null` means no response (transport failure). */
  status?: number | null;
  /** Request body. */
  body?: unknown;
  /** Response body. */
  response?: unknown;
  headers?: Record<string, string | null>;
  /** The step that sent it. */
  step?: StepKey;
  exact?: boolean;
}

/** A group member's own result. */
export interface MemberExpectation {
  name?: string;
  result?: StepStatus;
  action?: ActionKind;
  error?: ErrorExpectation | null;
  exact?: boolean;
}

/** The `expect:` block. Every key is optional. */
export interface Expectations {
  result?: StepStatus;
  action?: ActionKind;
  steps?: Partial<Record<StepKey, StepExpectation | null>>;
  error?: ErrorExpectation | null;
  requests?: RequestExpectation[];
  target?: { users?: unknown[]; groups?: unknown[]; exact?: boolean };
  members?: MemberExpectation[];
  /** Wall-clock budget of the on-demand run. */
  budget?: { ms?: number };
  exact?: boolean;
}

/** A scenario document as written, after schema validation (the `app` is not yet resolved). */
export interface ScenarioDocument {
  name: string;
  description?: string;
  tags?: string[];
  ticket?: string;
  app: string | AppDefinition;
  source?: SourceDirectory;
  target?: TargetState;
  provision: Subject;
  clock?: ClockSpec;
  seed?: number | string;
  settings?: SettingsInput;
  timeoutMs?: number;
  exact?: boolean;
  expect?: Expectations | null;
}

/** Where a scenario's app came from. */
export type AppOrigin =
  | { kind: 'config'; name: string; file?: string }
  | { kind: 'file'; file: string }
  | { kind: 'inline' };

/** A scenario ready to run: validated, its app resolved. Plain data (workers receive it). */
export interface LoadedScenario {
  name: string;
  /** File-name-safe, unique within the run; names the per-scenario report. */
  slug: string;
  description?: string;
  tags: string[];
  ticket?: string;
  /** The scenario file as given (relative to the working directory when possible), `/`-separated. */
  file: string;
  /** Absolute path of the file. */
  absoluteFile: string;
  /** 0-based index of the document in a multi-document file. */
  index: number;
  /** Where the document starts (its `name:` key). */
  location: SourceLocation;
  app: AppDefinition;
  appOrigin: AppOrigin;
  source: SourceDirectory;
  target: TargetState;
  subject: Subject;
  clock?: ClockSpec;
  seed?: number | string;
  settings?: SettingsInput;
  timeoutMs?: number;
  exact: boolean;
  /** `null` when the scenario has no `expect` block (or an empty one). */
  expect: Expectations | null;
  /** Where each expectation is written, by path inside `expect` (`steps.match.matches`). */
  expectLocations: Record<string, SourceLocation>;
}

/** What `loadScenarios` returns: every valid scenario and every problem found, per file. */
export interface LoadResult {
  scenarios: LoadedScenario[];
  issues: Issue[];
  /** Every file read, in order. */
  files: string[];
}
