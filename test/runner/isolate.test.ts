import { describe, expect, it } from 'vitest';
import type { AppDefinition } from '../../src/app/types.js';
import { runsUserRegex } from '../../src/runner/isolate.js';

const app = (user: Partial<NonNullable<AppDefinition['objects']['user']>>, group?: NonNullable<AppDefinition['objects']['group']>): AppDefinition => ({
  target: { url: 'https://scim.example.test/scim/v2', token: 't' },
  objects: { user: { mappings: [{ target: 'userName', source: 'userPrincipalName', match: 1 }], ...user }, ...(group ? { group } : {}) },
});

describe('runsUserRegex: which apps run a regex the user wrote', () => {
  it.each([
    ['a direct mapping only', app({}), false],
    ['a REGEX MATCH clause', app({ scopingFilters: [{ clauses: [{ attribute: 'department', operator: 'REGEX MATCH', value: '^S' }] }] }), true],
    ['a NOT REGEX MATCH clause', app({ scopingFilters: [{ clauses: [{ attribute: 'department', operator: 'NOT REGEX MATCH', value: '^S' }] }] }), true],
    ['an EQUALS clause', app({ scopingFilters: [{ clauses: [{ attribute: 'department', operator: 'EQUALS', value: 'Sales' }] }] }), false],
    ['Replace with a regexPattern', app({ mappings: [{ target: 'userName', expression: 'Replace([mail], , "(?<u>.*)@.*", , "${u}", , )', match: 1 }] }), true],
    ['replace written in lower case, nested', app({ mappings: [{ target: 'userName', expression: 'ToLower(replace([mail], , "(a+)+$", , "", , ))' }] }), true],
    ['Replace with an oldValue only', app({ mappings: [{ target: 'userName', expression: 'Replace([mail], "@contoso.com", , , "@fabrikam.com", , )' }] }), false],
    ['a constant that says Replace', app({ mappings: [{ target: 'title', constant: 'Replace(x, , "a", , "", , )' }] }), false],
    ['an expression that does not parse', app({ mappings: [{ target: 'title', expression: 'Replace([mail], , "a"' }] }), false],
    [
      'a group scoping regex',
      app({}, { mappings: [{ target: 'displayName', source: 'displayName', match: 1 }], scopingFilters: [{ clauses: [{ attribute: 'displayName', operator: 'REGEX MATCH', value: '^Eng' }] }] }),
      true,
    ],
  ] as [string, AppDefinition, boolean][])('%s → %s', (_name, definition, expected) => {
    expect(runsUserRegex(definition)).toBe(expected);
  });
});
