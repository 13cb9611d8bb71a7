/**
 * Conditions and null handling (entra-semantics.md §3): IIF, Switch (both lazy, §2.4.1), Coalesce,
 * IsNull, IsNullOrEmpty, IsPresent, IsString, Not, CBool, IgnoreFlowIfNullOrEmpty, Redact.
 */
import { attributesOf } from '../ast.js';
import { booleanOf, evalError, isNullOrEmpty, single, textOf } from '../coerce.js';
import { DateTime, DoNotFlow, fromSource, renderScalar, type EvalResult, type Scalar, type Value } from '../value.js';
import type { CallSite, EagerFunction, Frame, LazyFunction, Thunk } from './types.js';

/** The Boolean a condition stands for (IIF): Booleans, Boolean strings, numbers (non-zero), null = false. */
export function conditionOf(value: Value, frame: Frame, site: CallSite): boolean {
  const s = single(value, site, 0);
  if (s === null) return false;
  const b = booleanOf(s, frame.ctx.options);
  if (b !== undefined) return b;
  if (typeof s === 'bigint') return s !== 0n;
  if (typeof s === 'string' && /^\s*[+-]?\d+\s*$/.test(s)) return BigInt(s.trim()) !== 0n;
  return evalError('EXPR_EVAL_INVALID_BOOLEAN', `the condition is "${renderScalar(s)}", which is neither True nor False`, site, 0, 'use a comparison such as [a] = "x" or a function returning a Boolean');
}

/**
 * The `iifNullCondition` rule (§2.4.3) before IIF evaluates its condition: true when an attribute
 * the condition reads is null or `""` and the rule is `false` (take the false branch without the
 * condition); throws for `error`; false otherwise (evaluate the condition).
 */
export function iifSkipsCondition(frame: Frame, conditionAttributes: readonly string[], site: CallSite): boolean {
  const rule = frame.ctx.options.iifNullCondition;
  if (rule === 'evaluate') return false;
  for (const name of conditionAttributes) {
    if (!isNullOrEmpty(fromSource(frame.attrs[name]))) continue;
    if (rule === 'false') return true;
    return evalError('EXPR_EVAL_NULL_CONDITION', `the condition reads [${name}], which is null or empty`, site, 0, 'use Switch([attr], [attr], "", "fallback") to test for empty values');
  }
  return false;
}

/**
 * IIF(condition, valueIfTrue, valueIfFalse): lazy, only the chosen branch runs (§2.4.1). The
 * documented null limitation (§2.4.3) is the `iifNullCondition` setting.
 */
export const IIF: LazyFunction = {
  name: 'IIF',
  summary: 'valueIfTrue when condition holds, else valueIfFalse (only the chosen branch runs)',
  lazy: true,
  params: [{ name: 'condition' }, { name: 'valueIfTrue' }, { name: 'valueIfFalse' }],
  compile([condition, whenTrue, whenFalse], site) {
    const cond = condition!;
    const yes = whenTrue!;
    const no = whenFalse!;
    const conditionAttributes = attributesOf(site.node.args[0]!);
    return (frame) => {
      if (frame.ctx.options.iifNullCondition !== 'evaluate' && iifSkipsCondition(frame, conditionAttributes, site)) return no(frame);
      const c = cond(frame);
      if (c instanceof DoNotFlow) return c;
      return conditionOf(c, frame, site) ? yes(frame) : no(frame);
    };
  },
};

/**
 * Switch(source, defaultValue, key1, value1, …): ordinal, case-sensitive key comparison (§3
 * Switch); a null source matches the key `""` [X from HR]; lazy: keys are evaluated in order until
 * one matches, and only the chosen value (or the default) runs.
 */
export const Switch: LazyFunction = {
  name: 'Switch',
  summary: 'the value paired with the first key equal to source, else defaultValue',
  lazy: true,
  params: [{ name: 'source' }, { name: 'defaultValue', optional: true }],
  repeat: { param: [{ name: 'key' }, { name: 'value' }], min: 1 },
  validate(node, fail) {
    if (node.args.length % 2 !== 0) {
      fail("Switch's keys and values must come in pairs, but the last key has no value", node.args.length - 1, 'the argument count is always even: source, default, then key/value pairs');
    }
  },
  compile(args, site) {
    const source = args[0]!;
    const fallback = args[1];
    const keys: Thunk[] = [];
    const values: Thunk[] = [];
    for (let i = 2; i + 1 < args.length; i += 2) {
      keys.push(args[i]!);
      values.push(args[i + 1]!);
    }
    const pairs = keys.length;
    return (frame): EvalResult => {
      const s = source(frame);
      if (s instanceof DoNotFlow) return s;
      const text = textOf(s, site, 0) ?? '';
      for (let i = 0; i < pairs; i++) {
        const k = keys[i]!(frame);
        if (k instanceof DoNotFlow) return k;
        const key = typeof k === 'string' ? k : (textOf(k, site, 2 + 2 * i) ?? '');
        if (key === text) return values[i]!(frame);
      }
      if (fallback) return fallback(frame);
      return frame.ctx.options.switchMissingDefault === 'empty' ? '' : null;
    };
  },
};

