/**
 * The source tenant (Entra ID, or an HR system) before a run: what `source:` in a scenario holds.
 */

/** A value a source attribute can hold. Objects appear in complex attributes such as appRoleAssignments. */
export type SourceAttributeValue =
  | string
  | number
  | boolean
  | null
  | SourceAttributeValue[]
  | { [key: string]: SourceAttributeValue };

/** An app-role assignment of a user or group to the app. */
export interface SourceAssignment {
  /** App role value or display name. @default 'User' (Default Access) */
  role?: string;
  /** Role id, when a mapping needs it (AppRoleAssignmentsComplex). */
  roleId?: string;
  /** When the assignment was made (ISO 8601); drives the replication-delay setting. */
  assignedAt?: string;
}

/**
 * A source user. Apart from the reserved keys below, every key is a source attribute
 * (`userPrincipalName`, `mail`, `department`, `extension_<appId>_costCenter`, …).
 */
export interface SourceUser {
  /** Entra object id; generated from the seed when absent. */
  objectId?: string;
  userPrincipalName?: string;
  displayName?: string;
  givenName?: string;
  surname?: string;
  mail?: string;
  mailNickname?: string;
  /** `false` blocks sign-in; such users are not in scope (IsActive false). @default true */
  accountEnabled?: boolean;
  /** Shorthand for one assignment with the Default Access role. */
  assigned?: boolean;
  /** App-role assignments of this user. */
  assignments?: SourceAssignment[];
  /** Soft-deleted in the source: drives IsSoftDeleted and hides the user from search. */
  deleted?: boolean;
  /** Manager: UPN, mail or objectId of another source user. */
  manager?: string;
  /** HR subjects: Workday WorkerID/WID or SuccessFactors personIdExternal. */
  workerId?: string;
  [attribute: string]: SourceAttributeValue | SourceAssignment[] | undefined;
}

/** A source group. */
export interface SourceGroup {
  objectId?: string;
  displayName: string;
  mailNickname?: string;
  /** Assigned to the app: its direct members are in scope (nested groups are not followed). */
  assigned?: boolean;
  assignments?: SourceAssignment[];
  /** @default true */
  securityEnabled?: boolean;
  deleted?: boolean;
  /** Direct members: UPN, mail or objectId of users, or displayName/objectId of groups. */
  members?: string[];
  [attribute: string]: SourceAttributeValue | SourceAssignment[] | string[] | undefined;
}

/** The whole source directory of a scenario. */
export interface SourceDirectory {
  users?: SourceUser[];
  groups?: SourceGroup[];
}

/** What to provision on demand (the portal's search box, or the Graph subject). */
export type Subject =
  | { user: string }
  | { group: string; members?: string[] }
  | { worker: string };
