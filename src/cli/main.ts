/**
 * The `provision` command line (cac). Command implementations are imported lazily so that
 * `provision --version` and `--help` start fast (no YAML, Ajv, nock or cosmiconfig load).
 */
import { readFileSync } from 'node:fs';
import { cac } from 'cac';
import { ExitCode, ProvisionError, UsageError, formatIssue, InputError } from '../core/errors.js';
import { printable } from '../report/printable.js';
import type { CommandContext, CommandModule } from './types.js';

const commands: Record<string, () => Promise<CommandModule>> = {
  run: () => import('./commands/run.js'),
  validate: () => import('./commands/validate.js'),
  explain: () => import('./commands/explain.js'),
  eval: () => import('./commands/eval.js'),
  bench: () => import('./commands/bench.js'),
  init: () => import('./commands/init.js'),
};

const TRANSPORT_HELP = "direct | nock: how the client reaches the mocked target (default: the config's transport, direct)";

/** Collects a repeatable option into an array. */
function list(value: unknown): string[] {
  if (value === undefined || value === null || value === false) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}

export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** Builds the CLI definition. Exported for tests of the help text. */
export function buildCli(onAction: (name: string, args: unknown[], options: Record<string, unknown>) => void) {
  const cli = cac('provision');
  cli
    .option('--config <file>', 'Use this config file instead of searching for provision.config.ts')
    .option('--debug', 'Print stack traces for errors')
    .option('--no-color', 'Disable colours (also NO_COLOR=1)');

  cli
    .command('run [...paths]', 'Run scenarios (files, folders, globs; default from the config)')
    .option('--grep <regex>', 'Only scenarios whose name matches')
    .option('--tag <tag>', 'Only scenarios with this tag; !tag excludes (repeatable)')
    .option('--reporter <name>', 'default | json | junit | markdown | html (repeatable)')
    .option('--out <dir>', "Report directory (default: the config's outDir, reports)")
    .option('--bail', 'Stop after the first failing scenario')
    .option('--update', "Rewrite each scenario's expect block from the actual outcome")
    .option('--jobs <n>', 'Scenarios run in parallel on worker threads')
    .option('--seed <n>', 'Seed for generated ids, Guid() and RandomString()')
    .option('--transport <name>', TRANSPORT_HELP)
    .option('--pass-with-no-scenarios', 'Exit 0 when the selection matches no scenario')
    .action((paths: string[], options: Record<string, unknown>) => onAction('run', [paths], options));

  cli
    .command('validate [...paths]', 'Check schema, references and expression syntax without running')
    .option('--pass-with-no-scenarios', 'Exit 0 when the selection matches no scenario')
    .action((paths: string[], options: Record<string, unknown>) => onAction('validate', [paths], options));

  cli
    .command('explain <file>', 'Run one scenario and print every step with its view details, as the portal shows them')
    .option('--grep <regex>', 'Pick the scenario by name when the file holds several')
    .option('--seed <n>', "Seed for generated ids, Guid() and RandomString() (a scenario's own seed wins)")
    .option('--transport <name>', TRANSPORT_HELP)
    .option('--json', 'Print the result as JSON')
    .action((file: string, options: Record<string, unknown>) => onAction('explain', [file], options));

  cli
    .command('eval <expression>', 'Evaluate one attribute-mapping expression')
    .option('--attr <name=value>', 'A source attribute (repeatable)')
    .option('--attrs <json>', 'Source attributes as a JSON object')
    .option('--now <iso>', 'Frozen Now() (default: the config clock)')
    .option('--seed <n>', 'Seed for Guid() and RandomString()')
    .option('--json', 'Print {"value": …} or {"error": {"code", "message", "column"}}')
    .action((expression: string, options: Record<string, unknown>) => onAction('eval', [expression], options));

  cli
    .command('bench [...paths]', 'Benchmark the on-demand path of each scenario and check budgets')
    .option('--grep <regex>', 'Only scenarios whose name matches')
    .option('--tag <tag>', 'Only scenarios with this tag; !tag excludes (repeatable)')
    .option('--scale <n>', 'Generate N synthetic scenarios and measure growth at 1, 100, 1000, 10000 up to N')
    .option('--save-baseline', 'Write bench-baseline.json to the report directory')
    .option('--compare', 'Flag results over 20% slower than bench-baseline.json')
    .option('--time <ms>', 'Time budget per task in milliseconds (default 200; less beyond 60 scenarios)')
    .option('--transport <name>', TRANSPORT_HELP)
    .option('--seed <n>', 'Seed for scenarios that set none')
    .option('--out <dir>', "Report directory (default: the config's outDir, reports)")
    .option('--pass-with-no-scenarios', 'Exit 0 when the selection matches no scenario')
    .action((paths: string[], options: Record<string, unknown>) => onAction('bench', [paths], options));

  cli
    .command('init [dir]', 'Scaffold provision.config.ts and one example scenario in an empty folder')
    .option('--force', 'Write even when the folder is not empty (never overwrites files)')
    .action((dir: string | undefined, options: Record<string, unknown>) => onAction('init', [dir], options));

  // cac marks a negated option "(default: true)", which reads as "colours off by default".
  cli.help((sections) => sections.map((section) => ({ ...section, body: section.body.replace(/(--no-color .*?) \(default: true\)/, '$1') })));
  cli.version(packageVersion());
  return cli;
}

