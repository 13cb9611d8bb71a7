/**
 * `provision validate [paths..]`: everything `run` checks before running (YAML, schema, apps,
 * references, mapping and expression syntax), for every file, without running anything.
 * Exit 0 when all is valid, 2 when anything is not (every problem listed).
 */
import { ExitCode } from '../../core/errors.js';
import { colors } from '../../report/format.js';
import type { CommandContext } from '../types.js';
import { load, noneSelected, printIssues, useColor } from './run.js';

export default async function validate(context: CommandContext): Promise<number> {
  const color = useColor(context);
  const c = colors(color);
  const loaded = await load(context);
  printIssues(context, loaded.issues, color);
  const none = noneSelected(context, loaded, loaded.scenarios.length);
  if (none !== undefined) return none;
  const perFile = new Map<string, number>();
  for (const s of loaded.scenarios) perFile.set(s.file, (perFile.get(s.file) ?? 0) + 1);
  for (const [file, count] of perFile) context.io.stdout(`${c.green('✓')} ${file} ${c.dim(`(${count} scenario${count === 1 ? '' : 's'})`)}`);
  const n = loaded.scenarios.length;
  if (loaded.issues.length > 0) {
    context.io.stderr(`${c.red('✖')} ${loaded.issues.length} problem${loaded.issues.length === 1 ? '' : 's'} found; ${n} valid scenario${n === 1 ? '' : 's'} in ${perFile.size} file${perFile.size === 1 ? '' : 's'}`);
    return ExitCode.invalidInput;
  }
  context.io.stdout(`${c.green('✓')} ${n} scenario${n === 1 ? '' : 's'} in ${perFile.size} file${perFile.size === 1 ? '' : 's'} valid`);
  return ExitCode.ok;
}
