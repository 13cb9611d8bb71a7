// Writes N deterministic synthetic scenarios (src/bench/synthetic.ts) into a folder, to time
// `provision run` on many scenarios: node scripts/generate-scenarios.mjs <dir> <count> [seed]
import { existsSync } from 'node:fs';

const [dir, countText, seedText] = process.argv.slice(2);
const count = Number(countText);
if (!dir || !Number.isInteger(count) || count < 1) {
  process.stderr.write('usage: node scripts/generate-scenarios.mjs <dir> <count> [seed]\n');
  process.exit(2);
}
const entry = new URL('../dist/bench/synthetic.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('✖ dist/ is missing: run "npm run build" first\n');
  process.exit(3);
}
const { writeSyntheticScenarios } = await import(entry.href);
const { files, users } = await writeSyntheticScenarios(dir, count, seedText === undefined ? 42 : seedText);
process.stdout.write(`wrote ${count} scenarios (${users} source users) in ${files.length} files to ${dir}\n`);
