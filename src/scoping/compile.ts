/**
 * Validates scoping filters once, before any object is evaluated: operators exist, binary
 * operators have a value, regexes compile, integer comparisons get integers. Every problem is an
 * {@link Issue} naming the filter and the clause, with a path the scenario loader maps to a YAML
 * location (`[filter, 'clauses', clause, 'value']`, relative to the `scopingFilters` list).
 */
import type { Issue } from '../core/errors.js';
import { findScopingOperator, type OperatorSpec } from './operators.js';
import { defaultScopingOptions, type ScopingOptions } from './options.js';
import { compileScopingRegex, ScopingRegexError } from './regex.js';
import type { ScopingClause, ScopingFilter } from './types.js';

/** A clause ready to evaluate. */
export interface CompiledClause {
  attribute: string;
  operator: OperatorSpec;
  /** Operand(s) as strings (booleans `True`/`False`); empty for unary operators. */
  values: string[];
  /** The operand as reports show it. */
  display: string | string[] | null;
  /** REGEX MATCH / NOT REGEX MATCH. */
  regex?: RegExp;
  /** Integer comparisons (and bitwise `&`). */
  integer?: bigint;
}

export interface CompiledFilter {
  name: string;
  clauses: CompiledClause[];
}

/** Scoping filters checked and compiled with the settings they were compiled under. */
export interface CompiledScopingFilters {
  readonly kind: 'compiledScopingFilters';
  readonly filters: readonly CompiledFilter[];
  readonly options: ScopingOptions;
}

export type ScopingCompileResult =
  | { ok: true; compiled: CompiledScopingFilters }
  | { ok: false; issues: Issue[] };

const INTEGER = /^[+-]?\d+$/;

/**
 * Attributes scoping filters do not support, lower-cased. known-issues.md "Unsupported scoping
 * filters": appRoleAssignments, userType, manager and date-type attributes, "for example"
 * StatusHireDate, startDate, endDate, StatusTerminationDate, accountExpires; the scoping page adds
 * the group `members` attribute (entra-semantics.md §5.2). `employeeHireDate` and
 * `employeeLeaveDateTime` are Entra's own date-typed user properties (inferred from "date-type").
 */
const UNSUPPORTED_ATTRIBUTES: ReadonlySet<string> = new Set(
  [
    'appRoleAssignments', 'userType', 'manager', 'members',
    'StatusHireDate', 'startDate', 'endDate', 'StatusTerminationDate', 'accountExpires',
    'employeeHireDate', 'employeeLeaveDateTime',
  ].map((name) => name.toLowerCase()),
);

/** The title step 3 shows for a filter. */
export function filterTitle(filter: Pick<ScopingFilter, 'name'>, index: number): string {
  return filter.name?.trim() ? filter.name.trim() : `Scoping filter ${index + 1}`;
}

/** Compiles scoping filters; returns every problem found rather than stopping at the first. */
export function compileScopingFilters(
  filters: readonly ScopingFilter[] | undefined,
  options: Partial<ScopingOptions> = {},
): ScopingCompileResult {
  const resolved: ScopingOptions = { ...defaultScopingOptions, ...options };
  const issues: Issue[] = [];
  const compiled: CompiledFilter[] = [];
  (filters ?? []).forEach((filter, f) => {
    const name = filterTitle(filter, f);
    if (!Array.isArray(filter.clauses) || filter.clauses.length === 0) {
      issues.push({
        code: 'SCOPING_EMPTY_FILTER',
        message: `scoping filter "${name}" has no clauses`,
        hint: 'add at least one clause, or remove the filter',
        path: [f, 'clauses'],
      });
      return;
    }
    const clauses: CompiledClause[] = [];
    filter.clauses.forEach((clause, c) => {
      const result = compileClause(clause, resolved, (code, message, hint, key) =>
        issues.push({ code, message: `scoping filter "${name}", clause ${c + 1}: ${message}`, hint, path: [f, 'clauses', c, key] }),
      );
      if (result) clauses.push(result);
    });
    compiled.push({ name, clauses });
  });
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, compiled: { kind: 'compiledScopingFilters', filters: compiled, options: resolved } };
}

