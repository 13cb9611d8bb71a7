/**
 * An app's provisioning configuration: the job template, the target connection, the scope setting
 * and the object mappings. Scenarios name an app from the config, point at an app YAML file, or
 * write one inline (contract: "Scenario file").
 */
import type { AttributeMapping } from '../mapping/types.js';
import type { ScopingFilter } from '../scoping/types.js';
import type { SettingsInput } from '../config/settings.js';

/**
 * Job template (entra-scim-wire.md §0): `scim` is a custom (non-gallery) SCIM app created after
 * Dec 2018, `customappsso` the older job; HR and cross-tenant templates behave differently on demand.
 */
export type AppTemplate = 'scim' | 'customappsso' | 'crossTenant' | 'workday' | 'successFactors';

/** The target system's tenant URL and secret token. */
export interface TargetConnection {
  /** Tenant URL, e.g. `https://scim.example.test/scim/v2`. Flags may be appended as a query string. */
  url: string;
  /** Secret token sent as `Authorization: Bearer <token>`. Never written to a report. */
  token?: string;
  /** Behaviour flags, e.g. `aadOptscim062020` (may also be appended to `url`). */
  flags?: string[];
}

/** Target object actions (portal checkboxes). */
export type TargetObjectAction = 'create' | 'update' | 'delete';

/** The mapping of one object type (user or group). */
export interface ObjectMapping {
  /** Disabled mappings are not provisioned (only groups may be disabled). @default true */
  enabled?: boolean;
  /** Target object actions. @default ['create', 'update', 'delete'] */
  actions?: TargetObjectAction[];
  /** Attribute mappings. */
  mappings: AttributeMapping[];
  /** Scoping filters: clauses AND within a filter, filters OR. */
  scopingFilters?: ScopingFilter[];
}

/** A provisioning app. */
export interface AppDefinition {
  /** Display name used in reports. @default the config key, or 'app' */
  name?: string;
  /** @default 'scim' */
  template?: AppTemplate;
  target: TargetConnection;
  /** "Sync only assigned users and groups" or "Sync all users and groups". @default 'assigned' */
  scope?: 'assigned' | 'all';
  /** Authorisation kind: OAuth-authorised apps need their job stopped for on-demand runs. @default 'bearer' */
  auth?: 'bearer' | 'oauth';
  /** Whether the provisioning job is running. @default false */
  jobRunning?: boolean;
  /**
   * SkipOutOfScopeDeletions: out-of-scope users are left untouched instead of disabled. No effect on
   * `crossTenant` apps, for which the flag does not work (skip-out-of-scope-deletions.md). @default false
   */
  skipOutOfScopeDeletions?: boolean;
  /** App roles a user must hold one of to be in scope ("User has required role"). @default any role */
  requiredRoles?: string[];
  /** Object mappings. */
  objects: {
    user?: ObjectMapping;
    group?: ObjectMapping;
  };
  /** Settings for behaviour the docs leave open; override the config's `settings`. */
  settings?: SettingsInput;
}
