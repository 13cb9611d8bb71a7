import { parse, parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { rewriteExpectations } from '../../src/scenario/update.js';

const head = `# yaml-language-server: $schema=../schema/scenario.schema.json
name: a   # aligned comment stays as written
tags: [users,create]
app: contoso
provision: { user: alice@contoso.com }
`;

describe('rewriteExpectations', () => {
  it('sets failing paths, keeping comments, key order and every byte outside expect', () => {
    const text = `${head}expect:
  # what the portal shows
  result: success   # was Success
  steps:
    match: { status: success, matches: 0 }   # no match
  action: create
other: kept
`;
    const { text: out, issues } = rewriteExpectations(text, 's.yaml', [
      { index: 0, name: 'a', updates: [{ path: ['steps', 'match', 'matches'], value: 1 }, { path: ['action'], value: 'update' }] },
    ]);
    expect(issues).toEqual([]);
    expect(out).toBe(`${head}expect:
  # what the portal shows
  result: success # was Success
  steps:
    match: { status: success, matches: 1 } # no match
  action: update
other: kept
`);
  });

  it('writes a full block where expect is missing, empty or null, in flow style for small leaves', () => {
    const block = {
      result: 'success',
      steps: { match: { status: 'success', matches: 0 } },
      requests: [{ method: 'POST', path: '/Users', status: 201, body: { userName: 'alice@contoso.com', active: true, emails: [{ type: 'work', value: 'alice@contoso.com' }] } }],
    };
    const text = `name: a\napp: x\nprovision: { user: a }\n---\nname: b\nexpect:\n---\nname: c\nexpect: {}\n# trailing\n`;
    const { text: out } = rewriteExpectations(text, 's.yaml', ['a', 'b', 'c'].map((name, index) => ({ index, name, updates: [{ path: [], value: block } ] })));
    const docs = parseAllDocuments(out);
    expect(Array.isArray(docs) && docs.map((d) => d.toJS().expect)).toEqual([block, block, block]);
    expect(out).toContain(`expect:
  result: success
  steps:
    match: { status: success, matches: 0 }
  requests:
    - method: POST
      path: /Users
      status: 201
      body:
        userName: alice@contoso.com
        active: true
        emails:
          - { type: work, value: alice@contoso.com }
`);
    expect(out).toContain('# trailing');
    expect(out.startsWith('name: a\napp: x\nprovision: { user: a }\nexpect:\n')).toBe(true);
  });

  it('keeps strings that look like booleans as strings', () => {
    const { text } = rewriteExpectations('name: a\nexpect: { result: success }\n', 's.yaml', [
      { index: 0, name: 'a', updates: [{ path: ['steps'], value: { action: { attributes: { active: 'False', count: '2' } } } }] },
    ]);
    expect(parse(text).expect.steps.action.attributes).toEqual({ active: 'False', count: '2' });
  });

  it('leaves a document alone when the file changed since loading', () => {
    const text = 'name: renamed\nexpect: { result: success }\n';
    const { text: out, issues } = rewriteExpectations(text, 's.yaml', [{ index: 0, name: 'a', updates: [{ path: ['result'], value: 'failure' }] }]);
    expect(out).toBe(text);
    expect(issues.map((i) => i.code)).toEqual(['SCENARIO_UPDATE_CONFLICT']);
  });

  it('rewrites a flow-style document as a whole', () => {
    const { text } = rewriteExpectations('{ name: a, expect: { result: success } }\n', 's.yaml', [{ index: 0, name: 'a', updates: [{ path: ['result'], value: 'skipped' }] }]);
    expect(parse(text)).toEqual({ name: 'a', expect: { result: 'skipped' } });
  });
});
