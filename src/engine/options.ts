/**
 * Pipeline settings for behaviour the Entra docs leave open (docs/pipeline.md explains each default).
 */
export interface EngineOptions {
  /**
   * Minutes an assignment takes to replicate to the provisioning service. A user assigned less than
   * this long before the scenario's clock is still seen as "not assigned" (entra-semantics.md §9.1).
   * @default 0
   */
  assignmentReplicationMinutes: number;
  /**
   * How the on-demand search box compares the query with first/last/display name, UPN, mail and
   * object id: `exact` (whole value, case-insensitive) or `prefix` (type-ahead). The docs do not say.
   * @default 'exact'
   */
  subjectSearch: 'exact' | 'prefix';
  /**
   * Whether the search finds users whose `accountEnabled` is false. The on-demand doc says users
   * disabled or deleted in Entra do not appear in the search; `true` lets a scenario look at the
   * "Active in source system" fact anyway. Soft-deleted users are never found.
   * @default false
   */
  findDisabledUsers: boolean;
  /**
   * Role mappings (target `roles…`, or AppRoleAssignmentsComplex / AssertiveAppRoleAssignmentsComplex
   * expressions) on demand: "On-demand provisioning of roles isn't supported" (provision-on-demand.md).
   * `skip` leaves them out of the export and lists them in the action step; `include` exports them
   * as a full cycle would.
   * @default 'skip'
   */
  roleMappings: 'skip' | 'include';
  /**
   * Order of the Graph summary's steps: `portal` (import, scope, match, action, as the portal doc
   * numbers them) or `graph` (import, match, scope, action, as Graph's provisionOnDemand sample
   * orders them). entra-semantics.md §13 ?31.
   * @default 'portal'
   */
  summaryStepOrder: 'portal' | 'graph';
  /**
   * Which out-of-scope users an on-demand run deprovisions when they exist in the target:
   * `unassigned` (the on-demand doc: "supports disabling users that have been unassigned from the
   * application") or `outOfScope` (also users failing a scoping filter or the required role, as a
   * full cycle does, entra-semantics.md §6.1). Users disabled or deleted in Entra never are.
   * @default 'unassigned'
   */
  deprovisionWhen: 'unassigned' | 'outOfScope';
  /**
   * How a user leaving scope is deprovisioned: `disable` through the IsSoftDeleted mapping (custom
   * SCIM apps), or `delete` (DELETE, as "some gallery apps" do, §6.1; needs the Delete action).
   * @default 'disable'
   */
  deprovisionAction: 'disable' | 'delete';
  /**
   * Which apps may map SelectUniqueValue: `hrOnly` — "currently only supported for Workday to
   * Active Directory User Provisioning. It cannot be used with other provisioning applications"
   * (functions-for-customizing-application-data.md; entra-semantics.md §3 adds SuccessFactors and
   * API-driven to AD), so on a `scim`, `customappsso` or `crossTenant` app it is invalid input
   * (`MAPPING_SELECT_UNIQUE_VALUE_UNSUPPORTED`); `anyApp` runs it against any target.
   * @default 'hrOnly'
   */
  selectUniqueValue: 'hrOnly' | 'anyApp';
}

export const defaultEngineOptions: EngineOptions = {
  assignmentReplicationMinutes: 0,
  subjectSearch: 'exact',
  findDisabledUsers: false,
  roleMappings: 'skip',
  summaryStepOrder: 'portal',
  deprovisionWhen: 'unassigned',
  deprovisionAction: 'disable',
  selectUniqueValue: 'hrOnly',
};
