import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { scenarioLines } from '../../src/report/console.js';
import { explainLines } from '../../src/report/explain.js';
import { colors } from '../../src/report/format.js';
import { createReporters } from '../../src/report/registry.js';
import { runScenario, runScenarios } from '../../src/runner/run.js';
import { loadScenarios } from '../../src/scenario/load.js';
import { runOnDemand as fixturePipeline } from '../runner/fixture-pipeline.js';
import { configAt, scenarioYaml, tempDir } from '../scenario/helpers.js';

async function explain(who: string, extra: string) {
  const dir = tempDir({ 's.yaml': scenarioYaml('Explained', extra).replace('alice@contoso.com }', `${who} }`) });
  const config = configAt(dir);
  const loaded = await loadScenarios(['s.yaml'], { cwd: dir, config });
  return explainLines(await runScenario(loaded.scenarios[0]!, { config, pipeline: fixturePipeline }));
}

describe('explainLines', () => {
  it('tells the run as the portal shows it: numbered cards, view details, requests, result, expectations', async () => {
    const lines = await explain('a', 'expect: { result: success, action: create }\n');
    expect(lines.slice(0, 43)).toEqual([
        'Provision on demand · user a',
        'Explained · s.yaml:1 · app (scim app) · seed 42 · clock 2026-01-01T00:00:00Z',
        '',
        '1. Test connection — Success  (not shown in the portal when it succeeds)',
        '   The test connection to the target system succeeded.',
        '   View details',
        '     Test request: GET /Users?filter=userName eq "5d6e2f41-0b1c-4c4a-9a36-1f0f0f0f0f0f"',
        '   Requests',
        '     GET /Users?filter=userName eq "5d6e2f41-0b1c-4c4a-9a36-1f0f0f0f0f0f" → 200',
        '       response  {"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":0,"Resources":[]}',
        '',
        '2. Import user — Success',
        '   Retrieved alice@contoso.com from the source system.',
        '   View details',
        '     userPrincipalName  alice@contoso.com',
        '     displayName        Alice Smith',
        '     mail               alice@contoso.com',
        '     IsSoftDeleted      False',
        '',
        '3. Determine if user is in scope — Success',
        '   alice@contoso.com is in scope.',
        '   View details',
        '     ✓ Active in source system: True',
        '     ✓ Assigned to application: True',
        '',
        '4. Match user between source and target system — Success',
        '   No matching user was found in the target system.',
        '   View details',
        '     userName eq "alice@contoso.com" → 0 matches',
        '   Requests',
        '     GET /Users?filter=userName eq "alice@contoso.com" → 200',
        '       response  {"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":0,"Resources":[]}',
        '',
        '5. Perform action — Success',
        '   The user was created in the target system.',
        '   View details',
        '     Action: Create',
        '     userName                      alice@contoso.com',
        '     active                        True',
        '     displayName                   Alice Smith',
        '     emails[type eq "work"].value  alice@contoso.com',
        '     userName: (none) → alice@contoso.com',
        '   Requests',
      ]);
    expect(lines[43]).toBe('     POST /Users → 201');
    expect(lines.slice(-2)).toEqual(['Result: Success · Create', 'Expectations: all met']);
  });

  it('shows the error of a failed step with the recommended action, and the unmet expectations', async () => {
    const lines = await explain('conflict', 'expect: { result: success }\n');
    const text = lines.join('\n');
    expect(text).toContain('5. Perform action — Failure\n   The user could not be created.');
    expect(text).toContain('   Error: SystemForCrossDomainIdentityManagementConflict\n     Failed to create User alice@contoso.com');
    expect(text).toContain('     Recommended action: Fix the conflicting value in the target, or match the existing account.');
    expect(lines.slice(-5)).toEqual([
      'Result: Failure · Create · SystemForCrossDomainIdentityManagementConflict',
      'Expectations: 1 not met',
      '  expect.result differs  s.yaml:9:11',
      '    expected  "success"',
      '    actual    "failure"',
    ]);
  });

  it('explains a scenario without expectations without calling it a failure', async () => {
    const lines = await explain('a', '');
    expect(lines.at(-1)).toBe('Expectations: none written (provision run --update records this outcome)');
  });

  it('tells the reason and the recommended action of a run that ends before any step, in explain and on the console', async () => {
    const dir = tempDir({ 's.yaml': scenarioYaml('Nobody', 'source: { users: [{ userPrincipalName: bob@contoso.com }] }\nexpect: { result: success }\n') });
    const config = configAt(dir);
    const loaded = await loadScenarios(['s.yaml'], { cwd: dir, config });
    const report = await runScenario(loaded.scenarios[0]!, { config });
    expect(report.steps).toEqual([]);
    const lines = explainLines(report);
    expect(lines.slice(3, 6)).toEqual([
      'Result: Failure · No action · SubjectNotFound',
      '  no user in the source matches "alice@contoso.com"',
      '  Recommended action: Search by a value the object has: first or last name, display name, user principal name, mail or object id.',
    ]);
    expect(scenarioLines(report, colors(false)).slice(0, 3)).toEqual([
      expect.stringMatching(/^✗ Nobody · Failure {2}s\.yaml:1 \d+ ms$/),
      '    SubjectNotFound: no user in the source matches "alice@contoso.com"',
      '    expect.result differs  s.yaml:10:11',
    ]);
  });

  it('the markdown and html reports also tell the reason of a run that ends before any step', async () => {
    const dir = tempDir({ 's.yaml': scenarioYaml('Nobody', 'source: { users: [{ userPrincipalName: bob@contoso.com }] }\nexpect: { result: success }\n') });
    const config = configAt(dir);
    const loaded = await loadScenarios(['s.yaml'], { cwd: dir, config });
    const outDir = path.join(dir, 'reports');
    const reporters = createReporters(['markdown', 'html'], { outDir, output: { line: () => {} }, color: false, env: {}, cwd: dir });
    await runScenarios(loaded.scenarios, { config, reporters });
    expect(readFileSync(path.join(outDir, 'summary.md'), 'utf8')).toContain('SubjectNotFound: no user in the source matches "alice@contoso.com"');
    expect(readFileSync(path.join(outDir, 'report.html'), 'utf8')).toContain('SubjectNotFound: no user in the source matches &quot;alice@contoso.com&quot;');
  });

  it('explains an error instead of steps', async () => {
    const lines = await explain('crash', '');
    expect(lines.slice(3)).toEqual(['PIPELINE_BUG something broke']);
  });
});
