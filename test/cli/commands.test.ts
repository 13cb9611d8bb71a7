import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { configTemplate, scenarioTemplate } from '../../src/cli/commands/init.js';
import { runOnDemand as fixturePipeline } from '../runner/fixture-pipeline.js';
import { scenarioYaml, tempDir } from '../scenario/helpers.js';
import { runCli } from './helpers.js';

// The pipeline lands with issue #6; until then the commands run against hand-built results.
const pipeline = vi.hoisted(() => ({ calls: 0 }));
vi.mock('../../src/engine/run-on-demand.js', async () => {
  const fixture = await import('../runner/fixture-pipeline.js');
  return {
    runOnDemand: (...args: Parameters<typeof fixturePipeline>) => {
      pipeline.calls++;
      return fixture.runOnDemand(...args);
    },
  };
});

beforeEach(() => {
  pipeline.calls = 0;
});

const scenario = (name: string, who = 'a', extra = 'tags: [users]\nexpect: { result: success, action: create }\n') =>
  scenarioYaml(name, extra).replace('alice@contoso.com }', `${who} }`);

/** A project folder: scenarios/ plus a JSON config, so no TypeScript compile is needed. */
function project(scenarios: Record<string, string>, config: object = { reporters: ['default', 'json', 'junit', 'markdown'] }) {
  const files: Record<string, string> = { 'provision.config.json': JSON.stringify(config) };
  for (const [name, text] of Object.entries(scenarios)) files[`scenarios/${name}`] = text;
  return tempDir(files);
}

