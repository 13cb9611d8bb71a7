/**
 * Scoping settings for behaviour the Entra docs leave open (entra-semantics.md §5.3, §13 ?1, ?3,
 * ?4, ?33). docs/scoping.md explains each default.
 */
export interface ScopingOptions {
  /**
   * REGEX MATCH anchoring: `whole` requires the whole value to match, `substring` accepts a match
   * anywhere (.NET `IsMatch`). The docs' own examples only hold for whole-value matching (§5.3).
   * @default 'whole'
   */
  regexAnchoring: 'whole' | 'substring';
  /**
   * What `&` / `!&` test. `contained`: the attribute's value occurs in the clause's string value
   * (the documented wording: "the evaluated attribute exists in the input string value");
   * `bitwise`: both are integers and `attribute & value` is non-zero (§13 ?3).
   * @default 'contained'
   */
  ampersandOperator: 'contained' | 'bitwise';
  /**
   * Greater_Than (and the other integer comparisons) on an attribute value that is not an integer:
   * `error` makes the scope step fail as an invalid scoping filter (on-demand troubleshooting
   * treats it as a configuration error, §9.2); `false` just fails the clause (§13 ?4).
   * @default 'error'
   */
  nonIntegerComparison: 'error' | 'false';
  /**
   * A clause on a multi-valued attribute: `All` values must satisfy it, or `Any` one. The portal
   * says multi-valued filtering is unsupported; Graph's `multivaluedComparisonType` defaults to
   * `All` (§5.2, §13 ?33).
   * @default 'All'
   */
  multiValuedComparison: 'All' | 'Any';
  /**
   * A clause on an attribute the known-issues page says scoping filters do not support
   * (`appRoleAssignments`, `userType`, `manager`, date-type attributes such as `StatusHireDate`,
   * and the group `members` attribute; entra-semantics.md §5.2). `error`: a load-time
   * `SCOPING_UNSUPPORTED_ATTRIBUTE`, as the portal offers no such filter; `evaluate`: run the
   * clause on the imported value anyway (what a filter written through Graph would meet is not
   * documented).
   * @default 'error'
   */
  unsupportedAttributes: 'error' | 'evaluate';
}

export const defaultScopingOptions: ScopingOptions = {
  regexAnchoring: 'whole',
  ampersandOperator: 'contained',
  nonIntegerComparison: 'error',
  multiValuedComparison: 'All',
  unsupportedAttributes: 'error',
};
