#!/usr/bin/env node
// Entry point of the `provision` CLI: runs the compiled CLI from dist/.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('✖ CLI_NOT_BUILT dist/ is missing\n  hint: run "npm run build" (npm start builds automatically)\n');
  process.exit(3);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv);
