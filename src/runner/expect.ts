/**
 * Checks a scenario's `expect` block against the outcome of its run (contract: "Matching
 * rules"). Pure: data in, failures out. Each failure names the step, the path, expected and
 * actual, and the exchanges that show it.
 */
import type { ActionKind, ObjectResult, OnDemandResult, StepKey } from '../engine/types.js';
import type { Exchange } from '../scim/types.js';
import type { ErrorExpectation, Expectations, RequestExpectation } from '../scenario/types.js';
import { decodePath, errorView, memberView, requestView, stepView, type RequestView } from './actual.js';
import { formatPath } from '../core/errors.js';
import { isPlainObject, matchValue, type MatchOptions, type Mismatch, type ScalarRule } from './match.js';
import { scrub } from '../engine/redact.js';
import type { Failure } from './types.js';

/** The prefix Entra puts on error codes of custom SCIM apps (entra-scim-wire.md §11). */
const scimPrefix = 'SystemForCrossDomainIdentityManagement';

/** Error codes match with or without the target-system prefix. */
export function errorCodesMatch(expected: string, actual: string): boolean {
  const strip = (code: string) => (code.startsWith(scimPrefix) ? code.slice(scimPrefix.length) : code);
  return expected === actual || strip(expected) === strip(actual);
}

/**
 * `skip` is what Graph logs as `other` with the RedundantExport skip reason; expecting `other`
 * accepts a skip too, since Graph logs it as `other`.
 */
export function actionsMatch(expected: ActionKind, actual: ObjectResult): boolean {
  if (expected === actual.action) return true;
  const redundant = actual.action === 'other' && skipReason(actual) === 'RedundantExport';
  if (expected === 'skip') return redundant;
  if (expected === 'other') return actual.action === 'skip';
  return false;
}

function skipReason(result: ObjectResult): string | undefined {
  const action = result.steps.find((s) => s.key === 'action');
  if (action?.key === 'action' && action.details.skipReason) return action.details.skipReason;
  for (const step of result.summary?.provisioningSteps ?? []) {
    const reason = step.details?.['SkipReason'];
    if (reason) return reason;
  }
  return undefined;
}

const errorRules = (path: ReadonlyArray<string | number>): ScalarRule | undefined => {
  const last = path[path.length - 1];
  if (last === 'code') return (e, a) => typeof e === 'string' && typeof a === 'string' && errorCodesMatch(e, a);
  if (last === 'reason' || last === 'recommendedAction' || last === 'additionalDetails') {
    return (e, a) => typeof a === 'string' && a.includes(String(e));
  }
  return undefined;
};

/** Fields every step has; `exact` on a step is about its view details, so these need not be listed. */
const commonStepFields = new Set(['status', 'description', 'shown', 'error']);

/** Keys of step views whose values are Graph-style strings. */
const stringViews = new Set(['attributes', 'modifiedProperties', 'facts']);

interface Context {
  result: OnDemandResult;
  exact: boolean;
  failures: Failure[];
  /** The actual text with Redact() values masked, when the run produced any. */
  masked?: (actual: string) => string;
}

/** Match options with the context's masking. */
function withMask(ctx: Context, options: MatchOptions): MatchOptions {
  return ctx.masked ? { ...options, masked: ctx.masked } : options;
}

/**
 * Every failed expectation. A scenario with no expectations fails with `EXPECT_NOTHING`: a
 * scenario that would pass whatever happened is a silent pass.
 */
export function checkExpectations(expect: Expectations | null, result: OnDemandResult, options: { exact?: boolean } = {}): Failure[] {
  if (!expect) {
    return [
      {
        code: 'EXPECT_NOTHING',
        message: 'the scenario expects nothing, so it cannot fail',
        path: [],
      },
    ];
  }
  const redactions = result.redactions ?? [];
  const ctx: Context = {
    result,
    exact: options.exact === true || expect.exact === true,
    failures: [],
    ...(redactions.length > 0 ? { masked: (actual: string) => scrub(actual, redactions) } : {}),
  };
  const object = result.result;
  if (expect.result !== undefined && expect.result !== object.status) {
    const step = decisiveStep(object);
    push(ctx, { code: 'EXPECT_MISMATCH', path: ['result'], expected: expect.result, actual: object.status }, step, step ? stepExchanges(result.exchanges, step) : []);
  }
  if (expect.action !== undefined && !actionsMatch(expect.action, object)) {
    push(ctx, { code: 'EXPECT_MISMATCH', path: ['action'], expected: expect.action, actual: object.action }, 'action');
  }
  if (expect.error !== undefined) checkError(ctx, expect.error, object, ['error']);
  if (expect.steps) checkSteps(ctx, expect.steps);
  if (expect.requests) checkRequests(ctx, expect.requests);
  if (expect.target) checkTarget(ctx, expect.target);
  if (expect.members) checkMembers(ctx, expect.members);
  return ctx.failures;
}

