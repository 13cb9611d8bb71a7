/**
 * The scoping-filter operators (entra-semantics.md §5.2): the fourteen the Entra docs list and
 * five extensions users ask for that no document mentions (§13 ?34), each marked as such.
 */
import type { ScopingOperator } from './types.js';

/** How an operator compares. */
export type OperatorKind =
  | 'equals'
  | 'boolean'
  | 'null'
  | 'regex'
  | 'integer'
  | 'includes'
  | 'endsWith'
  | 'startsWith'
  | 'ampersand'
  | 'anyOf';

export interface OperatorSpec {
  /** Documented spelling (Graph `operatorName`). */
  name: ScopingOperator;
  /** `unary` takes no value; `list` takes one or more values. */
  arity: 'unary' | 'binary' | 'list';
  kind: OperatorKind;
  /** NOT EQUALS, NOT REGEX MATCH, `!&`, IS NONE OF: the negation of their positive form (on a non-empty value). */
  negated: boolean;
  /** For `integer`: the comparison. For `boolean`/`null`: the value tested for. */
  compare?: 'gt' | 'ge' | 'lt' | 'le';
  expect?: boolean;
  /** Not in any Entra document. */
  extension: boolean;
}

const spec = (name: ScopingOperator, arity: OperatorSpec['arity'], kind: OperatorKind, more: Partial<OperatorSpec> = {}): OperatorSpec => ({
  name,
  arity,
  kind,
  negated: false,
  extension: false,
  ...more,
});

/** Every operator, documented ones first, in the order of the Entra page. */
export const scopingOperators: readonly OperatorSpec[] = [
  spec('&', 'binary', 'ampersand'),
  spec('!&', 'binary', 'ampersand', { negated: true }),
  spec('ENDS_WITH', 'binary', 'endsWith'),
  spec('EQUALS', 'binary', 'equals'),
  spec('Greater_Than', 'binary', 'integer', { compare: 'gt' }),
  spec('Greater_Than_OR_EQUALS', 'binary', 'integer', { compare: 'ge' }),
  spec('Includes', 'binary', 'includes'),
  spec('IS FALSE', 'unary', 'boolean', { expect: false }),
  spec('IS NOT NULL', 'unary', 'null', { expect: false }),
  spec('IS NULL', 'unary', 'null', { expect: true }),
  spec('IS TRUE', 'unary', 'boolean', { expect: true }),
  spec('NOT EQUALS', 'binary', 'equals', { negated: true }),
  spec('NOT REGEX MATCH', 'binary', 'regex', { negated: true }),
  spec('REGEX MATCH', 'binary', 'regex'),
  spec('Less_Than', 'binary', 'integer', { compare: 'lt', extension: true }),
  spec('Less_Than_OR_EQUALS', 'binary', 'integer', { compare: 'le', extension: true }),
  spec('IS ANY OF', 'list', 'anyOf', { extension: true }),
  spec('IS NONE OF', 'list', 'anyOf', { negated: true, extension: true }),
  spec('STARTS_WITH', 'binary', 'startsWith', { extension: true }),
];

/** Spelling-insensitive key: `Greater_Than`, `GREATER THAN` and `greater_than` are one operator. */
function normalise(name: string): string {
  return name.trim().toUpperCase().replace(/[\s_]+/g, ' ');
}

const byKey = new Map(scopingOperators.map((op) => [normalise(op.name), op]));

/** Finds an operator by any casing and with spaces or underscores; undefined when unknown. */
export function findScopingOperator(name: string): OperatorSpec | undefined {
  return byKey.get(normalise(name));
}
