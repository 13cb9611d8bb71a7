/**
 * Hostile command lines: every mistake ends with its documented exit code, one `✖ CODE` line, a
 * one-line hint and no stack trace; `--debug` adds the stack.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/helpers.js';
import { tempDir } from '../scenario/helpers.js';
import { scenario, stream } from './helpers.js';

const project = () =>
  tempDir({
    'provision.config.json': JSON.stringify({ scenarios: ['scenarios'], reporters: ['json'] }),
    'scenarios/a.yaml': stream(scenario({ name: 'one' }), scenario({ name: 'two' })),
    'a-file': 'not a folder',
  });

const cases: Array<{ args: string[]; code: string }> = [
  { args: ['run', '--out', 'a-file'], code: 'REPORT_WRITE_FAILED' },
  { args: ['run', '--out', 'a-file/reports'], code: 'REPORT_WRITE_FAILED' },
  { args: ['run', '--grep', '('], code: 'CLI_INVALID_GREP' },
  { args: ['run', '--reporter', 'xml'], code: 'CLI_UNKNOWN_REPORTER' },
  { args: ['run', '--jobs', '0'], code: 'CLI_INVALID_OPTION' },
  { args: ['run', '--jobs', 'many'], code: 'CLI_INVALID_OPTION' },
  { args: ['run', '--seed', '1.5'], code: 'CLI_INVALID_OPTION' },
  { args: ['run', '--no-such-option'], code: 'CLI_USAGE' },
  { args: ['run', '--tag'], code: 'CLI_USAGE' },
  { args: ['frobnicate'], code: 'CLI_UNKNOWN_COMMAND' },
  { args: ['run', '--config', 'missing.config.ts'], code: 'CONFIG_NOT_FOUND' },
  { args: ['run', '--config', 'scenarios'], code: 'CONFIG_LOAD_FAILED' },
  { args: ['run', 'no/such/folder'], code: 'SCENARIO_FILE_NOT_FOUND' },
  { args: ['run', '--tag', 'nothing-has-this-tag'], code: 'SCENARIO_NONE_SELECTED' },
  { args: ['explain', 'scenarios/a.yaml'], code: 'CLI_AMBIGUOUS_SCENARIO' },
  { args: ['explain', 'scenarios/a.yaml', '--grep', 'three'], code: 'CLI_NO_SCENARIO' },
  { args: ['eval', 'Join('], code: 'EXPR_UNCLOSED_CALL' },
  { args: ['eval', '[a]', '--attrs', '{bad'], code: 'CLI_INVALID_ATTRS' },
];

describe('hostile command lines', () => {
  it.each(cases)('provision $args.0 … → exit 2, $code, a hint, no stack', async ({ args, code }) => {
    const result = await runCli(args, project());
    expect(result.code).toBe(2);
    const problems = result.stderr.split('\n').filter((l) => l.startsWith('✖'));
    expect(problems[0]).toMatch(new RegExp(`^✖ (\\S+ )?${code} \\S`));
    expect(result.stderr).toMatch(/^ {2}hint: \S[^\n]*$/m);
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it.each([
    ['run', '--out', 'a-file'],
    ['run', '--jobs', '0'],
  ])('--debug adds the stack trace (%s %s %s)', async (...args) => {
    const result = await runCli([...args, '--debug'], project());
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^\s+at /m);
  });
});
