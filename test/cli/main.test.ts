import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { packageVersion, withRawStrings } from '../../src/cli/main.js';
import { scenarioYaml, tempDir } from '../scenario/helpers.js';
import { runCli } from './helpers.js';

describe('provision CLI', () => {
  it('--help lists every command', async () => {
    const { code, stdout } = await runCli(['--help']);
    expect(code).toBe(0);
    for (const command of ['run', 'validate', 'explain', 'eval', 'bench', 'init']) {
      expect(stdout).toMatch(new RegExp(`^\\s+${command}\\b`, 'm'));
    }
  });

  it('--help does not call --no-color "(default: true)"', async () => {
    for (const args of [['--help'], ['run', '--help']]) {
      const { stdout } = await runCli(args);
      expect(stdout).toMatch(/--no-color +Disable colours \(also NO_COLOR=1\)\s*$/m);
    }
  });

  it('option values that read as numbers stay the text typed', () => {
    const argv = ['node', 'provision', 'run', '--grep', '11', '--out=2024', '--tag', '007', '--tag', 'x', '--seed', '', '--', '--grep', '9'];
    expect(withRawStrings({ grep: 11, out: 2024, tag: [7, 'x'], seed: 0, bail: true }, argv)).toEqual({ grep: '11', out: '2024', tag: ['007', 'x'], seed: '', bail: true });
  });

  it.each([
    { args: ['run', '--grep', '11', '--reporter', 'json'], check: 'only "Scenario 11" runs' },
    { args: ['run', '--grep=11', '--reporter', 'json'], check: 'only "Scenario 11" runs' },
  ])('$args: $check', async ({ args }) => {
    const dir = tempDir({ 'provision.config.json': '{}', 'scenarios/s.yaml': [1, 11].map((n) => scenarioYaml(`Scenario ${n}`, 'expect: { result: success }\n')).join('---\n') });
    await runCli([...args, '--out', '2024'], dir);
    expect(readdirSync(path.join(dir, '2024', 'scenarios'))).toEqual(['scenario-11.json']);
  });

  it('an empty --seed is refused, not read as 0', async () => {
    const { code, stderr } = await runCli(['eval', '"x"', '--seed', '']);
    expect(code).toBe(2);
    expect(stderr).toContain('CLI_INVALID_OPTION --seed must be an integer, got ""');
  });

  it('--version prints the package version', async () => {
    const { code, stdout } = await runCli(['--version']);
    expect(code).toBe(0);
    expect(stdout).toContain(packageVersion());
  });

  it('an unknown command exits 2 with one line and a hint', async () => {
    const { code, stderr } = await runCli(['frobnicate']);
    expect(code).toBe(2);
    expect(stderr.split('\n')[0]).toBe('✖ CLI_UNKNOWN_COMMAND unknown command "frobnicate"');
    expect(stderr).toContain('provision --help');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('an unknown option exits 2 without a stack trace', async () => {
    const { code, stderr } = await runCli(['validate', '--frobnicate']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^✖ CLI_USAGE Unknown option `--frobnicate`/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('a missing required argument exits 2', async () => {
    const { code, stderr } = await runCli(['explain']);
    expect(code).toBe(2);
    expect(stderr).toContain('CLI_USAGE');
  });
});

describe('provision CLI: config', () => {
  const fixture = (name: string) => `${import.meta.dirname}/../fixtures/config/${name}`;

  it('a broken provision.config.ts exits 2 naming the file and the reason', async () => {
    const { code, stderr } = await runCli(['validate'], fixture('broken-ts'));
    expect(code).toBe(2);
    expect(stderr.split('\n')[0]).toMatch(/^✖ provision\.config\.ts:4:\d+ CONFIG_LOAD_FAILED cannot load provision\.config\.ts: /);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('--debug adds the stack trace', async () => {
    const { stderr } = await runCli(['validate', '--debug'], fixture('broken-ts'));
    expect(stderr).toMatch(/\n\s+at /);
  });

  it('a config with wrong types lists every issue and exits 2', async () => {
    const { code, stderr } = await runCli(['validate'], fixture('wrong-types'));
    expect(code).toBe(2);
    expect(stderr.match(/^✖ /gm)).toHaveLength(4);
    expect(stderr).toContain('✖ provision.config.ts:4:3 CONFIG_UNKNOWN_KEY unknown key "colour"');
  });

  it('--config pointing nowhere exits 2', async () => {
    const { code, stderr } = await runCli(['validate', '--config', 'missing.ts'], fixture('empty'));
    expect(code).toBe(2);
    expect(stderr).toContain('CONFIG_NOT_FOUND');
  });
});
