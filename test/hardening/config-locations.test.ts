/**
 * Config problems point at `file:line:col` like scenario problems: schema issues and problems of
 * apps defined in the config, in TypeScript, JSON and package.json configs.
 */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { formatIssue, InputError } from '../../src/core/errors.js';
import { loadScenarios } from '../../src/scenario/load.js';
import { scenarioYaml, tempDir } from '../scenario/helpers.js';

async function configIssues(files: Record<string, string>): Promise<string[]> {
  const error = await loadConfig({ cwd: tempDir(files) }).then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(InputError);
  return (error as InputError).issues.map((i) => `${i.code} ${i.location ? `${i.location.file}:${i.location.line}:${i.location.column}` : `${i.file} -`}`);
}

const ts = `// Comments, strings and nesting must not confuse the reader: seed: 'no'
const defineConfig = (config: object) => config;

export default defineConfig({
  reporters: ['default', /* not: */ 'xml'],
  seed: 'forty-two',
  apps: { contoso: { target: { url: 'https://a.test', token: 'super-secret-token' }, colour: 1 } },
  limits: { maxAliases: -1 },
});
`;

describe('config problems are located', () => {
  it('in a TypeScript config: keys, array items and nested values; secrets masked in the frames', async () => {
    const error = await loadConfig({ cwd: tempDir({ 'provision.config.ts': ts }) }).then(() => undefined, (e: unknown) => e as InputError);
    const issues = error!.issues;
    expect(issues.map((i) => `${i.code} ${i.location?.line}:${i.location?.column}`).sort()).toEqual([
      'CONFIG_INVALID_VALUE 5:37',
      'CONFIG_MISSING_KEY 7:20',
      'CONFIG_OUT_OF_RANGE 8:25',
      'CONFIG_UNKNOWN_KEY 7:86',
      'CONFIG_WRONG_TYPE 6:9',
    ]);
    const printed = issues.map(formatIssue).join('\n');
    expect(printed).not.toContain('super-secret-token');
    expect(printed).toMatch(/^\s+> 6 \|   seed: 'forty-two',$/m);
  });

  it('in a JSON config and in the provision key of package.json', async () => {
    expect(await configIssues({ 'provision.config.json': '{\n  "seed": 1,\n  "jobs": 0\n}\n' })).toEqual(['CONFIG_OUT_OF_RANGE provision.config.json:3:11']);
    expect(await configIssues({ 'package.json': '{\n  "name": "x",\n  "provision": { "bail": "yes" }\n}\n' })).toEqual(['CONFIG_WRONG_TYPE package.json:3:26']);
  });

  it('for an app defined in the config, at the expression inside the config file', async () => {
    const config = `export default {\n  apps: {\n    contoso: {\n      target: { url: 'https://a.test' },\n      objects: { user: { mappings: [{ target: 'userName', expression: 'Join(', match: 1 }] } },\n    },\n  },\n};\n`;
    const dir = tempDir({ 'provision.config.ts': config, 's.yaml': scenarioYaml('x').replace(/app:\n(  .*\n)+/, 'app: contoso\n') });
    const loaded = await loadScenarios(['s.yaml'], { cwd: dir, config: await loadConfig({ cwd: dir }) });
    expect(loaded.issues.map((i) => `${i.code} ${i.location?.file}:${i.location?.line}:${i.location?.column}`)).toEqual(['EXPR_UNCLOSED_CALL provision.config.ts:5:71']);
  });

  it.each([
    ['a JSON syntax error', { 'provision.config.json': '{\n  "seed": 7,\n  "reporters": ["default" "json"]\n}\n' }, 'CONFIG_LOAD_FAILED provision.config.json:3:27'],
    ['an error thrown while the config runs', { 'provision.config.ts': "const need = (n: string): string => {\n  throw new Error(`${n} is not set`);\n};\nexport default { outDir: need('OUT') };\n" }, 'CONFIG_LOAD_FAILED provision.config.ts:2:9'],
  ])('for %s', async (_title, files, expected) => {
    expect(await configIssues(files)).toEqual([expected]);
  });
});
