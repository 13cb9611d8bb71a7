/**
 * `provision run [paths..]`: load, select, run with the chosen reporters, optionally rewrite
 * failing `expect` blocks (`--update`). Problems in the input are printed first; the valid
 * scenarios still run and report, and the run then exits 2.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { ExitCode, formatIssue, UsageError, type Issue } from '../../core/errors.js';
import { createReporters } from '../../report/registry.js';
import type { ReporterOutput } from '../../report/types.js';
import { colors } from '../../report/format.js';
import { runScenarios } from '../../runner/run.js';
import { selectScenarios } from '../../runner/select.js';
import { loadScenarios } from '../../scenario/load.js';
import type { LoadResult } from '../../scenario/types.js';
import { printable } from '../../report/printable.js';
import { SCIM_TRANSPORTS, type ScimTransport } from '../../scim/types.js';
import { onInterrupt } from '../interrupt.js';
import type { CommandContext } from '../types.js';

export default async function run(context: CommandContext): Promise<number> {
  const { options, config } = context;
  const jobs = integerOption(options['jobs'], '--jobs', 1, 64) ?? config.jobs;
  const seed = integerOption(options['seed'], '--seed', Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  const transport = transportOption(options['transport']);
  const color = useColor(context);
  // Workers load their modules while the scenarios load: at most one per core, the pool starts
  // the rest of --jobs when the selection needs them.
  if (jobs > 1) (await import('../../runner/pool.js')).prewarmWorkers(Math.min(jobs, availableParallelism()));
  const loaded = await load(context);
  const selected = selectScenarios(loaded.scenarios, {
    ...(typeof options['grep'] === 'string' ? { grep: options['grep'] } : {}),
    tags: stringList(options['tag']),
  });
  // Workers started for more scenarios than were selected are stopped (one scenario runs in-process).
  if (jobs > 1) {
    const used = Math.min(jobs, selected.length);
    await (await import('../../runner/pool.js')).releaseWarmWorkers(used > 1 ? used : 0);
  }
  printIssues(context, loaded.issues, color);
  const outDir = typeof options['out'] === 'string' ? path.resolve(options['out']) : path.resolve(config.rootDir, config.outDir);
  // With problems in the input the reports still get written, so CI shows them. A selection of
  // nothing rewrites an existing report folder (empty, or with the SCENARIO_NONE_SELECTED
  // problem), so it does not go on describing the previous run; it creates none.
  const none = loaded.issues.length > 0 || selected.length > 0 ? undefined : noneSelected(context, loaded, 0);
  if (none !== undefined && !existsSync(outDir)) return none;
  const issues = none === ExitCode.invalidInput ? [selectionIssue(context, loaded)] : loaded.issues;
  const names = stringList(options['reporter']).flatMap((n) => n.split(',')).map((n) => n.trim()).filter(Boolean);
  const output = consoleOutput(context);
  const reporters = createReporters(names.length > 0 ? names : config.reporters, {
    outDir,
    output,
    color,
    env: process.env,
    cwd: process.cwd(),
  });
  // Ctrl-C stops the run between scenarios, and the reports still describe one whole run.
  const interrupt = onInterrupt((text) => {
    output.done?.();
    context.io.stderr(text);
  });
  try {
    const summary = await runScenarios(selected, {
      config,
      reporters,
      jobs,
      bail: options['bail'] === true || config.bail,
      update: options['update'] === true,
      ...(seed !== undefined ? { seed } : {}),
      ...(transport !== undefined ? { transport } : {}),
      issues,
      signal: interrupt.signal,
    });
    return summary.exitCode;
  } finally {
    interrupt.dispose();
    output.done?.();
  }
}

/** Loads the given paths, or the config's `scenarios` (relative to the config file). */
export async function load(context: CommandContext): Promise<LoadResult> {
  const given = stringList(context.args[0]);
  const { config } = context;
  return given.length > 0
    ? loadScenarios(given, { cwd: process.cwd(), config })
    : loadScenarios(config.scenarios, { cwd: process.cwd(), baseDir: config.rootDir, config });
}

/**
 * A selection that matches nothing is an error (exit 2) unless --pass-with-no-scenarios; when
 * the input had problems those already decide the exit code. `undefined`: go on.
 */
