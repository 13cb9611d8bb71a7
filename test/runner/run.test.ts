import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Reporter } from '../../src/report/types.js';
import { runScenario, runScenarios, type RunScenariosOptions } from '../../src/runner/run.js';
import type { ScenarioReport } from '../../src/runner/types.js';
import { loadScenarios } from '../../src/scenario/load.js';
import type { LoadedScenario } from '../../src/scenario/types.js';
import { configAt, scenarioYaml, tempDir } from '../scenario/helpers.js';
import { runOnDemand as fixturePipeline } from './fixture-pipeline.js';

const pipelineModule = new URL('./fixture-pipeline.ts', import.meta.url).href;

/** Loads scenarios written into a temporary folder. */
async function load(files: Record<string, string>) {
  const dir = tempDir(files);
  const config = configAt(dir);
  const loaded = await loadScenarios(Object.keys(files), { cwd: dir, config });
  expect(loaded.issues).toEqual([]);
  return { dir, config, scenarios: loaded.scenarios };
}

const user = (who: string, name = who, extra = 'expect: { result: success, action: create }\n') =>
  scenarioYaml(name, extra).replace('alice@contoso.com }', `${who} }`);

/** Reports without the fields named for timing. */
const stable = (reports: readonly ScenarioReport[]) => reports.map(({ timing: _t, ...rest }) => rest);

/** Runs scenarios and keeps each full report as the reporters get it (the summary keeps only a line each). */
async function runKeeping(scenarios: readonly LoadedScenario[], options: RunScenariosOptions) {
  const reports: ScenarioReport[] = [];
  const keep: Reporter = { onScenarioEnd: (report, info) => void (reports[info.index] = report) };
  const summary = await runScenarios(scenarios, { ...options, reporters: [...(options.reporters ?? []), keep] });
  return { summary, reports };
}

