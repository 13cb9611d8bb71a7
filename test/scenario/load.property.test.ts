import { writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadScenarios } from '../../src/scenario/load.js';
import { tempDir } from './helpers.js';

const valid = `name: Base
tags: [users]
app:
  target: { url: https://scim.example.test/scim/v2, token: tok-123456 }
  objects:
    user:
      mappings:
        - { target: userName, source: userPrincipalName, match: 1 }
        - { target: active, expression: 'Switch([IsSoftDeleted], , "False", "True", "True", "False")' }
      scopingFilters:
        - clauses: [{ attribute: department, operator: EQUALS, value: Sales }]
source:
  users: [{ userPrincipalName: a@contoso.com, assigned: true }]
target: { users: [], faults: [{ on: any, status: 500, times: 1 }] }
provision: { user: a@contoso.com }
clock: 2026-01-01T00:00:00Z
expect:
  result: success
  steps: { match: { matches: 0 } }
  requests: [{ method: GET, path: '/Users?filter=userName eq "a"' }]
`;

/** A mutation of the text: delete, insert or replace a short span. */
const mutation = fc.record({
  at: fc.nat({ max: valid.length }),
  remove: fc.nat({ max: 6 }),
  insert: fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom(':', '- ', '\t', '"', "'", '[', '{', '&a', '*a', '!t ', '\n  ', '---\n', '#', '(', ')', 'null', '<<: *a')),
});

describe('loadScenarios on mutated files', () => {
  it('only ever returns coded issues, never throws, and every issue has a location or a file', async () => {
    const dir = tempDir();
    const file = path.join(dir, 's.yaml');
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (mutations) => {
        let text = valid;
        for (const m of mutations) text = text.slice(0, m.at) + m.insert + text.slice(m.at + m.remove);
        writeFileSync(file, text);
        const { scenarios, issues } = await loadScenarios(['s.yaml'], { cwd: dir });
        for (const issue of issues) {
          expect(issue.code).toMatch(/^[A-Z]+_[A-Z0-9_]+$/);
          expect(issue.location ?? issue.file).toBeTruthy();
        }
        expect(scenarios.length + issues.length).toBeGreaterThan(0);
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});
