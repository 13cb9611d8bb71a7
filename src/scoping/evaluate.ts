/**
 * Evaluates scoping filters against one object's source attributes (entra-semantics.md §5):
 * clauses AND within a filter, filters OR, no filters ⇒ in scope. String comparisons are ordinal
 * and case-sensitive (§2.3, §11). Any clause on a null or empty value is false, except IS NULL
 * (§5.3 "Scoping filters will return false if the value is null / empty").
 */
import { InputError } from '../core/errors.js';
import { Complex, DateTime, renderScalar, type Value } from '../expr/value.js';
import { attributeIgnoringCase } from '../expr/compile.js';
import type { SourceAttributeValue } from '../source/types.js';
import { compileScopingFilters, type CompiledClause, type CompiledScopingFilters } from './compile.js';
import type { ScopingOptions } from './options.js';
import type { ScopingClauseResult, ScopingEvaluation, ScopingFilter, ScopingFilterResult } from './types.js';

/** An object's attributes as scoping reads them: raw source values or expression values. */
export type ScopingAttributes = Readonly<Record<string, SourceAttributeValue | Value | undefined>>;

/** A scalar as a clause compares it: integers stay integers so `05 EQUALS 5` can hold. */
type Comparable = string | boolean | bigint;

type ClauseOutcome = { passed: boolean; error?: { code: string; message: string } };

const INTEGER = /^[+-]?\d+$/;

/**
 * Evaluates scoping filters (public API). Accepts raw filters, compiled with `options` (an invalid
 * filter throws an {@link InputError} listing every issue), or filters from
 * {@link compileScopingFilters}, which carry the settings they were compiled with.
 */
export function evaluateScopingFilters(
  filters: readonly ScopingFilter[] | CompiledScopingFilters | undefined,
  attributes: ScopingAttributes,
  options: Partial<ScopingOptions> = {},
): ScopingEvaluation {
  const compiled = isCompiled(filters) ? filters : compileOrThrow(filters, options);
  const results: ScopingFilterResult[] = [];
  let error: ScopingEvaluation['error'];
  compiled.filters.forEach((filter, f) => {
    const clauses = filter.clauses.map((clause, c) => {
      const result = evaluateClause(clause, lookupAttribute(attributes, clause.attribute), compiled.options);
      if (result.error && !error) error = { ...result.error, filter: f, clause: c };
      return result;
    });
    results.push({ name: filter.name, passed: clauses.every((c) => c.passed), clauses });
  });
  const inScope = !error && (results.length === 0 || results.some((r) => r.passed));
  return { inScope, filters: results, ...(error ? { error } : {}) };
}

function isCompiled(filters: readonly ScopingFilter[] | CompiledScopingFilters | undefined): filters is CompiledScopingFilters {
  return !!filters && !Array.isArray(filters) && (filters as CompiledScopingFilters).kind === 'compiledScopingFilters';
}

function compileOrThrow(filters: readonly ScopingFilter[] | undefined, options: Partial<ScopingOptions>): CompiledScopingFilters {
  const result = compileScopingFilters(filters, options);
  if (!result.ok) throw InputError.fromIssues(result.issues);
  return result.compiled;
}

/**
 * Finds an attribute by its exact name, else case-insensitively. Directory-extension names
 * (`extension_<appId>_<name>`) are case-sensitive (entra-semantics.md §11) and only match exactly.
 */
export function lookupAttribute(attributes: ScopingAttributes, name: string): SourceAttributeValue | Value | undefined {
  if (Object.prototype.hasOwnProperty.call(attributes, name)) return attributes[name];
  return attributeIgnoringCase(attributes, name);
}

/** Evaluates one clause on the attribute's raw value. */
export function evaluateClause(clause: CompiledClause, raw: SourceAttributeValue | Value | undefined, options: ScopingOptions): ScopingClauseResult {
  const actual = comparable(raw);
  const base = {
    attribute: clause.attribute,
    operator: clause.operator.name,
    value: clause.display,
    actual: actual === null ? null : Array.isArray(actual) ? actual.map(render) : render(actual as Comparable),
    extension: clause.operator.extension,
  };
  const empty = actual === null || actual === '';
  if (clause.operator.kind === 'null') return { ...base, passed: clause.operator.expect === empty };
  if (empty) return { ...base, passed: false };
  let outcome: ClauseOutcome;
  if (Array.isArray(actual)) {
    const each = (actual as Comparable[]).filter((v) => v !== '').map((v) => test(clause, v, options));
    const failed = each.find((o) => o.error);
    const passed = options.multiValuedComparison === 'Any' ? each.some((o) => o.passed) : each.length > 0 && each.every((o) => o.passed);
    outcome = failed ?? { passed };
  } else {
    outcome = test(clause, actual as Comparable, options);
  }
  return { ...base, passed: outcome.passed, ...(outcome.error ? { error: outcome.error } : {}) };
}

