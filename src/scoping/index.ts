/**
 * Scoping: filters (entra-semantics.md §5) and scope rules (§6). The pipeline imports from here.
 */
export { compileScopingFilters, filterTitle, type CompiledClause, type CompiledFilter, type CompiledScopingFilters, type ScopingCompileResult } from './compile.js';
export { evaluateScopingFilters, evaluateClause, lookupAttribute, type ScopingAttributes } from './evaluate.js';
export { findScopingOperator, scopingOperators, type OperatorKind, type OperatorSpec } from './operators.js';
export { defaultScopingOptions, type ScopingOptions } from './options.js';
export {
  determineScope,
  type AssignmentInfo,
  type OutOfScopeReason,
  type ScopeDetermination,
  type ScopeRuleInput,
  type ScopeSubject,
} from './scope-rules.js';
export type * from './types.js';
