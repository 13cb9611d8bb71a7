/**
 * Compiles an object mapping once per run (entra-semantics.md §4): infers each mapping's type,
 * parses its target path and expression, looks the target up in the SCIM schema, orders the
 * matching attributes by precedence, and collects the source attributes the Import step reads.
 * Every problem is an {@link Issue} whose `path` starts with the mapping's index in the list
 * (`[2, 'target']`), so the scenario loader can point at the YAML; `location`, when present, is
 * the line and column inside that field's text (a target path or an expression).
 */
import type { Issue } from '../core/errors.js';
import { compileExpression, ExpressionSyntaxError, walkExpression, type CompiledExpression, type ExpressionOptions } from '../expr/index.js';
import { defaultMappingOptions, type MappingOptions } from './options.js';
import { isSchemaMismatch, resolveTarget, type ResolvedTarget, type ScimObjectType } from './scim-schema.js';
import { parseTargetPath, TargetPathError, type TargetPath } from './target-path.js';
import type { ApplyMode, AttributeMapping, MappingType } from './types.js';

/** One mapping, checked and ready to evaluate. */
export interface CompiledMapping {
  /** Index in the object mapping's list. */
  index: number;
  /** The mapping as written. */
  mapping: AttributeMapping;
  type: MappingType;
  target: TargetPath;
  resolved: ResolvedTarget;
  /** Direct (a compiled `[source]`) and Expression mappings. */
  expression?: CompiledExpression;
  /** Constant mappings. */
  constant?: string;
  /** "Default value if null" (create only). */
  default?: string;
  apply: ApplyMode;
  /** Matching precedence (1 first); absent for other mappings. */
  match?: number;
  /** The mapping's `required`, else the schema's (`userName`). */
  required: boolean;
  /** The mapping's `caseExact`, else the schema's. */
  caseExact: boolean;
  /** Source attributes the mapping reads. */
  sourceAttributes: readonly string[];
}

/** An object mapping compiled for one object type. */
export interface CompiledObjectMapping {
  objectType: ScimObjectType;
  mappings: readonly CompiledMapping[];
  /** Matching attributes, lowest precedence number first (§4.3). */
  matching: readonly CompiledMapping[];
  /** Every source attribute any mapping reads, first-seen order: what Import fetches. */
  sourceAttributes: readonly string[];
  options: MappingOptions;
}

export type MappingCompileResult = { ok: true; compiled: CompiledObjectMapping } | { ok: false; issues: Issue[] };

export interface CompileMappingOptions {
  mapping?: Partial<MappingOptions>;
  expression?: Partial<ExpressionOptions>;
}

const APPLY_MODES: readonly ApplyMode[] = ['always', 'create', 'MultiValueAddOnly', 'ValueAddOnly', 'AttributeAddOnly'];

