import { readFileSync } from 'node:fs';
import path from 'node:path';
import { glob } from 'tinyglobby';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { scenarioTemplate } from '../../src/cli/commands/init.js';
import { validateConfig } from '../../src/config/load.js';
import { validatorFor } from '../../src/core/schema.js';
import '../../src/scenario/schema.js';

const root = path.resolve(import.meta.dirname, '../..');

/** Every scenario the project ships or documents: bundled scenarios, the init template, docs examples. */
async function shippedScenarios(): Promise<Array<{ where: string; value: unknown; schema: string }>> {
  const out: Array<{ where: string; value: unknown; schema: string }> = [];
  const files = await glob(['scenarios/**/*.{yaml,yml}', 'test/scenario/fixtures/valid/*.yaml', 'test/scenario/fixtures/apps/contoso.app.yaml'], { cwd: root });
  for (const file of files.sort()) {
    const docs = parseAllDocuments(readFileSync(path.join(root, file), 'utf8'));
    for (const [i, doc] of (Array.isArray(docs) ? docs : []).entries()) {
      const value = doc.toJS();
      if (value === null) continue;
      out.push({ where: `${file}#${i}`, value, schema: /\.app\.ya?ml$/.test(file) ? 'app.schema.json' : 'scenario.schema.json' });
    }
  }
  out.push({ where: 'provision init template', value: parseAllDocuments(scenarioTemplate)[0]?.toJS(), schema: 'scenario.schema.json' });
  const docs = readFileSync(path.join(root, 'docs/scenarios.md'), 'utf8');
  for (const [i, block] of [...docs.matchAll(/```yaml\n([\s\S]*?)```/g)].entries()) {
    const value = parseAllDocuments(block[1]!)[0]?.toJS() as Record<string, unknown> | undefined;
    if (value && 'name' in value) out.push({ where: `docs/scenarios.md block ${i + 1}`, value, schema: 'scenario.schema.json' });
  }
  return out;
}

describe('published schemas', () => {
  it('compile under Ajv strict mode', async () => {
    for (const id of ['scenario.schema.json', 'app.schema.json', 'config.schema.json']) {
      await expect(validatorFor(id)).resolves.toBeTypeOf('function');
    }
  });

  it('accept every scenario the project ships or documents', async () => {
    const all = await shippedScenarios();
    expect(all.length).toBeGreaterThan(3);
    for (const { where, value, schema } of all) {
      const validate = await validatorFor(schema);
      expect(validate(value) ? [] : validate.errors, where).toEqual([]);
    }
  });

  it('type the reserved keys of a source user and leave the rest free-form', async () => {
    const validate = await validatorFor('scenario.schema.json');
    const base = { name: 'x', app: 'a', provision: { user: 'a' } };
    expect(validate({ ...base, source: { users: [{ userPrincipalName: 'a', extension_abc_costCenter: 12, nested: { a: [1] } }] } })).toBe(true);
    expect(validate({ ...base, source: { users: [{ accountEnabled: 'yes' }] } })).toBe(false);
    expect(validate.errors?.[0]).toMatchObject({ instancePath: '/source/users/0/accountEnabled', keyword: 'type' });
  });

  it('accept a clock as an instant or as { at, stepMs }, nothing else', async () => {
    const validate = await validatorFor('scenario.schema.json');
    const base = { name: 'x', app: 'a', provision: { user: 'a' } };
    expect(validate({ ...base, clock: '2026-01-01T00:00:00Z' })).toBe(true);
    expect(validate({ ...base, clock: { at: '2026-01-01T00:00:00Z', stepMs: 5 } })).toBe(true);
    expect(validate({ ...base, clock: { stepMs: 5 } })).toBe(false);
    expect(validate({ ...base, clock: 'tomorrow' })).toBe(false);
  });
});

describe('config schema: apps use the app schema', () => {
  it('accepts a path and a valid inline app', async () => {
    const app = { target: { url: 'https://a.test' }, objects: { user: { mappings: [{ target: 'userName', source: 'userPrincipalName' }] } } };
    expect(await validateConfig({ apps: { a: 'apps/a.yaml', b: app } })).toEqual([]);
  });

  it('rejects an unknown key inside an inline app, with its path', async () => {
    const issues = await validateConfig({ apps: { b: { target: { url: 'x', tokn: 'y' }, objects: {} } } }, 'provision.config.ts');
    expect(issues.map((i) => [i.code, i.path])).toEqual([['CONFIG_UNKNOWN_KEY', ['apps', 'b', 'target', 'tokn']]]);
  });

  it('rejects an empty app path', async () => {
    const issues = await validateConfig({ apps: { b: '' } });
    expect(issues.map((i) => i.code)).toEqual(['CONFIG_OUT_OF_RANGE']);
  });
});