describe('provision run', () => {
  it('runs the config scenarios with every configured reporter and exits 0', async () => {
    const dir = project({ 'a.yaml': scenario('Alice is created') });
    const { code, stdout, stderr } = await runCli(['run'], dir);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^✓ Alice is created · Success {2}scenarios\/a\.yaml:1 \d+ ms$/m);
    expect(stdout).toContain('Scenarios  1 passed (1)');
    expect(readdirSync(path.join(dir, 'reports')).sort()).toEqual(['junit.xml', 'scenarios', 'summary.json', 'summary.md']);
  });

  it('exits 1 when an expectation fails, and prints expected vs actual and the exchange', async () => {
    const dir = project({ 'a.yaml': scenario('Conflict', 'conflict') });
    const { code, stdout } = await runCli(['run', '--reporter', 'default'], dir);
    expect(code).toBe(1);
    expect(stdout).toContain('expect.result differs  scenarios/a.yaml:10:11\n          expected  "success"\n          actual    "failure"');
    expect(stdout).toContain('POST /Users → 409');
  });

  it('reports every problem of the input with file:line:col, still runs the valid scenarios, and exits 2', async () => {
    const dir = project({ 'a.yaml': `${scenario('Good')}---\n${scenario('Bad', 'a', 'colour: red\n')}`, 'b.yaml': 'name: [\n' });
    const { code, stdout, stderr } = await runCli(['run', '--reporter', 'default'], dir);
    expect(code).toBe(2);
    expect(stderr.split('\n').filter((l) => l.startsWith('✖'))).toEqual([
      '✖ scenarios/a.yaml:20:1 SCENARIO_UNKNOWN_KEY unknown key "colour" in the top level',
      expect.stringMatching(/^✖ scenarios\/b\.yaml:1:7 SCENARIO_YAML_SYNTAX invalid YAML: /),
    ]);
    expect(stderr).toContain('> 20 | colour: red');
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(stdout).toContain('✓ Good');
    expect(stdout).toContain('Invalid    2 problems in the input');
  });

  it('writes the reports even when no scenario is valid, so CI shows the problems', async () => {
    const dir = project({ 'a.yaml': scenario('Bad', 'a', 'colour: red\n') });
    const { code } = await runCli(['run'], dir);
    expect(code).toBe(2);
    expect(readFileSync(path.join(dir, 'reports', 'junit.xml'), 'utf8')).toContain('<testsuite name="Invalid input" tests="1" failures="0" errors="1" skipped="0">');
    expect(JSON.parse(readFileSync(path.join(dir, 'reports', 'summary.json'), 'utf8'))).toMatchObject({ exitCode: 2, counts: { total: 0, invalid: 1 } });
  });

  it('selects with --grep and --tag, and a selection of nothing is an error', async () => {
    const dir = project({ 'a.yaml': `${scenario('Alice')}---\n${scenario('Bob', 'b', 'tags: [slow]\nexpect: { result: success }\n')}` });
    const grep = await runCli(['run', '--reporter', 'default', '--grep', 'bob'], dir);
    expect(grep.stdout).toContain('✓ Bob');
    expect(grep.stdout).not.toContain('Alice');
    const tag = await runCli(['run', '--reporter', 'default', '--tag', '!slow'], dir);
    expect(tag.stdout).toContain('✓ Alice');
    expect(tag.stdout).not.toContain('Bob');
    const none = await runCli(['run', '--tag', 'nope'], dir);
    expect(none.code).toBe(2);
    expect(none.stderr).toBe('✖ SCENARIO_NONE_SELECTED no scenario matches the selection (2 loaded)\n  hint: check --grep and --tag, or pass --pass-with-no-scenarios');
    const allowed = await runCli(['run', '--tag', 'nope', '--pass-with-no-scenarios'], dir);
    expect(allowed.code).toBe(0);
    expect(pipeline.calls).toBe(2);
  });

  it('a selection of nothing rewrites the reports, so they never describe the previous run', async () => {
    const dir = project({ 'a.yaml': scenario('Alice') });
    expect((await runCli(['run'], dir)).code).toBe(0);
    const summary = () => JSON.parse(readFileSync(path.join(dir, 'reports', 'summary.json'), 'utf8'));
    const none = await runCli(['run', '--tag', 'nope'], dir);
    expect(none.code).toBe(2);
    expect(summary()).toMatchObject({ exitCode: 2, counts: { total: 0, invalid: 1 }, issues: [{ code: 'SCENARIO_NONE_SELECTED' }] });
    expect(readFileSync(path.join(dir, 'reports', 'junit.xml'), 'utf8')).toContain('name="SCENARIO_NONE_SELECTED #1"');
    expect(readdirSync(path.join(dir, 'reports', 'scenarios'))).toEqual([]);
    const allowed = await runCli(['run', '--tag', 'nope', '--pass-with-no-scenarios'], dir);
    expect(allowed.code).toBe(0);
    expect(summary()).toMatchObject({ exitCode: 0, counts: { total: 0, invalid: 0 }, scenarios: [] });
    expect(readFileSync(path.join(dir, 'reports', 'junit.xml'), 'utf8')).not.toContain('<testcase');
  });

  it('a selection of nothing creates no report folder where there was none', async () => {
    const dir = project({ 'a.yaml': scenario('Alice') });
    expect((await runCli(['run', '--tag', 'nope'], dir)).code).toBe(2);
    expect((await runCli(['run', '--tag', 'nope', '--pass-with-no-scenarios'], dir)).code).toBe(0);
    expect(existsSync(path.join(dir, 'reports'))).toBe(false);
  });

  it('--jobs larger than the selection leaves no started worker behind', async () => {
    const dir = project({ 'a.yaml': `${scenario('Alice')}---\n${scenario('Bob', 'b')}` });
    const { code } = await runCli(['run', '--jobs', '8', '--grep', 'alice', '--reporter', 'json'], dir);
    expect(code).toBe(0);
    const { releaseWarmWorkers } = await import('../../src/runner/pool.js');
    expect(await releaseWarmWorkers(0)).toBe(0);
  });

  it('skips app files named on the command line, as a shell-expanded glob lists them', async () => {
    const dir = project({ 'a.yaml': scenario('A'), 'contoso.app.yaml': 'name: contoso\ntarget: { url: https://scim.example.test/scim/v2 }\n' });
    const { code, stdout, stderr } = await runCli(['run', 'scenarios/a.yaml', 'scenarios/contoso.app.yaml', '--reporter', 'default'], dir);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('Scenarios  1 passed (1)');
  });

  it('takes files and globs as arguments, --out and --reporter', async () => {
    const dir = project({ 'a.yaml': scenario('A'), 'b.yaml': scenario('B') });
    const { code, stdout } = await runCli(['run', 'scenarios/b.yaml', '--reporter', 'json', '--out', 'out'], dir);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(readdirSync(path.join(dir, 'out', 'scenarios'))).toEqual(['b.json']);
    const glob = await runCli(['run', 'scenarios/*.yaml', '--reporter', 'default'], dir);
    expect(glob.stdout).toContain('Scenarios  2 passed (2)');
  });

  it('--update records the outcome into an empty expect block, and the next run passes', async () => {
    const dir = project({ 'a.yaml': scenario('Recorded', 'a', 'expect:\n') });
    const first = await runCli(['run', '--reporter', 'default'], dir);
    expect(first.code).toBe(1);
    expect(first.stdout).toContain('the scenario expects nothing, so it cannot fail');
    const update = await runCli(['run', '--reporter', 'default', '--update'], dir);
    expect(update.code).toBe(0);
    expect(update.stdout).toContain('expect block updated from the actual outcome');
    expect(update.stdout).toContain('Updated    scenarios/a.yaml');
    expect(readFileSync(path.join(dir, 'scenarios/a.yaml'), 'utf8')).toContain('expect:\n  result: success\n  action: create\n');
    expect((await runCli(['run', '--reporter', 'default'], dir)).code).toBe(0);
  });

  it.each([
    [['--jobs', '0'], 'CLI_INVALID_OPTION --jobs must be an integer from 1 to 64, got "0"'],
    [['--seed', 'abc'], 'CLI_INVALID_OPTION --seed must be an integer, got "abc"'],
    [['--reporter', 'tap'], 'CLI_UNKNOWN_REPORTER unknown reporter "tap"'],
    [['--grep', '('], 'CLI_INVALID_GREP --grep is not a valid regular expression'],
  ])('rejects bad options %j with exit 2', async (options, message) => {
    const dir = project({ 'a.yaml': scenario('A') });
    const { code, stderr } = await runCli(['run', ...options], dir);
    expect(code).toBe(2);
    expect(stderr.split('\n')[0]).toContain(`✖ ${message}`);
  });

  it('never prints the token or a Redact() value', async () => {
    const dir = project({ 'a.yaml': scenario('Conflict', 'conflict') });
    const { stdout, stderr } = await runCli(['run'], dir);
    const reports = readdirSync(path.join(dir, 'reports', 'scenarios')).map((f) => readFileSync(path.join(dir, 'reports', 'scenarios', f), 'utf8'));
    for (const text of [stdout, stderr, ...reports, readFileSync(path.join(dir, 'reports', 'junit.xml'), 'utf8')]) {
      expect(text).not.toContain('tok-123456');
      expect(text).not.toContain('Pa55word-1');
    }
  });
});