/** Compiles the attribute mappings of one object type; returns every problem found. */
export function compileObjectMapping(
  objectMapping: { mappings: readonly AttributeMapping[] },
  objectType: ScimObjectType,
  options: CompileMappingOptions = {},
): MappingCompileResult {
  const resolvedOptions: MappingOptions = { ...defaultMappingOptions, ...options.mapping };
  const issues: Issue[] = [];
  const compiled: CompiledMapping[] = [];
  const byKey = new Map<string, number>();
  const byPrecedence = new Map<number, number>();

  objectMapping.mappings.forEach((mapping, index) => {
    const report = (code: string, message: string, hint: string, field: string, column?: number) =>
      issues.push({ code, message: `mapping ${index + 1} (${describe(mapping)}): ${message}`, hint, path: [index, field], ...(column ? { location: { line: 1, column } } : {}) });

    const target = parseTarget(mapping.target, report);
    const resolved = target ? resolveChecked(target, objectType, resolvedOptions, report) : undefined;
    if (target) {
      const first = byKey.get(target.key);
      if (first !== undefined) {
        report('MAPPING_DUPLICATE_TARGET', `another mapping (mapping ${first + 1}) already writes ${target.text}`, 'keep one mapping per target attribute', 'target');
      } else byKey.set(target.key, index);
    }

    const type = mappingType(mapping, report);
    const apply = mapping.apply ?? 'always';
    if (!APPLY_MODES.includes(apply)) report('MAPPING_INVALID_APPLY', `unknown apply mode ${JSON.stringify(apply)}`, `use one of ${APPLY_MODES.join(', ')}`, 'apply');

    let expression: CompiledExpression | undefined;
    if (type === 'expression' && typeof mapping.expression === 'string') expression = compileText(mapping.expression, options.expression, index, issues);
    if (type === 'direct' && typeof mapping.source === 'string') {
      const name = mapping.source.trim();
      expression = compileExpression({ kind: 'attribute', name, begin: 0, end: name.length + 2 }, options.expression);
    }

    if (expression && target?.kind === 'manager' && usesFunction(expression, 'Switch')) {
      // entra-semantics.md §3 Switch, §4.5 (functions-for-customizing-application-data.md, Switch):
      // "The function shouldn't be used for referential attributes such as manager."
      report('MAPPING_SWITCH_ON_REFERENCE', `Switch cannot feed the reference attribute ${target.text}`, 'map the manager directly (source: manager), or use IIF', 'expression');
    }
    const match = checkMatch(mapping, target, expression, byPrecedence, index, report);
    if (match !== undefined && type === 'none') {
      report('MAPPING_MATCH_WITHOUT_SOURCE', 'a None mapping cannot be a matching attribute', 'give the mapping a source or an expression', 'match');
    }
    if (!target || !resolved || !type) return;
    compiled.push({
      index,
      mapping,
      type,
      target,
      resolved,
      ...(expression ? { expression } : {}),
      ...(type === 'constant' ? { constant: String(mapping.constant) } : {}),
      ...(mapping.default !== undefined ? { default: mapping.default } : {}),
      apply,
      ...(match !== undefined ? { match } : {}),
      required: mapping.required ?? resolved.definition.required,
      caseExact: mapping.caseExact ?? resolved.definition.caseExact,
      sourceAttributes: expression ? expression.attributes : [],
    });
  });

  if (objectMapping.mappings.length > 0 && byPrecedence.size === 0 && !issues.some((i) => i.code.startsWith('MAPPING_MATCH'))) {
    // §4.2: "At least one matching attribute must exist."
    issues.push({
      code: 'MAPPING_NO_MATCHING_ATTRIBUTE',
      message: `the ${objectType} mapping has no matching attribute`,
      hint: 'set match: 1 on the mapping whose target identifies the object (userName for users, displayName for groups)',
      path: [],
    });
  }
  if (issues.length > 0) return { ok: false, issues };
  const matching = compiled.filter((m) => m.match !== undefined).sort((a, b) => (a.match as number) - (b.match as number));
  const sourceAttributes = [...new Set(compiled.flatMap((m) => m.sourceAttributes))];
  return { ok: true, compiled: { objectType, mappings: compiled, matching, sourceAttributes, options: resolvedOptions } };
}

type Report = (code: string, message: string, hint: string, field: string, column?: number) => void;

function describe(mapping: AttributeMapping): string {
  return typeof mapping.target === 'string' && mapping.target.trim() ? mapping.target.trim() : 'no target';
}

function parseTarget(text: unknown, report: Report): TargetPath | undefined {
  try {
    return parseTargetPath(typeof text === 'string' ? text : '');
  } catch (error) {
    if (!(error instanceof TargetPathError)) throw error;
    report(error.code, error.message, error.hint ?? '', 'target', error.column);
    return undefined;
  }
}

function resolveChecked(target: TargetPath, objectType: ScimObjectType, options: MappingOptions, report: Report): ResolvedTarget | undefined {
  const resolved = resolveTarget(target, objectType);
  if (isSchemaMismatch(resolved)) {
    report(resolved.code, resolved.message, resolved.hint, 'target');
    return undefined;
  }
  if (!resolved.known && options.unknownTargetAttributes === 'reject') {
    report('MAPPING_UNKNOWN_ATTRIBUTE', `${target.text} is not an attribute of the SCIM ${objectType} schema`, 'map a schema attribute, or set mapping.unknownTargetAttributes: allow', 'target');
    return undefined;
  }
  return resolved;
}

