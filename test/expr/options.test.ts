import { describe, expect, it } from 'vitest';
import { readSchema, validatorFor } from '../../src/core/schema.js';
import { defaultExpressionOptions, resolveExpressionOptions } from '../../src/expr/index.js';

describe('expression settings', () => {
  const section = (readSchema('settings.schema.json') as { properties: { expression: { properties: Record<string, { enum?: unknown[]; type?: string; description: string }> } } })
    .properties.expression.properties;

  it('the schema publishes exactly the options of src/expr/options.ts', () => {
    expect(Object.keys(section).sort()).toEqual(Object.keys(defaultExpressionOptions).sort());
  });

  it.each(Object.entries(defaultExpressionOptions))('%s: the schema allows the default and names it', (key, value) => {
    const spec = section[key]!;
    if (spec.enum) expect(spec.enum).toContain(value);
    else expect(typeof value).toBe(spec.type);
    expect(spec.description).toContain(`Default ${String(value)}.`);
  });

  it('the defaults validate against the schema; a wrong value does not', async () => {
    const validate = await validatorFor('settings.schema.json');
    expect(validate({ expression: defaultExpressionOptions })).toBe(true);
    expect(validate({ expression: { midStartBeyondEnd: 'sometimes' } })).toBe(false);
  });

  it('resolveExpressionOptions ignores undefined keys', () => {
    expect(resolveExpressionOptions({ splitTrim: undefined as unknown as boolean, equality: 'numeric' })).toEqual({ ...defaultExpressionOptions, equality: 'numeric' });
  });
});
