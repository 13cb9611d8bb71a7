/**
 * Scoping filters (entra-semantics.md §5): clauses AND within a filter, filters OR.
 */

/** Operators the Entra docs list (portal spellings; Graph uses the same strings). */
export type DocumentedScopingOperator =
  | 'EQUALS'
  | 'NOT EQUALS'
  | 'IS TRUE'
  | 'IS FALSE'
  | 'IS NULL'
  | 'IS NOT NULL'
  | 'REGEX MATCH'
  | 'NOT REGEX MATCH'
  | 'Greater_Than'
  | 'Greater_Than_OR_EQUALS'
  | 'Includes'
  | 'ENDS_WITH'
  | '&'
  | '!&';

/** Operators users ask for that no Entra document lists (§13 ?34). Marked as extensions in reports. */
export type ExtensionScopingOperator = 'Less_Than' | 'Less_Than_OR_EQUALS' | 'IS ANY OF' | 'IS NONE OF' | 'STARTS_WITH';

export type ScopingOperator = DocumentedScopingOperator | ExtensionScopingOperator;

/** One clause: `{attribute} {operator} {value}`. */
export interface ScopingClause {
  /** Source attribute name (Graph `sourceOperandName`). */
  attribute: string;
  /** Operator (Graph `operatorName`). */
  operator: ScopingOperator;
  /**
   * The operand (Graph `targetOperand.values`). Absent for unary operators; a list for
   * `IS ANY OF` / `IS NONE OF`.
   */
  value?: string | number | boolean | Array<string | number>;
}

/** One scoping filter (Graph `filterGroup`). */
export interface ScopingFilter {
  /** The title shown in on-demand step 3. @default 'Scoping filter {n}' */
  name?: string;
  /** Clauses, all of which must hold. */
  clauses: ScopingClause[];
}

/** The result of one clause, as step 3 lists it. */
export interface ScopingClauseResult {
  /** Source attribute name. */
  attribute: string;
  /** Operator in its documented spelling (`NOT EQUALS`, `Greater_Than`). */
  operator: ScopingOperator;
  /** The clause's operand as written; null for unary operators. */
  value: string | string[] | null;
  /** The attribute's value as compared (booleans `True`/`False`); null when absent. */
  actual: string | string[] | null;
  passed: boolean;
  /** The operator is not in any Entra document (Less_Than, IS ANY OF, …). */
  extension: boolean;
  /** Set when the clause could not be evaluated (e.g. Greater_Than on a non-integer). */
  error?: { code: string; message: string };
}

/** The result of one scoping filter: all of its clauses must pass. */
export interface ScopingFilterResult {
  /** The filter's title (`Scoping filter 1` when it has none). */
  name: string;
  passed: boolean;
  clauses: ScopingClauseResult[];
}

/** `evaluateScopingFilters` result: in scope when there are no filters or any filter passes. */
export interface ScopingEvaluation {
  inScope: boolean;
  filters: ScopingFilterResult[];
  /** The first clause that could not be evaluated: the scope step fails as invalid scoping. */
  error?: { code: string; message: string; filter: number; clause: number };
}
