import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../src/core/errors.js';
import { loadScenarios } from '../../src/scenario/load.js';
import { configAt, scenarioYaml, tempDir } from './helpers.js';

const fixtures = path.join(import.meta.dirname, 'fixtures');

/** Where an issue points, as `code line:col`. */
const at = (issue: { code: string; location?: { line: number; column: number } }) =>
  `${issue.code} ${issue.location ? `${issue.location.line}:${issue.location.column}` : '-'}`;

describe('loadScenarios: valid files', () => {
  it('loads a scenario with its metadata, location and expectations', async () => {
    const { scenarios, issues, files } = await loadScenarios(['valid/create.yaml'], { cwd: fixtures });
    expect(issues).toEqual([]);
    expect(files).toEqual(['valid/create.yaml']);
    const [s] = scenarios;
    expect(s).toMatchObject({
      name: 'Assigned user is created',
      slug: 'assigned-user-is-created',
      tags: ['users', 'create'],
      ticket: 'INC-1',
      file: 'valid/create.yaml',
      index: 0,
      location: { file: 'valid/create.yaml', line: 2, column: 1 },
      appOrigin: { kind: 'inline' },
      subject: { user: 'alice@contoso.com' },
      clock: '2026-01-01T00:00:00Z',
      seed: 7,
      exact: false,
      expect: { result: 'success', action: 'create', steps: { match: { status: 'success', matches: 0 } } },
    });
    expect(s!.source.users?.[0]?.['costCenter']).toBe(12);
    expect(s!.expectLocations['steps.match.matches']).toMatchObject({ line: 25, column: 31 });
  });

  it('keeps an integer beyond 2^53 exact as its digit string; smaller integers stay numbers', async () => {
    const dir = tempDir({
      's.yaml': `${scenarioYaml('filetime')}source:
  users:
    - { userPrincipalName: alice@contoso.com, accountExpires: 132539327991234567, floor: -9007199254740993, costCenter: 12, hex: 0x1F, big: 1.5e300 }
`,
    });
    const { scenarios, issues } = await loadScenarios(['s.yaml'], { cwd: dir });
    expect(issues).toEqual([]);
    const user = scenarios[0]!.source.users?.[0];
    expect(user).toMatchObject({ accountExpires: '132539327991234567', floor: '-9007199254740993', costCenter: 12, hex: 31, big: 1.5e300 });
  });

  it('reads a multi-document stream, resolves a config app and an app file, skips an empty trailing document', async () => {
    const config = configAt(fixtures, { apps: { contoso: 'apps/contoso.app.yaml' } });
    const { scenarios, issues } = await loadScenarios(['valid/multi.yaml'], { cwd: fixtures, config });
    expect(issues).toEqual([]);
    expect(scenarios.map((s) => [s.name, s.index, s.location.line, s.app.name])).toEqual([
      ['First of two', 0, 1, 'contoso'],
      ['Second of two', 1, 7, 'contoso'],
    ]);
    expect(scenarios[0]!.appOrigin).toEqual({ kind: 'config', name: 'contoso', file: 'apps/contoso.app.yaml' });
    expect(scenarios[1]!.appOrigin).toEqual({ kind: 'file', file: 'apps/contoso.app.yaml' });
    expect(scenarios[1]!.subject).toEqual({ group: 'Sales', members: ['alice@contoso.com'] });
    expect(scenarios[1]!.clock).toEqual({ at: '2026-03-01T00:00:00Z', stepMs: 10 });
    expect(scenarios[1]!.expect).toBeNull();
  });

  it('takes an inline app from the config, named by its key', async () => {
    const config = configAt(fixtures, {
      apps: { inline: { target: { url: 'https://i.example.test' }, objects: { user: { mappings: [{ target: 'userName', source: 'userPrincipalName', match: 1 }] } } } },
    });
    const dir = tempDir({ 's.yaml': 'name: x\napp: inline\nprovision: { user: a }\n' });
    const { scenarios, issues } = await loadScenarios(['s.yaml'], { cwd: dir, config });
    expect(issues).toEqual([]);
    expect(scenarios[0]!.app).toMatchObject({ name: 'inline', target: { url: 'https://i.example.test' } });
    expect(scenarios[0]!.appOrigin).toMatchObject({ kind: 'config', name: 'inline' });
  });

  it('expands folders (sorted, recursive, skipping *.app.yaml) and globs, each file once', async () => {
    const dir = tempDir({
      'b/two.yaml': scenarioYaml('two'),
      'a/one.yml': scenarioYaml('one'),
      'a/shared.app.yaml': 'not a scenario: true\n',
      'a/notes.txt': 'ignored',
      'c/three.yaml': scenarioYaml('three'),
    });
    const { scenarios, files } = await loadScenarios(['.', 'c/*.yaml'], { cwd: dir });
    expect(files).toEqual(['a/one.yml', 'b/two.yaml', 'c/three.yaml']);
    expect(scenarios.map((s) => s.name)).toEqual(['one', 'two', 'three']);
  });

  it('resolves the config scenarios against the config folder but shows paths from the working directory', async () => {
    const dir = tempDir({ 'project/scenarios/x.yaml': scenarioYaml('x') });
    const config = configAt(path.join(dir, 'project'));
    const { files } = await loadScenarios(config.scenarios, { cwd: dir, baseDir: config.rootDir, config });
    expect(files).toEqual(['project/scenarios/x.yaml']);
  });

  it('keeps a valid document when another document of the same file is broken', async () => {
    const dir = tempDir({ 's.yaml': `${scenarioYaml('good')}---\n${scenarioYaml('bad', 'colour: red\n')}` });
    const { scenarios, issues } = await loadScenarios(['s.yaml'], { cwd: dir });
    expect(scenarios.map((s) => s.name)).toEqual(['good']);
    expect(issues.map(at)).toEqual(['SCENARIO_UNKNOWN_KEY 18:1']);
  });

  it('gives unique slugs to names that slug alike', async () => {
    const dir = tempDir({ 's.yaml': `${scenarioYaml('"Alice: create"')}---\n${scenarioYaml('alice create')}` });
    const { scenarios } = await loadScenarios(['s.yaml'], { cwd: dir });
    expect(scenarios.map((s) => s.slug)).toEqual(['alice-create', 'alice-create-2']);
  });
});