function checkError(ctx: Context, expected: ErrorExpectation | null, object: ObjectResult, path: Array<string | number>, step?: StepKey): void {
  const actual = errorView(object.error);
  const mismatches = matchValue(expected, actual, withMask(ctx, { exact: ctx.exact, ruleFor: errorRules }));
  const at = step ?? failingStep(object);
  for (const m of mismatches) push(ctx, prefix(m, path), at, failingExchanges(ctx.result.exchanges));
}

function checkSteps(ctx: Context, steps: NonNullable<Expectations['steps']>): void {
  const object = ctx.result.result;
  for (const [key, expected] of Object.entries(steps) as Array<[StepKey, unknown]>) {
    const path = ['steps', key];
    const step = object.steps.find((s) => s.key === key);
    const exchanges = stepExchanges(ctx.result.exchanges, key);
    if (expected === null) {
      if (step) push(ctx, { code: 'EXPECT_PRESENT', path, expected: null, actual: stepView(step) }, key, exchanges);
      continue;
    }
    if (!step) {
      push(ctx, { code: 'EXPECT_ABSENT', path, expected, actual: undefined }, key);
      continue;
    }
    const view = stepView(step);
    if (!isPlainObject(expected)) continue;
    const exact = ctx.exact || expected['exact'] === true;
    for (const [field, value] of Object.entries(expected)) {
      if (field === 'exact') continue;
      const options = withMask(ctx, { exact, stringView: stringViews.has(field), ruleFor: field === 'error' ? errorRules : undefined });
      for (const m of matchValue(value, view[field], options)) push(ctx, prefix(m, [...path, field]), key, exchanges);
    }
    if (exact) {
      const listed = new Set(Object.keys(expected));
      for (const field of Object.keys(view)) {
        if (listed.has(field) || commonStepFields.has(field) || view[field] === undefined) continue;
        push(ctx, { code: 'EXPECT_EXTRA_KEY', path: [...path, field], expected: undefined, actual: view[field] }, key, exchanges);
      }
    }
  }
}

/** The listed requests must appear in this order; others may come between them. */
function checkRequests(ctx: Context, requests: RequestExpectation[]): void {
  const views = ctx.result.exchanges.map(requestView);
  let from = 0;
  requests.forEach((expected, index) => {
    const wanted = normaliseRequest(expected);
    const options = withMask(ctx, { exact: ctx.exact || expected.exact === true });
    for (let j = from; j < views.length; j++) {
      if (requestMismatches(wanted, views[j]!, options).length === 0) {
        from = j + 1;
        return;
      }
    }
    const closest = closestRequest(wanted, views, from, options);
    const detail = closest ? requestMismatches(wanted, closest.view, options)[0] : undefined;
    const label = [wanted['method'], wanted['path']].filter(Boolean).join(' ') || `request ${index + 1}`;
    ctx.failures.push({
      code: 'EXPECT_REQUEST_NOT_SENT',
      message: closest
        ? `${label} was not sent${from > 0 ? ' after the previous expected request' : ''}; closest: ${closest.view.method} ${closest.view.path}${detail ? ` (differs at ${formatPath(detail.path) || 'the top level'})` : ''}`
        : `${label} was not sent${from > 0 ? ' after the previous expected request' : ''}`,
      path: ['requests', index],
      ...(expected.step ? { step: expected.step } : closest?.view.step ? { step: closest.view.step as StepKey } : {}),
      expected,
      ...(closest ? { actual: closest.view } : {}),
      ...(closest ? { exchanges: [ctx.result.exchanges[closest.index]!.seq] } : {}),
    });
  });
}

function normaliseRequest(expected: RequestExpectation): Record<string, unknown> {
  const out: Record<string, unknown> = { ...expected };
  if (typeof expected.method === 'string') out['method'] = expected.method.toUpperCase();
  if (typeof expected.path === 'string') out['path'] = decodePath(expected.path);
  if (expected.headers) {
    const headers: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(expected.headers)) headers[k.toLowerCase()] = v;
    out['headers'] = headers;
  }
  return out;
}

function requestMismatches(wanted: Record<string, unknown>, view: RequestView, options: MatchOptions): Mismatch[] {
  const out: Mismatch[] = [];
  for (const [field, value] of Object.entries(wanted)) {
    if (field === 'exact') continue;
    // `exact` on a request entry applies to the bodies and headers it lists, not to the entry.
    const actual = (view as unknown as Record<string, unknown>)[field];
    for (const m of matchValue(value, actual, options)) out.push(prefix(m, [field]));
  }
  return out;
}

