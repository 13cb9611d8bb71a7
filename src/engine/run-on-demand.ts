/**
 * `runOnDemand(app, source, target, subject, context)`: the on-demand pipeline alone
 * (docs/pipeline.md). Preconditions, the portal's subject search, then the steps against a
 * mocked SCIM target seeded from `target`, and the results in the portal's and Graph's shapes.
 */
import type { AppDefinition } from '../app/types.js';
import { InputError, type Issue } from '../core/errors.js';
import { seededRandom } from '../core/determinism.js';
import { createScimClient } from '../scim/client.js';
import { createMockScimTarget } from '../scim/mock/target.js';
import type { MockScimTarget, TargetState } from '../scim/types.js';
import { indexSource, sourceReferenceIssues, userLabel, type DirectoryUser } from '../source/directory.js';
import { resolveSubject, type ResolvedSubject } from '../source/search.js';
import type { SourceDirectory, Subject } from '../source/types.js';
import { entraError } from './entra-errors.js';
import { abortedError, identify, provisioned, runObject } from './object-run.js';
import { checkPreconditions } from './preconditions.js';
import { prepareObject, templateIssues, type PreparedObject } from './prepare.js';
import { ObjectRecorder } from './recorder.js';
import { scrub } from './redact.js';
import { textFor, type RunState } from './run-state.js';
import { membershipStep } from './steps/membership.js';
import { testConnectionStep } from './steps/test-connection.js';
import { buildObjectResult, type ObjectOutcome, type RunIds } from './summary.js';
import type { ErrorInformation, ObjectResult, OnDemandResult, RunContext } from './types.js';

/**
 * Runs one user (or one group with up to five members) through the on-demand steps against a
 * mocked SCIM target seeded from `target`, and returns the portal steps, the Graph-shaped
 * summary, the HTTP exchanges and the target state after the run. Never throws for anything a
 * scenario can contain: such problems are failure results with an Entra-style error code; only
 * bugs in this tool throw.
 */
export async function runOnDemand(
  app: AppDefinition,
  source: SourceDirectory,
  target: TargetState,
  subject: Subject,
  context: RunContext,
): Promise<OnDemandResult> {
  const early = (error: ErrorInformation, issues?: Issue[]): OnDemandResult =>
    terminal(app, target, subject, context, error, issues);
  if (context.signal?.aborted) return early(entraError('OperationAborted', 'the run was aborted before it started', { category: 'failure' }));

  const refusal = checkPreconditions(app, subject);
  if (refusal) return early(entraError(refusal.code, refusal.reason));

  const objects: RunState['objects'] = {};
  const issues: Issue[] = [];
  for (const objectType of ['user', 'group'] as const) {
    const mapping = app.objects[objectType];
    if (!mapping || mapping.enabled === false) continue;
    const prepared = prepareObject(mapping, objectType, context.settings);
    const found = prepared.ok ? templateIssues(prepared.prepared, app.template ?? 'scim', context.settings) : prepared.issues;
    if (prepared.ok && found.length === 0) objects[objectType] = prepared.prepared;
    else issues.push(...found.map((i) => ({ ...i, path: ['app', 'objects', objectType, ...(i.path ?? [])] })));
  }
  if (issues.length > 0) return early(invalid(issues), issues);

  const index = indexSource(source, context.random);
  const references = sourceReferenceIssues(index);
  if (references.length > 0) return early(invalid(references), references);
  const found = resolveSubject(index, subject, app.template ?? 'scim', {
    match: context.settings.engine.subjectSearch,
    findDisabledUsers: context.settings.engine.findDisabledUsers,
  });
  if (!found.ok) {
    const { problem } = found;
    return early(entraError(problem.code, problem.reason, problem.candidates?.length ? { additionalDetails: `Candidates: ${problem.candidates.join('; ')}` } : {}));
  }
  if (found.subject.kind === 'group' && found.subject.members.length > 0 && !objects.user) {
    return early(entraError('OnDemandNotSupported', 'members were selected, but the app has no enabled user mapping to provision them with: add objects.user, or select no members'));
  }

  let mock: MockScimTarget;
  let run: RunState;
  try {
    mock = await createMockScimTarget(target, undefined, {
      url: app.target.url,
      random: seededRandom(context.random.int(0x1_0000_0000)),
      clock: context.clock,
      timeoutMs: context.settings.scim.timeoutMs,
      ...(app.name ? { entry: `app ${app.name}` } : {}),
    });
  } catch (error) {
    if (error instanceof InputError) return early(invalid(error.issues), [...error.issues]);
    throw error;
  }
  try {
    const client = createScimClient({
      url: app.target.url,
      ...(app.target.token !== undefined ? { token: app.target.token } : {}),
      ...(app.target.flags ? { flags: app.target.flags } : {}),
      template: app.template ?? 'scim',
      settings: context.settings.scim,
      random: context.random,
      clock: context.clock,
      ...(context.signal ? { signal: context.signal } : {}),
      onDemand: true,
      // `nock` leaves the client on the global fetch, which nock intercepts (docs/scim.md, "Transports").
      ...(context.transport === 'nock' ? {} : { fetch: mock.fetch }),
    });
    run = {
      app,
      template: app.template ?? 'scim',
      settings: context.settings,
      clock: context.clock,
      random: context.random,
      signal: context.signal,
      source,
      index,
      client,
      mock,
      evalContext: { clock: context.clock, random: context.random, options: context.settings.expression },
      objects,
      redacted: new Set(),
    };
    const { result, members } = await runSubject(run, found.subject);
    const redactions = [...run.redacted];
    return {
      result: scrub(result, redactions),
      members: scrub(members, redactions),
      exchanges: mock.journal.map((e) => ({ ...e })),
      target: mock.snapshot(),
      redactions,
    };
  } catch (error) {
    if (error instanceof InputError) return early(invalid(error.issues), [...error.issues]);
    throw error;
  } finally {
    mock.close();
  }
}

