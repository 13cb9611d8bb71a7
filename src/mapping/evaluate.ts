/**
 * Evaluates compiled mappings for one source object (entra-semantics.md §2.4, §4):
 *
 * - null is never exported; a direct mapping's empty source (`""`) counts as null: without "Flow
 *   null values" (inbound only) a null or empty source value never clears the target
 *   (clear-attribute-values.md, §4.7); an expression's `""` is exported as is;
 *   IgnoreFlowIfNullOrEmpty / IgnoreAttributeFlow drop the attribute; IgnoreObjectFlow (on the
 *   `objectFilter` pseudo-target) drops the object;
 * - "Default value if null" applies on create only (§4.1), also to a direct mapping's empty source
 *   ("a null, empty, or omitted source value doesn't populate the target attribute unless you
 *   configured Default value if null"), not to an expression's `""` (?30);
 * - `apply: create` (ObjectAddOnly) mappings are skipped on update;
 * - a required target with no value on create fails the object with `MandatoryFieldsMissing`;
 * - an evaluation error or a multi-valued value for a single-valued target fails the object
 *   (§2.4.5, §4.6) with an Entra error code, not an exception.
 */
import type { EvalContext, SourceAttributes } from '../expr/index.js';
import { DoNotFlow, ExpressionEvalError, walkExpression, type EvalResult, type Value } from '../expr/index.js';
import type { ScimValue } from '../scim/types.js';
import type { CompiledMapping, CompiledObjectMapping } from './compile.js';
import { toTargetValue } from './convert.js';
import { renderScimValue } from './render.js';
import type { MappedAttribute } from './types.js';

/**
 * Entra error code for a mapping whose expression failed on this object. The docs name none
 * (§13 ?29); this one reads like its neighbours in the provisioning-log table.
 */
export const EXPRESSION_FAILURE_CODE = 'ExpressionEvaluationFailure';

/** Why a mapping failed the object. */
export interface MappingFailure {
  /** Entra error code: `MandatoryFieldsMissing`, `SchemaPropertyCanOnlyAcceptValue`, {@link EXPRESSION_FAILURE_CODE}. */
  errorCode: string;
  /** Our code: `EXPR_EVAL_*` for expression errors, else the Entra code. */
  code: string;
  /** Readable reason, naming the target attribute. */
  reason: string;
  /** The expression error, when that was the cause. */
  cause?: ExpressionEvalError;
}

/** What one mapping did for this object. */
export type MappingOutcome =
  /** Exported (subject to change detection on update). */
  | { kind: 'value'; mapping: CompiledMapping; mapped: MappedAttribute; usedDefault: boolean }
  /** Evaluated to null (or an empty list) with no default: not exported. */
  | { kind: 'null'; mapping: CompiledMapping }
  /** IgnoreFlowIfNullOrEmpty / IgnoreAttributeFlow (`attribute`) or IgnoreObjectFlow (`object`). */
  | { kind: 'doNotFlow'; mapping: CompiledMapping; scope: 'attribute' | 'object' }
  /** Not evaluated: an `apply: create` mapping on update, or a None mapping. */
  | { kind: 'skipped'; mapping: CompiledMapping; reason: 'createOnly' | 'none' }
  | { kind: 'failure'; mapping: CompiledMapping; failure: MappingFailure };

export interface MappingEvaluation {
  phase: 'create' | 'update';
  /** One outcome per compiled mapping, in mapping order. */
  outcomes: MappingOutcome[];
  /** The exported values (the `value` outcomes): input to buildResourceContent / diffAgainstTarget. */
  mapped: MappedAttribute[];
  /** IgnoreObjectFlow: the object is not provisioned. */
  ignoreObject: boolean;
  /** The first failure, in mapping order: the object fails with it. */
  failure?: MappingFailure & { index: number };
}

export interface EvaluateMappingsOptions {
  phase: 'create' | 'update';
  context: EvalContext;
}

