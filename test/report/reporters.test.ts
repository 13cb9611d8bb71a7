import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createReporters } from '../../src/report/registry.js';
import { runScenarios } from '../../src/runner/run.js';
import { loadScenarios } from '../../src/scenario/load.js';
import { runOnDemand as fixturePipeline } from '../runner/fixture-pipeline.js';
import { configAt, scenarioYaml, tempDir } from '../scenario/helpers.js';

const files = {
  's.yaml': [
    scenarioYaml('Alice is created', 'tags: [users]\nexpect: { result: success, action: create }\n').replace('alice@contoso.com }', 'a }'),
    scenarioYaml('Conflict on create', 'expect:\n  result: success\n  steps:\n    action: { status: success }\n').replace('alice@contoso.com }', 'conflict }'),
    scenarioYaml('Pipeline crash').replace('alice@contoso.com }', 'crash }'),
  ].join('---\n'),
};

/** Runs the fixture scenarios with every reporter into a fresh folder; returns the folder and console lines. */
async function runAll(options: { env?: Record<string, string>; color?: boolean; dir?: string; issues?: boolean } = {}) {
  const dir = options.dir ?? tempDir(files);
  const config = configAt(dir);
  const loaded = await loadScenarios(['s.yaml'], { cwd: dir, config });
  const lines: string[] = [];
  const outDir = path.join(dir, 'reports');
  const reporters = createReporters(['default', 'json', 'junit', 'markdown', 'html'], {
    outDir,
    output: { line: (t) => lines.push(t) },
    color: options.color ?? false,
    env: options.env ?? {},
    cwd: dir,
  });
  const issues = options.issues ? [{ code: 'SCENARIO_UNKNOWN_KEY', message: 'unknown key "colour" in the top level', location: { file: 'bad.yaml', line: 3, column: 1 } }] : [];
  const summary = await runScenarios(loaded.scenarios, { config, reporters, pipeline: fixturePipeline, issues });
  return { dir, outDir, lines, summary };
}

const read = (dir: string, file: string) => readFileSync(path.join(dir, file), 'utf8');

/** Every text a run wrote, for greps. */
function everything(outDir: string): string {
  const texts: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else texts.push(readFileSync(p, 'utf8'));
    }
  };
  walk(outDir);
  return texts.join('\n');
}

