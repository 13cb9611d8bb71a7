import { isSchemaMismatch, resolveTarget } from '../../src/mapping/scim-schema.js';
import { parseTargetPath } from '../../src/mapping/target-path.js';
import type { MappedAttribute } from '../../src/mapping/types.js';
import type { ScimValue } from '../../src/scim/types.js';

/** A mapped value for `target`, resolved against the user (or group) schema. */
export function mappedValue(
  target: string,
  value: ScimValue,
  more: { objectType?: 'user' | 'group'; caseExact?: boolean; flow?: MappedAttribute['flow']; index?: number } = {},
): MappedAttribute {
  const path = parseTargetPath(target);
  const resolved = resolveTarget(path, more.objectType ?? 'user');
  if (isSchemaMismatch(resolved)) throw new Error(resolved.message);
  return {
    index: more.index ?? 0,
    target: path,
    resolved,
    value,
    caseExact: more.caseExact ?? resolved.definition.caseExact,
    flow: more.flow ?? 'always',
  };
}