/** Evaluates every mapping of an object mapping against one object's source attributes. */
export function evaluateMappings(compiled: CompiledObjectMapping, attributes: SourceAttributes, options: EvaluateMappingsOptions): MappingEvaluation {
  const outcomes = compiled.mappings.map((m) => evaluateMapping(m, attributes, options, compiled.options.noneMappingDefault));
  const mapped = outcomes.flatMap((o) => (o.kind === 'value' ? [o.mapped] : []));
  const failed = outcomes.find((o): o is Extract<MappingOutcome, { kind: 'failure' }> => o.kind === 'failure');
  return {
    phase: options.phase,
    outcomes,
    mapped,
    ignoreObject: outcomes.some((o) => o.kind === 'doNotFlow' && o.scope === 'object'),
    ...(failed ? { failure: { ...failed.failure, index: failed.mapping.index } } : {}),
  };
}

/** Evaluates one mapping. */
export function evaluateMapping(
  m: CompiledMapping,
  attributes: SourceAttributes,
  options: EvaluateMappingsOptions,
  noneMappingDefault: 'create' | 'whenTargetEmpty' = 'create',
): MappingOutcome {
  const { phase } = options;
  if (m.type === 'none') {
    // §4.1 "None": the target is left alone, except for its default value (see ?30 / the setting).
    if (m.default === undefined || (phase === 'update' && noneMappingDefault === 'create')) return { kind: 'skipped', mapping: m, reason: 'none' };
    return valueOutcome(m, m.default, true, phase === 'update' ? 'AttributeAddOnly' : undefined);
  }
  if (m.apply === 'create' && phase === 'update') return { kind: 'skipped', mapping: m, reason: 'createOnly' };
  const result = evaluateSource(m, attributes, options.context);
  if (!('result' in result)) return { kind: 'failure', mapping: m, failure: result.failure };
  const value = result.result;
  if (value instanceof DoNotFlow) {
    if (phase === 'create' && m.required && value.scope === 'attribute') return missing(m);
    return { kind: 'doNotFlow', mapping: m, scope: value.scope };
  }
  if (value === null || (value === '' && m.type === 'direct')) return nullOutcome(m, phase);
  const converted = toTargetValue(value, m.target, m.resolved);
  if (!converted.ok) return { kind: 'failure', mapping: m, failure: { errorCode: converted.errorCode, code: converted.errorCode, reason: converted.reason } };
  if (converted.value === null) return nullOutcome(m, phase);
  return { kind: 'value', mapping: m, mapped: mappedAttribute(m, converted.value), usedDefault: false };
}

function evaluateSource(m: CompiledMapping, attributes: SourceAttributes, context: EvalContext): { result: EvalResult } | { failure: MappingFailure } {
  if (m.type === 'constant') return { result: m.constant ?? '' };
  if (!m.expression) return { result: null };
  try {
    return { result: m.expression.evaluate(attributes, { ...context, targetAttribute: m.target.text }) };
  } catch (error) {
    if (!(error instanceof ExpressionEvalError)) throw error;
    return {
      failure: {
        errorCode: EXPRESSION_FAILURE_CODE,
        code: error.code,
        reason: `The expression for ${m.target.text} could not be evaluated: ${error.message}`,
        cause: error,
      },
    };
  }
}

function nullOutcome(m: CompiledMapping, phase: 'create' | 'update'): MappingOutcome {
  if (phase === 'create' && m.default !== undefined) return valueOutcome(m, m.default, true);
  if (phase === 'create' && m.required) return missing(m);
  return { kind: 'null', mapping: m };
}

function valueOutcome(m: CompiledMapping, text: Value, usedDefault: boolean, flow?: MappedAttribute['flow']): MappingOutcome {
  const converted = text === null ? { ok: true as const, value: null } : toTargetValue(text, m.target, m.resolved);
  if (!converted.ok) return { kind: 'failure', mapping: m, failure: { errorCode: converted.errorCode, code: converted.errorCode, reason: converted.reason } };
  if (converted.value === null) return { kind: 'null', mapping: m };
  return { kind: 'value', mapping: m, mapped: mappedAttribute(m, converted.value, flow), usedDefault };
}