/** The scenario head with one more user mapping (line 8 onwards). */
function withMapping(mapping: string): string {
  return scenarioYaml('x').replace('provision:', `        ${mapping}\nprovision:`);
}

/** The scenario head with one scoping filter (its clause on line 9). */
function withFilter(clause: string): string {
  return scenarioYaml('x').replace('provision:', `      scopingFilters:\n        - clauses: [${clause}]\nprovision:`);
}

/**
 * Bad input: each case is one file and the single issue it must produce, with its location.
 * The scenario head (scenarioYaml) takes lines 1–8; `extra` starts on line 9.
 */
const invalid: Array<{ title: string; text: string; code: string; where: string }> = [
  { title: 'unknown top-level key', text: scenarioYaml('x', 'colour: red\n'), code: 'SCENARIO_UNKNOWN_KEY', where: '9:1' },
  { title: 'unknown key in a nested object', text: scenarioYaml('x', 'target: { users: [], behavior: {} }\n'), code: 'SCENARIO_UNKNOWN_KEY', where: '9:22' },
  { title: 'missing name', text: 'app: x\nprovision: { user: a }\n', code: 'SCENARIO_MISSING_KEY', where: '1:1' },
  { title: 'wrong type', text: scenarioYaml('x', 'seed: [1]\n'), code: 'SCENARIO_WRONG_TYPE', where: '9:7' },
  { title: 'value outside an enum', text: scenarioYaml('x', 'expect: { result: done }\n'), code: 'SCENARIO_INVALID_VALUE', where: '9:19' },
  { title: 'more than five group members', text: scenarioYaml('x', '').replace('{ user: alice@contoso.com }', '{ group: g, members: [a, b, c, d, e, f] }'), code: 'SCENARIO_OUT_OF_RANGE', where: '8:33' },
  { title: 'an invalid date', text: scenarioYaml('x', 'clock: 2026-02-30T00:00:00Z\n'), code: 'SCENARIO_INVALID', where: '9:8' },
  { title: 'a date without a zone', text: scenarioYaml('x', 'clock: 2026-01-01T00:00:00\n'), code: 'SCENARIO_INVALID', where: '9:8' },
  { title: 'unknown mapping key in an inline app', text: scenarioYaml('x').replace('match: 1 }', 'match: 1, matching: 2 }'), code: 'SCENARIO_UNKNOWN_KEY', where: '7:68' },
  { title: 'unknown scoping operator', text: scenarioYaml('x').replace('provision:', '      scopingFilters: [{ clauses: [{ attribute: a, operator: LIKE, value: b }] }]\nprovision:'), code: 'SCENARIO_INVALID_VALUE', where: '8:62' },
  { title: 'unknown step in expect.steps', text: scenarioYaml('x', 'expect:\n  steps:\n    matching: { status: success }\n'), code: 'SCENARIO_UNKNOWN_KEY', where: '11:5' },
  { title: 'two subjects', text: scenarioYaml('x').replace('{ user: alice@contoso.com }', '{ user: a, worker: "1" }'), code: 'SCENARIO_INVALID_SUBJECT', where: '8:12' },
  { title: 'members without a group', text: scenarioYaml('x').replace('{ user: alice@contoso.com }', '{ user: a, members: [b] }'), code: 'SCENARIO_INVALID_SUBJECT', where: '8:32' },
  // Mapping, expression and scoping problems come from those stages, placed inside the YAML.
  { title: 'a mapping with two sources', text: scenarioYaml('x').replace('source: userPrincipalName', 'source: userPrincipalName, constant: x'), code: 'MAPPING_AMBIGUOUS_TYPE', where: '7:68' },
  { title: 'a matching attribute with no source', text: scenarioYaml('x').replace(', source: userPrincipalName', ''), code: 'MAPPING_MATCH_WITHOUT_SOURCE', where: '7:38' },
  { title: 'an unclosed parenthesis in an expression', text: withMapping(`- { target: displayName, expression: 'Join(" ", [givenName]' }`), code: 'EXPR_UNCLOSED_CALL', where: '8:68' },
  { title: 'an unknown function', text: withMapping(`- { target: displayName, expression: 'Frobnicate([a])' }`), code: 'EXPR_UNKNOWN_FUNCTION', where: '8:47' },
  { title: 'an unclosed quote inside an expression', text: withMapping(`- { target: displayName, expression: 'Join(" , [a])' }`), code: 'EXPR_UNTERMINATED_STRING', where: '8:52' },
  { title: 'an expression error on the second line of a block scalar', text: withMapping('- target: displayName\n          expression: |\n            Switch([a], "x",\n              "1", [b)'), code: 'EXPR_UNTERMINATED_ATTRIBUTE', where: '11:20' },
  { title: 'an invalid regex in a scoping filter', text: withFilter('{ attribute: department, operator: REGEX MATCH, value: "(" }'), code: 'SCOPING_INVALID_REGEX', where: '9:76' },
  { title: 'a non-integer Greater_Than', text: withFilter('{ attribute: extensionAttribute1, operator: Greater_Than, value: "12.5" }'), code: 'SCOPING_NOT_INTEGER', where: '9:86' },
  { title: 'an unknown app name', text: scenarioYaml('x').replace(/app:\n(  .*\n)+/, 'app: nowhere\n'), code: 'SCENARIO_UNKNOWN_APP', where: '2:6' },
  { title: 'a missing app file', text: scenarioYaml('x').replace(/app:\n(  .*\n)+/, 'app: apps/missing.yaml\n'), code: 'SCENARIO_APP_INVALID', where: '2:6' },
  { title: 'a duplicate YAML key', text: scenarioYaml('x', 'seed: 1\nseed: 2\n'), code: 'SCENARIO_YAML_DUPLICATE_KEY', where: '10:1' },
  { title: 'a tab as indentation', text: scenarioYaml('x', 'expect:\n\tresult: success\n'), code: 'SCENARIO_YAML_TAB', where: '10:1' },
  { title: 'an unclosed quote', text: scenarioYaml('x', "description: 'never closed\n"), code: 'SCENARIO_YAML_SYNTAX', where: '9:14' },
  { title: 'an unknown tag', text: scenarioYaml('x', 'seed: !secret 4\n'), code: 'SCENARIO_YAML_UNKNOWN_TAG', where: '9:7' },
  { title: 'an undefined alias', text: scenarioYaml('x', 'seed: *nowhere\n'), code: 'SCENARIO_YAML_BAD_ALIAS', where: '9:7' },
  { title: 'a document that is not a map', text: '- just\n- a list\n', code: 'SCENARIO_WRONG_TYPE', where: '1:1' },
];

