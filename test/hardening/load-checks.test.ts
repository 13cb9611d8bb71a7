/**
 * Problems `provision validate` must find without running anything, which used to surface only
 * at run time (or not readably).
 */
import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../src/core/errors.js';
import { codeFrame } from '../../src/core/location.js';
import { loadScenarios } from '../../src/scenario/load.js';
import { scenarioYaml, tempDir } from '../scenario/helpers.js';

/** `CODE line:col` of each issue. */
const where = (issues: ReadonlyArray<{ code: string; location?: { line: number; column: number } }>) =>
  issues.map((i) => `${i.code} ${i.location ? `${i.location.line}:${i.location.column}` : '-'}`);

describe('load-time checks', () => {
  it("reports the mocked target's own problems at load, placed in the file, with a hint", async () => {
    const target = 'target:\n  users:\n    - { id: u-1, userName: a }\n    - { id: u-1, userName: b }\n  faults: [{ on: HEAD /Users, status: 500 }]\n';
    const dir = tempDir({ 's.yaml': scenarioYaml('x', target), 'ok.yaml': scenarioYaml('ok') });
    const { scenarios, issues } = await loadScenarios(['s.yaml', 'ok.yaml'], { cwd: dir });
    expect(scenarios.map((s) => s.name)).toEqual(['ok']);
    expect(where(issues)).toEqual(['MOCK_DUPLICATE_ID 12:13', 'MOCK_FAULT_NEVER_MATCHES 13:18']);
    for (const issue of issues) expect(issue.hint).toMatch(/^[^\n]+$/);
  });

  it('reports an invalid literal regex in Replace at load, at the pattern; one read from an attribute waits for the run', async () => {
    const withExpression = (expr: string) => scenarioYaml('x').replace('provision:', `        - { target: displayName, expression: '${expr}' }\nprovision:`);
    const dir = tempDir({
      'literal.yaml': withExpression('Replace([givenName], , "(Sales", , "x", , )'),
      'attribute.yaml': withExpression('Replace([givenName], , [pattern], , "x", , )'),
    });
    const { scenarios, issues } = await loadScenarios(['literal.yaml', 'attribute.yaml'], { cwd: dir });
    expect(where(issues)).toEqual(['EXPR_INVALID_REGEX 8:70']);
    expect(formatIssue(issues[0]!)).toContain('regexPattern "(Sales" is invalid');
    expect(scenarios.map((s) => s.file)).toEqual(['attribute.yaml']);
  });

  it('keeps the code frame of a very long line narrow, with the caret under the column', () => {
    const long = `x: '${'[a], '.repeat(3000)}'`;
    const frameText = codeFrame(`first\n${long}\nlast`, 2, 10_047, 3);
    const lines = frameText.split('\n');
    for (const line of lines) expect(line.length).toBeLessThan(120);
    const shown = lines[1]!.slice(lines[1]!.indexOf('| ') + 2);
    const caret = lines[2]!.indexOf('^') - lines[2]!.indexOf('| ') - 2;
    expect(shown.startsWith('…')).toBe(true);
    expect(shown[caret]).toBe(long[10_046]);
    expect(codeFrame('a: 1\nb: [\nc: 3', 2, 4)).toBe('  1 | a: 1\n> 2 | b: [\n    |    ^\n  3 | c: 3');
    // A column past the end of its line points just after the line, not hundreds of columns away.
    expect(codeFrame('ab\ncd', 1, 400)).toBe('> 1 | ab\n    |   ^\n  2 | cd');
  });

  it('refuses calls nested too deep with a code, instead of exhausting the stack; the other files still load', async () => {
    const deep = `${'Not('.repeat(1999)}[a]${')'.repeat(1999)}`;
    const dir = tempDir({
      'deep.yaml': scenarioYaml('deep').replace('provision:', `        - { target: displayName, expression: '${deep}' }\nprovision:`),
      'ok.yaml': scenarioYaml('ok'),
    });
    const { scenarios, issues } = await loadScenarios(['deep.yaml', 'ok.yaml'], { cwd: dir });
    expect(where(issues)).toEqual([`EXPR_TOO_DEEP 8:${47 + 400}`]);
    expect(scenarios.map((s) => s.name)).toEqual(['ok']);
  });

  it.each([150, 5000])('refuses YAML nested %i deep with SCENARIO_YAML_TOO_DEEP, not a stack overflow', async (depth) => {
    const dir = tempDir({ 'deep.yaml': `name: deep\nseed: ${'['.repeat(depth)}${']'.repeat(depth)}\n`, 'ok.yaml': scenarioYaml('ok') });
    const { scenarios, issues } = await loadScenarios(['deep.yaml', 'ok.yaml'], { cwd: dir });
    expect(new Set(issues.map((i) => i.code))).toEqual(new Set(['SCENARIO_YAML_TOO_DEEP']));
    expect(issues[0]!.location).toMatchObject({ file: 'deep.yaml', line: 2 });
    expect(scenarios.map((s) => s.name)).toEqual(['ok']);
  });

  it.each([
    ['an unclosed flow mapping', 'provision: { user: alice@contoso.com\nexpect: { result: success }\n', 'SCENARIO_YAML_SYNTAX 8:12', '{'],
    ['an unclosed flow sequence', 'tags: [users, "a ] in quotes", create\nexpect: { result: success }\n', 'SCENARIO_YAML_SYNTAX 8:7', '['],
  ])('points %s at the bracket left open', async (_title, extra, expected, bracket) => {
    const dir = tempDir({ 's.yaml': scenarioYaml('x', extra).replace('provision: { user: alice@contoso.com }\n', '') });
    const { issues } = await loadScenarios(['s.yaml'], { cwd: dir });
    expect(where(issues)).toEqual([expected]);
    expect(issues[0]!.hint).toBe(`close the ${bracket} opened here with ${bracket === '{' ? '}' : ']'}`);
  });

  it('refuses a mapping key that is a collection with a coded issue at the key, not a Node warning', async () => {
    const dir = tempDir({ 's.yaml': scenarioYaml('x', '{ a: 1 }: 2\n') });
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.message);
    process.on('warning', onWarning);
    const { issues } = await loadScenarios(['s.yaml'], { cwd: dir });
    await new Promise((resolve) => setImmediate(resolve));
    process.off('warning', onWarning);
    expect(where(issues)).toEqual(['SCENARIO_YAML_COMPLEX_KEY 9:1']);
    expect(warnings).toEqual([]);
  });
});