describe('reporters', () => {
  it('write every report format in one run, atomically (no temp files left)', async () => {
    const { outDir } = await runAll();
    expect(readdirSync(outDir).sort()).toEqual(['junit.xml', 'report.html', 'scenarios', 'summary.json', 'summary.md']);
    expect(readdirSync(path.join(outDir, 'scenarios')).sort()).toEqual(['alice-is-created.json', 'conflict-on-create.json', 'pipeline-crash.json']);
  });

  it('json: one report per scenario with steps, Graph summary, diff and exchange; summary.json with counts', async () => {
    const { outDir } = await runAll();
    const report = JSON.parse(read(outDir, 'scenarios/conflict-on-create.json'));
    expect(report).toMatchObject({
      schemaVersion: 1,
      name: 'Conflict on create',
      status: 'failed',
      outcome: { result: 'failure', action: 'create', error: { errorCode: 'SystemForCrossDomainIdentityManagementConflict' } },
      provisioningObjectSummary: { provisioningAction: 'create', provisioningStatusInfo: { status: 'failure' } },
      onDemandResponse: { key: expect.any(String), value: expect.any(String) },
    });
    expect(report.failures.map((f: { path: string[]; step: string; expected: unknown; actual: unknown; location: { line: number } }) => [f.path.join('.'), f.step, f.expected, f.actual, f.location.line])).toEqual([
      ['result', 'action', 'success', 'failure', 21],
      ['steps.action.status', 'action', 'success', 'failure', 23],
    ]);
    expect(report.exchanges).toHaveLength(3);
    const summary = JSON.parse(read(outDir, 'summary.json'));
    expect(summary).toMatchObject({ exitCode: 3, counts: { total: 3, passed: 1, failed: 1, errored: 1, skipped: 0, invalid: 0 } });
    expect(summary.scenarios.map((s: { slug: string; status: string; report: string }) => `${s.status} ${s.report}`)).toEqual([
      'passed scenarios/alice-is-created.json',
      'failed scenarios/conflict-on-create.json',
      'errored scenarios/pipeline-crash.json',
    ]);
  });

  it('json: removes per-scenario reports left by an earlier run', async () => {
    const dir = tempDir(files);
    const stale = path.join(dir, 'reports', 'scenarios');
    tempDirFile(stale, 'old-scenario.json');
    tempDirFile(stale, '.old-scenario.json.4242.7.tmp');
    tempDirFile(stale, 'notes.txt');
    await runAll({ dir });
    expect(existsSync(path.join(stale, 'old-scenario.json'))).toBe(false);
    expect(existsSync(path.join(stale, '.old-scenario.json.4242.7.tmp'))).toBe(false);
    expect(existsSync(path.join(stale, 'notes.txt'))).toBe(true);
  });

  it('junit: suite per scenario, testcase per step, failure with expected vs actual, exchange in system-out', async () => {
    const { outDir } = await runAll({ issues: true });
    const xml = read(outDir, 'junit.xml');
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="provision" tests="12" failures="1" errors="2" skipped="0">/);
    expect(xml).toContain('<testsuite name="Invalid input" tests="1" failures="0" errors="1" skipped="0">');
    expect(xml).toMatch(/<testsuite name="Alice is created" time="[\d.]+" tests="5" failures="0" errors="0" skipped="0">/);
    for (const [, time] of xml.matchAll(/ time="([^"]*)"/g)) expect(time).toMatch(/^\d+(\.\d{1,6})?$/);
    expect(xml).toContain('<testcase classname="s.yaml › Conflict on create" name="Perform action (action)">');
    expect(xml).toMatch(/<failure message="expect.result differs; expect.steps.action.status differs" type="EXPECT_MISMATCH"><!\[CDATA\[expect.result differs {2}s.yaml:21:3\n {2}expected {2}"success"\n {2}actual {4}"failure"/);
    expect(xml).toContain('POST /Users → 409');
    expect(xml).toContain('<error message="something broke" type="PIPELINE_BUG">');
  });

  it('junit: text holding several "]]>" stays inside its CDATA sections and reads back whole', async () => {
    const dir = tempDir({
      's.yaml': scenarioYaml('Cdata', 'expect:\n  result: success\n  target: { users: [{ userName: "a ]]> b ]]> c ]]]]> d" }] }\n').replace('alice@contoso.com }', 'a }'),
    });
    const issue = { code: 'SCENARIO_UNKNOWN_KEY', message: 'x', hint: 'one ]]> two ]]> three', location: { file: 'bad.yaml', line: 1, column: 1 } };
    const config = configAt(dir);
    const loaded = await loadScenarios(['s.yaml'], { cwd: dir, config });
    const outDir = path.join(dir, 'reports');
    const reporters = createReporters(['junit'], { outDir, output: { line() {} }, color: false, env: {}, cwd: dir });
    await runScenarios(loaded.scenarios, { config, reporters, pipeline: fixturePipeline, issues: [issue] });
    const xml = read(outDir, 'junit.xml');
    // Outside CDATA sections and attribute values no "]]>" may remain: it would not be well-formed.
    const outside = xml.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '').replace(/"[^"]*"/g, '""');
    expect(outside).not.toContain(']]>');
    expect(outside).not.toContain('<![CDATA[');
    const bodies = [...xml.matchAll(/<(failure|error)[^>]*>((?:<!\[CDATA\[[\s\S]*?\]\]>)+)<\/\1>/g)].map((m) =>
      [...m[2]!.matchAll(/<!\[CDATA\[([\s\S]*?)\]\]>/g)].map((c) => c[1]).join(''),
    );
    expect(bodies).toEqual([expect.stringContaining('hint: one ]]> two ]]> three'), expect.stringContaining('expected  "a ]]> b ]]> c ]]]]> d"')]);
  });

  it('markdown: verdict, table, failures in details; appended to $GITHUB_STEP_SUMMARY', async () => {
    const dir = tempDir(files);
    const stepSummary = path.join(dir, 'step-summary.md');
    writeFileSync(stepSummary, '# earlier step\n');
    const { outDir } = await runAll({ dir, env: { GITHUB_STEP_SUMMARY: stepSummary } });
    const md = read(outDir, 'summary.md');
    expect(md.split('\n').slice(0, 7)).toEqual([
      '## ❌ provision: 1 passed · 1 failed · 1 errored',
      '',
      '| | Scenario | Result | Action | File |',
      '|---|---|---|---|---|',
      '| ✅ | Alice is created | Success | Create | `s.yaml:1` |',
      '| ❌ | Conflict on create | Failure | Create | `s.yaml:12` |',
      '| 💥 | Pipeline crash | `PIPELINE_BUG` |  | `s.yaml:25` |',
    ]);
    expect(md).toContain('<details><summary>❌ Conflict on create: 2 failed expectations</summary>');
    expect(md).toContain(
      'Perform action:\n  expect.result differs  s.yaml:21:3\n    expected  "success"\n    actual    "failure"\n  expect.steps.action.status differs  s.yaml:23:15\n    expected  "success"\n    actual    "failure"\n    POST /Users → 409',
    );
    expect(read(dir, 'step-summary.md')).toBe(`# earlier step\n${md}\n`);
  });

  it('markdown: a scenario name with line breaks stays on one line in the table and the <summary>', async () => {
    const dir = tempDir({ 's.yaml': scenarioYaml('"Two\\n\\nlines"', 'expect: { result: success, action: update }\n').replace('alice@contoso.com }', 'a }') });
    const config = configAt(dir);
    const loaded = await loadScenarios(['s.yaml'], { cwd: dir, config });
    const outDir = path.join(dir, 'reports');
    const reporters = createReporters(['markdown'], { outDir, output: { line() {} }, color: false, env: {}, cwd: dir });
    await runScenarios(loaded.scenarios, { config, reporters, pipeline: fixturePipeline });
    const md = read(outDir, 'summary.md');
    expect(md).toContain('| ❌ | Two lines |');
    expect(md).toContain('<details><summary>❌ Two lines: 1 failed expectation</summary>');
  });

  it('console: a scenario name with line breaks is one line, its breaks shown as escapes', async () => {
    const dir = tempDir({ 's.yaml': scenarioYaml('"Two\\n✓ Faked passed"', 'expect: { result: success, action: update }\n').replace('alice@contoso.com }', 'a }') });
    const config = configAt(dir);
    const loaded = await loadScenarios(['s.yaml'], { cwd: dir, config });
    const lines: string[] = [];
    const reporters = createReporters(['default'], { outDir: path.join(dir, 'reports'), output: { line: (t) => lines.push(t) }, color: false, env: {}, cwd: dir });
    await runScenarios(loaded.scenarios, { config, reporters, pipeline: fixturePipeline });
    expect(lines[0]).toMatch(/^✗ Two\\n✓ Faked passed · Success {2}s\.yaml:1 /);
    expect(lines.join('\n').split('\n').filter((l) => l.startsWith('✓'))).toEqual([]);
  });

  it('html: one page without scripts', async () => {
    const { outDir } = await runAll();
    const html = read(outDir, 'report.html');
    expect(html).toContain('<h1>provision: 1 passed, 1 failed, 1 errored, 0 skipped, 0 invalid</h1>');
    expect(html).not.toMatch(/<script/i);
  });

  it('console: per-scenario and per-step lines, failures with the exchange, counts', async () => {
    const { lines } = await runAll();
    const text = lines.join('\n').replace(/\d+ ms/g, 'N ms');
    expect(text).toContain('✓ Alice is created · Success  s.yaml:1 N ms\n    · Test connection — Success (hidden in the portal)');
    expect(text).toContain(
      [
        '    ✗ Perform action — Failure · Create',
        '        SystemForCrossDomainIdentityManagementConflict: Failed to create User alice@contoso.com: POST https://scim.example.test/scim/v2/Users returned 409 Conflict: {"detail":"userName exists"}',
        '        expect.result differs  s.yaml:21:3',
        '          expected  "success"',
        '          actual    "failure"',
        '        expect.steps.action.status differs  s.yaml:23:15',
        '          expected  "success"',
        '          actual    "failure"',
        '          POST /Users → 409',
      ].join('\n'),
    );
    expect(text).toContain('! Pipeline crash  s.yaml:25 N ms\n    PIPELINE_BUG something broke');
    expect(text).toContain('Scenarios  1 passed · 1 failed · 1 errored (3)');
    expect(text).not.toMatch(/\u001b\[/);
  });

  it('console: colours when asked, GitHub annotations in Actions', async () => {
    const { lines } = await runAll({ color: true, env: { GITHUB_ACTIONS: 'true' }, issues: true });
    expect(lines.join('\n')).toMatch(/\u001b\[3\dm✓/);
    expect(lines).toContain('::error file=bad.yaml,line=3,col=1,title=SCENARIO_UNKNOWN_KEY::unknown key "colour" in the top level');
    expect(lines).toContain('::error file=s.yaml,line=21,col=3,title=Conflict on create::expect.result differs');
  });

  it('no report and no console line holds the token or a Redact() value', async () => {
    const { outDir, lines } = await runAll({ issues: true });
    const all = `${everything(outDir)}\n${lines.join('\n')}`;
    expect(all).toContain('[REDACTED]');
    expect(all).toContain('[Redact]');
    expect(all).not.toContain('tok-123456');
    expect(all).not.toContain('Pa55word-1');
  });

  it('two runs give byte-identical reports apart from fields named for timing', async () => {
    const a = await runAll();
    const b = await runAll();
    const strip = (text: string) =>
      text
        .replace(/"timing": \{[^}]*\}/g, '"timing": {}')
        .replace(/ time="[\d.e-]+"/g, '');
    for (const file of ['summary.json', 'summary.md', 'junit.xml', 'report.html', 'scenarios/alice-is-created.json', 'scenarios/conflict-on-create.json']) {
      expect(strip(read(b.outDir, file)), file).toBe(strip(read(a.outDir, file)));
    }
  });

  it('an unknown reporter is a usage error', () => {
    expect(() => createReporters(['default', 'tap'], { outDir: '.', output: { line() {} }, color: false, env: {}, cwd: '.' })).toThrow(
      expect.objectContaining({ code: 'CLI_UNKNOWN_REPORTER', exitCode: 2 }),
    );
  });
});

function tempDirFile(dir: string, name: string) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, name), '{}');
}
