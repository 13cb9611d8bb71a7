/**
 * Public API (contract: "Public API"). Every export is listed by name.
 */
export { defineConfig } from './config/define.js';
export { loadConfig, type LoadConfigOptions } from './config/load.js';
export type { ProvisionConfig, ResolvedConfig, ReporterName, Budgets, Limits, ConfigEnv } from './config/types.js';
export { defaultSettings, resolveSettings, type Settings, type SettingsInput } from './config/settings.js';
export { ProvisionError, UsageError, InputError, InternalError, ExitCode, type Issue } from './core/errors.js';
export type { SourceLocation } from './core/location.js';
export { fixedClock, steppingClock, seededRandom, type Clock, type RandomSource } from './core/determinism.js';
export type { AppDefinition, AppTemplate, ObjectMapping, TargetConnection } from './app/types.js';
export type { AttributeMapping, ApplyMode, MappingType } from './mapping/types.js';
export type { ScopingClause, ScopingFilter, ScopingOperator } from './scoping/types.js';
export type { SourceDirectory, SourceGroup, SourceUser, Subject } from './source/types.js';
export type { Exchange, Fault, ScimResource, TargetBehaviour, TargetState } from './scim/types.js';
export type {
  ActionKind,
  ErrorInformation,
  ModifiedProperty,
  ObjectResult,
  OnDemandResult,
  OnDemandStep,
  ProvisioningAction,
  ProvisioningObjectSummary,
  ProvisioningStep,
  StepKey,
  StepStatus,
} from './engine/types.js';

// Expressions (issue #3): Entra's attribute-mapping expression language.
export {
  parseExpression,
  compileExpression,
  evaluateExpression,
  printExpression,
  ExpressionSyntaxError,
  ExpressionEvalError,
  defaultExpressionOptions,
  resolveEvalContext,
  expressionFunctions,
  DoNotFlow,
  DateTime,
  Complex,
  isDoNotFlow,
  isMultiValued,
  fromSource,
  renderValue,
  renderScalar,
  type CompiledExpression,
  type Expression,
  type EvalContext,
  type EvalResult,
  type ExpressionOptions,
  type ExpressionSyntaxCode,
  type ExpressionEvalCode,
  type SourceAttributes,
  type Value,
  type Scalar,
} from './expr/index.js';

// Mapping and scoping (issue #4): target paths, the SCIM attribute table, compiled mappings,
// resource building and diffing; scoping filters and scope rules.
export {
  buildResourceContent,
  compileObjectMapping,
  coreGroupSchema,
  coreUserSchema,
  CORE_GROUP_URN,
  CORE_USER_URN,
  defaultMappingOptions,
  diffAgainstTarget,
  ENTERPRISE_USER_URN,
  enterpriseUserSchema,
  evaluateMappings,
  evaluateMatchingAttributes,
  EXPRESSION_FAILURE_CODE,
  exportedAttributes,
  modifiedPropertiesForCreate,
  parseTargetPath,
  resolveTarget,
  TargetPathError,
  type CompiledMapping,
  type CompiledObjectMapping,
  type MappedAttribute,
  type MappingCompileResult,
  type MappingEvaluation,
  type MappingFailure,
  type MappingOptions,
  type MappingOutcome,
  type MatchingEvaluation,
  type MatchingValue,
  type ScimAttributeDefinition,
  type TargetDiff,
  type TargetPath,
} from './mapping/index.js';
export {
  compileScopingFilters,
  defaultScopingOptions,
  determineScope,
  evaluateScopingFilters,
  scopingOperators,
  type CompiledScopingFilters,
  type ScopeDetermination,
  type ScopeRuleInput,
  type ScopingAttributes,
  type ScopingClauseResult,
  type ScopingCompileResult,
  type ScopingEvaluation,
  type ScopingFilterResult,
  type ScopingOptions,
} from './scoping/index.js';