describe('provision validate', () => {
  it('checks without running and says what is valid', async () => {
    const dir = project({ 'a.yaml': `${scenario('A')}---\n${scenario('B')}`, 'b.yaml': scenario('C') });
    const { code, stdout } = await runCli(['validate'], dir);
    expect(code).toBe(0);
    expect(stdout).toBe('✓ scenarios/a.yaml (2 scenarios)\n✓ scenarios/b.yaml (1 scenario)\n✓ 3 scenarios in 2 files valid');
    expect(pipeline.calls).toBe(0);
  });

  it('lists every problem and exits 2', async () => {
    const dir = project({ 'a.yaml': `${scenario('A')}---\n${scenario('A')}`, 'b.yaml': scenario('B', 'a', 'seed: [1]\n') });
    const { code, stderr } = await runCli(['validate'], dir);
    expect(code).toBe(2);
    expect(stderr.split('\n').filter((l) => l.startsWith('✖'))).toEqual([
      '✖ scenarios/a.yaml:12:7 SCENARIO_DUPLICATE_NAME scenario name "A" is already used at scenarios/a.yaml:1:1',
      '✖ scenarios/b.yaml:9:7 SCENARIO_WRONG_TYPE seed must be integer,string',
      '✖ 2 problems found; 1 valid scenario in 1 file',
    ]);
    expect(pipeline.calls).toBe(0);
  });

  it('an empty folder is an error unless allowed; a missing one always is', async () => {
    const dir = project({ '.keep': '' });
    const empty = await runCli(['validate'], dir);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('SCENARIO_NONE_SELECTED no scenario found in scenarios');
    expect((await runCli(['validate', '--pass-with-no-scenarios'], dir)).code).toBe(0);
    const missing = await runCli(['validate', 'nowhere', '--pass-with-no-scenarios'], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('SCENARIO_FILE_NOT_FOUND no such file or folder: nowhere');
  });
});

describe('provision explain', () => {
  it('prints the portal steps of one scenario', async () => {
    const dir = project({ 'a.yaml': scenario('Alice') });
    const { code, stdout } = await runCli(['explain', 'scenarios/a.yaml'], dir);
    expect(code).toBe(0);
    expect(stdout.split('\n').filter((l) => /^\d\. /.test(l))).toEqual([
      '1. Test connection — Success  (not shown in the portal when it succeeds)',
      '2. Import user — Success',
      '3. Determine if user is in scope — Success',
      '4. Match user between source and target system — Success',
      '5. Perform action — Success',
    ]);
    expect(stdout).not.toContain('tok-123456');
  });

  it('--json prints the scenario report', async () => {
    const dir = project({ 'a.yaml': scenario('Alice') });
    const { stdout } = await runCli(['explain', 'scenarios/a.yaml', '--json'], dir);
    expect(JSON.parse(stdout)).toMatchObject({ name: 'Alice', status: 'passed', steps: expect.any(Array) });
  });

  it('needs --grep to pick from several scenarios', async () => {
    const dir = project({ 'a.yaml': `${scenario('Alice')}---\n${scenario('Bob', 'conflict', 'expect: { result: success }\n')}` });
    const ambiguous = await runCli(['explain', 'scenarios/a.yaml'], dir);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toContain('CLI_AMBIGUOUS_SCENARIO scenarios/a.yaml holds 2 scenarios: "Alice", "Bob"');
    const picked = await runCli(['explain', 'scenarios/a.yaml', '--grep', 'bob'], dir);
    expect(picked.code).toBe(1);
    expect(picked.stdout).toContain('Expectations: 1 not met');
  });

  it('names at most ten of the scenarios it could pick', async () => {
    const dir = project({ 'a.yaml': Array.from({ length: 12 }, (_, i) => scenario(`S${i}`)).join('---\n') });
    const { code, stderr } = await runCli(['explain', 'scenarios/a.yaml'], dir);
    expect(code).toBe(2);
    expect(stderr.split('\n')[0]).toBe(`✖ CLI_AMBIGUOUS_SCENARIO scenarios/a.yaml holds 12 scenarios: ${Array.from({ length: 10 }, (_, i) => `"S${i}"`).join(', ')}, … (2 more)`);
  });

  it('explains the scenario --grep picks even when another document of the file is invalid, and exits 2', async () => {
    const dir = project({ 'a.yaml': `${scenario('Alice')}---\n${scenario('Broken', 'b', 'colour: red\n')}` });
    const { code, stdout, stderr } = await runCli(['explain', 'scenarios/a.yaml', '--grep', 'alice'], dir);
    expect(code).toBe(2);
    expect(stderr).toContain('SCENARIO_UNKNOWN_KEY');
    expect(stdout).toContain('5. Perform action — Success');
    const unpicked = await runCli(['explain', 'scenarios/a.yaml'], dir);
    expect([unpicked.code, unpicked.stdout]).toEqual([2, '']);
  });

  it('exits 2 on an invalid file', async () => {
    const dir = project({ 'a.yaml': scenario('A', 'a', 'colour: red\n') });
    const { code, stderr } = await runCli(['explain', 'scenarios/a.yaml'], dir);
    expect(code).toBe(2);
    expect(stderr).toContain('SCENARIO_UNKNOWN_KEY');
  });
});

describe('provision init', () => {
  it('scaffolds a config and an example scenario that validates', async () => {
    const dir = tempDir();
    const { code, stdout } = await runCli(['init'], dir);
    expect(code).toBe(0);
    expect(stdout).toBe('+ provision.config.ts\n+ scenarios/example.yaml\nNext: npx provision validate, then npx provision run');
    expect(readFileSync(path.join(dir, 'provision.config.ts'), 'utf8')).toBe(configTemplate);
    expect(readFileSync(path.join(dir, 'scenarios/example.yaml'), 'utf8')).toBe(scenarioTemplate);
    const validate = await runCli(['validate'], dir);
    expect(validate.stderr).toBe('');
    expect(validate.stdout).toContain('✓ 1 scenario in 1 file valid');
  });

  it('refuses a folder that is not empty, and never overwrites with --force', async () => {
    const dir = tempDir({ 'notes.txt': 'mine', 'provision.config.ts': '// mine\n' });
    const refused = await runCli(['init'], dir);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^✖ CLI_INIT_NOT_EMPTY .* is not empty \(notes\.txt, provision\.config\.ts\)/);
    const forced = await runCli(['init', '--force'], dir);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain('- provision.config.ts exists, left alone');
    expect(readFileSync(path.join(dir, 'provision.config.ts'), 'utf8')).toBe('// mine\n');
    expect(existsSync(path.join(dir, 'scenarios/example.yaml'))).toBe(true);
  });

  it('scaffolds into a named folder, and says to cd there first', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'keep.txt'), 'x');
    const { code, stdout } = await runCli(['init', 'new-project'], dir);
    expect(code).toBe(0);
    expect(readdirSync(path.join(dir, 'new-project')).sort()).toEqual(['provision.config.ts', 'scenarios']);
    expect(stdout.split('\n').at(-1)).toBe('Next: cd new-project, then npx provision validate, then npx provision run');
  });

  it.each<{ files: Record<string, string>; config: string }>([
    { files: { '.provisionrc.yaml': 'outDir: mine\n' }, config: '.provisionrc.yaml' },
    { files: { 'provision.config.mts': 'export default {};\n' }, config: 'provision.config.mts' },
    { files: { 'package.json': '{"provision": {"outDir": "mine"}}' }, config: 'package.json' },
  ])('--force never adds a provision.config.ts that would shadow $config', async ({ files, config }) => {
    const dir = tempDir(files);
    const { code, stdout } = await runCli(['init', '--force'], dir);
    expect(code).toBe(0);
    expect(stdout).toContain(`- ${config} is the folder's config, left alone (no provision.config.ts written)`);
    expect(existsSync(path.join(dir, 'provision.config.ts'))).toBe(false);
    expect(existsSync(path.join(dir, 'scenarios/example.yaml'))).toBe(true);
  });

  it('a package.json without a "provision" key is no config', async () => {
    const dir = tempDir({ 'package.json': '{"name": "x"}' });
    const { code } = await runCli(['init'], dir);
    expect(code).toBe(0);
    expect(existsSync(path.join(dir, 'provision.config.ts'))).toBe(true);
  });
});
