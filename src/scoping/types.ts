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
