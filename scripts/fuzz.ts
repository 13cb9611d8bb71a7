/**
 * `npm run fuzz`: the hardening properties of test/hardening/properties.ts with 100,000 cases in
 * all (the CI suite runs about 1,000), shared by weight, with a fresh seed. A property that fails
 * is shrunk by fast-check to a minimal counterexample, printed with the exact command that replays
 * it; the exit code is 1 when anything failed.
 *
 *   npm run fuzz                                    100,000 cases, random seed
 *   npm run fuzz -- --runs 20000 --seed 7           fewer cases, a chosen seed
 *   npm run fuzz -- --only loader                   the properties whose name contains "loader"
 *   npm run fuzz -- --only "<name>" --seed S --path P   replay one counterexample
 */
import fc from 'fast-check';
import nock from 'nock';
import { cleanUpProperties, properties, type PropertyDefinition } from '../test/hardening/properties.js';

interface Options {
  runs: number;
  seed: number;
  only?: string;
  path?: string;
}

function parseArgs(argv: readonly string[]): Options {
  const value = (name: string): string | undefined => {
    const at = argv.indexOf(name);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const runs = Number(value('--runs') ?? 100_000);
  const seed = Number(value('--seed') ?? Math.floor(Math.random() * 0x7fffffff));
  if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(seed)) {
    process.stderr.write('usage: npm run fuzz -- [--runs <n>] [--seed <n>] [--only <text>] [--path <path>]\n');
    process.exit(2);
  }
  const only = value('--only');
  const path = value('--path');
  return { runs, seed, ...(only ? { only } : {}), ...(path ? { path } : {}) };
}

/** Each property's share of the runs, by weight (at least one run each); the first takes the rounding. */
function share(selected: readonly PropertyDefinition[], total: number): number[] {
  const weights = selected.reduce((n, p) => n + p.weight, 0);
  const runs = selected.map((p) => Math.max(1, Math.floor((total * p.weight) / weights)));
  runs[0] = Math.max(1, runs[0]! + total - runs.reduce((a, b) => a + b, 0));
  return runs;
}

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  // The pipeline and mock properties talk to mocked targets only; nothing may leave the process.
  nock.disableNetConnect();
  const selected = properties.filter((p) => !options.only || p.name.includes(options.only));
  if (selected.length === 0) {
    process.stderr.write(`no property matches --only ${options.only}\n`);
    return 2;
  }
  const runs = share(selected, options.runs);
  process.stdout.write(`fuzzing ${selected.length} properties, ${runs.reduce((a, b) => a + b, 0)} cases, seed ${options.seed}\n`);
  let failed = 0;
  const started = performance.now();
  for (const [i, definition] of selected.entries()) {
    const began = performance.now();
    const details = await fc.check(definition.property(), {
      numRuns: runs[i]!,
      seed: options.seed,
      ...(options.path ? { path: options.path } : {}),
    });
    const seconds = ((performance.now() - began) / 1000).toFixed(1);
    if (!details.failed) {
      process.stdout.write(`✓ ${definition.name}  ${details.numRuns} cases, ${seconds} s\n`);
      continue;
    }
    failed++;
    const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    process.stdout.write(
      [
        `✖ ${definition.name}  failed after ${details.numRuns} cases (${seconds} s)`,
        `  counterexample (shrunk ${details.numShrinks} times): ${fc.stringify(details.counterexample)}`,
        `  error: ${error.split('\n')[0]}`,
        `  replay: npm run fuzz -- --only "${definition.name}" --seed ${details.seed} --path "${details.counterexamplePath ?? ''}"`,
        '',
      ].join('\n'),
    );
  }
  const total = ((performance.now() - started) / 1000).toFixed(1);
  process.stdout.write(failed === 0 ? `no failure in ${total} s\n` : `${failed} propert${failed === 1 ? 'y' : 'ies'} failed (${total} s)\n`);
  return failed === 0 ? 0 : 1;
}

try {
  process.exitCode = await main();
} finally {
  cleanUpProperties();
}