/** Explicit `type`, else inferred from which of expression / constant / source is set (§4.1). */
function mappingType(mapping: AttributeMapping, report: Report): MappingType | undefined {
  const given = (['source', 'constant', 'expression'] as const).filter((k) => mapping[k] !== undefined);
  const inferred: MappingType = given[0] === 'expression' ? 'expression' : given[0] === 'constant' ? 'constant' : given[0] === 'source' ? 'direct' : 'none';
  const type = mapping.type ?? inferred;
  if (given.length > 1) {
    report('MAPPING_AMBIGUOUS_TYPE', `sets ${given.join(' and ')}`, 'set exactly one of source, constant or expression', given[1] as string);
    return undefined;
  }
  const needs: Record<MappingType, keyof AttributeMapping | undefined> = { direct: 'source', constant: 'constant', expression: 'expression', none: undefined };
  const field = needs[type];
  if (field && (mapping[field] === undefined || (typeof mapping[field] === 'string' && (mapping[field] as string).trim() === '' && field !== 'constant'))) {
    report('MAPPING_MISSING_SOURCE', `a ${type} mapping needs ${field}`, `set ${field}, or change the mapping type`, field);
    return undefined;
  }
  if (type === 'none' && given.length > 0) {
    report('MAPPING_AMBIGUOUS_TYPE', `is a None mapping but sets ${given[0]}`, 'remove it, or change the mapping type', given[0] as string);
    return undefined;
  }
  return type;
}

function compileText(text: string, options: Partial<ExpressionOptions> | undefined, index: number, issues: Issue[]): CompiledExpression | undefined {
  try {
    return compileExpression(text, options);
  } catch (error) {
    if (!(error instanceof ExpressionSyntaxError)) throw error;
    const hint = error.hint ?? 'correct the expression; `provision eval` shows what an expression evaluates to';
    issues.push({ ...error.toIssue(), message: `mapping ${index + 1}: ${error.message}`, hint, path: [index, 'expression'] });
    return undefined;
  }
}

function checkMatch(
  mapping: AttributeMapping,
  target: TargetPath | undefined,
  expression: CompiledExpression | undefined,
  byPrecedence: Map<number, number>,
  index: number,
  report: Report,
): number | undefined {
  if (mapping.match === undefined || mapping.match === null) return undefined;
  const match = mapping.match;
  if (!Number.isInteger(match) || match < 1) {
    report('MAPPING_MATCH_PRECEDENCE', `matching precedence ${JSON.stringify(match)} is not a positive integer`, 'use 1 for the attribute tried first, 2 for the next', 'match');
    return undefined;
  }
  const other = byPrecedence.get(match);
  if (other !== undefined) {
    report('MAPPING_MATCH_PRECEDENCE', `mapping ${other + 1} already has matching precedence ${match}`, 'give each matching attribute its own precedence', 'match');
  } else byPrecedence.set(match, index);
  if (target && (target.kind === 'manager' || target.kind === 'members' || target.kind === 'objectFilter')) {
    report('MAPPING_MATCH_ON_REFERENCE', `${target.text} cannot be a matching attribute`, 'match on an attribute the target can filter on, such as userName', 'match');
  }
  if (expression && usesFunction(expression, 'SelectUniqueValue')) {
    // entra-semantics.md §4.3: "SelectUniqueValue may not be used on matching attributes".
    report('MAPPING_MATCH_SELECT_UNIQUE_VALUE', 'SelectUniqueValue cannot feed a matching attribute', 'match on another attribute, or drop SelectUniqueValue here', 'expression');
  }
  return match;
}

/** Whether the expression calls the function anywhere (names are canonical after parsing). */
function usesFunction(expression: CompiledExpression, name: string): boolean {
  let found = false;
  walkExpression(expression.ast, (node) => {
    if (node.kind === 'call' && node.name === name) found = true;
  });
  return found;
}
