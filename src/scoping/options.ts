/**
 * Scoping settings for behaviour the Entra docs leave open (entra-semantics.md §5.3, §13 ?1).
 */
export interface ScopingOptions {
  /**
   * REGEX MATCH anchoring: `whole` requires the whole value to match, `substring` accepts a match
   * anywhere (.NET `IsMatch`). The docs' own examples only hold for whole-value matching (§5.3).
   * @default 'whole'
   */
  regexAnchoring: 'whole' | 'substring';
}

export const defaultScopingOptions: ScopingOptions = {
  regexAnchoring: 'whole',
};