/**
 * Runs the CLI and returns the exit code. Never throws: every failure becomes one clear line on
 * stderr (plus a stack with --debug) and the contract's exit code.
 */
export async function main(argv: string[] = process.argv, rawIo: CommandContext['io'] = defaultIo): Promise<number> {
  const io = printableIo(rawIo);
  let pending: { name: string; args: unknown[]; options: Record<string, unknown> } | undefined;
  const debug = argv.includes('--debug');
  try {
    const cli = buildCli((name, args, options) => {
      pending = { name, args, options };
    });
    const parsed = cli.parse(argv, { run: false });
    if (parsed.options['help'] || parsed.options['version']) return ExitCode.ok;
    if (!cli.matchedCommand) {
      const first = parsed.args[0];
      if (first === undefined) {
        cli.outputHelp();
        return ExitCode.ok;
      }
      throw new UsageError('CLI_UNKNOWN_COMMAND', `unknown command "${first}"`, {
        hint: `run "provision --help" to see the commands: ${Object.keys(commands).join(', ')}`,
      });
    }
    cli.runMatchedCommand();
    if (!pending) return ExitCode.ok;
    const mod = await commands[pending.name]!();
    const options = normaliseOptions(withRawStrings(pending.options, argv));
    const { loadConfig, resolveConfig } = await import('../config/load.js');
    // `init` scaffolds a config, so it must work where none (or a broken one) exists.
    const config =
      pending.name === 'init'
        ? resolveConfig({}, process.cwd())
        : await loadConfig({
            command: pending.name,
            ...(typeof options['config'] === 'string' ? { configFile: options['config'] } : {}),
          });
    return await mod.default({ args: pending.args, options, io, debug, config });
  } catch (error) {
    return reportError(error, io, debug);
  }
}

/**
 * cac's parser turns every option value that reads as a number into one: `--grep 11` arrived as
 * the number 11 (and was then ignored as no string), `--out 2024` likewise, `--tag 007` as 7. Such
 * values are put back as the text that was typed; each command parses the numbers it expects.
 */
export function withRawStrings(options: Record<string, unknown>, argv: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = { ...options };
  for (const [key, value] of Object.entries(options)) {
    const values = Array.isArray(value) ? value : [value];
    if (!values.some((v) => typeof v === 'number')) continue;
    const raw = rawValues(argv, `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`);
    if (raw.length !== values.length) continue;
    out[key] = Array.isArray(value) ? raw : raw[0];
  }
  return out;
}

/** The texts given to `flag` (`--flag value` or `--flag=value`), in order, up to a `--`. */
function rawValues(argv: readonly string[], flag: string): string[] {
  const found: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') break;
    if (arg.startsWith(`${flag}=`)) found.push(arg.slice(flag.length + 1));
    else if (arg === flag && i + 1 < argv.length) found.push(argv[++i]!);
  }
  return found;
}

/** Repeatable options always arrive as arrays; numbers are validated by each command. */
function normaliseOptions(options: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...options };
  for (const key of ['tag', 'reporter', 'attr']) if (key in out) out[key] = list(out[key]);
  return out;
}

/** Prints an error and maps it to an exit code. */
export function reportError(error: unknown, io: CommandContext['io'], debug: boolean): number {
  if (error instanceof InputError) {
    for (const issue of error.issues) io.stderr(`✖ ${formatIssue(issue)}`);
    if (debug && error.stack) io.stderr(error.stack);
    return error.exitCode;
  }
  if (error instanceof ProvisionError) {
    io.stderr(`✖ ${formatIssue(error.toIssue())}`);
    if (debug && error.stack) io.stderr(error.stack);
    return error.exitCode;
  }
  if (error instanceof Error && error.name === 'CACError') {
    io.stderr(`✖ CLI_USAGE ${error.message}`);
    io.stderr('  hint: run "provision --help" (or "provision <command> --help") for the options');
    return ExitCode.invalidInput;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr(`✖ INTERNAL_ERROR ${message}`);
  io.stderr('  hint: this is a bug in provision; rerun with --debug and report the stack trace');
  if (debug && error instanceof Error && error.stack) io.stderr(error.stack);
  return ExitCode.internal;
}

function printableIo(io: CommandContext['io']): CommandContext['io'] {
  return { ...io, stdout: (text) => io.stdout(printable(text)), stderr: (text) => io.stderr(printable(text)) };
}

/**
 * Writes to a process stream until its reader goes away: `provision run | head` closes the pipe
 * (EPIPE) and the run must go on to write its reports and exit with its own code.
 */
export function streamWriter(stream: NodeJS.WriteStream): (text: string) => void {
  let open = true;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    open = false;
  });
  return (text) => {
    if (open) stream.write(`${text}\n`);
  };
}

const defaultIo: CommandContext['io'] = {
  stdout: streamWriter(process.stdout),
  stderr: streamWriter(process.stderr),
  isTTY: Boolean(process.stdout.isTTY),
};
