/**
 * The attribute-mapping model (entra-semantics.md §4). These are the shapes a scenario or app file
 * writes under `objects.<type>.mappings`; the loader validates them against the JSON Schema.
 */
import type { ScimValue } from '../scim/types.js';
import type { ResolvedTarget } from './scim-schema.js';
import type { TargetPath } from './target-path.js';

/**
 * When a mapping applies. `always` and `create` are the portal's two choices ("Always" and "Only
 * during object creation", Graph `ObjectAddOnly`); the others are Graph flowTypes (§4.1).
 */
export type ApplyMode = 'always' | 'create' | 'MultiValueAddOnly' | 'ValueAddOnly' | 'AttributeAddOnly';

/** The portal's mapping types. Inferred from which of `source`/`constant`/`expression` is set. */
export type MappingType = 'direct' | 'constant' | 'expression' | 'none';

/** One attribute mapping: a target attribute fed from the source. */
export interface AttributeMapping {
  /**
   * SCIM target path: `userName`, `name.givenName`, `emails[type eq "work"].value`,
   * `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department`, `manager`, `members`…
   * @example 'emails[type eq "work"].value'
   */
  target: string;
  /** Direct mapping: the source attribute name (`mail`, `userPrincipalName`, `IsSoftDeleted`…). */
  source?: string;
  /** Constant mapping: the fixed string. */
  constant?: string;
  /** Expression mapping: Entra's expression language. */
  expression?: string;
  /** Explicit mapping type; inferred when absent. `none` leaves the target alone. */
  type?: MappingType;
  /** "Default value if null": used when the source evaluates to null, on create only (§4.1). */
  default?: string;
  /** "Apply this mapping". @default 'always' */
  apply?: ApplyMode;
  /** Matching precedence: 1 is tried first. Absent means not a matching attribute. */
  match?: number;
  /** The target requires a value on create; missing ⇒ `MandatoryFieldsMissing`. */
  required?: boolean;
  /** Overrides the target attribute's caseExact rule used for change detection. */
  caseExact?: boolean;
  /** Graph flowBehavior. @default 'FlowWhenChanged' */
  flowBehavior?: 'FlowWhenChanged' | 'FlowAlways';
}

/**
 * One mapped value ready to export: the evaluated mapping, its parsed target and the value typed
 * for the target attribute (booleans stay booleans, multi-valued complex attributes are arrays).
 * `evaluateMappings` produces these; `buildResourceContent` and `diffAgainstTarget` consume them.
 */
export interface MappedAttribute {
  /** Index of the mapping in the object mapping's list. */
  index: number;
  target: TargetPath;
  /** The schema definition the value lands in, and its top-level attribute. */
  resolved: ResolvedTarget;
  value: ScimValue;
  /** Change detection: the mapping's `caseExact`, else the attribute's. */
  caseExact: boolean;
  /**
   * How the value may change an existing target (§4.1 flowTypes). `always` replaces a different
   * value; `AttributeAddOnly` writes only into an empty target; `ValueAddOnly` and
   * `MultiValueAddOnly` only add values a multi-valued target lacks.
   */
  flow: 'always' | 'AttributeAddOnly' | 'ValueAddOnly' | 'MultiValueAddOnly';
  /** The expression uses Redact: reports show `[Redact]` instead of the value (§3 Redact). */
  redacted?: boolean;
  /**
   * The value is an app role picked by SingleAppRoleAssignment: in a create, its `roles` element
   * carries `type: "WindowsAzureActiveDirectoryRole"` (customize-application-attributes.md, the
   * SingleAppRoleAssignment example POST; entra-semantics.md §3).
   */
  appRole?: boolean;
}
