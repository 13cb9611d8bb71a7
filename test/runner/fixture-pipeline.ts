/**
 * A stand-in for runOnDemand with the same signature, for runner tests (in-process and on worker
 * threads, which import it by URL). It builds the fixture result and stamps what the run's
 * context gave it, so tests can see isolation and seeding: the first GUID from the seeded random
 * source becomes the created user's id, and Now() its creation time.
 */
import type { AppDefinition } from '../../src/app/types.js';
import { InputError, InternalError } from '../../src/core/errors.js';
import type { OnDemandResult, RunContext } from '../../src/engine/types.js';
import type { TargetState } from '../../src/scim/types.js';
import type { SourceDirectory, Subject } from '../../src/source/types.js';
import { conflictResult, createdResult } from './fixtures.js';

export async function runOnDemand(app: AppDefinition, source: SourceDirectory, target: TargetState, subject: Subject, context: RunContext): Promise<OnDemandResult> {
  void source;
  void target;
  const who = 'user' in subject ? subject.user : '';
  if (who === 'hang') return new Promise<never>(() => {});
  if (who === 'crash') throw new InternalError('PIPELINE_BUG', 'something broke');
  if (who === 'invalid') throw new InputError('SCOPING_INVALID_REGEX', 'invalid regex in a scoping filter');
  if (who === 'refused') {
    // What the pipeline returns when the mock refuses the target state: a result with issues.
    const refused = createdResult();
    const error = { errorCode: 'InvalidConfiguration', reason: 'target.users[1].id duplicates u-1', errorCategory: 'nonServiceFailure' as const };
    return {
      ...refused,
      result: { ...refused.result, status: 'failure', action: 'none', error, steps: refused.result.steps.slice(0, 1) },
      exchanges: [],
      target: { users: [], groups: [] },
      issues: [{ code: 'MOCK_DUPLICATE_ID', message: 'target.users[1].id duplicates u-1', hint: 'give each target user its own id', path: ['target', 'users', 1, 'id'] }],
    };
  }
  await new Promise((resolve) => setImmediate(resolve));
  const result = who === 'conflict' ? conflictResult() : createdResult();
  const id = context.random.guid();
  const created = new Date(context.clock.now()).toISOString();
  const token = app.target.token ?? '';
  result.target.users = result.target.users.map((u) => ({ ...u, id, meta: { created, lastModified: new Date(context.clock.now()).toISOString() } }));
  // What a leaky pipeline could do: the token in a header and a body, a Redact() value in a body.
  result.exchanges = result.exchanges.map((x) => ({
    ...x,
    requestHeaders: { ...x.requestHeaders, Authorization: `Bearer ${token}`, 'X-Echo': `token=${token}` },
    ...(x.seq === 3 ? { requestBody: { ...(x.requestBody as object), password: 'Pa55word-1', note: `uses ${token}` } } : {}),
  }));
  result.redactions = ['Pa55word-1'];
  result.result.summary = { ...result.result.summary, activityDateTime: created, changeId: context.random.guid() };
  return result;
}
