/**
 * SCIM client settings (entra-scim-wire.md §15: "Not documented – make these simulator parameters").
 */
export interface ScimOptions {
  /**
   * PATCH dialect. `auto` follows the docs: the `aadOptscim062020` flag does not apply to on-demand
   * runs, so on-demand uses the default dialect; `default` and `aadOptscim062020` force one.
   * @default 'auto'
   */
  patchDialect: 'auto' | 'default' | 'aadOptscim062020';
  /** Group members added or removed per PATCH. @default 5 */
  membershipBatchSize: number;
  /** Retries after a 429 or 5xx answer (bounded). @default 0 */
  retries: number;
  /** Request timeout in milliseconds (Entra gives a target about 60 s). @default 60000 */
  timeoutMs: number;
}

export const defaultScimOptions: ScimOptions = {
  patchDialect: 'auto',
  membershipBatchSize: 5,
  retries: 0,
  timeoutMs: 60_000,
};
