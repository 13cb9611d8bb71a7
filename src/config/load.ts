/**
 * Finds, loads and validates the project config with cosmiconfig (TypeScript through jiti).
 * Search order in the working directory: provision.config.{ts,mts,js,mjs,json}, .provisionrc
 * (YAML or JSON), .provisionrc.{json,yaml,yml,js,mjs,ts,mts}, then a "provision" key in package.json.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { InputError, withFrame, type Issue } from '../core/errors.js';
import { positionAt } from '../core/location.js';
import { ajvIssues, validatorFor } from '../core/schema.js';
import { maskConfigSecrets, placeConfigIssues } from './locate.js';
import { resolveSettings } from './settings.js';
import type { ConfigEnv, ProvisionConfig, ResolvedConfig } from './types.js';

export const configSearchPlaces = [
  'provision.config.ts',
  'provision.config.mts',
  'provision.config.js',
  'provision.config.mjs',
  'provision.config.json',
  '.provisionrc',
  '.provisionrc.json',
  '.provisionrc.yaml',
  '.provisionrc.yml',
  '.provisionrc.js',
  '.provisionrc.mjs',
  '.provisionrc.ts',
  '.provisionrc.mts',
  'package.json',
] as const;

/** Default values of every config key. */
export const configDefaults = {
  scenarios: ['scenarios'],
  reporters: ['default', 'json', 'junit', 'markdown'],
  outDir: 'reports',
  seed: 42,
  clock: '2026-01-01T00:00:00Z',
  jobs: 1,
  bail: false,
  transport: 'direct',
  limits: { maxFileBytes: 1_048_576, maxAliases: 100, scenarioTimeoutMs: 30_000, isolateRegex: true },
} as const satisfies Partial<ResolvedConfig>;

export interface LoadConfigOptions {
  /** Directory to search and to resolve relative paths against. @default process.cwd() */
  cwd?: string;
  /** Explicit config file (`--config`); skips the search. */
  configFile?: string;
  /** Command passed to a function-form config. @default 'run' */
  command?: string;
}

/**
 * Loads the config. Throws {@link InputError} with code `CONFIG_NOT_FOUND`, `CONFIG_LOAD_FAILED`
 * or the schema issue codes (`CONFIG_UNKNOWN_KEY`, `CONFIG_WRONG_TYPE`, …), naming the file.
 */
export async function loadConfig(options: LoadConfigOptions = {}): Promise<ResolvedConfig> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const env: ConfigEnv = { command: options.command ?? 'run' };
  const found = await findAndLoad(cwd, options.configFile);
  if (!found) return resolveConfig({}, cwd);
  const display = displayPath(found.filepath, cwd);
  let value: unknown = found.config;
  try {
    if (typeof value === 'function') value = await (value as (e: ConfigEnv) => unknown)(env);
    value = await value;
  } catch (error) {
    throw loadFailed(display, found.filepath, error);
  }
  if (value === undefined || value === null) value = {};
  const issues = await validateConfig(value, display);
  if (issues.length > 0) throw InputError.fromIssues(placeConfigIssues(issues, found.filepath, display));
  return resolveConfig(value as ProvisionConfig, path.dirname(found.filepath), found.filepath);
}

/** Validates a loaded config against `schema/config.schema.json`; returns its issues. */
export async function validateConfig(value: unknown, file?: string): Promise<Issue[]> {
  const validate = await validatorFor('config.schema.json');
  if (validate(value)) return [];
  return ajvIssues(validate.errors, 'CONFIG').map((issue) => ({
    ...issue,
    ...(file ? { file } : {}),
    hint: issue.hint ?? 'fix the value; see schema/config.schema.json',
  }));
}

/** Applies defaults to a validated config. */
export function resolveConfig(config: ProvisionConfig, rootDir: string, configFile?: string): ResolvedConfig {
  const settingsInput = config.settings ?? {};
  return {
    scenarios: config.scenarios ?? [...configDefaults.scenarios],
    reporters: config.reporters ?? [...configDefaults.reporters],
    outDir: config.outDir ?? configDefaults.outDir,
    seed: config.seed ?? configDefaults.seed,
    clock: config.clock ?? configDefaults.clock,
    jobs: config.jobs ?? configDefaults.jobs,
    bail: config.bail ?? configDefaults.bail,
    transport: config.transport ?? configDefaults.transport,
    apps: config.apps ?? {},
    settings: resolveSettings(settingsInput),
    settingsInput,
    budgets: config.budgets ?? {},
    limits: { ...configDefaults.limits, ...config.limits },
    ...(configFile ? { configFile } : {}),
    rootDir,
  };
}

interface Loaded {
  filepath: string;
  config: unknown;
}

