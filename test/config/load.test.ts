import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { InputError } from '../../src/core/errors.js';

const fixture = (name: string) => path.join(import.meta.dirname, '..', 'fixtures', 'config', name);

async function loadError(options: Parameters<typeof loadConfig>[0]): Promise<InputError> {
  const error = await loadConfig(options).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  return error as InputError;
}

describe('loadConfig: discovery and forms', () => {
  it.each([
    ['object', 'provision.config.ts', { seed: 7, reporters: ['json'] }],
    ['promise', 'provision.config.mjs', { seed: 11 }],
    ['json', 'provision.config.json', { seed: 3, bail: true }],
    ['rc', '.provisionrc', { seed: 5, reporters: ['junit'] }],
    ['pkg', 'package.json', { seed: 9 }],
    ['imports-sibling', 'provision.config.ts', { seed: 21 }],
  ])('finds the %s form (%s)', async (name, file, expected) => {
    const config = await loadConfig({ cwd: fixture(name) });
    expect(path.basename(config.configFile ?? '')).toBe(file);
    expect(config).toMatchObject(expected);
  });

  it('calls a function config with the command', async () => {
    expect(await loadConfig({ cwd: fixture('fn'), command: 'bench' })).toMatchObject({ jobs: 1, outDir: 'out-bench' });
    expect(await loadConfig({ cwd: fixture('fn'), command: 'run' })).toMatchObject({ jobs: 2, outDir: 'out-run' });
  });

  it('applies defaults when there is no config', async () => {
    const config = await loadConfig({ cwd: fixture('empty') });
    expect(config.configFile).toBeUndefined();
    expect(config).toMatchObject({ seed: 42, outDir: 'reports', jobs: 1, scenarios: ['scenarios'] });
    expect(config.settings.scoping.regexAnchoring).toBe('whole');
  });

  it('layers settings over the defaults key by key', async () => {
    const config = await loadConfig({ cwd: fixture('object') });
    expect(config.settings.scoping.regexAnchoring).toBe('substring');
    expect(config.settings.scim.patchDialect).toBe('auto');
  });

  it('--config overrides discovery', async () => {
    const config = await loadConfig({ cwd: fixture('empty'), configFile: '../json/provision.config.json' });
    expect(config.seed).toBe(3);
  });
});

describe('loadConfig: bad input', () => {
  it('a missing --config file is CONFIG_NOT_FOUND', async () => {
    const error = await loadError({ cwd: fixture('empty'), configFile: 'nope.config.ts' });
    expect(error.code).toBe('CONFIG_NOT_FOUND');
    expect(error.exitCode).toBe(2);
  });

  it('a TypeScript syntax error names the file and the position', async () => {
    const error = await loadError({ cwd: fixture('broken-ts') });
    expect(error.code).toBe('CONFIG_LOAD_FAILED');
    expect(error.message).toContain('provision.config.ts');
    expect(error.issues[0]?.location).toMatchObject({ file: 'provision.config.ts', line: 4 });
  });

  it('wrong types and unknown keys become a list of coded issues with paths', async () => {
    const error = await loadError({ cwd: fixture('wrong-types') });
    const issues = error.issues.map((i) => ({ code: i.code, path: i.path, file: i.file }));
    expect(issues).toEqual(
      expect.arrayContaining([
        { code: 'CONFIG_UNKNOWN_KEY', path: ['colour'], file: 'provision.config.ts' },
        { code: 'CONFIG_WRONG_TYPE', path: ['seed'], file: 'provision.config.ts' },
        { code: 'CONFIG_INVALID_VALUE', path: ['reporters', 1], file: 'provision.config.ts' },
        { code: 'CONFIG_OUT_OF_RANGE', path: ['settings', 'scim', 'retries'], file: 'provision.config.ts' },
      ]),
    );
    expect(issues).toHaveLength(4);
  });
});