/** The candidate most like the expected request: same method and path first, after `from` first. */
function closestRequest(
  wanted: Record<string, unknown>,
  views: RequestView[],
  from: number,
  options: MatchOptions,
): { view: RequestView; index: number } | undefined {
  const order = [...views.keys()].slice(from).concat([...views.keys()].slice(0, from));
  const score = (v: RequestView) =>
    (wanted['method'] === undefined || wanted['method'] === v.method ? 2 : 0) + (wanted['path'] === undefined || wanted['path'] === v.path ? 4 : 0);
  let best: { view: RequestView; index: number; score: number; misses: number } | undefined;
  for (const index of order) {
    const view = views[index]!;
    const s = score(view);
    const misses = requestMismatches(wanted, view, options).length;
    if (!best || s > best.score || (s === best.score && misses < best.misses)) best = { view, index, score: s, misses };
  }
  return best && best.score > 0 ? { view: best.view, index: best.index } : views[from] ? { view: views[from]!, index: from } : undefined;
}

function checkTarget(ctx: Context, target: NonNullable<Expectations['target']>): void {
  const exact = ctx.exact || target.exact === true;
  for (const kind of ['users', 'groups'] as const) {
    const expected = target[kind];
    if (expected === undefined) continue;
    for (const m of matchValue(expected, ctx.result.target[kind], withMask(ctx, { exact }))) push(ctx, prefix(m, ['target', kind]));
  }
}

function checkMembers(ctx: Context, members: NonNullable<Expectations['members']>): void {
  const actual = ctx.result.members;
  const exchanges = stepExchanges(ctx.result.exchanges, 'membership');
  if (members.length !== actual.length) {
    push(ctx, { code: 'EXPECT_LENGTH', path: ['members'], expected: members, actual: actual.map(memberView) }, 'membership', exchanges);
    return;
  }
  members.forEach((expected, i) => {
    const member = actual[i]!;
    const view = memberView(member);
    const path = ['members', i];
    const exact = ctx.exact || expected.exact === true;
    for (const [field, value] of Object.entries(expected)) {
      if (field === 'exact') continue;
      if (field === 'action') {
        if (!actionsMatch(value as ActionKind, member)) push(ctx, { code: 'EXPECT_MISMATCH', path: [...path, field], expected: value, actual: member.action }, 'membership', exchanges);
        continue;
      }
      const options = withMask(ctx, { exact, ruleFor: field === 'error' ? errorRules : undefined });
      for (const m of matchValue(value, view[field], options)) push(ctx, prefix(m, [...path, field]), 'membership', exchanges);
    }
  });
}

function prefix(m: Mismatch, path: Array<string | number>): Mismatch {
  return { ...m, path: [...path, ...m.path] };
}

function push(ctx: Context, m: Mismatch, step?: StepKey, exchanges?: number[]): void {
  ctx.failures.push({
    code: m.code,
    message: describe(m),
    path: m.path,
    ...(step ? { step } : {}),
    ...(m.expected !== undefined ? { expected: m.expected } : {}),
    ...(m.actual !== undefined ? { actual: m.actual } : {}),
    ...(exchanges && exchanges.length > 0 ? { exchanges } : {}),
  });
}

function describe(m: Mismatch): string {
  const at = `expect.${formatPath(m.path)}`;
  switch (m.code) {
    case 'EXPECT_ABSENT':
      return `${at} is absent`;
    case 'EXPECT_PRESENT':
      return `${at} should be absent`;
    case 'EXPECT_EXTRA_KEY':
      return `${at} is not expected (exact match)`;
    case 'EXPECT_LENGTH':
      return `${at} has ${Array.isArray(m.actual) ? m.actual.length : '?'} items, expected ${Array.isArray(m.expected) ? m.expected.length : '?'}`;
    default:
      return `${at} differs`;
  }
}

/** The step that decided the result: the first failing step, else the last one. */
function decisiveStep(object: ObjectResult): StepKey | undefined {
  return (object.steps.find((s) => s.status === 'failure') ?? object.steps[object.steps.length - 1])?.key;
}

function failingStep(object: ObjectResult): StepKey | undefined {
  return (object.steps.find((s) => s.error || s.status === 'failure') ?? object.steps[object.steps.length - 1])?.key;
}

function stepExchanges(exchanges: Exchange[], key: StepKey): number[] {
  return exchanges.filter((x) => x.step === key).map((x) => x.seq);
}

/** Exchanges that failed (an error status or a transport error); else the last one. */
function failingExchanges(exchanges: Exchange[]): number[] {
  const failed = exchanges.filter((x) => x.error !== undefined || (x.status !== undefined && x.status >= 400));
  const last = exchanges[exchanges.length - 1];
  return failed.length > 0 ? failed.map((x) => x.seq) : last ? [last.seq] : [];
}
