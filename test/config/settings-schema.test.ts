import { describe, expect, it } from 'vitest';
import { defaultSettings, resolveSettings } from '../../src/config/settings.js';
import { readSchema } from '../../src/core/schema.js';

interface ObjectSchema {
  properties: Record<string, { properties?: Record<string, unknown> }>;
}

describe('settings schema', () => {
  const schema = readSchema('settings.schema.json') as unknown as ObjectSchema;

  it('publishes exactly the sections and keys the code defaults define', () => {
    const published = Object.fromEntries(
      Object.entries(schema.properties).map(([section, s]) => [section, Object.keys(s.properties ?? {}).sort()]),
    );
    const coded = Object.fromEntries(
      Object.entries(defaultSettings).map(([section, values]) => [section, Object.keys(values).sort()]),
    );
    expect(published).toEqual(coded);
  });

  it('layers later settings over earlier ones key by key', () => {
    const settings = resolveSettings({ scim: { retries: 2 } }, { scim: { timeoutMs: 5 } }, undefined);
    expect(settings.scim).toMatchObject({ retries: 2, timeoutMs: 5, patchDialect: 'auto' });
    expect(defaultSettings.scim.retries).toBe(0);
  });
});
