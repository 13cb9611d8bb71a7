/**
 * The two transports (docs/scim.md, "Transports") must be indistinguishable in every report: the
 * fixtures in test/fixtures/transport cover create (with a manager reference), update, disable,
 * a redundant export, groups with membership, and every fault the mock can inject (delay, delay
 * beyond the timeout, timeout, reset, malformed body, statuses with Retry-After, a 204, a wrong
 * ListResponse). Each runs once through the mock's direct fetch and once through global fetch and
 * nock; the JSON reports must be byte-identical apart from `timing`.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config/load.js';
import { toJson } from '../../src/report/write.js';
import { runScenario } from '../../src/runner/run.js';
import type { ScenarioReport } from '../../src/runner/types.js';
import { loadScenarios } from '../../src/scenario/load.js';
import type { LoadedScenario } from '../../src/scenario/types.js';
import type { ScimTransport } from '../../src/scim/types.js';

const root = path.resolve(import.meta.dirname, '../..');
const config = resolveConfig({}, root);
let scenarios: LoadedScenario[] = [];

beforeAll(async () => {
  const loaded = await loadScenarios(['test/fixtures/transport'], { cwd: root, config });
  expect(loaded.issues).toEqual([]);
  scenarios = loaded.scenarios;
});

/** The report as JSON text without its timing fields (the only ones allowed to differ). */
function stable(report: ScenarioReport): string {
  const { timing: _timing, ...rest } = report;
  return toJson(rest);
}

async function reportWith(scenario: LoadedScenario, transport: ScimTransport): Promise<ScenarioReport> {
  return runScenario(scenario, { config, transport });
}

describe('transports: direct and nock give identical reports', () => {
  it('loads every fixture', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(16);
  });

  it.each(['direct', 'nock'] as const)('every fixture passes its expectations over %s', async (transport) => {
    for (const scenario of scenarios) {
      const report = await reportWith(scenario, transport);
      expect([scenario.name, report.status, report.failures]).toEqual([scenario.name, 'passed', []]);
    }
  });

  it('the fixtures exercise every kind of exchange the mock can produce', async () => {
    const exchanges = (await Promise.all(scenarios.map((s) => reportWith(s, 'direct')))).flatMap((r) => r.exchanges);
    const seen = new Set(exchanges.map((e) => e.error ?? `${e.method} ${e.status}`));
    for (const kind of ['reset', 'timeout', 'GET 200', 'POST 201', 'PATCH 200', 'PATCH 204', 'GET 401', 'GET 204', 'POST 429', 'POST 503']) {
      expect(seen, kind).toContain(kind);
    }
    expect(exchanges.some((e) => typeof e.responseBody === 'string' && e.status === 201), 'a malformed 201').toBe(true);
  });

  it('byte-identical reports (apart from timing) for every fixture', async () => {
    for (const scenario of scenarios) {
      const direct = await reportWith(scenario, 'direct');
      const nock = await reportWith(scenario, 'nock');
      expect(stable(direct), scenario.name).toBe(stable(nock));
    }
  });
});
