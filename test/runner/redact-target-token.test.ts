import { expect, it } from 'vitest';
import type { OnDemandResult } from '../../src/engine/types.js';
import { runScenario } from '../../src/runner/run.js';
import { loadScenarios } from '../../src/scenario/load.js';
import { configAt, scenarioYaml, tempDir } from '../scenario/helpers.js';
import { createdResult } from './fixtures.js';

it("masks the token the mocked target accepts (target.behaviour.token) like the app's own token", async () => {
  const yaml = scenarioYaml('target token', 'target: { behaviour: { token: tgt-own-secret-77 } }\nexpect: { result: success }\n');
  const dir = tempDir({ 's.yaml': yaml });
  const loaded = await loadScenarios(['s.yaml'], { cwd: dir, config: configAt(dir) });
  expect(loaded.issues).toEqual([]);
  // A target that echoes the token it expects in an answer.
  const pipeline = async (): Promise<OnDemandResult> => {
    const result = createdResult();
    result.exchanges[0]!.responseBody = { detail: 'expected Bearer tgt-own-secret-77' };
    return result;
  };
  const report = await runScenario(loaded.scenarios[0]!, { config: configAt(dir), pipeline });
  const text = JSON.stringify(report);
  expect(text).not.toContain('tgt-own-secret-77');
  expect(text).toContain('expected Bearer [REDACTED]');
});