describe('runScenarios', () => {
  it('runs each scenario with a fresh, seeded context', async () => {
    const { config, scenarios } = await load({
      's.yaml': [user('a', 'one'), user('b', 'two'), user('c', 'three', 'seed: 7\nclock: { at: 2026-05-01T00:00:00Z, stepMs: 1000 }\nexpect: { result: success }\n')].join('---\n'),
    });
    const { reports } = await runKeeping(scenarios, { config, pipeline: fixturePipeline });
    const ids = reports.map((r) => r.targetAfter?.users[0]?.['id']);
    expect(ids[0]).toBe(ids[1]);
    expect(ids[2]).not.toBe(ids[0]);
    const meta = reports.map((r) => r.targetAfter?.users[0]?.['meta']);
    expect(meta[0]).toEqual({ created: '2026-01-01T00:00:00.000Z', lastModified: '2026-01-01T00:00:00.000Z' });
    expect(meta[2]).toEqual({ created: '2026-05-01T00:00:00.000Z', lastModified: '2026-05-01T00:00:01.000Z' });
    expect(reports.map((r) => r.seed)).toEqual([42, 42, 7]);
  });

  it('keeps a summary line per scenario, not the full report: the reporters got that as it ended', async () => {
    const { config, scenarios } = await load({ 's.yaml': [user('a', 'one', 'tags: [t]\nexpect: { result: success, action: create }\n'), user('conflict', 'two'), user('crash', 'three')].join('---\n') });
    const { summary, reports } = await runKeeping(scenarios, { config, pipeline: fixturePipeline });
    expect(summary.scenarios.map((s) => Object.keys(s))).toEqual([
      ['name', 'slug', 'file', 'line', 'tags', 'status', 'outcome', 'failures', 'exchanges', 'timing'],
      ['name', 'slug', 'file', 'line', 'tags', 'status', 'outcome', 'failures', 'exchanges', 'timing'],
      ['name', 'slug', 'file', 'line', 'tags', 'status', 'error', 'failures', 'exchanges', 'timing'],
    ]);
    const [one, two, three] = summary.scenarios;
    expect(one).toEqual({ name: 'one', slug: 'one', file: 's.yaml', line: 1, tags: ['t'], status: 'passed', outcome: { result: 'success', action: 'create' }, failures: [], exchanges: expect.any(Array), timing: reports[0]!.timing });
    expect(one!.exchanges).toEqual([
      { seq: 1, method: 'GET', path: '/Users?filter=userName eq "5d6e2f41-0b1c-4c4a-9a36-1f0f0f0f0f0f"', status: 200, step: 'testConnection' },
      { seq: 2, method: 'GET', path: '/Users?filter=userName eq "alice@contoso.com"', status: 200, step: 'match' },
      { seq: 3, method: 'POST', path: '/Users', status: 201, step: 'action' },
    ]);
    expect(two).toMatchObject({ status: 'failed', outcome: { result: 'failure', error: { errorCode: 'SystemForCrossDomainIdentityManagementConflict' } }, failures: reports[1]!.failures });
    expect(two!.failures.map((f) => f.code)).toEqual(['EXPECT_MISMATCH']);
    expect(three).toMatchObject({ status: 'errored', error: { code: 'PIPELINE_BUG' }, failures: [], exchanges: [] });
    // What the summary keeps of a report is a few hundred bytes, whatever the exchange carried.
    expect(JSON.stringify(one).length).toBeLessThan(JSON.stringify(reports[0]).length / 5);
  });

  it('--seed applies to scenarios without their own seed', async () => {
    const { config, scenarios } = await load({ 's.yaml': [user('a', 'one'), user('c', 'own', 'seed: 7\nexpect: { result: success }\n')].join('---\n') });
    const { reports } = await runKeeping(scenarios, { config, pipeline: fixturePipeline, seed: 99 });
    expect(reports.map((r) => r.seed)).toEqual([99, 7]);
  });

  it('tells reporters everything, in lifecycle order', async () => {
    const { config, scenarios } = await load({ 's.yaml': user('a') });
    const events: string[] = [];
    const reporter: Reporter = {
      onRunStart: (run) => void events.push(`run:${run.scenarios.length}`),
      onScenarioStart: (s) => void events.push(`start:${s.name}`),
      onStepEnd: (_s, step) => void events.push(`step:${step.key}`),
      onScenarioEnd: (r) => void events.push(`end:${r.status}`),
      onRunEnd: (summary) => void events.push(`done:${summary.exitCode}`),
    };
    await runScenarios(scenarios, { config, pipeline: fixturePipeline, reporters: [reporter] });
    expect(events).toEqual(['run:1', 'start:a', 'step:testConnection', 'step:import', 'step:scope', 'step:match', 'step:action', 'end:passed', 'done:0']);
  });

  it('keeps going after a failure, an error and a timeout, and exits with the worst code', async () => {
    const { config, scenarios } = await load({
      's.yaml': [user('conflict', 'fails'), user('crash', 'errors'), user('hang', 'hangs', 'timeoutMs: 30\nexpect: { result: success }\n'), user('a', 'passes')].join('---\n'),
    });
    const summary = await runScenarios(scenarios, { config, pipeline: fixturePipeline });
    expect(summary.scenarios.map((r) => `${r.name}:${r.status}:${r.error?.code ?? r.failures.map((f) => f.code).join(',')}`)).toEqual([
      'fails:failed:EXPECT_MISMATCH',
      'errors:errored:PIPELINE_BUG',
      'hangs:errored:SCENARIO_TIMEOUT',
      'passes:passed:',
    ]);
    expect(summary.counts).toEqual({ total: 4, passed: 1, failed: 1, errored: 2, skipped: 0, invalid: 0 });
    expect(summary.exitCode).toBe(3);
  });

  it.each([
    ['a failed expectation', 'conflict', 1],
    ['a timeout', 'hang', 1],
    ['invalid input found at run time', 'invalid', 2],
    ['a crash', 'crash', 3],
  ])('exit code for %s', async (_title, who, code) => {
    const { config, scenarios } = await load({ 's.yaml': user(who, 'x', 'timeoutMs: 30\nexpect: { result: success }\n') });
    expect((await runScenarios(scenarios, { config, pipeline: fixturePipeline })).exitCode).toBe(code);
  });

  it('reports a configuration the pipeline refuses as invalid input, placed in the scenario file', async () => {
    const extra = 'target:\n  users:\n    - { id: u-1, userName: a }\n    - { id: u-1, userName: b }\nexpect: { result: success }\n';
    // The loader refuses this target itself; a scenario built in code still reaches the pipeline with it.
    const { config, scenarios } = await load({ 's.yaml': user('refused', 'x', 'expect: { result: success }\n') });
    writeFileSync(scenarios[0]!.absoluteFile, user('refused', 'x', extra));
    scenarios[0]!.target = { users: [{ id: 'u-1', userName: 'a' }, { id: 'u-1', userName: 'b' }] };
    const { summary, reports } = await runKeeping(scenarios, { config, pipeline: fixturePipeline });
    expect(summary.exitCode).toBe(2);
    const [report] = reports;
    expect(summary.scenarios[0]).toMatchObject({ status: 'errored', error: { code: 'MOCK_DUPLICATE_ID' }, failures: [] });
    expect(report).toMatchObject({ status: 'errored', error: { code: 'MOCK_DUPLICATE_ID' }, failures: [] });
    expect(report!.issues?.map((i) => `${i.code} ${i.location?.file}:${i.location?.line}:${i.location?.column}`)).toEqual(['MOCK_DUPLICATE_ID s.yaml:12:13']);
    expect(report!.issues?.[0]?.frame).toContain('> 12 |     - { id: u-1, userName: b }');
  });

  it('exits 2 when the input had problems, even if every scenario passed', async () => {
    const { config, scenarios } = await load({ 's.yaml': user('a') });
    const summary = await runScenarios(scenarios, { config, pipeline: fixturePipeline, issues: [{ code: 'SCENARIO_UNKNOWN_KEY', message: 'x' }] });
    expect(summary.exitCode).toBe(2);
    expect(summary.counts.invalid).toBe(1);
  });

  it('--bail stops after the first failure and reports the rest as skipped', async () => {
    const { config, scenarios } = await load({ 's.yaml': [user('a', 'one'), user('conflict', 'two'), user('a', 'three')].join('---\n') });
    const summary = await runScenarios(scenarios, { config, pipeline: fixturePipeline, bail: true });
    expect(summary.scenarios.map((r) => r.status)).toEqual(['passed', 'failed', 'skipped']);
    expect(summary.exitCode).toBe(1);
  });

  it('an aborted signal (Ctrl-C) starts no more scenarios: the rest are skipped, every reporter ends, exit 130', async () => {
    const { config, scenarios } = await load({ 's.yaml': [user('conflict', 'one'), user('a', 'two'), user('a', 'three')].join('---\n') });
    const controller = new AbortController();
    const ended: string[] = [];
    const interrupting: Reporter = {
      onScenarioEnd: (report) => {
        ended.push(`${report.name}:${report.status}`);
        if (report.name === 'one') controller.abort('SIGINT');
      },
      onRunEnd: () => void ended.push('end'),
    };
    const summary = await runScenarios(scenarios, { config, pipeline: fixturePipeline, reporters: [interrupting], signal: controller.signal });
    expect(ended).toEqual(['one:failed', 'two:skipped', 'three:skipped', 'end']);
    expect(summary.scenarios[1]!.error).toMatchObject({ code: 'SCENARIO_SKIPPED', message: 'not run: the run was interrupted' });
    expect(summary.exitCode).toBe(130);
  });

  it('--bail then an interrupt: the skipped scenarios say --bail stopped the run', async () => {
    const { config, scenarios } = await load({ 's.yaml': [user('conflict', 'one'), user('a', 'two')].join('---\n') });
    const controller = new AbortController();
    const reporters: Reporter[] = [{ onScenarioEnd: () => controller.abort('SIGINT') }];
    const summary = await runScenarios(scenarios, { config, pipeline: fixturePipeline, bail: true, reporters, signal: controller.signal });
    expect(summary.scenarios[1]!.error?.message).toBe('not run: --bail stopped the run after a failure');
  });

  it('an exceeded budget exits 4 without changing the status', async () => {
    const { config, scenarios } = await load({ 's.yaml': user('a', 'x', 'expect: { result: success, budget: { ms: 0.000001 } }\n') });
    const summary = await runScenarios(scenarios, { config, pipeline: fixturePipeline });
    expect(summary.scenarios[0]).toMatchObject({ status: 'passed', timing: { budgetMs: 0.000001, overBudget: true } });
    expect(summary.exitCode).toBe(4);
  });

  it('never lets the token or a Redact() value into a report', async () => {
    const { config, scenarios } = await load({ 's.yaml': user('a') });
    const { summary, reports } = await runKeeping(scenarios, { config, pipeline: fixturePipeline });
    const text = JSON.stringify([summary, reports]);
    expect(text).not.toContain('tok-123456');
    expect(text).not.toContain('Pa55word-1');
    const post = reports[0]!.exchanges[2]!;
    expect(post.requestHeaders).toMatchObject({ Authorization: 'Bearer [REDACTED]', 'X-Echo': 'token=[REDACTED]' });
    expect(post.requestBody).toMatchObject({ password: '[Redact]', note: 'uses [REDACTED]' });
  });

  it('gives byte-identical reports for the same scenarios, apart from timing', async () => {
    const { config, scenarios } = await load({ 's.yaml': [user('a', 'one'), user('conflict', 'two')].join('---\n') });
    const first = await runKeeping(scenarios, { config, pipeline: fixturePipeline });
    const second = await runKeeping(scenarios, { config, pipeline: fixturePipeline });
    expect(JSON.stringify(stable(second.reports))).toBe(JSON.stringify(stable(first.reports)));
  });

  it('--jobs 2 runs on worker threads and gives the same reports, in input order', async () => {
    const files = { 's.yaml': [user('a', 'one'), user('conflict', 'two'), user('b', 'three', 'seed: 5\nexpect: { result: success }\n'), user('crash', 'four')].join('---\n') };
    const { config, scenarios } = await load(files);
    const inProcess = await runKeeping(scenarios, { config, pipeline: fixturePipeline });
    const parallel = await runKeeping(scenarios, { config, jobs: 2, pipelineModule });
    expect(stable(parallel.reports)).toEqual(stable(inProcess.reports));
    expect(parallel.summary.scenarios.map(({ timing: _t, ...rest }) => rest)).toEqual(inProcess.summary.scenarios.map(({ timing: _t, ...rest }) => rest));
    expect(parallel.summary.exitCode).toBe(inProcess.summary.exitCode);
  });

  it('--jobs replaces a worker that hangs and still runs the rest', async () => {
    const { config, scenarios } = await load({ 's.yaml': [user('hang', 'hangs', 'timeoutMs: 50\nexpect: { result: success }\n'), user('a', 'one'), user('b', 'two')].join('---\n') });
    const summary = await runScenarios(scenarios, { config, jobs: 2, pipelineModule });
    expect(summary.scenarios.map((r) => `${r.status}:${r.error?.code ?? ''}`)).toEqual(['errored:SCENARIO_TIMEOUT', 'passed:', 'passed:']);
  });
});

