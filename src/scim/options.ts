/**
 * SCIM client settings (entra-scim-wire.md §15: "Not documented – make these simulator parameters").
 * docs/scim.md explains each default.
 */
export interface ScimOptions {
  /**
   * PATCH dialect. `auto` follows the docs: the `aadOptscim062020` flag does not apply to on-demand
   * runs, so on-demand uses the default dialect; `default` and `aadOptscim062020` force one.
   * @default 'auto'
   */
  patchDialect: 'auto' | 'default' | 'aadOptscim062020';
  /** Group members added or removed per PATCH (undocumented, §7). @default 5 */
  membershipBatchSize: number;
  /**
   * Retries after a 429, a 5xx other than 501, a timeout or a dropped connection (bounded).
   * Entra retries in a later cycle, not within an on-demand run, hence 0. @default 0
   */
  retries: number;
  /** Request timeout in milliseconds (Entra gives a target about 60 s, §1). @default 60000 */
  timeoutMs: number;
  /**
   * Test connection also probes `/Groups` with a random displayName (reported by third parties,
   * §2; undocumented whether Entra always does). @default false
   */
  testConnectionGroupProbe: boolean;
  /**
   * Entra code for a 409: the docs' `EntryConflict`, or `ServiceIncompatibleFiltering` as seen in
   * real logs of custom SCIM apps (§9, §14 #12). @default 'EntryConflict'
   */
  conflictErrorCode: 'EntryConflict' | 'ServiceIncompatibleFiltering';
  /**
   * How the default PATCH dialect spells booleans: `"True"`/`"False"` per the docs, or
   * `"true"`/`"false"` as one 2025 report shows (§5). @default 'capitalized'
   */
  booleanStrings: 'capitalized' | 'lowercase';
}

export const defaultScimOptions: ScimOptions = {
  patchDialect: 'auto',
  membershipBatchSize: 5,
  retries: 0,
  timeoutMs: 60_000,
  testConnectionGroupProbe: false,
  conflictErrorCode: 'EntryConflict',
  booleanStrings: 'capitalized',
};
