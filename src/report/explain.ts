/**
 * `provision explain`: one scenario's run told the way the portal's "Provision on demand" page
 * shows it — numbered step cards with their status, description and "View details" — followed by
 * the requests each step sent and how the expectations fared.
 */
import { formatIssue } from '../core/errors.js';
import { flattenResource } from '../engine/details.js';
import type { OnDemandStep } from '../engine/types.js';
import type { ScenarioReport, StepReport } from '../runner/types.js';
import type { Exchange } from '../scim/types.js';
import { actionLabel, colors, exchangeLines, failureLines, runLevelError, statusLabel, type Colors } from './format.js';
import { inline } from './printable.js';

/** The explanation of a finished scenario, as lines. */
export function explainLines(report: ScenarioReport, color = false): string[] {
  const c = colors(color);
  const subject = 'user' in report.subject ? `user ${report.subject.user}` : 'group' in report.subject ? `group ${report.subject.group}` : `worker ${report.subject.worker}`;
  const lines = [
    c.bold(`Provision on demand · ${subject}`),
    c.dim(`${inline(report.name)} · ${report.file}:${report.line} · ${report.app.name} (${report.app.template} app) · seed ${String(report.seed)} · clock ${typeof report.clock === 'string' ? report.clock : report.clock.at}`),
    '',
  ];
  if (report.error) {
    lines.push(c.red(`${report.error.code} ${report.error.message}`));
    if (report.error.hint) lines.push(c.dim(`hint: ${report.error.hint}`));
    for (const issue of report.issues ?? []) lines.push(...formatIssue(issue).split('\n'));
    return lines;
  }
  report.steps.forEach((step, i) => lines.push(...stepLines(step, `${i + 1}.`, report.exchanges.filter((x) => step.exchanges.includes(x.seq)), c), ''));
  // A run refused before the steps (OAuth job running, subject not found, not a direct member…)
  // or failing outside them carries its error on the outcome alone: show why, and what to do.
  const runError = runLevelError(report);
  if (runError) {
    lines.push(c.red(`Error: ${runError.errorCode}`), `  ${runError.reason.replace(/\r?\n/g, '\n  ')}`);
    if (runError.additionalDetails) lines.push(`  ${runError.additionalDetails}`);
    if (runError.recommendedAction) lines.push(c.dim(`  Recommended action: ${runError.recommendedAction}`));
    lines.push('');
  }
  if (report.outcome) {
    const error = report.outcome.error ? ` · ${report.outcome.error.errorCode}` : '';
    lines.push(c.bold(`Result: ${statusLabel(report.outcome.result)} · ${actionLabel(report.outcome.action)}${error}`));
  }
  for (const member of report.members ?? []) {
    lines.push(c.dim(`  member ${member.displayName}: ${statusLabel(member.status)} · ${actionLabel(member.action)}${member.error ? ` · ${member.error.errorCode}` : ''}`));
  }
  // A member that failed or warned: its own cards, so the reason is on the page (the one-line
  // summary above only names the code).
  for (const member of (report.members ?? []).filter((m) => m.status === 'failure' || m.status === 'warning')) {
    lines.push('', c.bold(`Member ${member.displayName}`));
    if (member.steps.length === 0 && member.error) lines.push(`  ${member.error.errorCode}: ${member.error.reason}`);
    member.steps.forEach((step, i) => {
      const exchanges = report.exchanges.filter((x) => x.step === `${member.displayName}:${step.key}`);
      lines.push(...stepLines(step, `${i + 1}.`, exchanges, c).map((l) => `  ${l}`), '');
    });
  }
  lines.push(...expectationLines(report, c));
  return lines;
}