/** The first argument that is not null (and not `""` when `coalesceSkipsEmpty`) (§3 Coalesce). */
export const Coalesce: EagerFunction = {
  name: 'Coalesce',
  summary: 'the first argument that is not null',
  params: [],
  repeat: { param: { name: 'source' }, min: 1 },
  call(args, frame) {
    const skipEmpty = frame.ctx.options.coalesceSkipsEmpty;
    for (const value of args) {
      if (value === undefined || value === null) continue;
      if (Array.isArray(value) && value.length === 0) continue;
      if (skipEmpty && value === '') continue;
      return value;
    }
    return null;
  },
  // Up to six sources (a declared parameter list: no rest array); missing ones are undefined.
  text(options, s1, s2, s3, s4, s5, s6) {
    const skipEmpty = options.coalesceSkipsEmpty;
    const usable = (value: string | number | null | undefined): value is string => typeof value === 'string' && !(skipEmpty && value === '');
    return usable(s1) ? s1 : usable(s2) ? s2 : usable(s3) ? s3 : usable(s4) ? s4 : usable(s5) ? s5 : usable(s6) ? s6 : null;
  },
};

export const IsNull: EagerFunction = {
  name: 'IsNull',
  summary: 'True when the value is null (the attribute is absent)',
  params: [{ name: 'Expression' }],
  call([value]) {
    return value === null || value === undefined || (Array.isArray(value) && value.length === 0);
  },
};

export const IsNullOrEmpty: EagerFunction = {
  name: 'IsNullOrEmpty',
  summary: 'True when the value is null or ""',
  params: [{ name: 'Expression' }],
  call([value]) {
    return isNullOrEmpty(value);
  },
};

export const IsPresent: EagerFunction = {
  name: 'IsPresent',
  summary: 'True when the value is neither null nor "" (the inverse of IsNullOrEmpty)',
  params: [{ name: 'Expression' }],
  call([value]) {
    return !isNullOrEmpty(value);
  },
};

/** True for a single value that has a text form (string, Boolean, integer, date); false for null (§13 ?24). */
export const IsString: EagerFunction = {
  name: 'IsString',
  summary: 'True when the value can be read as a string',
  params: [{ name: 'Expression' }],
  call([value]) {
    if (value === null || value === undefined) return false;
    if (Array.isArray(value)) return false;
    const s = value as Scalar;
    return typeof s === 'string' || typeof s === 'boolean' || typeof s === 'bigint' || s instanceof DateTime;
  },
};

/** False when the source is True; True for anything else, null included (§3 Not, literal rule). */
export const Not: EagerFunction = {
  name: 'Not',
  summary: 'False when source is True, else True',
  params: [{ name: 'source' }],
  call([value], frame, site) {
    const s = single(value, site, 0);
    return booleanOf(s, frame.ctx.options) !== true;
  },
};

/**
 * True when the argument is true or a non-zero number (§3 CBool). Other strings follow the
 * `cboolInvalid` setting (§13 ?24); null is False.
 */
export const CBool: EagerFunction = {
  name: 'CBool',
  summary: 'the value as a Boolean: True for true or non-zero',
  params: [{ name: 'Expression' }],
  call([value], frame, site) {
    const s = single(value, site, 0);
    if (s === null) return false;
    const b = booleanOf(s, frame.ctx.options);
    if (b !== undefined) return b;
    if (typeof s === 'bigint') return s !== 0n;
    if (typeof s === 'string' && /^\s*[+-]?\d+(\.\d+)?\s*$/.test(s)) return Number(s) !== 0;
    if (frame.ctx.options.cboolInvalid === 'error') {
      return evalError('EXPR_EVAL_INVALID_BOOLEAN', `"${renderScalar(s)}" is neither a Boolean nor a number`, site, 0);
    }
    return false;
  },
};

/** Drops the attribute from the flow when the value is null or `""` (§3 IgnoreFlowIfNullOrEmpty). */
export const IgnoreFlowIfNullOrEmpty: EagerFunction = {
  name: 'IgnoreFlowIfNullOrEmpty',
  summary: 'the value, or "do not flow" when it is null or ""',
  params: [{ name: 'expression' }],
  call([value]) {
    return isNullOrEmpty(value) ? DoNotFlow.attribute : value!;
  },
};

/**
 * The value passes through unchanged; logs show `[Redact]` instead (§3 Redact). The compiled
 * expression reports `redacted: true` so the pipeline can hide it.
 */
export const Redact: EagerFunction = {
  name: 'Redact',
  summary: 'the value unchanged; provisioning logs show [Redact]',
  params: [{ name: 'attribute/value' }],
  call([value]) {
    return value ?? null;
  },
};

export const logicFunctions = [IIF, Switch, Coalesce, IsNull, IsNullOrEmpty, IsPresent, IsString, Not, CBool, IgnoreFlowIfNullOrEmpty, Redact];
