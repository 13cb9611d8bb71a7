/**
 * The project config (`provision.config.ts` and friends). Every key is optional; CLI flags win
 * over the config, and the config wins over the defaults.
 */
import type { AppDefinition } from '../app/types.js';
import type { ScimTransport } from '../scim/types.js';
import type { Settings, SettingsInput } from './settings.js';

/** Names of the built-in reporters. */
export type ReporterName = 'default' | 'json' | 'junit' | 'markdown' | 'html';

/** Performance budgets checked by `provision bench` (exit 4 when exceeded). */
export interface Budgets {
  /** Each scenario's p99 latency in milliseconds. */
  scenarioP99Ms?: number;
  /** Each scenario's mean latency in milliseconds. */
  scenarioMeanMs?: number;
  /** Pipeline time divided by the time of replaying its HTTP exchanges alone. */
  ratioToFloor?: number;
  /** Compiled expression time divided by a hand-written JavaScript equivalent. */
  expressionRatio?: number;
}

/** Safety limits for hostile or accidental input. */
export interface Limits {
  /** Largest scenario or app file read, in bytes. @default 1048576 */
  maxFileBytes: number;
  /** Most YAML aliases resolved per document (alias-bomb guard). @default 100 */
  maxAliases: number;
  /** Wall-clock limit for one scenario, in milliseconds. @default 30000 */
  scenarioTimeoutMs: number;
  /**
   * At `--jobs 1`, run scenarios whose app runs a user's regex (REGEX MATCH scoping, Replace with
   * a regexPattern) on a worker thread, so `scenarioTimeoutMs` also stops catastrophic
   * backtracking, which the main thread cannot interrupt. @default true
   */
  isolateRegex: boolean;
}

/** The config as a user writes it. */
export interface ProvisionConfig {
  /** Files, folders or globs that `provision run` uses when given no paths. @default ['scenarios'] */
  scenarios?: string[];
  /** Reporters for `run`. @default ['default', 'json', 'junit', 'markdown'] */
  reporters?: ReporterName[];
  /** Where reports are written. @default 'reports' */
  outDir?: string;
  /** Seed for generated ids, `Guid()` and `RandomString()`. @default 42 */
  seed?: number;
  /** Frozen `Now()` for scenarios that set no `clock`. @default '2026-01-01T00:00:00Z' */
  clock?: string;
  /** Scenarios run in parallel (worker threads). @default 1 */
  jobs?: number;
  /** Stop after the first failing scenario. @default false */
  bail?: boolean;
  /**
   * How the SCIM client reaches the mocked target: `direct` (the mock's in-process fetch) or
   * `nock` (the global fetch, intercepted by nock). Same reports either way; `direct` is about
   * 3 ms per request faster. @default 'direct'
   */
  transport?: ScimTransport;
  /** Named apps scenarios refer to with `app: <name>`: inline, or a path to an app YAML file. */
  apps?: Record<string, AppDefinition | string>;
  /** Settings for behaviour the docs leave open. */
  settings?: SettingsInput;
  /** Performance budgets for `provision bench`. */
  budgets?: Budgets;
  /** Input limits. */
  limits?: Partial<Limits>;
}

/** The config after defaults, with where it came from. */
export interface ResolvedConfig {
  scenarios: string[];
  reporters: ReporterName[];
  outDir: string;
  seed: number;
  clock: string;
  jobs: number;
  bail: boolean;
  transport: ScimTransport;
  apps: Record<string, AppDefinition | string>;
  settings: Settings;
  /** The raw settings input, for layering under app and scenario settings. */
  settingsInput: SettingsInput;
  budgets: Budgets;
  limits: Limits;
  /** Absolute path of the config file, when one was found. */
  configFile?: string;
  /** Directory relative paths in the config resolve against. */
  rootDir: string;
}

/** What a function-form config receives. */
export interface ConfigEnv {
  /** The CLI command being run (`run`, `bench`, …). */
  command: string;
}

/** Anything `defineConfig` accepts and a config file may export. */
export type ConfigExport =
  | ProvisionConfig
  | Promise<ProvisionConfig>
  | ((env: ConfigEnv) => ProvisionConfig | Promise<ProvisionConfig>);