async function findAndLoad(cwd: string, configFile: string | undefined): Promise<Loaded | null> {
  const [{ cosmiconfig }, { TypeScriptLoader }] = await Promise.all([
    import('cosmiconfig'),
    import('cosmiconfig-typescript-loader'),
  ]);
  const tsLoader = TypeScriptLoader({ moduleCache: false });
  const explorer = cosmiconfig('provision', {
    searchPlaces: [...configSearchPlaces],
    loaders: { '.ts': tsLoader, '.mts': tsLoader },
    cache: false,
  });
  if (configFile) {
    const file = path.resolve(cwd, configFile);
    if (!existsSync(file)) {
      throw new InputError('CONFIG_NOT_FOUND', `config file not found: ${configFile}`, {
        hint: 'check the --config path, or omit --config to use provision.config.ts in the working directory',
      });
    }
    try {
      const result = await explorer.load(file);
      return result ? { filepath: result.filepath, config: result.config } : { filepath: file, config: {} };
    } catch (error) {
      throw loadFailed(displayPath(file, cwd), file, error);
    }
  }
  try {
    const result = await explorer.search(cwd);
    return result ? { filepath: result.filepath, config: result.config } : null;
  } catch (error) {
    const file = (error as { filepath?: string }).filepath;
    throw loadFailed(file ? displayPath(file, cwd) : 'config', file ?? '', error);
  }
}

/** Wraps a loader failure (syntax error, import error, thrown in the config) with file and position. */
function loadFailed(file: string, absolute: string, error: unknown): InputError {
  const { reason, position } = failureDetails(error, absolute);
  const location = position ? { file, ...position } : undefined;
  let issue: Issue = {
    code: 'CONFIG_LOAD_FAILED',
    message: `cannot load ${file}: ${reason}`,
    hint: 'fix the config file so it compiles and exports a config object (see defineConfig)',
    ...(location ? { location } : { file }),
  };
  if (location && existsSync(absolute)) {
    issue = withFrame(issue, readFileSync(absolute, 'utf8'));
    if (issue.frame) issue = { ...issue, frame: maskConfigSecrets(issue.frame) };
  }
  return new InputError(issue.code, issue.message, { ...issue, issues: [issue], cause: error });
}

/**
 * Why a config did not load, and where: jiti/babel syntax errors put `<file>:<line>:<col>`
 * (0-based column) on a line of their message; a JSON file is parsed again here for its error
 * offset (cosmiconfig's message holds a code frame that is coloured when `CI` is set); an error
 * thrown while the config runs names the file in its stack.
 */
function failureDetails(error: unknown, absolute: string): { reason: string; position?: { line: number; column: number } } {
  const text = error instanceof Error ? error.message : String(error);
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  const babel = /:(\d+):(\d+)\s*$/.exec(lines.find((l) => /:\d+:\d+\s*$/.test(l)) ?? '');
  if (/^JSON Error in /.test(lines[0] ?? '')) return jsonFailure(absolute);
  const reasonLine = lines.find((l) => !/failed to compile/i.test(l) && !/:\d+:\d+\s*$/.test(l)) ?? lines[0] ?? 'unknown error';
  const reason = reasonLine.replace(/^\w*Error:\s*/, '').trim() || 'syntax error';
  if (babel) return { reason, position: { line: Number(babel[1]), column: Number(babel[2]) + 1 } };
  const thrown = absolute ? stackPosition(error, absolute) : undefined;
  return thrown ? { reason, position: thrown } : { reason };
}

/** The JSON parser's own reason and offset for a JSON config that does not parse. */
function jsonFailure(absolute: string): { reason: string; position?: { line: number; column: number } } {
  let text = '';
  try {
    text = readFileSync(absolute, 'utf8');
    JSON.parse(text);
    return { reason: 'invalid JSON' };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const reason = message.replace(/\s+in JSON at position[\s\S]*$/, '').replace(/,\s*"[\s\S]*$/, '') || 'invalid JSON';
    const offset = /at position (\d+)/.exec(message)?.[1];
    if (offset !== undefined) return { reason, position: positionAt(text, Number(offset)) };
    return text && /end of JSON input/i.test(message) ? { reason, position: positionAt(text, text.length) } : { reason };
  }
}

/** The first place in the config file that an error's stack (or its causes') names. */
function stackPosition(error: unknown, absolute: string): { line: number; column: number } | undefined {
  const escaped = absolute.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const match = new RegExp(`${escaped}:(\\d+):(\\d+)`).exec(e.stack ?? '');
    if (match) return { line: Number(match[1]), column: Number(match[2]) };
  }
  return undefined;
}

function displayPath(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}
