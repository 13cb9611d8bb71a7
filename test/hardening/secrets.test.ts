/**
 * Secrets never reach any output: the app's token and every value that passed through Redact()
 * are absent from every report format, the console (GitHub annotations included), `explain`
 * (text and JSON), `validate`, the job summary, and the `expect` blocks `--update` writes. The
 * token here holds a quote and a backslash, so it also cannot hide behind JSON escaping. Every
 * secret carries the marker `SECRET-`, and the test looks for the marker, escaped or not.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config/load.js';
import { execute, requestFor } from '../../src/runner/execute.js';
import { loadScenarios } from '../../src/scenario/load.js';
import { runCli } from '../cli/helpers.js';
import { tempDir } from '../scenario/helpers.js';
import { scenario, stream } from './helpers.js';

const marker = /SECRET-/;

const created = scenario({
  name: 'Created with secrets',
  token: 'tok-SECRET-AAA1',
  mappings: [
    "{ target: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber', expression: 'Redact([employeeId])' }",
    "{ target: password, expression: 'Redact([pw])' }",
  ],
  user: 'employeeId: EMP-SECRET-BBB2, pw: "Pa55-SECRET-CCC3"',
  expect: '{}',
});
const echoed = scenario({
  name: 'Target echoes the secrets',
  token: `'tok"q\\SECRET-DDD4'`,
  mappings: ["{ target: password, expression: 'Redact([pw])' }"],
  user: 'pw: "pw-SECRET-EEE5"',
  extra: [
    'target:',
    '  faults:',
    `    - { on: 'POST /Users', status: 400, headers: { X-Echo: 'tok"q\\SECRET-DDD4' }, body: { detail: 'token tok"q\\SECRET-DDD4 refused for password pw-SECRET-EEE5' } }`,
  ].join('\n'),
  expect: '{ result: success }',
});
const misspelt = scenario({ name: 'Misspelt token key' }).replace('token: tok-hardening-0001', 'tokn: tok-SECRET-FFF6');

/** Every file below `dir`, as `path: content`. */
function filesBelow(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? filesBelow(file) : [`${file}:\n${readFileSync(file, 'utf8')}`];
  });
}

/** The `expect` blocks of a scenario file, as YAML text. */
function expectBlocks(file: string): string {
  return parseAllDocuments(readFileSync(file, 'utf8'))
    .map((doc) => JSON.stringify((doc.toJS() as { expect?: unknown }).expect ?? null))
    .join('\n');
}

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

describe('secrets', () => {
  it('the run really handles the secrets (the target receives them)', async () => {
    const dir = tempDir({ 's.yaml': stream(created, echoed) });
    const { scenarios } = await loadScenarios(['s.yaml'], { cwd: dir });
    const outcome = await execute(requestFor(scenarios[0]!, resolveConfig({}, dir)));
    expect(outcome.ok && JSON.stringify(outcome.result.exchanges)).toMatch(/Pa55-SECRET-CCC3/);
  });

  it('appear in no report format, console line, annotation, explain output, job summary or --update output', async () => {
    const dir = tempDir({
      'provision.config.json': JSON.stringify({ scenarios: ['scenarios'], reporters: ['default', 'json', 'junit', 'markdown', 'html'] }),
      'scenarios/s.yaml': stream(created, echoed),
      'broken/misspelt.yaml': misspelt,
    });
    process.env['GITHUB_ACTIONS'] = 'true';
    process.env['GITHUB_STEP_SUMMARY'] = path.join(dir, 'step-summary.md');
    const outputs: string[] = [];
    const cli = async (...args: string[]) => {
      const { code, stdout, stderr } = await runCli(args, dir);
      outputs.push(`$ provision ${args.join(' ')} → ${code}\n${stdout}\n${stderr}`);
      return code;
    };
    expect(await cli('run', '--update')).toBe(0); // updated scenarios are checked again and pass
    expect(await cli('run')).toBe(0);
    expect(await cli('run', '--out', 'again')).toBe(0);
    expect(await cli('explain', 'scenarios/s.yaml', '--grep', 'Created')).toBe(0);
    expect(await cli('explain', 'scenarios/s.yaml', '--grep', 'echoes', '--json')).toBe(0);
    expect(await cli('validate', 'broken')).toBe(2);
    expect(await cli('run', 'broken', 'scenarios')).toBe(2);

    const everything = [...outputs, ...filesBelow(path.join(dir, 'reports')), ...filesBelow(path.join(dir, 'again')), readFileSync(path.join(dir, 'step-summary.md'), 'utf8'), expectBlocks(path.join(dir, 'scenarios/s.yaml'))];
    const leaks = everything.flatMap((text) => text.split('\n').filter((line) => marker.test(line)).map((line) => `${text.split('\n')[0]} … ${line.trim()}`));
    expect(leaks).toEqual([]);
    // What the secrets became, so the test is not passing because nothing was written.
    const all = everything.join('\n');
    expect(all).toContain('[REDACTED]');
    expect(all).toContain('[Redact]');
    expect(all).toContain('Bearer [REDACTED]');
    expect(all).toContain('tokn: ********');
    expect(expectBlocks(path.join(dir, 'scenarios/s.yaml'))).toContain('"password":"[Redact]"');
  });
});