interface Recorded {
  recorder: ObjectRecorder;
  outcome: ObjectOutcome;
}

async function runSubject(run: RunState, subject: ResolvedSubject): Promise<{ result: ObjectResult; members: ObjectResult[] }> {
  if (subject.kind !== 'group') {
    const label = subject.kind === 'worker' ? { label: subject.workerKey } : {};
    const main = await runWithConnectionTest(run, { kind: 'user', user: subject.user, ...label }, run.objects.user as PreparedObject);
    return { ...finish(run, [main]), members: [] };
  }
  const prepared = run.objects.group as PreparedObject;
  const group = await runWithConnectionTest(run, { kind: 'group', group: subject.group }, prepared);
  const members: Recorded[] = [];
  const groupId = group.outcome.targetId;
  // Members follow only a group that is provisioned (docs/pipeline.md, "Groups").
  if (groupId && provisioned(group.outcome)) {
    for (const user of subject.members) members.push(await runMember(run, user));
    if (prepared.members && members.length > 0 && !run.signal?.aborted) {
      // An out-of-scope member is left out even when it exists in the target (§6.2).
      const states = members.map((m) => ({ label: m.outcome.displayName, ...(m.outcome.targetId && !m.outcome.outOfScope ? { targetId: m.outcome.targetId } : {}) }));
      const text = textFor(run, 'group', group.outcome.displayName);
      const membership = await membershipStep(run, groupId, states, group.recorder, text);
      group.outcome = mergeMembership(group.outcome, membership.status, membership.added, membership.error);
    }
  }
  const built = finish(run, [group, ...members]);
  return { result: built.result, members: built.rest };
}

async function runWithConnectionTest(run: RunState, subject: Parameters<typeof runObject>[1], prepared: PreparedObject): Promise<Recorded> {
  const identity = identify(subject);
  const recorder = new ObjectRecorder(identity.objectType, run.clock);
  const connection = await testConnectionStep(run, recorder, textFor(run, identity.objectType, identity.displayName));
  if (!connection.ok) {
    return { recorder, outcome: settle(run, { ...identity, status: 'failure', action: 'none', error: connection.error, modifiedProperties: [] }) };
  }
  if (run.signal?.aborted) {
    return { recorder, outcome: { ...identity, status: 'failure', action: 'none', error: abortedError(run), modifiedProperties: [] } };
  }
  return { recorder, outcome: settle(run, await runObject(run, subject, prepared, recorder)) };
}

