/**
 * Attribute mappings (entra-semantics.md §4): target paths, the SCIM attribute table, compiling and
 * evaluating mappings, resource building and diffing. The pipeline imports from here.
 */
export { compileObjectMapping, type CompiledMapping, type CompiledObjectMapping, type CompileMappingOptions, type MappingCompileResult } from './compile.js';
export { takesList, toTargetValue, type Conversion } from './convert.js';
export { diffAgainstTarget, readTargetValue, type TargetDiff } from './diff.js';
export {
  evaluateMapping,
  evaluateMappings,
  evaluateMatchingAttributes,
  EXPRESSION_FAILURE_CODE,
  type EvaluateMappingsOptions,
  type MappingEvaluation,
  type MappingFailure,
  type MappingOutcome,
  type MatchingEvaluation,
  type MatchingValue,
} from './evaluate.js';
export { defaultMappingOptions, type MappingOptions } from './options.js';
export { exportedAttributes, modifiedPropertiesForCreate, REDACTED, renderMapped, renderScimValue } from './render.js';
export { buildResourceContent } from './resource.js';
export {
  coreGroupSchema,
  coreSchemaFor,
  coreUserSchema,
  enterpriseUserSchema,
  findAttribute,
  isSchemaMismatch,
  resolveTarget,
  type ResolvedTarget,
  type SchemaMismatch,
  type ScimAttributeDefinition,
  type ScimAttributeType,
  type ScimObjectType,
  type ScimSchemaDefinition,
} from './scim-schema.js';
export {
  CORE_GROUP_URN,
  CORE_USER_URN,
  ENTERPRISE_USER_URN,
  formatValueFilter,
  parseTargetPath,
  TargetPathError,
  type TargetPath,
  type TargetPathKind,
  type ValueFilter,
} from './target-path.js';
export type * from './types.js';
