/**
 * The per-scenario timeout bounds anything that could hang: a target that never answers, and
 * (on worker threads) a pipeline stuck in synchronous code such as a catastrophically
 * backtracking regular expression. A timed-out scenario leaves nothing behind: the next
 * scenario on the same host runs normally, and no timer keeps the process alive.
 */
import { describe, expect, it } from 'vitest';
import { runScenario, runScenarios } from '../../src/runner/run.js';
import { loadScenarios } from '../../src/scenario/load.js';
import { createMockScimTarget } from '../../src/scim/mock/target.js';
import { tempDir } from '../scenario/helpers.js';
import { loadProject, scenario, stream } from './helpers.js';

const healthy = (name: string) => scenario({ name });

/** Every timer Node holds open. */
const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;

/** A scoping regex that backtracks for minutes on its user: only a terminated thread stops it. */
const redos = scenario({
  name: 'catastrophic backtracking',
  clauses: ["{ attribute: department, operator: REGEX MATCH, value: '(a+)+$' }"],
  user: `department: ${'a'.repeat(40)}!`,
  extra: 'timeoutMs: 300',
});

describe('limits', () => {
  it('a target that would answer in ten minutes is cut off at the scenario timeout; the next scenario on the host is unaffected', async () => {
    const hang = scenario({
      name: 'never answers',
      // The client would wait (scim.timeoutMs) longer than the delay, so only the scenario timeout ends it.
      extra: "timeoutMs: 200\nsettings: { scim: { timeoutMs: 600000 } }\ntarget:\n  faults: [{ on: 'POST /Users', delayMs: 599000 }]",
    });
    const { config, scenarios } = await loadProject({ 's.yaml': stream(hang, healthy('after the hang')) });
    const before = timers();
    const summary = await runScenarios(scenarios, { config });
    expect(summary.scenarios.map((s) => [s.name, s.status, s.error?.code])).toEqual([
      ['never answers', 'errored', 'SCENARIO_TIMEOUT'],
      ['after the hang', 'passed', undefined],
    ]);
    expect(summary.exitCode).toBe(1);
    expect(timers()).toBeLessThanOrEqual(before);
  });

  it('a closed mock ends the delays it was serving', async () => {
    const target = await createMockScimTarget({ faults: [{ on: 'any', delayMs: 599_000 }] }, undefined, { timeoutMs: 600_000 });
    const before = timers();
    const controller = new AbortController();
    const request = fetch(`${target.baseUrl}/Users`, { signal: controller.signal }).catch((e: unknown) => e);
    await new Promise((resolve) => setImmediate(resolve));
    controller.abort();
    await request;
    target.close();
    await new Promise((resolve) => setImmediate(resolve));
    expect(timers()).toBeLessThanOrEqual(before);
  });

  it('retries are bounded by the schema: a target failing for ever cannot keep a run retrying', async () => {
    const dir = tempDir({ 's.yaml': scenario({ name: 'retry storm', extra: 'settings: { scim: { retries: 1000000 } }' }) });
    const { issues } = await loadScenarios(['s.yaml'], { cwd: dir });
    expect(issues.map((i) => `${i.code} ${i.message}`)).toEqual(['SCENARIO_OUT_OF_RANGE settings.scim.retries must be <= 10']);
  });

  it('at --jobs 1, a scenario running a user regex gets a worker of its own: the timeout stops catastrophic backtracking; the others run', async () => {
    const { config, scenarios } = await loadProject({ 's.yaml': stream(healthy('before the stuck one'), redos, healthy('after the stuck one')) });
    const summary = await runScenarios(scenarios, { config, jobs: 1 });
    expect(summary.scenarios.map((s) => [s.name, s.status, s.error?.code])).toEqual([
      ['before the stuck one', 'passed', undefined],
      ['catastrophic backtracking', 'errored', 'SCENARIO_TIMEOUT'],
      ['after the stuck one', 'passed', undefined],
    ]);
  });

  it('runScenario (explain, the library) also stops catastrophic backtracking at the timeout', async () => {
    const { config, scenarios } = await loadProject({ 's.yaml': redos });
    const report = await runScenario(scenarios[0]!, { config });
    expect([report.status, report.error?.code]).toEqual(['errored', 'SCENARIO_TIMEOUT']);
  });

  it('on worker threads, a pipeline stuck in a backtracking regex is terminated at the timeout; the others run', async () => {
    const { config, scenarios } = await loadProject({ 's.yaml': stream(redos, healthy('beside the stuck one')) });
    const summary = await runScenarios(scenarios, { config, jobs: 2 });
    expect(summary.scenarios.map((s) => [s.name, s.status, s.error?.code])).toEqual([
      ['catastrophic backtracking', 'errored', 'SCENARIO_TIMEOUT'],
      ['beside the stuck one', 'passed', undefined],
    ]);
  });
});
