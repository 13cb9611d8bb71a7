/**
 * Shared pieces of the hardening suites: a scenario document built from parts, and loading
 * scenario files into a temporary project.
 */
import { expect } from 'vitest';
import { configAt, tempDir } from '../scenario/helpers.js';
import { loadScenarios } from '../../src/scenario/load.js';
import type { ProvisionConfig } from '../../src/config/types.js';

/** The target every hardening scenario talks to. */
export const TARGET_URL = 'https://scim.example.test/scim/v2';

export interface ScenarioParts {
  name: string;
  /** The app's secret token. */
  token?: string;
  /** More user mappings (YAML flow mappings), after the matching userName mapping. */
  mappings?: string[];
  /** YAML flow mappings of scoping-filter clauses (one filter). */
  clauses?: string[];
  /** Extra attributes of the one source user, as YAML `key: value` pairs. */
  user?: string;
  /** YAML lines appended at the top level (target:, settings:, timeoutMs:…). */
  extra?: string;
  /** The expect block's flow mapping. */
  expect?: string;
}

/** One scenario document: a user alice@contoso.com provisioned to the mocked SCIM target. */
export function scenario(parts: ScenarioParts): string {
  const mappings = ['{ target: userName, source: userPrincipalName, match: 1 }', ...(parts.mappings ?? [])];
  const filters = parts.clauses ? `      scopingFilters:\n        - clauses: [${parts.clauses.join(', ')}]\n` : '';
  return [
    `name: ${parts.name}`,
    'app:',
    `  target: { url: ${TARGET_URL}, token: ${parts.token ?? 'tok-hardening-0001'} }`,
    '  objects:',
    '    user:',
    '      mappings:',
    ...mappings.map((m) => `        - ${m}`),
    filters.trimEnd(),
    'source:',
    `  users: [{ userPrincipalName: alice@contoso.com, assigned: true${parts.user ? `, ${parts.user}` : ''} }]`,
    'provision: { user: alice@contoso.com }',
    (parts.extra ?? '').trimEnd(),
    `expect: ${parts.expect ?? '{ result: success, action: create }'}`,
  ]
    .filter((line) => line !== '')
    .join('\n')
    .concat('\n');
}

/** Several documents in one stream. */
export const stream = (...documents: string[]) => documents.join('---\n');

/** Writes the files into a temporary project and loads them; the load must find no problem. */
export async function loadProject(files: Record<string, string>, config: ProvisionConfig = {}) {
  const dir = tempDir(files);
  const resolved = configAt(dir, config);
  const loaded = await loadScenarios(Object.keys(files).filter((f) => f.endsWith('.yaml')), { cwd: dir, config: resolved });
  expect(loaded.issues).toEqual([]);
  return { dir, config: resolved, scenarios: loaded.scenarios };
}
