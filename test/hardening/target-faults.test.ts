/**
 * Target faults at scenario level: one scenario per fault, each ending with the Entra error code
 * docs/scim.md documents (entra-scim-wire.md §9, §12), a readable reason quoting the exchange,
 * no crash, and healthy scenarios between them on the same host unaffected.
 */
import { describe, expect, it } from 'vitest';
import { runScenarios } from '../../src/runner/run.js';
import { loadProject, scenario, stream } from './helpers.js';

interface FaultCase {
  title: string;
  fault: string;
  code: string;
  /** The step that fails. */
  step: 'testConnection' | 'match' | 'action';
  /** Text the reason must contain. */
  reason: string;
  extra?: string;
}

const cases: FaultCase[] = [
  { title: '401', fault: "{ on: 'POST /Users', status: 401 }", code: 'Unauthorized', step: 'action', reason: 'returned HTTP 401 Unauthorized' },
  { title: '401 at test connection', fault: '{ on: testConnection, status: 401 }', code: 'CredentialValidationFailure', step: 'testConnection', reason: 'StatusCode: Unauthorized' },
  { title: '403', fault: "{ on: 'POST /Users', status: 403 }", code: 'InsufficientRights', step: 'action', reason: 'returned HTTP 403 Forbidden' },
  { title: '404 on a query', fault: "{ on: 'GET /Users?*', nth: 2, status: 404 }", code: 'ServiceIncompatible', step: 'match', reason: 'SCIM compliance issue: HTTP/404 Not Found' },
  {
    title: '404 on the matched object',
    fault: "{ on: 'PATCH /Users/*', status: 404 }",
    code: 'InvalidAnchor',
    step: 'action',
    reason: 'returned HTTP 404 Not Found',
    extra: 'users: [{ id: u-1, userName: alice@contoso.com, displayName: Old }]',
  },
  { title: '405', fault: "{ on: 'POST /Users', status: 405 }", code: 'MethodNotAllowed', step: 'action', reason: 'returned HTTP 405 Method Not Allowed' },
  { title: '409', fault: "{ on: 'POST /Users', status: 409 }", code: 'EntryConflict', step: 'action', reason: 'StatusCode: Conflict' },
  { title: '422', fault: "{ on: 'POST /Users', status: 422 }", code: 'UnprocessableEntity', step: 'action', reason: 'returned HTTP 422 Unprocessable Entity' },
  { title: '429 with Retry-After', fault: "{ on: 'POST /Users', status: 429, headers: { Retry-After: '120' } }", code: 'TooManyRequests', step: 'action', reason: 'StatusCode: TooManyRequests' },
  { title: '500', fault: "{ on: 'POST /Users', status: 500 }", code: 'InternalServerError', step: 'action', reason: 'returned HTTP 500 Internal Server Error' },
  { title: '501', fault: "{ on: 'POST /Users', status: 501 }", code: 'NotImplemented', step: 'action', reason: 'returned HTTP 501 Not Implemented' },
  { title: '503', fault: "{ on: 'POST /Users', status: 503 }", code: 'WebExceptionProtocolError', step: 'action', reason: 'returned HTTP 503 Service Unavailable' },
  { title: 'timeout', fault: "{ on: 'POST /Users', error: timeout }", code: 'Timeout', step: 'action', reason: 'got no answer' },
  { title: 'a delay past the client timeout', fault: "{ on: 'POST /Users', delayMs: 60000 }", code: 'Timeout', step: 'action', reason: 'got no answer' },
  { title: 'connection reset', fault: "{ on: 'POST /Users', error: reset }", code: 'WebExceptionProtocolError', step: 'action', reason: 'ECONNRESET' },
  { title: 'unparseable JSON', fault: "{ on: 'POST /Users', error: malformed }", code: 'ServiceIncompatible', step: 'action', reason: 'the body is not JSON' },
  {
    title: 'wrong content type (an HTML page)',
    fault: "{ on: 'POST /Users', status: 201, headers: { Content-Type: text/html }, body: '<html><body>Sign in</body></html>' }",
    code: 'ServiceIncompatible',
    step: 'action',
    reason: 'Web Response: <html><body>Sign in</body></html>',
  },
];

const faulty = (c: FaultCase) =>
  scenario({
    name: `"fault: ${c.title}"`,
    mappings: ['{ target: displayName, constant: Alice }'],
    extra: `target:\n${c.extra ? `  ${c.extra}\n` : ''}  faults: [${c.fault}]`,
    expect: `{ result: failure, error: { code: ${c.code} }, steps: { ${c.step}: { status: failure } } }`,
  });
const healthy = (n: number) => scenario({ name: `healthy ${n}`, expect: '{ result: success, action: create, target: { users: [{ userName: alice@contoso.com }] } }' });

describe('target faults', () => {
  it('each fault gives its documented Entra code and a readable reason; healthy scenarios between them pass', async () => {
    const documents = cases.flatMap((c, i) => [faulty(c), healthy(i)]);
    const { config, scenarios } = await loadProject({ 's.yaml': stream(...documents) });
    const summary = await runScenarios(scenarios, { config });
    const byName = new Map(summary.scenarios.map((r) => [r.name, r]));
    for (const c of cases) {
      const report = byName.get(`fault: ${c.title}`)!;
      expect({ title: c.title, status: report.status, failures: report.failures.map((f) => f.message) }).toEqual({ title: c.title, status: 'passed', failures: [] });
      const reason = report.outcome?.error?.reason ?? '';
      expect(reason, c.title).toContain(c.reason);
      expect(reason, c.title).toMatch(/^(StatusCode: \w+\n)?Message: [A-Z].+\.$/m);
      expect(report.outcome?.error?.errorCode).toBe(`SystemForCrossDomainIdentityManagement${c.code}`);
    }
    for (let i = 0; i < cases.length; i++) expect(byName.get(`healthy ${i}`)?.status).toBe('passed');
    expect(summary.exitCode).toBe(0);
  });

  it('a 429 is retried after Retry-After when retries are allowed: the wait is simulated, the second POST succeeds', async () => {
    const doc = scenario({
      name: 'throttled once',
      extra: "settings: { scim: { retries: 1 } }\ntarget:\n  faults: [{ on: 'POST /Users', status: 429, times: 1, headers: { Retry-After: '3600' } }]",
      expect: "{ result: success, action: create, requests: [{ method: POST, status: 429 }, { method: POST, status: 201 }] }",
    });
    const { config, scenarios } = await loadProject({ 's.yaml': doc });
    const [report] = (await runScenarios(scenarios, { config })).scenarios;
    expect(report!.failures).toEqual([]);
    expect(report!.status).toBe('passed');
  });

  it('a JSON body with a lenient content type is read (the client does not insist on application/scim+json)', async () => {
    const doc = scenario({
      name: 'json as text/plain',
      extra: "target:\n  faults: [{ on: 'POST /Users', status: 201, headers: { Content-Type: text/plain }, body: { id: u-9, userName: alice@contoso.com } }]",
      expect: '{ result: success, action: create }',
    });
    const { config, scenarios } = await loadProject({ 's.yaml': doc });
    expect((await runScenarios(scenarios, { config })).scenarios[0]!.status).toBe('passed');
  });
});
