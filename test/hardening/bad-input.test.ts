/**
 * The bad-input corpus (test/fixtures/bad-input, see its README): every file produces exactly
 * the problems its manifest entry lists, with a one-line hint and no stack trace, through the
 * real CLI; `validate` runs nothing; `run` still runs and passes the valid scenarios beside them;
 * the problems only a run can find fail their scenario with the documented Entra code.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/helpers.js';
import { tempDir } from '../scenario/helpers.js';

const corpus = path.join(import.meta.dirname, '..', 'fixtures', 'bad-input');

interface Manifest {
  load: { exitCode: number; cases: Array<{ file: string; problem: string; issues: string[] }> };
  runtime: { exitCode: number; cases: Array<{ file: string; why: string; errorCode: string; detail: string; step: string }> };
  config: { exitCode: number; cases: Array<{ dir: string; problem: string; issues: string[] }> };
  valid: { scenarios: Array<{ file: string; name: string }> };
}

const manifest = JSON.parse(readFileSync(path.join(corpus, 'manifest.json'), 'utf8')) as Manifest;

/** One printed problem: `CODE file:line:col` (or `CODE file`), and its lines below. */
interface Printed {
  id: string;
  file: string;
  lines: string[];
}

/** The problems in CLI output: each `✖ where CODE message` line and the indented lines under it. */
function problems(stderr: string): Printed[] {
  const out: Printed[] = [];
  for (const line of stderr.split('\n')) {
    const head = /^✖ (?:(\S+?):(\d+):(\d+)|(\S+?):) ([A-Z][A-Z0-9_]+) /.exec(line);
    if (head) {
      const file = head[1] ?? head[4]!;
      out.push({ id: `${head[5]} ${head[1] ? `${file}:${head[2]}:${head[3]}` : file}`, file, lines: [] });
    } else if (line.startsWith(' ') && out.length > 0) {
      out[out.length - 1]!.lines.push(line);
    }
  }
  return out;
}

/** Each problem has exactly one hint line, on one line, and nothing looks like a stack frame. */
function expectReadable(printed: Printed[], stderr: string): void {
  for (const p of printed) {
    const hints = p.lines.filter((l) => l.startsWith('  hint: '));
    expect(hints, `${p.id} has one hint`).toHaveLength(1);
    expect(hints[0]!.length, `${p.id}: the hint is one readable line`).toBeGreaterThan('  hint: '.length + 5);
  }
  expect(stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
}

const sorted = (list: readonly string[]) => [...list].sort();
const loadIssues = manifest.load.cases.flatMap((c) => c.issues);

describe('the bad-input corpus', () => {
  it('has at least 40 cases, and the manifest lists every file of the folder', () => {
    const cases = manifest.load.cases.length + manifest.runtime.cases.length + manifest.config.cases.length;
    expect(cases).toBeGreaterThanOrEqual(40);
    const listed = new Set([...manifest.load.cases.map((c) => c.file), ...manifest.runtime.cases.map((c) => c.file), ...manifest.valid.scenarios.map((s) => s.file)]);
    const onDisk = readdirSync(corpus).filter((f) => f.endsWith('.yaml'));
    expect(sorted(onDisk.filter((f) => !listed.has(f)))).toEqual([]);
    expect(sorted([...listed].filter((f) => !onDisk.includes(f)))).toEqual(['missing.yaml']);
    const configDirs = readdirSync(path.join(corpus, 'config')).map((d) => `config/${d}`);
    expect(sorted(configDirs)).toEqual(sorted(manifest.config.cases.map((c) => c.dir)));
  });

  it('provision validate reports every listed problem exactly, runs nothing and exits 2', async () => {
    const { code, stdout, stderr } = await runCli(['validate', '.', 'missing.yaml'], corpus);
    expect(code).toBe(manifest.load.exitCode);
    const printed = problems(stderr);
    expect(sorted(printed.map((p) => p.id))).toEqual(sorted(loadIssues));
    expectReadable(printed, stderr);
    // The files that validate passes: the valid ones and those only a run can judge.
    const passed = stdout.split('\n').filter((l) => l.startsWith('✓ ') && l.endsWith(')')).map((l) => l.slice(2).split(' ')[0] ?? '');
    expect(sorted(passed)).toEqual(sorted(['valid-create.yaml', 'yaml-second-document-broken.yaml', 'names-duplicate.yaml', ...manifest.runtime.cases.map((c) => c.file)]));
    expect(existsSync(path.join(corpus, 'reports'))).toBe(false);
  });

  it.each(manifest.load.cases)('$file alone: $issues', async ({ file, issues }) => {
    const { code, stderr } = await runCli(['validate', file], corpus);
    expect(code).toBe(manifest.load.exitCode);
    const printed = problems(stderr);
    expect(sorted(printed.map((p) => p.id))).toEqual(sorted(issues));
    expectReadable(printed, stderr);
  });

  it('provision run reports the same problems, runs and passes the valid scenarios, fails the run-time ones, and exits 2', async () => {
    const out = tempDir();
    const { code, stderr } = await runCli(['run', '.', 'missing.yaml', '--reporter', 'json', '--out', out], corpus);
    expect(code).toBe(manifest.load.exitCode);
    expect(sorted(problems(stderr).map((p) => p.id))).toEqual(sorted(loadIssues));
    const summary = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8')) as {
      issues: unknown[];
      scenarios: Array<{ name: string; file: string; status: string; errorCode?: string; report: string }>;
    };
    expect(summary.issues).toHaveLength(loadIssues.length);
    const byFile = new Map(summary.scenarios.map((s) => [s.file, s]));
    for (const valid of manifest.valid.scenarios) expect(byFile.get(valid.file), valid.file).toMatchObject({ name: valid.name, status: 'passed' });
    for (const runtime of manifest.runtime.cases) {
      const entry = byFile.get(runtime.file);
      expect(entry, runtime.file).toMatchObject({ status: 'failed', errorCode: runtime.errorCode });
      const report = JSON.parse(readFileSync(path.join(out, entry!.report), 'utf8')) as { outcome: { error: { additionalDetails?: string } }; steps: Array<{ key: string; status: string }> };
      expect(report.outcome.error.additionalDetails).toContain(runtime.detail);
      expect(report.steps.find((s) => s.key === runtime.step)?.status).toBe('failure');
    }
    expect(summary.scenarios).toHaveLength(manifest.valid.scenarios.length + manifest.runtime.cases.length);
  });

  it.each(manifest.runtime.cases)('$file passes validate and fails its run with exit 1', async ({ file }) => {
    expect((await runCli(['validate', file], corpus)).code).toBe(0);
    const { code, stdout } = await runCli(['run', file, '--reporter', 'default', '--out', tempDir()], corpus);
    expect(code).toBe(manifest.runtime.exitCode);
    expect(stdout).not.toMatch(/^\s+at /m);
  });

  it.each(manifest.config.cases)('$dir: $issues, for validate and run alike, and nothing runs', async ({ dir, issues }) => {
    const cwd = path.join(corpus, dir);
    for (const command of ['validate', 'run']) {
      const { code, stdout, stderr } = await runCli([command], cwd);
      expect(code).toBe(manifest.config.exitCode);
      const printed = problems(stderr);
      expect(sorted(printed.map((p) => p.id))).toEqual(sorted(issues));
      expectReadable(printed, stderr);
      expect(stdout).toBe('');
    }
    // The stack trace appears only with --debug.
    expect((await runCli(['validate', '--debug'], cwd)).stderr).toMatch(/^\s+at /m);
  });
});