function missing(m: CompiledMapping): MappingOutcome {
  return {
    kind: 'failure',
    mapping: m,
    failure: {
      errorCode: 'MandatoryFieldsMissing',
      code: 'MandatoryFieldsMissing',
      reason: `The required target attribute ${m.target.text} has no value: its source is empty and the mapping has no default value.`,
    },
  };
}

function mappedAttribute(m: CompiledMapping, value: ScimValue, flow?: MappedAttribute['flow']): MappedAttribute {
  const apply = m.apply === 'create' ? 'always' : addsRolesOnly(m) ? 'MultiValueAddOnly' : m.apply;
  return {
    index: m.index,
    target: m.target,
    resolved: m.resolved,
    value,
    caseExact: m.caseExact,
    flow: flow ?? apply,
    ...(m.expression?.redacted ? { redacted: true } : {}),
    ...(picksAppRole(m) ? { appRole: true } : {}),
  };
}

/** The expression calls SingleAppRoleAssignment (directly, or inside Switch and the like). */
function picksAppRole(m: CompiledMapping): boolean {
  if (!m.expression) return false;
  let found = false;
  walkExpression(m.expression.ast, (node) => {
    if (node.kind === 'call' && node.name === 'SingleAppRoleAssignment') found = true;
  });
  return found;
}

/**
 * AppRoleAssignmentsComplex "never removes roles": on update it PATCHes `Add roles` with the
 * roles the target lacks, where AssertiveAppRoleAssignmentsComplex replaces the whole list
 * (entra-semantics.md §3; customize-application-attributes.md). So an `always` mapping whose
 * expression is AppRoleAssignmentsComplex behaves as MultiValueAddOnly.
 */
function addsRolesOnly(m: CompiledMapping): boolean {
  const root = m.expression?.ast;
  return m.apply === 'always' && root?.kind === 'call' && root.name === 'AppRoleAssignmentsComplex';
}

/** One matching attribute's value, as step 4 queries it. */
export interface MatchingValue {
  mapping: CompiledMapping;
  /** The target attribute queried (the mapping's target path as written). */
  attribute: string;
  /** The value looked for, as text. */
  value: string;
  precedence: number;
}

/**
 * The matching attributes with values, in precedence order (§4.3). Attributes whose value is null
 * or empty are skipped (entra-scim-wire.md §3); `none` ⇒ the pipeline reports `ImportSkipped`.
 */
export type MatchingEvaluation =
  | { kind: 'values'; values: MatchingValue[]; skipped: CompiledMapping[] }
  | { kind: 'none'; skipped: CompiledMapping[] }
  | { kind: 'failure'; mapping: CompiledMapping; failure: MappingFailure };

/** Evaluates the matching attributes of an object (before the action is known: no defaults). */
export function evaluateMatchingAttributes(compiled: CompiledObjectMapping, attributes: SourceAttributes, context: EvalContext): MatchingEvaluation {
  const values: MatchingValue[] = [];
  const skipped: CompiledMapping[] = [];
  for (const m of compiled.matching) {
    const { default: _default, ...withoutDefault } = m;
    const outcome = evaluateMapping({ ...withoutDefault, required: false, apply: 'always' }, attributes, { phase: 'update', context });
    if (outcome.kind === 'failure') return { kind: 'failure', mapping: m, failure: outcome.failure };
    const text = outcome.kind === 'value' ? renderScimValue(outcome.mapped.value) : null;
    // §4.3: an object needs a *value* for a matching attribute; `eq ""` is never queried.
    if (text === null || text === '') skipped.push(m);
    else values.push({ mapping: m, attribute: m.target.text, value: text, precedence: m.match as number });
  }
  return values.length > 0 ? { kind: 'values', values, skipped } : { kind: 'none', skipped };
}