type Report = (code: string, message: string, hint: string, key: 'attribute' | 'operator' | 'value') => void;

function compileClause(clause: ScopingClause, options: ScopingOptions, report: Report): CompiledClause | undefined {
  const attribute = typeof clause.attribute === 'string' ? clause.attribute.trim() : '';
  if (attribute === '') report('SCOPING_MISSING_ATTRIBUTE', 'the clause names no attribute', 'set attribute to a source attribute name', 'attribute');
  if (options.unsupportedAttributes === 'error' && UNSUPPORTED_ATTRIBUTES.has(attribute.toLowerCase())) {
    report(
      'SCOPING_UNSUPPORTED_ATTRIBUTE',
      `${attribute} is not supported in scoping filters (known issues: appRoleAssignments, userType, manager, date-type attributes and group members)`,
      'scope on another attribute (a directory extension holding the value), or set settings.scoping.unsupportedAttributes: evaluate',
      'attribute',
    );
  }
  const operator = typeof clause.operator === 'string' ? findScopingOperator(clause.operator) : undefined;
  if (!operator) {
    report(
      'SCOPING_UNKNOWN_OPERATOR',
      `unknown operator ${JSON.stringify(clause.operator)}`,
      'use EQUALS, NOT EQUALS, IS TRUE, IS FALSE, IS NULL, IS NOT NULL, REGEX MATCH, NOT REGEX MATCH, Greater_Than, Greater_Than_OR_EQUALS, Includes, ENDS_WITH, & or !&',
      'operator',
    );
    return undefined;
  }
  const label = `${attribute} ${operator.name}`;
  const raw = clause.value;
  if (operator.arity === 'unary') {
    if (raw !== undefined && raw !== null && raw !== '') {
      report('SCOPING_UNEXPECTED_VALUE', `${label} takes no value, but one is given`, `remove the value of the ${operator.name} clause`, 'value');
    }
    return attribute ? { attribute, operator, values: [], display: null } : undefined;
  }
  if (raw === undefined || raw === null) {
    report('SCOPING_MISSING_VALUE', `${label} needs a value`, `set value for the ${operator.name} clause`, 'value');
    return undefined;
  }
  if (Array.isArray(raw) && operator.arity !== 'list') {
    report('SCOPING_UNEXPECTED_LIST', `${label} takes one value, not a list`, 'use IS ANY OF for a list, or one value', 'value');
    return undefined;
  }
  const values = (Array.isArray(raw) ? raw : [raw]).map(operandText);
  if (operator.arity === 'list' && values.length === 0) {
    report('SCOPING_MISSING_VALUE', `${label} needs at least one value`, 'list the values', 'value');
    return undefined;
  }
  const first = values[0] as string;
  const out: CompiledClause = { attribute, operator, values, display: operator.arity === 'list' ? values : first };
  const integerOperand = operator.kind === 'integer' || (operator.kind === 'ampersand' && options.ampersandOperator === 'bitwise');
  if (integerOperand) {
    if (!INTEGER.test(first)) {
      // entra-semantics.md §5.3: "The value specified on the scoping filter must be an integer".
      report('SCOPING_NOT_INTEGER', `${label} compares integers, but the value ${JSON.stringify(first)} is not one`, 'write an integer such as 1000000', 'value');
      return undefined;
    }
    out.integer = BigInt(first);
  }
  if (operator.kind === 'regex') {
    try {
      out.regex = compileScopingRegex(first, options.regexAnchoring);
    } catch (error) {
      if (!(error instanceof ScopingRegexError)) throw error;
      const at = error.offset === undefined ? '' : ` (at offset ${error.offset})`;
      report(error.code, `the pattern ${JSON.stringify(first)} is not usable: ${error.message}${at}`, 'write a .NET regular expression that JavaScript can also run (see docs/scoping.md)', 'value');
      return undefined;
    }
  }
  return attribute ? out : undefined;
}

/** Filter values are literal strings (§5.3); numbers and booleans written in YAML become their text. */
function operandText(value: string | number | boolean): string {
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  return String(value);
}