// SCIM client and mocked SCIM target (issue #5; docs/scim.md).
export { createScimClient, type ScimClient, type ScimClientConfig, type TestConnectionOptions } from './scim/client.js';
export { createMockScimTarget, DEFAULT_TARGET_URL } from './scim/mock/target.js';
export { targetStateIssues, validateTargetState } from './scim/mock/validate.js';
export {
  addMembersBody,
  createBody,
  managerBody,
  patchBody,
  removeMembersBody,
  type PatchShape,
  type ResourceAttributes,
} from './scim/bodies.js';
export { entraCodes, toErrorInformation, withoutPrefix, type EntraCode } from './scim/error-map.js';
export { realSleep, virtualSleep, type Sleep } from './scim/transport.js';
export { defaultScimOptions, type ScimOptions } from './scim/options.js';
export type { ScimResourceType } from './scim/schema.js';
export type {
  AttributeChange,
  MockScimTarget,
  MockTargetOptions,
  PatchDialect,
  PatchOperation,
  PatchRequest,
  ScimFailure,
  ScimOperation,
  ScimResult,
  ScimValue,
  TargetSnapshot,
  TransportErrorKind,
} from './scim/types.js';

// The on-demand pipeline (issue #6; docs/pipeline.md): runOnDemand, its settings, the subject
// search and the result's building blocks.
export { runOnDemand } from './engine/run-on-demand.js';
export { defaultEngineOptions, type EngineOptions } from './engine/options.js';
export { scrub } from './engine/redact.js';
export type {
  MatchAttempt,
  RunContext,
  ScopeFact,
  StepDetailsMap,
  ProvisionedIdentity,
} from './engine/types.js';
export { indexSource, type DirectoryGroup, type DirectoryUser, type SourceIndex } from './source/directory.js';
export {
  MAX_GROUP_MEMBERS,
  resolveSubject,
  type ResolvedSubject,
  type SubjectProblem,
  type SubjectProblemCode,
  type SubjectSearchOptions,
  type SubjectSearchResult,
} from './source/search.js';

// Scenarios, the runner and reporters (issue #7).
export { loadScenarios, type LoadScenariosOptions } from './scenario/load.js';
export type {
  ClockSpec,
  ErrorExpectation,
  Expectations,
  LoadedScenario,
  LoadResult,
  MemberExpectation,
  RequestExpectation,
  StepExpectation,
} from './scenario/types.js';
export { runScenario, runScenarios, type RunScenarioOptions, type RunScenariosOptions } from './runner/run.js';
export type { Failure, FailureCode, RunCounts, RunSummary, ScenarioReport, ScenarioStatus, StepReport, StepVerdict } from './runner/types.js';
export { reporterFactories, createReporters } from './report/registry.js';
export type { Reporter, ReporterFactory, ReporterOptions, ReporterOutput, RunStart, ScenarioInfo } from './report/types.js';

// provision bench: tinybench over the on-demand path, budgets, baselines, scale (issue #9; docs/bench.md).
export { runBench, benchDefaults, defaultTimeMs, environmentOf, type BenchOptions } from './bench/run.js';
export { budgetIssues, checkBudgets, budgetKeys } from './bench/budgets.js';
export { baselineOf, compareToBaseline, readBaseline, REGRESSION_THRESHOLD } from './bench/baseline.js';
export { createFloor, type FloorInput } from './bench/floor.js';
export { benchExpressions, expressionCases, type ExpressionCase } from './bench/expressions.js';
export { runScale, scaleSizes, scaleSteps } from './bench/scale.js';
export { syntheticScenario, syntheticKinds, writeSyntheticScenarios, type SyntheticKind, type SyntheticScenario } from './bench/synthetic.js';
export { benchLines } from './bench/console.js';
export type {
  BenchBaseline,
  BenchEnvironment,
  BenchError,
  BenchReport,
  BudgetViolation,
  ExpressionRow,
  Regression,
  ScaleRow,
  ScenarioRow,
  TaskStats,
} from './bench/types.js';
export { SCIM_TRANSPORTS, type ScimTransport } from './scim/types.js';

// Run summaries keep a line per scenario, not its full report (issue #9 follow-up; docs/reports.md).
export type { ExchangeLine, ScenarioSummary } from './runner/types.js';
