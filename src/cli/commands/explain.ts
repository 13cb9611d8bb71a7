/**
 * `provision explain <file>`: runs one scenario and prints every step with its view details, as
 * the portal's "Provision on demand" page shows them (`--json`: the scenario report). A file with
 * several scenarios needs `--grep` to pick one; invalid documents beside the one picked are
 * reported and it is still explained (exit 2). Exit codes as for `run`, except that a scenario without
 * expectations is just explained (exit 0).
 */
import { ExitCode, UsageError } from '../../core/errors.js';
import { explainLines } from '../../report/explain.js';
import { toJson } from '../../report/write.js';
import { runScenarioWithExitCode } from '../../runner/run.js';
import { selectScenarios } from '../../runner/select.js';
import { loadScenarios } from '../../scenario/load.js';
import type { CommandContext } from '../types.js';
import { integerOption, printIssues, transportOption, useColor } from './run.js';

export default async function explain(context: CommandContext): Promise<number> {
  const file = String(context.args[0]);
  const color = useColor(context);
  const loaded = await loadScenarios([file], { cwd: process.cwd(), config: context.config });
  printIssues(context, loaded.issues, color);
  const grep = typeof context.options['grep'] === 'string' ? context.options['grep'] : undefined;
  const picked = selectScenarios(loaded.scenarios, grep !== undefined ? { grep } : {});
  // As in `run`, an invalid document does not stop a valid one picked beside it with --grep: that
  // one is explained, and the exit code still says the input has problems.
  const invalid = loaded.issues.length > 0;
  if (invalid && (grep === undefined || picked.length !== 1)) return ExitCode.invalidInput;
  if (picked.length !== 1) {
    // A file of hundreds of scenarios must not print hundreds of names.
    const among = picked.length ? picked : loaded.scenarios;
    const names = among.slice(0, 10).map((s) => `"${s.name}"`).join(', ') + (among.length > 10 ? `, … (${among.length - 10} more)` : '');
    throw new UsageError(
      picked.length === 0 ? 'CLI_NO_SCENARIO' : 'CLI_AMBIGUOUS_SCENARIO',
      picked.length === 0 ? `no scenario in ${file}${grep !== undefined ? ` matches --grep ${grep}` : ''}` : `${file} holds ${picked.length} scenarios: ${names}`,
      { hint: picked.length === 0 ? `the file holds ${names || 'none'}` : 'pick one with --grep <part of its name>' },
    );
  }
  const seed = integerOption(context.options['seed'], '--seed', Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  const transport = transportOption(context.options['transport']);
  const { report, exitCode } = await runScenarioWithExitCode(picked[0]!, {
    config: context.config,
    ...(seed !== undefined ? { seed } : {}),
    ...(transport !== undefined ? { transport } : {}),
  });
  if (context.options['json'] === true) context.io.stdout(toJson(report).trimEnd());
  else for (const line of explainLines(report, color)) context.io.stdout(line);
  const nothingExpected = report.failures.length > 0 && report.failures.every((f) => f.code === 'EXPECT_NOTHING');
  if (invalid) return ExitCode.invalidInput;
  return nothingExpected ? ExitCode.ok : exitCode;
}