describe('loadScenarios: every bad input gives one coded issue at its place', () => {
  it.each(invalid)('$title → $code at $where', async ({ text, code, where }) => {
    const dir = tempDir({ 's.yaml': text });
    const { scenarios, issues } = await loadScenarios(['s.yaml'], { cwd: dir });
    expect(scenarios).toEqual([]);
    const relevant = issues.filter((i) => i.code !== 'SCENARIO_APP_NOT_FOUND');
    expect(relevant.map(at)).toEqual([`${code} ${where}`]);
    expect(relevant[0]!.location?.file).toBe('s.yaml');
    expect(relevant[0]!.frame).toMatch(/^>? ?\s*\d+ \|/m);
  });

  it('names the missing app file once, however many scenarios use it', async () => {
    const doc = (n: string) => scenarioYaml(n).replace(/app:\n(  .*\n)+/, 'app: apps/missing.yaml\n');
    const dir = tempDir({ 's.yaml': `${doc('a')}---\n${doc('b')}` });
    const { issues } = await loadScenarios(['s.yaml'], { cwd: dir });
    expect(issues.map((i) => i.code).sort()).toEqual(['SCENARIO_APP_INVALID', 'SCENARIO_APP_INVALID', 'SCENARIO_APP_NOT_FOUND']);
    expect(issues.find((i) => i.code === 'SCENARIO_APP_NOT_FOUND')?.file).toBe('apps/missing.yaml');
  });

  it('reports problems inside an app file at their place in that file, once, and points the scenario at it', async () => {
    const dir = tempDir({ 's.yaml': scenarioYaml('x').replace(/app:\n(  .*\n)+/, 'app: broken\n') });
    const config = configAt(fixtures, { apps: { broken: 'apps/broken.app.yaml' } });
    const { issues, scenarios } = await loadScenarios(['s.yaml'], { cwd: dir, config });
    expect(scenarios).toEqual([]);
    // The app file lies outside the working directory, so it is shown by its absolute path.
    const appFile = path.join(fixtures, 'apps/broken.app.yaml');
    expect(issues.map((i) => `${at(i)} ${i.location?.file}`)).toEqual([
      'SCENARIO_APP_INVALID 2:6 s.yaml',
      `SCENARIO_MISSING_KEY 3:3 ${appFile}`,
      `SCENARIO_UNKNOWN_KEY 4:5 ${appFile}`,
    ]);
  });

  it('names the config file and the path for a problem in an app defined in the config', async () => {
    const app = { target: { url: 'https://a.test' }, objects: { user: { mappings: [{ target: 'userName', expression: 'Join(', match: 1 }] } } };
    const dir = tempDir({ 'a.yaml': scenarioYaml('a').replace(/app:\n(  .*\n)+/, 'app: bad\n'), 'b.yaml': scenarioYaml('b').replace(/app:\n(  .*\n)+/, 'app: bad\n') });
    const { issues } = await loadScenarios(['a.yaml', 'b.yaml'], { cwd: dir, config: configAt(dir, { apps: { bad: app } }) });
    expect(issues.map((i) => [i.code, i.file, i.path?.join('.')])).toEqual([['EXPR_UNCLOSED_CALL', 'provision.config.ts', 'apps.bad.objects.user.mappings.0.expression']]);
  });

  it('rejects a duplicate scenario name across files, pointing at the second and naming the first', async () => {
    const dir = tempDir({ 'a.yaml': scenarioYaml('Same'), 'b.yaml': scenarioYaml('Same') });
    const { scenarios, issues } = await loadScenarios(['a.yaml', 'b.yaml'], { cwd: dir });
    expect(scenarios.map((s) => s.file)).toEqual(['a.yaml']);
    expect(issues.map(at)).toEqual(['SCENARIO_DUPLICATE_NAME 1:7']);
    expect(issues[0]!.message).toContain('a.yaml:1:1');
    expect(issues[0]!.location?.file).toBe('b.yaml');
  });

  it('refuses a file over limits.maxFileBytes without reading it', async () => {
    const dir = tempDir({ 's.yaml': scenarioYaml('x', `description: ${'x'.repeat(500)}\n`) });
    const { issues } = await loadScenarios(['s.yaml'], { cwd: dir, config: configAt(dir, { limits: { maxFileBytes: 200 } }) });
    expect(issues.map((i) => [i.code, i.file])).toEqual([['SCENARIO_FILE_TOO_LARGE', 's.yaml']]);
  });

  it('stops an alias bomb at limits.maxAliases', async () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
      'e: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]',
    ].join('\n');
    const dir = tempDir({ 's.yaml': `name: bomb\n${bomb}\n` });
    const { issues } = await loadScenarios(['s.yaml'], { cwd: dir });
    expect(issues.map(at)).toEqual(['SCENARIO_ALIAS_LIMIT 3:8']);
  });

  it('allows a few aliases within the limit', async () => {
    const dir = tempDir({ 's.yaml': `${scenarioYaml('x', 'source:\n  users:\n    - &u { userPrincipalName: a }\ntags: [t]\n')}` });
    const { issues } = await loadScenarios(['s.yaml'], { cwd: dir });
    expect(issues).toEqual([]);
  });

  it('reports a missing path, an empty file and still loads the rest', async () => {
    const dir = tempDir({ 'empty.yaml': '# nothing here\n', 'ok.yaml': scenarioYaml('ok') });
    const { scenarios, issues } = await loadScenarios(['nope.yaml', 'empty.yaml', 'ok.yaml'], { cwd: dir });
    expect(scenarios.map((s) => s.name)).toEqual(['ok']);
    expect(issues.map((i) => [i.code, i.file])).toEqual([
      ['SCENARIO_FILE_NOT_FOUND', 'nope.yaml'],
      ['SCENARIO_EMPTY_FILE', 'empty.yaml'],
    ]);
  });

  it('collects every problem of a document, ordered by position', async () => {
    const dir = tempDir({ 's.yaml': scenarioYaml('x', 'expect:\n  result: maybe\n  steps:\n    match: { matches: -1, foo: 1 }\ncolour: red\n') });
    const { issues } = await loadScenarios(['s.yaml'], { cwd: dir });
    expect(issues.map(at)).toEqual(['SCENARIO_INVALID_VALUE 10:11', 'SCENARIO_OUT_OF_RANGE 12:23', 'SCENARIO_UNKNOWN_KEY 12:27', 'SCENARIO_UNKNOWN_KEY 13:1']);
  });

  it('masks tokens in code frames, misspelt keys included', async () => {
    const dir = tempDir({
      's.yaml': 'name: x\napp:\n  target: { url: https://a.test, tokn: super-secret-1 }\n  objects: {}\nprovision: { user: a }\n',
    });
    const { issues } = await loadScenarios(['s.yaml'], { cwd: dir });
    const printed = issues.map(formatIssue).join('\n');
    expect(issues.map(at)).toEqual(['SCENARIO_UNKNOWN_KEY 3:34']);
    expect(printed).not.toContain('super-secret-1');
    expect(printed).toContain('tokn: ********');
  });
});
