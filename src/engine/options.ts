/**
 * Pipeline settings for behaviour the Entra docs leave open.
 */
export interface EngineOptions {
  /**
   * Minutes an assignment takes to replicate to the provisioning service. A user assigned less than
   * this long before the scenario's clock is still seen as "not assigned" (entra-semantics.md §9.1).
   * @default 0
   */
  assignmentReplicationMinutes: number;
}

export const defaultEngineOptions: EngineOptions = {
  assignmentReplicationMinutes: 0,
};