/** A clause on one non-empty scalar; negated operators invert their positive form. */
function test(clause: CompiledClause, value: Comparable, options: ScopingOptions): ClauseOutcome {
  const outcome = positive(clause, value, options);
  if (outcome.error) return { passed: false, error: outcome.error };
  return { passed: clause.operator.negated ? !outcome.passed : outcome.passed };
}

function positive(clause: CompiledClause, value: Comparable, options: ScopingOptions): ClauseOutcome {
  const text = render(value);
  const operand = clause.values[0] ?? '';
  switch (clause.operator.kind) {
    case 'equals':
      return { passed: equals(value, operand) };
    case 'anyOf':
      return { passed: clause.values.some((v) => equals(value, v)) };
    case 'boolean':
      return { passed: asBoolean(value) === clause.operator.expect };
    case 'regex':
      return { passed: (clause.regex as RegExp).test(text) };
    case 'includes':
      return { passed: text.includes(operand) };
    case 'endsWith':
      return { passed: text.endsWith(operand) };
    case 'startsWith':
      return { passed: text.startsWith(operand) };
    case 'ampersand':
      if (options.ampersandOperator === 'contained') return { passed: operand.includes(text) };
      return integerTest(clause, value, options, (a, b) => (a & b) !== 0n);
    case 'integer':
      return integerTest(clause, value, options, compareWith(clause.operator.compare));
    case 'null':
      return { passed: false };
  }
}

function compareWith(op: CompiledClause['operator']['compare']): (a: bigint, b: bigint) => boolean {
  switch (op) {
    case 'gt':
      return (a, b) => a > b;
    case 'ge':
      return (a, b) => a >= b;
    case 'lt':
      return (a, b) => a < b;
    default:
      return (a, b) => a <= b;
  }
}

function integerTest(clause: CompiledClause, value: Comparable, options: ScopingOptions, holds: (a: bigint, b: bigint) => boolean): ClauseOutcome {
  const n = asInteger(value);
  if (n === undefined) {
    if (options.nonIntegerComparison === 'false') return { passed: false };
    // entra-semantics.md §5.3 / §9.2: Greater_Than on a non-integer is an invalid scoping filter.
    return {
      passed: false,
      error: {
        code: 'SCOPING_NOT_INTEGER_ATTRIBUTE',
        message: `${clause.attribute} ${clause.operator.name} ${clause.values[0] ?? ''}: the attribute value ${JSON.stringify(render(value))} is not an integer`,
      },
    };
  }
  return { passed: holds(n, clause.integer as bigint) };
}

function equals(value: Comparable, operand: string): boolean {
  if (typeof value === 'bigint' && INTEGER.test(operand)) return value === BigInt(operand);
  return render(value) === operand;
}

function asInteger(value: Comparable): bigint | undefined {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'string' && INTEGER.test(value)) return BigInt(value);
  return undefined;
}

/** IS TRUE / IS FALSE accept a Boolean, or its text in any casing (.NET `bool.Parse`). */
function asBoolean(value: Comparable): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  return undefined;
}

function render(value: Comparable): string {
  return typeof value === 'string' ? value : renderScalar(value);
}

/** Normalises a raw attribute: absent ⇒ null, integers ⇒ bigint, multi-valued ⇒ a list (empty ⇒ null). */
function comparable(raw: SourceAttributeValue | Value | undefined): Comparable | Comparable[] | null {
  if (raw === undefined || raw === null) return null;
  if (Array.isArray(raw)) {
    const list: Comparable[] = [];
    for (const item of raw as ReadonlyArray<SourceAttributeValue | Value>) {
      const v = comparable(item);
      if (v === null) continue;
      if (Array.isArray(v)) list.push(...v);
      else list.push(v as Comparable);
    }
    return list.length === 0 ? null : list;
  }
  if (typeof raw === 'string' || typeof raw === 'boolean' || typeof raw === 'bigint') return raw;
  if (typeof raw === 'number') return Number.isInteger(raw) ? BigInt(raw) : String(raw);
  if (raw instanceof DateTime || raw instanceof Complex) return raw.toString();
  return JSON.stringify(raw);
}
