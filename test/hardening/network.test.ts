/**
 * Network isolation: during a run the only host a request can reach is the scenario's mocked
 * target, and that host is only ever intercepted: a real server listening there never sees a
 * connection. Every other host fails inside the process as a coded error, in-process and on
 * worker threads alike.
 *
 * test/setup.ts already refuses the network (loopback allowed); these tests open it completely
 * first, so what they observe is the runner's own isolation.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runScenarios } from '../../src/runner/run.js';
import { runOnDemand as probingPipeline } from './fixtures/probing-pipeline.js';
import { loadProject, scenario } from './helpers.js';

let server: Server;
let connections = 0;
let origin = '';

beforeAll(async () => {
  server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/scim+json' });
    res.end('{"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":0,"Resources":[]}');
  });
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  connections = 0;
  nock.enableNetConnect();
});

afterEach(() => {
  delete process.env['PROVISION_TEST_OTHER_HOST'];
  nock.disableNetConnect();
  nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
});

const pipelineModule = new URL('./fixtures/probing-pipeline.ts', import.meta.url).href;

describe('network isolation', () => {
  it('the probe server really answers when nothing isolates the network', async () => {
    const response = await fetch(`${origin}/scim/v2/Users`);
    expect(response.status).toBe(200);
    expect(connections).toBe(1);
  });

  it.each([
    ['in-process', 1],
    ['on worker threads', 2],
  ])('%s, a request to another host fails as SCIM_NET_CONNECT_BLOCKED and never leaves the process', async (_title, jobs) => {
    process.env['PROVISION_TEST_OTHER_HOST'] = `${origin}/scim/v2`;
    const { config, scenarios } = await loadProject({ 's.yaml': [scenario({ name: 'one' }), scenario({ name: 'two' })].join('---\n') });
    const summary = await runScenarios(scenarios, jobs === 1 ? { config, pipeline: probingPipeline } : { config, jobs, pipelineModule });
    expect(summary.scenarios.map((s) => s.error?.code)).toEqual(['SCIM_NET_CONNECT_BLOCKED', 'SCIM_NET_CONNECT_BLOCKED']);
    expect(summary.scenarios[0]!.error?.message).toContain('requests may only reach the mocked target');
    expect(connections).toBe(0);
  });

  it('a scenario whose target is a live server talks only to the mock: the server sees no connection', async () => {
    const doc = scenario({ name: 'live host', expect: '{ result: success, action: create, target: { users: [{ userName: alice@contoso.com }] } }' }).replace(
      'https://scim.example.test/scim/v2',
      `${origin}/scim/v2`,
    );
    const { config, scenarios } = await loadProject({ 's.yaml': doc });
    const summary = await runScenarios(scenarios, { config });
    expect(summary.scenarios[0]!.status).toBe('passed');
    expect(summary.scenarios[0]!.exchanges.map((x) => `${x.method} ${x.status}`)).toEqual(['GET 200', 'GET 200', 'POST 201']);
    expect(connections).toBe(0);
  });
});
