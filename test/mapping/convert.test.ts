import { describe, expect, it } from 'vitest';
import { toTargetValue } from '../../src/mapping/convert.js';
import { isSchemaMismatch, resolveTarget } from '../../src/mapping/scim-schema.js';
import { parseTargetPath } from '../../src/mapping/target-path.js';
import { Complex, DateTime, type Value } from '../../src/expr/value.js';

function convert(target: string, value: Exclude<Value, null>, objectType: 'user' | 'group' = 'user') {
  const path = parseTargetPath(target);
  const resolved = resolveTarget(path, objectType);
  if (isSchemaMismatch(resolved)) throw new Error(resolved.message);
  return toTargetValue(value, path, resolved);
}

const at = new DateTime(Date.UTC(2012, 2, 23, 7, 0, 0));

describe('toTargetValue (entra-semantics.md §4.6)', () => {
  it.each([
    ['active', true, true],
    ['active', 'True', true],
    ['active', 'false', false],
    ['active', 'yes', 'yes'],
    ['displayName', true, 'True'],
    ['displayName', 42n, '42'],
    ['displayName', at, '3/23/2012 7:00:00 AM'],
    ['displayName', '', ''],
    ['roles[primary eq "True"].value', 'Admin', 'Admin'],
    ['displayName', ['only'], 'only'],
    ['emails', ['a@x.com', 'b@x.com'], [{ value: 'a@x.com' }, { value: 'b@x.com' }]],
    ['roles', [new Complex({ primary: true, value: 'Admin' })], [{ primary: true, value: 'Admin' }]],
    ['name', new Complex({ givenName: 'A' }), { givenName: 'A' }],
  ] as Array<[string, Exclude<Value, null>, unknown]>)('%s ← %o', (target, value, expected) => {
    expect(convert(target, value)).toEqual({ ok: true, value: expected });
  });

  it('group members stay a list of references', () => {
    expect(convert('members', ['u-1', 'u-2'], 'group')).toEqual({ ok: true, value: ['u-1', 'u-2'] });
  });

  it('an empty list is nothing to export', () => {
    expect(convert('displayName', [])).toEqual({ ok: true, value: null });
    expect(convert('emails', [])).toEqual({ ok: true, value: null });
  });

  it('several values into a single-valued target → SchemaPropertyCanOnlyAcceptValue', () => {
    expect(convert('emails[type eq "work"].value', ['a@x.com', 'b@x.com'])).toMatchObject({
      ok: false,
      errorCode: 'SchemaPropertyCanOnlyAcceptValue',
      reason: expect.stringContaining('emails[type eq "work"].value'),
    });
  });
});
