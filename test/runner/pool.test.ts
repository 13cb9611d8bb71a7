/**
 * The worker pool holds the next request in each worker while it runs one. A worker that blocks
 * for good is terminated after the scenario's time limit: its scenario times out, and the request
 * it was holding runs on a new worker instead of being lost or failed.
 */
import { describe, expect, it } from 'vitest';
import { runScenarios } from '../../src/runner/run.js';
import { loadScenarios } from '../../src/scenario/load.js';
import { configAt, scenarioYaml, tempDir } from '../scenario/helpers.js';

const pipelineModule = new URL('./spin-pipeline.ts', import.meta.url).href;
const user = (who: string, name = who, extra = 'expect: { result: success, action: create }\n') =>
  scenarioYaml(name, extra).replace('alice@contoso.com }', `${who} }`);

describe('WorkerPool', () => {
  it('replaces a blocked worker and runs the request it was holding elsewhere', async () => {
    const docs = [user('spin', 'blocks', 'timeoutMs: 50\nexpect: { result: success }\n'), ...['a', 'b', 'c', 'd', 'e'].map((who) => user(who, `runs ${who}`))];
    const dir = tempDir({ 's.yaml': docs.join('---\n') });
    const config = configAt(dir);
    const { scenarios, issues } = await loadScenarios(['s.yaml'], { cwd: dir, config });
    expect(issues).toEqual([]);
    const summary = await runScenarios(scenarios, { config, jobs: 2, pipelineModule });
    expect(summary.scenarios.map((r) => `${r.name} ${r.status} ${r.error?.code ?? ''}`.trim())).toEqual([
      'blocks errored SCENARIO_TIMEOUT',
      'runs a passed',
      'runs b passed',
      'runs c passed',
      'runs d passed',
      'runs e passed',
    ]);
  });
});
