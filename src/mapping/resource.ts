/**
 * Builds the attributes of a SCIM resource for a create from the mapped values
 * (entra-scim-wire.md §4): sub-attributes nest (`name: {givenName}`), filtered paths become
 * elements of a multi-valued complex attribute (`emails: [{primary: true, type: "work", value}]`),
 * booleans stay booleans (`active: true` on create), enterprise and custom extension attributes go
 * inside an object under their schema URN. References (`manager`, group `members`) are not part of
 * a create: the engine writes them afterwards (§6, §7). The SCIM client adds `schemas` and `meta`.
 */
import type { ScimValue } from '../scim/types.js';
import { defaultMappingOptions, type MappingOptions } from './options.js';
import type { ScimAttributeDefinition } from './scim-schema.js';
import type { ValueFilter } from './target-path.js';
import type { MappedAttribute } from './types.js';

type JsonObject = { [key: string]: ScimValue };

/** The `type` Entra gives an app-role element of `roles`. */
const APP_ROLE_TYPE = 'WindowsAzureActiveDirectoryRole';

/** The resource's attributes for a create (no `schemas`, no `meta`). */
export function buildResourceContent(mapped: readonly MappedAttribute[], options: Partial<MappingOptions> = {}): JsonObject {
  const { primaryValue } = { ...defaultMappingOptions, ...options };
  const out: JsonObject = {};
  const built = new Map<ScimValue[], ScimAttributeDefinition>();
  for (const m of mapped) {
    const { target, resolved } = m;
    const leafName = nameOf(resolved.definition, target);
    switch (target.kind) {
      case 'objectFilter':
      case 'manager':
      case 'members':
        continue;
      case 'simple':
        out[leafName] = m.value;
        break;
      case 'subAttribute':
        objectAt(out, nameOf(resolved.parent, target))[leafName] = m.value;
        break;
      case 'filtered': {
        const list = listAt(out, nameOf(resolved.parent, target));
        built.set(list, resolved.parent);
        const element = elementFor(list, target.filter, resolved.parent);
        // The documented SingleAppRoleAssignment create: {primary: true, type: "WindowsAzureActiveDirectoryRole", value: "Admin"}.
        if (m.appRole && resolved.parent.name === 'roles' && !('type' in element)) element['type'] = APP_ROLE_TYPE;
        element[leafName] = m.value;
        break;
      }
      case 'extension': {
        const extension = objectAt(out, target.schema);
        if (target.subAttribute === undefined) extension[leafName] = m.value;
        else objectAt(extension, nameOf(resolved.parent, target))[leafName] = m.value;
        break;
      }
    }
  }
  for (const [list, parent] of built) markPrimary(list, parent, primaryValue);
  return out;
}

/** The schema's spelling for known attributes; the mapping's own for the others. */
function nameOf(definition: ScimAttributeDefinition, target: MappedAttribute['target']): string {
  if (definition.name) return definition.name;
  return 'attribute' in target ? target.attribute : target.text;
}

function objectAt(parent: JsonObject, key: string): JsonObject {
  const existing = parent[key];
  if (existing && typeof existing === 'object' && !Array.isArray(existing)) return existing;
  const created: JsonObject = {};
  parent[key] = created;
  return created;
}

function listAt(parent: JsonObject, key: string): ScimValue[] {
  const existing = parent[key];
  if (Array.isArray(existing)) return existing;
  const created: ScimValue[] = [];
  parent[key] = created;
  return created;
}

/** The element a value filter selects, created with the filter's attribute when absent. */
function elementFor(list: ScimValue[], filter: ValueFilter, parent: ScimAttributeDefinition): JsonObject {
  const definition = parent.subAttributes?.find((s) => s.name.toLowerCase() === filter.attribute.toLowerCase());
  const key = definition?.name ?? filter.attribute;
  const value = typedFilterValue(filter.value, definition);
  const found = list.find((e): e is JsonObject => isObject(e) && sameFilterValue(e[key], value));
  if (found) return found;
  const created: JsonObject = { [key]: value };
  list.push(created);
  return created;
}

/** `primary eq "True"` selects `primary: true`: the filter's literal typed like the sub-attribute. */
export function typedFilterValue(value: ValueFilter['value'], definition: ScimAttributeDefinition | undefined): ScimValue {
  if (definition?.type === 'boolean' && typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  return value;
}

/** SCIM `eq` on a caseExact:false sub-attribute such as `type` ignores case. */
export function sameFilterValue(actual: unknown, expected: ScimValue): boolean {
  if (typeof actual === 'string' && typeof expected === 'string') return actual.toLowerCase() === expected.toLowerCase();
  if (typeof expected === 'boolean' && typeof actual === 'string') return actual.toLowerCase() === String(expected);
  return actual === expected;
}

function markPrimary(list: ScimValue[], parent: ScimAttributeDefinition, rule: MappingOptions['primaryValue']): void {
  if (rule === 'none' || !parent.subAttributes?.some((s) => s.name === 'primary')) return;
  const elements = list.filter(isObject);
  if (elements.some((e) => e.primary === true)) return;
  const chosen = rule === 'first' ? elements[0] : elements.find((e) => typeof e.type === 'string' && e.type.toLowerCase() === 'work');
  if (!chosen) return;
  // Rebuilt so `primary` comes first, as in the SCIM doc's create request.
  const index = list.indexOf(chosen);
  list[index] = { primary: true, ...chosen };
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