/** A failure caused by the abort (a request cut short) is reported as the abort. */
function settle(run: RunState, outcome: ObjectOutcome): ObjectOutcome {
  return outcome.status === 'failure' && run.signal?.aborted ? { ...outcome, error: abortedError(run) } : outcome;
}

async function runMember(run: RunState, user: DirectoryUser): Promise<Recorded> {
  const recorder = new ObjectRecorder('user', run.clock);
  if (run.signal?.aborted) {
    const outcome: ObjectOutcome = { ...identify({ kind: 'user', user }), status: 'failure', action: 'none', error: abortedError(run), modifiedProperties: [] };
    return { recorder, outcome };
  }
  return { recorder, outcome: settle(run, await runObject(run, { kind: 'user', user }, run.objects.user as PreparedObject, recorder, userLabel(user))) };
}

/** The group's outcome once its members were added: the worse of the two steps. */
function mergeMembership(outcome: ObjectOutcome, status: string, added: number, error?: ErrorInformation): ObjectOutcome {
  let merged = outcome;
  if (added > 0) {
    // Membership changed (also by the batches before a failing one), so the group was updated
    // even when its own attributes already matched.
    const { skipReason: _reason, skipMessage: _message, ...rest } = outcome;
    const action = outcome.action === 'skip' || outcome.action === 'other' ? 'update' : outcome.action;
    merged = { ...(outcome.action === 'skip' ? rest : outcome), action };
  }
  if (status === 'failure') return { ...merged, status: 'failure', ...(error ? { error } : {}) };
  if (added === 0) return outcome;
  return { ...merged, status: status === 'warning' ? 'warning' : outcome.status === 'skipped' ? 'success' : outcome.status };
}

/** Builds the results; the summary ids are drawn after every step so they never shift Guid(). */
function finish(run: RunState, recorded: Recorded[]): { result: ObjectResult; rest: ObjectResult[] } {
  const ids: RunIds = { jobId: `${run.template}.${run.random.guid().replace(/-/g, '')}`, cycleId: run.random.guid() };
  const results = recorded.map(({ recorder, outcome }) =>
    buildObjectResult(recorder, outcome, run.app, { ...ids, id: run.random.guid(), changeId: run.random.guid() }, run.settings.engine));
  const [result, ...rest] = results as [ObjectResult, ...ObjectResult[]];
  return { result, rest };
}

function invalid(issues: readonly Issue[]): ErrorInformation {
  const first = issues[0];
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return entraError('InvalidConfiguration', first ? `${first.message}${more}` : 'the app, source or target is invalid', {
    additionalDetails: issues.map((i) => i.code).join(', '),
  });
}

/** A run that ended before any step: refused, subject not found, invalid input, aborted. */
function terminal(
  app: AppDefinition,
  target: TargetState,
  subject: Subject,
  context: RunContext,
  error: ErrorInformation,
  issues?: Issue[],
): OnDemandResult {
  const objectType = 'group' in subject ? 'group' : 'user';
  const displayName = 'group' in subject ? subject.group : 'user' in subject ? subject.user : subject.worker;
  const recorder = new ObjectRecorder(objectType, context.clock);
  const template = app.template ?? 'scim';
  const ids = { jobId: `${template}.${context.random.guid().replace(/-/g, '')}`, cycleId: context.random.guid(), id: context.random.guid(), changeId: context.random.guid() };
  const result = buildObjectResult(
    recorder,
    { objectType, displayName, sourceId: '', status: 'failure', action: 'none', error, modifiedProperties: [] },
    app,
    ids,
    context.settings.engine,
  );
  return {
    result,
    members: [],
    exchanges: [],
    target: { users: structuredClone(target.users ?? []), groups: structuredClone(target.groups ?? []) },
    redactions: [],
    ...(issues ? { issues } : {}),
  };
}
