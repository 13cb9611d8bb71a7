import { describe, expect, it } from 'vitest';
import { readSchema, validatorFor } from '../../src/core/schema.js';
import { defaultScimOptions } from '../../src/scim/options.js';

describe('scim settings', () => {
  it('the published schema lists exactly the settings of ScimOptions', () => {
    const schema = readSchema('settings.schema.json') as { properties: { scim: { properties: Record<string, unknown> } } };
    expect(Object.keys(schema.properties.scim.properties).sort()).toEqual(Object.keys(defaultScimOptions).sort());
  });

  it('the defaults are valid settings', async () => {
    const validate = await validatorFor('settings.schema.json');
    expect(validate({ scim: defaultScimOptions })).toBe(true);
    expect(validate({ scim: { conflictErrorCode: 'Conflict' } })).toBe(false);
  });
});
