/**
 * `provision bench [paths..]`: tinybench over the on-demand path of each scenario beside its
 * floor, expression micro-benchmarks, budgets, baselines, and the scale curve (`--scale N`).
 * Prints a table and writes `bench.json` to the report folder. See docs/bench.md.
 */
import path from 'node:path';
import { baselineOf, readBaseline } from '../../bench/baseline.js';
import { budgetIssues } from '../../bench/budgets.js';
import { benchLines } from '../../bench/console.js';
import { runBench } from '../../bench/run.js';
import { maxScale } from '../../bench/scale.js';
import { InputError, UsageError, type Issue } from '../../core/errors.js';
import { toJson, writeFileAtomic } from '../../report/write.js';
import { selectScenarios } from '../../runner/select.js';
import type { LoadedScenario } from '../../scenario/types.js';
import type { CommandContext } from '../types.js';
import { consoleOutput, integerOption, load, noneSelected, printIssues, stringList, transportOption, useColor } from './run.js';

export default async function bench(context: CommandContext): Promise<number> {
  const { options, config } = context;
  const timeMs = integerOption(options['time'], '--time', 1, 600_000);
  const scale = integerOption(options['scale'], '--scale', 1, maxScale);
  const seed = integerOption(options['seed'], '--seed', Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  const transport = transportOption(options['transport']);
  if (scale !== undefined && (stringList(context.args[0]).length > 0 || options['grep'] !== undefined || stringList(options['tag']).length > 0)) {
    throw new UsageError('CLI_INVALID_OPTION', '--scale generates its own scenarios: it takes no paths, --grep or --tag', {
      hint: 'run "provision bench --scale N" alone, or benchmark your scenarios without --scale',
    });
  }
  if (scale !== undefined && (options['saveBaseline'] === true || options['compare'] === true)) {
    // The curve times synthetic runs, not scenarios or expressions: a baseline saved from it would
    // be empty (and overwrite the real one), and a comparison would find nothing to compare.
    throw new UsageError('CLI_INVALID_OPTION', '--scale draws the scale curve: it takes no --save-baseline or --compare', {
      hint: 'save and compare baselines with "provision bench" over your scenarios, without --scale',
    });
  }
  const display = (file: string) => {
    const relative = path.relative(process.cwd(), file);
    return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
  };
  const budgetProblems = budgetIssues(config.budgets);
  if (budgetProblems.length > 0) {
    throw InputError.fromIssues(budgetProblems.map((issue) => (config.configFile ? { ...issue, file: display(config.configFile) } : issue)));
  }
  const color = useColor(context);
  const outDir = typeof options['out'] === 'string' ? path.resolve(options['out']) : path.resolve(config.rootDir, config.outDir);
  const baselineFile = path.join(outDir, 'bench-baseline.json');
  const baseline = options['compare'] === true ? { file: display(baselineFile), value: await readBaseline(baselineFile, display(baselineFile)) } : undefined;

  let scenarios: LoadedScenario[] = [];
  let issues: Issue[] = [];
  if (scale === undefined) {
    const loaded = await load(context);
    issues = loaded.issues;
    scenarios = selectScenarios(loaded.scenarios, {
      ...(typeof options['grep'] === 'string' ? { grep: options['grep'] } : {}),
      tags: stringList(options['tag']),
    });
    printIssues(context, loaded.issues, color);
    const none = noneSelected(context, loaded, scenarios.length);
    if (none !== undefined) return none;
  }

  const output = consoleOutput(context);
  const report = await runBench(scenarios, {
    config,
    ...(transport !== undefined ? { transport } : {}),
    ...(seed !== undefined ? { seed } : {}),
    ...(timeMs !== undefined ? { timeMs, warmupMs: Math.min(50, Math.ceil(timeMs / 4)) } : {}),
    ...(scale !== undefined ? { scale } : {}),
    ...(baseline ? { baseline } : {}),
    issues,
    onProgress: (text) => output.live?.(`bench · ${text}`),
  });
  output.done?.();
  // Load problems (the first issues) were printed before the run; they stay in bench.json and in
  // the exit code. Those the bench found itself follow them and are printed with the table.
  for (const line of benchLines({ ...report, issues: report.issues.slice(issues.length) }, color)) context.io.stdout(line);

  const benchFile = path.join(outDir, 'bench.json');
  await writeFileAtomic(benchFile, toJson(report));
  const written = [display(benchFile)];
  if (options['saveBaseline'] === true) {
    await writeFileAtomic(baselineFile, toJson(baselineOf(report.environment, report.scenarios, report.expressions)));
    written.push(display(baselineFile));
  }
  context.io.stdout(`Wrote ${written.join(', ')}`);
  return report.exitCode;
}
