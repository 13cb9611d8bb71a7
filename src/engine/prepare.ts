/**
 * What a run compiles once per object mapping: the attribute mappings, the scoping filters, and
 * the facts the pipeline keeps asking (which mappings read IsSoftDeleted, which are role mappings,
 * which write the manager or the members). Compiled mappings are cached by content and settings,
 * so the scenarios of one app (and repeated runs of one scenario, the benchmark) compile once.
 */
import type { AppTemplate, ObjectMapping, TargetObjectAction } from '../app/types.js';
import type { Settings } from '../config/settings.js';
import { CompileCache } from '../core/compile-cache.js';
import type { Issue } from '../core/errors.js';
import { walkExpression } from '../expr/index.js';
import { compileObjectMapping, type CompiledMapping, type CompiledObjectMapping } from '../mapping/index.js';
import { compileScopingFilters, type CompiledScopingFilters } from '../scoping/compile.js';

/** One object type's mapping, ready to run. */
export interface PreparedObject {
  objectType: 'user' | 'group';
  compiled: CompiledObjectMapping;
  filters: CompiledScopingFilters;
  actions: ReadonlySet<TargetObjectAction>;
  /** Source attributes Import shows: those the mappings read, then those the scoping filters read. */
  importAttributes: readonly string[];
  /** Mapping indexes that read IsSoftDeleted and apply on updates: evaluated with it true, they disable (§6.1). */
  softDelete: ReadonlySet<number>;
  /** Mapping indexes that provision app roles (not supported on demand). */
  roles: ReadonlySet<number>;
  /** The manager reference mapping, when there is one. */
  manager?: CompiledMapping;
  /** Whether group membership is mapped (`members`). */
  members: boolean;
  /** The SelectUniqueValue mappings, whose candidates are looked up in the target first. */
  unique: readonly CompiledMapping[];
}

export type PrepareResult = { ok: true; prepared: PreparedObject } | { ok: false; issues: Issue[] };

const ROLE_FUNCTIONS = new Set(['AppRoleAssignmentsComplex', 'AssertiveAppRoleAssignmentsComplex']);
const DEFAULT_ACTIONS: readonly TargetObjectAction[] = ['create', 'update', 'delete'];

const cache = new CompileCache<ObjectMapping, Settings, PrepareResult>();
const settingsKeys = new WeakMap<Settings, string>();

/**
 * Compiles (or fetches from the cache) one object mapping under the run's settings. The cache
 * knows a mapping by its content, so the scenarios of one app — and a worker thread's copies of
 * them — compile it once.
 */
export function prepareObject(mapping: ObjectMapping, objectType: 'user' | 'group', settings: Settings): PrepareResult {
  return cache.get(mapping, settings, objectType, compileSettingsKey, () => compile(mapping, objectType, settings));
}

/** The settings a compiled mapping depends on, as a cache key (computed once per settings object). */
export function compileSettingsKey(settings: Settings): string {
  let key = settingsKeys.get(settings);
  if (key === undefined) {
    key = `${JSON.stringify(settings.mapping)}|${JSON.stringify(settings.expression)}|${JSON.stringify(settings.scoping)}`;
    settingsKeys.set(settings, key);
  }
  return key;
}

function compile(mapping: ObjectMapping, objectType: 'user' | 'group', settings: Settings): PrepareResult {
  const compiledMapping = compileObjectMapping(mapping, objectType, { mapping: settings.mapping, expression: settings.expression });
  const filters = compileScopingFilters(mapping.scopingFilters, settings.scoping);
  const issues: Issue[] = [
    ...(compiledMapping.ok ? [] : compiledMapping.issues.map((i) => ({ ...i, path: ['mappings', ...(i.path ?? [])] }))),
    ...(filters.ok ? [] : filters.issues.map((i) => ({ ...i, path: ['scopingFilters', ...(i.path ?? [])] }))),
  ];
  if (!compiledMapping.ok || !filters.ok) return { ok: false, issues };
  const compiled = compiledMapping.compiled;

  const softDelete = new Set<number>();
  const roles = new Set<number>();
  let manager: CompiledMapping | undefined;
  for (const m of compiled.mappings) {
    // A disable is an update: a mapping applied "Only during object creation" never carries it.
    if (m.apply !== 'create' && m.sourceAttributes.some((a) => a.toLowerCase() === 'issoftdeleted')) softDelete.add(m.index);
    if (isRoleMapping(m)) roles.add(m.index);
    if (m.target.kind === 'manager') manager = m;
  }
  const filterAttributes = (mapping.scopingFilters ?? []).flatMap((f) => f.clauses.map((c) => c.attribute));
  return {
    ok: true,
    prepared: {
      objectType,
      compiled,
      filters: filters.compiled,
      actions: new Set(mapping.actions ?? DEFAULT_ACTIONS),
      importAttributes: [...new Set([...compiled.sourceAttributes, ...filterAttributes])],
      softDelete,
      roles,
      ...(manager ? { manager } : {}),
      members: compiled.mappings.some((m) => m.target.kind === 'members'),
      unique: compiled.mappings.filter((m) => m.expression?.ast.kind === 'call' && m.expression.ast.name === 'SelectUniqueValue'),
    },
  };
}

/**
 * Issues the app's template raises against a prepared mapping (not cached: the mapping cache knows
 * content, not the app). SelectUniqueValue "is currently only supported for Workday to Active
 * Directory User Provisioning. It cannot be used with other provisioning applications"
 * (functions-for-customizing-application-data.md; §3 adds SuccessFactors): setting
 * `engine.selectUniqueValue`. Paths are below the object mapping, as compile issues are.
 */
export function templateIssues(prepared: PreparedObject, template: AppTemplate, settings: Settings): Issue[] {
  if (settings.engine.selectUniqueValue === 'anyApp' || template === 'workday' || template === 'successFactors') return [];
  return prepared.unique.map((m) => ({
    code: 'MAPPING_SELECT_UNIQUE_VALUE_UNSUPPORTED',
    message: `SelectUniqueValue is supported only by the Workday and SuccessFactors to Active Directory apps, not by a ${template} app`,
    hint: 'generate the value without SelectUniqueValue, or set settings.engine.selectUniqueValue: anyApp',
    path: ['mappings', m.index, 'expression'],
  }));
}

/** A target under `roles`, or an expression built on the app-role-assignment functions. */
function isRoleMapping(m: CompiledMapping): boolean {
  const target = m.target;
  if ((target.kind === 'simple' || target.kind === 'filtered' || target.kind === 'subAttribute') && target.attribute.toLowerCase() === 'roles') return true;
  if (!m.expression) return false;
  let found = false;
  walkExpression(m.expression.ast, (node) => {
    if (node.kind === 'call' && ROLE_FUNCTIONS.has(node.name)) found = true;
  });
  return found;
}