describe('--update', () => {
  it('turns a scenario with an empty expect into one that passes, keeping the rest of the file', async () => {
    const text = `# a comment that stays\n${user('a', 'one', 'expect:\n')}---\n${user('b', 'two', 'expect: { result: success }   # right already\n')}`;
    const { dir, config, scenarios } = await load({ 's.yaml': text });
    const first = await runScenarios(scenarios, { config, pipeline: fixturePipeline, update: true });
    expect(first.scenarios.map((r) => [r.status, r.updated ?? false])).toEqual([['passed', true], ['passed', false]]);
    expect(first.updatedFiles).toEqual(['s.yaml']);
    expect(first.exitCode).toBe(0);
    const written = readFileSync(path.join(dir, 's.yaml'), 'utf8');
    expect(written.startsWith(`# a comment that stays\n${user('a', 'one', '')}expect:\n  result: success\n  action: create\n`)).toBe(true);
    expect(written.endsWith(`${user('b', 'two', 'expect: { result: success }   # right already\n')}`)).toBe(true);
    const reloaded = await loadScenarios(['s.yaml'], { cwd: dir, config });
    expect(reloaded.issues).toEqual([]);
    const again = await runScenarios(reloaded.scenarios, { config, pipeline: fixturePipeline });
    expect(again.scenarios.map((r) => r.status)).toEqual(['passed', 'passed']);
  });

  it('fixes only the failing path of a failing scenario', async () => {
    const { dir, config, scenarios } = await load({ 's.yaml': user('a', 'one', 'expect:\n  result: success\n  steps:\n    match: { status: success, matches: 2 }   # wrong\n') });
    const summary = await runScenarios(scenarios, { config, pipeline: fixturePipeline, update: true });
    expect(summary.scenarios[0]).toMatchObject({ status: 'passed', updated: true });
    expect(readFileSync(path.join(dir, 's.yaml'), 'utf8')).toContain('    match: { status: success, matches: 0 } # wrong\n');
  });

  it('cannot update a scenario that errored', async () => {
    const { dir, config, scenarios } = await load({ 's.yaml': user('crash', 'x', 'expect:\n') });
    const before = readFileSync(path.join(dir, 's.yaml'), 'utf8');
    const summary = await runScenarios(scenarios, { config, pipeline: fixturePipeline, update: true });
    expect(summary.scenarios[0]!.status).toBe('errored');
    expect(readFileSync(path.join(dir, 's.yaml'), 'utf8')).toBe(before);
  });
});

describe('runScenario', () => {
  it('runs one scenario in-process and reports it', async () => {
    const { config, scenarios } = await load({ 's.yaml': user('a') });
    const report = await runScenario(scenarios[0] as LoadedScenario, { config, pipeline: fixturePipeline });
    expect(report).toMatchObject({ name: 'a', status: 'passed', outcome: { result: 'success', action: 'create' } });
    expect(report.steps.map((s) => `${s.key}:${s.verdict}`)).toEqual(['testConnection:unchecked', 'import:unchecked', 'scope:unchecked', 'match:unchecked', 'action:passed']);
  });

  it('says plainly when the pipeline is not there', async () => {
    const { config, scenarios } = await load({ 's.yaml': user('a') });
    const report = await runScenario(scenarios[0]!, { config, pipeline: async () => Promise.reject(new Error('not here')) });
    expect(report).toMatchObject({ status: 'errored', error: { code: 'INTERNAL_ERROR', message: 'the pipeline crashed: not here' } });
  });
});