function stepLines(step: OnDemandStep, n: string, exchanges: readonly Exchange[], c: Colors): string[] {
  const status = step.status === 'success' ? c.green(statusLabel(step.status)) : step.status === 'failure' ? c.red(statusLabel(step.status)) : c.yellow(statusLabel(step.status));
  const hidden = step.shownInPortal ? '' : c.dim('  (not shown in the portal when it succeeds)');
  const lines = [`${c.bold(`${n} ${step.title}`)} — ${status}${hidden}`];
  if (step.description) lines.push(`   ${step.description}`);
  const details = detailLines(step);
  if (details.length > 0) lines.push(c.dim('   View details'), ...details.map((l) => `     ${l}`));
  if (step.error) {
    lines.push(c.red(`   Error: ${step.error.errorCode}`), ...step.error.reason.split(/\r?\n/).map((l) => `     ${l}`));
    if (step.error.recommendedAction) lines.push(c.dim(`     Recommended action: ${step.error.recommendedAction}`));
  }
  if (exchanges.length > 0) lines.push(c.dim('   Requests'), ...exchanges.flatMap((x) => exchangeLines(x, 5)).map((l) => c.dim(l)));
  return lines;
}

/** The "View details" of a card, per step kind. */
export function detailLines(step: OnDemandStep): string[] {
  switch (step.key) {
    case 'testConnection':
      return step.details.request ? [`Test request: ${step.details.request}`] : [];
    case 'import':
      return table(step.details.attributes);
    case 'scope':
      // A clause on an attribute the user has no value for reads "(no value)", not a dangling colon.
      return step.details.facts.map((f) => `${f.passed ? '✓' : '✗'} ${f.label}: ${f.value === '' ? '(no value)' : f.value}`);
    case 'match': {
      // "If one user matches in the target system, the properties of that user are shown. If
      // multiple users match, the properties of both users are shown" (provision-on-demand.md,
      // Step 4): each attempt, then the properties of every object it found.
      const out = step.details.attempts.flatMap((a) => [
        `${a.attribute} ${a.value === null ? '(no source value, skipped)' : `eq ${JSON.stringify(a.value)}`} → ${a.found.length} match${a.found.length === 1 ? '' : 'es'}${a.found.length ? `: ${a.found.map((r) => r.id ?? '?').join(', ')}` : ''}`,
        ...a.found.flatMap((resource) => [`  ${resource.id ?? '?'}`, ...table(flattenResource(resource)).map((l) => `    ${l}`)]),
      ]);
      if (step.details.targetId) out.push(`Matched target object: ${step.details.targetId}`);
      return out;
    }
    case 'action': {
      const out = [`Action: ${actionLabel(step.details.action)}${step.details.skipReason ? ` (SkipReason: ${step.details.skipReason})` : ''}`];
      out.push(...table(step.details.attributes));
      for (const p of step.details.modifiedProperties) out.push(`${p.displayName}: ${p.oldValue ?? '(none)'} → ${p.newValue ?? '(none)'}`);
      // Role mappings left out (engine setting roleMappings: skip): without this line a support
      // engineer sees the roles silently missing from the request.
      if (step.details.notProvisioned?.length) out.push(`Not provisioned on demand (roles are not supported): ${step.details.notProvisioned.join(', ')}`);
      return out;
    }
    case 'reference':
      return [`${step.details.attribute}: ${step.details.referencedSourceId ?? '(none)'} → ${step.details.targetId ?? '(not provisioned)'}`];
    case 'membership':
      return [
        ...(step.details.added.length ? [`Added: ${step.details.added.join(', ')}`] : []),
        ...(step.details.removed.length ? [`Removed: ${step.details.removed.join(', ')}`] : []),
        ...(step.details.missing.length ? [`Left out (out of scope or not in the target): ${step.details.missing.join(', ')}`] : []),
      ];
  }
}

function table(attributes: Record<string, string | string[]>): string[] {
  const keys = Object.keys(attributes);
  const width = Math.min(32, Math.max(0, ...keys.map((k) => k.length)));
  return keys.map((k) => {
    const v = attributes[k];
    return `${k.padEnd(width)}  ${Array.isArray(v) ? v.join(', ') : v}`;
  });
}

function expectationLines(report: ScenarioReport, c: Colors): string[] {
  if (report.failures.length === 0) return [c.green('Expectations: all met')];
  if (report.failures.every((f) => f.code === 'EXPECT_NOTHING')) return [c.dim('Expectations: none written (provision run --update records this outcome)')];
  const lines = [c.red(`Expectations: ${report.failures.length} not met`)];
  for (const f of report.failures) lines.push(...failureLines(f, c, 2));
  return lines;
}
