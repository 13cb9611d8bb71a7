import { describe, expect, it } from 'vitest';
import { resolveSettings } from '../../src/config/settings.js';
import { readSchema, validatorFor } from '../../src/core/schema.js';
import { defaultMappingOptions } from '../../src/mapping/options.js';
import { defaultScopingOptions } from '../../src/scoping/options.js';

type Section = Record<string, { enum?: unknown[]; type?: string; description: string }>;
const schema = readSchema('settings.schema.json') as { properties: Record<string, { properties: Section }> };

describe.each([
  ['mapping', defaultMappingOptions],
  ['scoping', defaultScopingOptions],
] as const)('settings.%s', (name, defaults) => {
  const section = schema.properties[name]?.properties ?? {};

  it('the schema publishes exactly the options of options.ts', () => {
    expect(Object.keys(section).sort()).toEqual(Object.keys(defaults).sort());
  });

  it.each(Object.entries(defaults))('%s: the schema allows the default and names it', (key, value) => {
    const spec = section[key];
    expect(spec?.enum).toContain(value);
    expect(spec?.description).toContain(`Default ${String(value)}.`);
  });

  it('the defaults validate; an unknown value does not', async () => {
    const validate = await validatorFor('settings.schema.json');
    expect(validate({ [name]: defaults })).toBe(true);
    expect(validate({ [name]: { [Object.keys(defaults)[0] as string]: 'sometimes' } })).toBe(false);
  });

  it('layers key by key over the defaults', () => {
    const [key, value] = Object.entries(defaults)[0] as [string, unknown];
    const other = section[key]?.enum?.find((v) => v !== value);
    const resolved = resolveSettings({ [name]: { [key]: other } });
    expect(resolved[name]).toEqual({ ...defaults, [key]: other });
  });
});
