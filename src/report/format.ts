/**
 * Text shared by the console, JUnit and Markdown reporters and by `explain`: values, exchanges,
 * failures (step, path, expected, actual, the HTTP exchange) and portal-style labels.
 */
import { createColors } from 'picocolors';
import { formatPath } from '../core/errors.js';
import { formatLocation } from '../core/location.js';
import type { ActionKind, ErrorInformation, StepStatus } from '../engine/types.js';
import type { Failure, ScenarioReport } from '../runner/types.js';
import type { Exchange } from '../scim/types.js';

export type Colors = ReturnType<typeof createColors>;

/** Colours on or off. */
export function colors(enabled: boolean): Colors {
  return createColors(enabled);
}

/** The portal's status words. */
export function statusLabel(status: StepStatus): string {
  return status.charAt(0).toUpperCase() + status.slice(1);
}

/** The portal's action words (`skip` is shown as Skip, Graph logs it as Other). */
export function actionLabel(action: ActionKind): string {
  return action === 'none' ? 'No action' : action.charAt(0).toUpperCase() + action.slice(1);
}

/** Bodies longer than this are cut in console and XML output (the JSON report has them whole). */
const maxValueChars = 2_000;

/** A value on one line when short, else indented JSON; `undefined` reads as "(absent)". */
export function formatValue(value: unknown, indent = 0): string {
  if (value === undefined) return '(absent)';
  const flat = JSON.stringify(value);
  if (flat === undefined) return String(value);
  const text = flat.length <= 120 ? flat : JSON.stringify(value, null, 2);
  const cut = text.length > maxValueChars ? `${text.slice(0, maxValueChars)}… (${text.length - maxValueChars} more characters in the JSON report)` : text;
  const pad = ' '.repeat(indent);
  return cut.split('\n').join(`\n${pad}`);
}

/** `GET /Users?filter=userName eq "a" → 200` */
export function exchangeTitle(exchange: Exchange): string {
  const outcome = exchange.status !== undefined ? String(exchange.status) : `no response (${exchange.error ?? 'transport error'})`;
  return `${exchange.method.toUpperCase()} ${exchange.path} → ${outcome}`;
}

/** An exchange with its request and response bodies. */
export function exchangeLines(exchange: Exchange, indent = 0): string[] {
  const pad = ' '.repeat(indent);
  const lines = [`${pad}${exchangeTitle(exchange)}`];
  if (exchange.requestBody !== undefined) lines.push(`${pad}  request   ${formatValue(exchange.requestBody, indent + 12)}`);
  if (exchange.responseBody !== undefined) lines.push(`${pad}  response  ${formatValue(exchange.responseBody, indent + 12)}`);
  return lines;
}

/** `expect.steps.match.matches` */
export function expectPath(failure: Failure): string {
  return failure.path.length ? `expect.${formatPath(failure.path)}` : 'expect';
}

/** A failure: what, where in the file, expected and actual. */
export function failureLines(failure: Failure, c: Colors = colors(false), indent = 0): string[] {
  const pad = ' '.repeat(indent);
  const where = failure.location ? `  ${c.dim(formatLocation(failure.location))}` : '';
  const lines = [`${pad}${c.bold(failure.message)}${where}`];
  if (failure.code !== 'EXPECT_NOTHING') {
    lines.push(`${pad}  expected  ${c.green(formatValue(failure.expected, indent + 12))}`);
    lines.push(`${pad}  actual    ${c.red(formatValue(failure.actual, indent + 12))}`);
  } else {
    lines.push(`${pad}  hint: add an expect block, or run with --update to record the actual outcome`);
  }
  return lines;
}

/** Failures, then the HTTP exchanges that show them (each once, in the order they were sent). */
export function failureBlock(failures: readonly Failure[], report: ScenarioReport, c: Colors = colors(false), indent = 0): string[] {
  const lines = failures.flatMap((f) => failureLines(f, c, indent));
  const seqs = [...new Set(failures.flatMap((f) => f.exchanges ?? []))].sort((a, b) => a - b);
  for (const seq of seqs) {
    const exchange = report.exchanges.find((x) => x.seq === seq);
    if (exchange) lines.push(...exchangeLines(exchange, indent + 2).map((l) => c.dim(l)));
  }
  return lines;
}

/** A one-line summary of a step's view details, as the portal card would headline it. */
export function stepHeadline(step: ScenarioReport['steps'][number]): string {
  switch (step.key) {
    case 'scope':
      return step.details.inScope ? 'in scope' : 'out of scope';
    case 'match':
      return plural(step.details.matches, 'match', 'matches');
    case 'action':
      return actionLabel(step.details.action) + (step.details.skipReason ? ` (${step.details.skipReason})` : '');
    case 'import':
      return plural(Object.keys(step.details.attributes).length, 'attribute');
    case 'membership':
      return `${step.details.added.length} added, ${step.details.removed.length} removed${step.details.missing.length ? `, ${step.details.missing.length} missing` : ''}`;
    default:
      return '';
  }
}

/** `1 attribute`, `2 attributes`. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * The error of a run that failed outside its step cards — refused before the steps (OAuth job
 * running, subject not found, a member that is not direct…) — which no card shows; undefined when
 * a step carries the error or the run did not fail.
 */
export function runLevelError(report: ScenarioReport): ErrorInformation | undefined {
  const error = report.outcome?.error;
  if (!error || report.outcome?.result !== 'failure' || report.steps.some((s) => s.error)) return undefined;
  return error;
}
