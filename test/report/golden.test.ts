/**
 * Byte-for-byte report output on multi-scenario runs, against files recorded before the runner
 * stopped keeping every full report (the reporters now collect what they print as each scenario
 * ends). Every report format and the console are compared, after removing only the fields named
 * for timing. Run with `UPDATE_GOLDEN=1` to record them again after a deliberate format change.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Issue } from '../../src/core/errors.js';
import { createReporters } from '../../src/report/registry.js';
import { runScenarios, type RunScenariosOptions } from '../../src/runner/run.js';
import { loadScenarios } from '../../src/scenario/load.js';
import { runOnDemand as fixturePipeline } from '../runner/fixture-pipeline.js';
import { configAt, scenarioYaml, tempDir } from '../scenario/helpers.js';

const goldenDir = new URL('./golden/', import.meta.url).pathname;
const pipelineModule = new URL('../runner/fixture-pipeline.ts', import.meta.url).href;
const update = process.env['UPDATE_GOLDEN'] === '1';

const user = (who: string, name: string, extra = 'expect: { result: success, action: create }\n') =>
  scenarioYaml(name, extra).replace('alice@contoso.com }', `${who} }`);

const loadIssue: Issue = { code: 'SCENARIO_UNKNOWN_KEY', message: 'unknown key "colour" in the top level', hint: 'remove it', location: { file: 'bad.yaml', line: 3, column: 1 } };

/** Every outcome a report can show, in one run. */
const mixed = [
  user('a', 'Alice is created', 'tags: [users, smoke]\nticket: INC-1\ndescription: the plain case\nexpect: { result: success, action: create }\n'),
  user('conflict', 'Conflict on create', 'expect:\n  result: success\n  steps:\n    action: { status: success }\n  target: { users: [{ userName: nobody }] }\n'),
  user('crash', 'Pipeline crash'),
  user('hang', 'Times out', 'timeoutMs: 30\nexpect: { result: success }\n'),
  user('invalid', 'Refused at run time'),
  user('b', 'Over budget', 'expect: { result: success, budget: { ms: 0.000001 } }\n'),
  user('c', 'No expectations', ''),
  user('d', 'Names <&> "quoted" | piped', 'tags: [odd]\nexpect: { result: success, action: update }\n'),
].join('---\n');

interface Variant {
  files: Record<string, string>;
  options: Partial<RunScenariosOptions>;
  issues?: Issue[];
}

const variants: Record<string, Variant> = {
  mixed: { files: { 's.yaml': mixed }, options: {}, issues: [loadIssue] },
  bail: { files: { 's.yaml': [user('a', 'one'), user('conflict', 'two'), user('b', 'three'), user('c', 'four')].join('---\n') }, options: { bail: true } },
  update: { files: { 's.yaml': [user('a', 'one', 'expect:\n'), user('b', 'two'), user('conflict', 'three', 'expect: { result: success }\n')].join('---\n') }, options: { update: true } },
  empty: { files: {}, options: {}, issues: [loadIssue] },
  nothing: { files: {}, options: {} },
};

/** Runs a variant with every reporter; returns each output with the timing fields removed. */
async function outputs(variant: Variant, jobs = 1): Promise<Record<string, string>> {
  const dir = tempDir(variant.files);
  const config = configAt(dir);
  const loaded = await loadScenarios(Object.keys(variant.files), { cwd: dir, config });
  expect(loaded.issues).toEqual([]);
  const lines: string[] = [];
  const outDir = path.join(dir, 'reports');
  const stepSummary = path.join(dir, 'step-summary.md');
  const reporters = createReporters(['default', 'json', 'junit', 'markdown', 'html'], {
    outDir,
    output: { line: (t) => lines.push(t) },
    color: false,
    env: { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: stepSummary },
    cwd: dir,
  });
  const options: RunScenariosOptions = { config, reporters, issues: variant.issues ?? [], ...variant.options };
  await runScenarios(loaded.scenarios, jobs > 1 ? { ...options, jobs, pipelineModule } : { ...options, pipeline: fixturePipeline });
  const read = (file: string) => readFileSync(path.join(outDir, file), 'utf8');
  const out: Record<string, string> = {
    'console.txt': `${lines.join('\n').replace(/\d+(\.\d+)? ms/g, 'N ms')}\n`,
    'summary.json': read('summary.json').replace(/"timing": \{[^}]*\}/g, '"timing": {}'),
    'summary.md': read('summary.md'),
    'step-summary.md': readFileSync(stepSummary, 'utf8'),
    'junit.xml': read('junit.xml').replace(/ time="[\d.e-]+"/g, ''),
    'report.html': read('report.html'),
  };
  for (const file of readdirSync(path.join(outDir, 'scenarios')).sort()) out[`scenarios/${file}`] = read(`scenarios/${file}`).replace(/"timing": \{[^}]*\}/g, '"timing": {}');
  expect(readdirSync(outDir).filter((f) => f.startsWith('.'))).toEqual([]);
  return out;
}

function golden(name: string, got: Record<string, string>): void {
  const dir = path.join(goldenDir, name);
  if (update) {
    mkdirSync(path.join(dir, 'scenarios'), { recursive: true });
    for (const [file, text] of Object.entries(got)) writeFileSync(path.join(dir, file), text);
  }
  const recorded = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
  expect(Object.keys(got).sort()).toEqual(recorded);
  for (const [file, text] of Object.entries(got)) expect(text, `${name}/${file}`).toBe(readFileSync(path.join(dir, file), 'utf8'));
}

describe('report output is byte-identical to the recorded output', () => {
  it.each(Object.keys(variants))('%s', async (name) => {
    golden(name, await outputs(variants[name]!));
  });

  it('mixed, on worker threads (--jobs 2): the same files, in input order', async () => {
    expect(existsSync(path.join(goldenDir, 'mixed'))).toBe(true);
    // The console prints each scenario as it ends, so only its lines come in completion order.
    const { 'console.txt': _console, ...files } = await outputs(variants['mixed']!, 2);
    for (const [file, text] of Object.entries(files)) expect(text, `mixed/${file}`).toBe(readFileSync(path.join(goldenDir, 'mixed', file), 'utf8'));
  });
});