export function noneSelected(context: CommandContext, loaded: LoadResult, count: number): number | undefined {
  if (count > 0) return undefined;
  if (loaded.issues.length > 0) return ExitCode.invalidInput;
  if (context.options['passWithNoScenarios'] === true) {
    context.io.stdout('No scenarios matched the selection (--pass-with-no-scenarios).');
    return ExitCode.ok;
  }
  context.io.stderr(`✖ ${formatIssue(selectionIssue(context, loaded))}`);
  return ExitCode.invalidInput;
}

/** `SCENARIO_NONE_SELECTED`: what selected nothing, and what to do. */
function selectionIssue(context: CommandContext, loaded: LoadResult): Issue {
  const where = stringList(context.args[0]);
  const filtered = context.options['grep'] !== undefined || stringList(context.options['tag']).length > 0;
  return {
    code: 'SCENARIO_NONE_SELECTED',
    message: filtered
      ? `no scenario matches the selection (${loaded.scenarios.length} loaded)`
      : `no scenario found in ${where.length ? where.join(', ') : context.config.scenarios.join(', ')}`,
    hint: filtered
      ? 'check --grep and --tag, or pass --pass-with-no-scenarios'
      : 'give scenario files, folders or globs, or pass --pass-with-no-scenarios',
  };
}

/** Prints every load issue to stderr, each with its location, hint and code frame. */
export function printIssues(context: CommandContext, issues: readonly Issue[], color: boolean): void {
  const c = colors(color);
  for (const issue of issues) context.io.stderr(`${c.red('✖')} ${formatIssue(issue)}`);
}

/**
 * Colour unless --no-color or NO_COLOR, and only on a terminal (FORCE_COLOR overrides that). An
 * empty NO_COLOR does not count (no-color.org: "present and not an empty string").
 */
export function useColor(context: Pick<CommandContext, 'options' | 'io'>, env: NodeJS.ProcessEnv = process.env): boolean {
  if (context.options['color'] === false || (env['NO_COLOR'] ?? '') !== '') return false;
  const forced = env['FORCE_COLOR'];
  if (forced !== undefined) return forced !== '0';
  return context.io.isTTY;
}

/** Console output for reporters; on a TTY a live status line that normal lines replace. */
export function consoleOutput(context: CommandContext): ReporterOutput & { done?(): void } {
  if (!context.io.isTTY) return { line: (text) => context.io.stdout(text) };
  let live = false;
  const clear = () => {
    if (live) process.stdout.write('\r\u001b[2K');
    live = false;
  };
  return {
    line: (text) => {
      clear();
      context.io.stdout(text);
    },
    live: (text) => {
      process.stdout.write(`\r\u001b[2K${fitToWidth(printable(text), process.stdout.columns)}`);
      live = true;
    },
    done: clear,
  };
}

/**
 * The live status line cut to the terminal's width: a line that wraps leaves its first rows
 * behind, since `\r` and erase-line reach only the last one. Colour goes when it is cut.
 */
export function fitToWidth(text: string, columns: number | undefined): string {
  if (!columns || columns < 2) return text;
  const plain = [...text.replace(/\u001b\[[0-9;]*m/g, '')];
  return plain.length < columns ? text : `${plain.slice(0, columns - 2).join('')}…`;
}

/** A repeatable option as a list of strings. */
export function stringList(value: unknown): string[] {
  if (value === undefined || value === null || value === false) return [];
  return (Array.isArray(value) ? value : [value]).map(String).filter((v) => v !== '');
}

/** `--transport direct|nock`; `undefined` when absent (the config decides). */
export function transportOption(value: unknown): ScimTransport | undefined {
  if (value === undefined) return undefined;
  const name = String(value);
  if (!(SCIM_TRANSPORTS as readonly string[]).includes(name)) {
    throw new UsageError('CLI_INVALID_OPTION', `--transport must be one of ${SCIM_TRANSPORTS.join(', ')}, got "${name}"`, {
      hint: 'direct (the default) answers in-process; nock sends the same requests through the global fetch and nock',
    });
  }
  return name as ScimTransport;
}

/** An integer option within bounds; `undefined` when absent. */
export function integerOption(value: unknown, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = typeof value === 'number' ? value : String(value).trim() === '' ? Number.NaN : Number(String(value));
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new UsageError('CLI_INVALID_OPTION', `${name} must be an integer${min > Number.MIN_SAFE_INTEGER ? ` from ${min} to ${max}` : ''}, got "${String(value)}"`, {
      hint: `for example ${name} ${Math.max(min, 2)}`,
    });
  }
  return n;
}
