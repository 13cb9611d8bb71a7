import { describe, expect, it } from 'vitest';
import { runOnDemand } from '../../src/engine/run-on-demand.js';
import { alice, bob, bodies, makeApp, makeContext, requests, run, step, userMappings } from './helpers.js';

describe('runOnDemand: runs that end before the steps', () => {
  it.each([
    { name: 'OAuth app with its job running', input: { app: makeApp({ auth: 'oauth', jobRunning: true }) }, code: 'OnDemandNotSupported', reason: /job stopped/ },
    { name: 'group run on a Workday app', input: { app: makeApp({ template: 'workday' }, {}, {}), subject: { group: 'Sales' } }, code: 'OnDemandNotSupported', reason: /workday connectors do not provision groups/ },
    { name: 'group run on a cross-tenant app', input: { app: makeApp({ template: 'crossTenant' }, {}, {}), subject: { group: 'Sales' } }, code: 'OnDemandNotSupported', reason: /^on-demand provisioning of groups is not supported for cross-tenant synchronization/ },
    { name: 'group run without a group mapping', input: { subject: { group: 'Sales' } }, code: 'OnDemandNotSupported', reason: /group provisioning is not enabled/ },
    { name: 'user run with the user mapping disabled', input: { app: makeApp({}, { enabled: false }) }, code: 'OnDemandNotSupported', reason: /no enabled user object mapping/ },
    { name: 'unknown user', input: { subject: { user: 'nobody@contoso.com' } }, code: 'SubjectNotFound', reason: /nobody/ },
    { name: 'soft-deleted user', input: { source: { users: [{ ...alice, deleted: true }] } }, code: 'SubjectNotFound', reason: /soft-deleted/ },
    { name: 'ambiguous search', input: { source: { users: [alice, { ...bob, surname: 'Smith' }, { ...alice, objectId: 'x', userPrincipalName: 'a2@c.com', surname: 'Smith' }] }, subject: { user: 'Smith' } }, code: 'AmbiguousSubject', reason: /2 users match/ },
    { name: 'six members', input: { app: makeApp({}, {}, {}), source: { users: ['a', 'b', 'c', 'd', 'e', 'f'].map((u) => ({ userPrincipalName: u })), groups: [{ displayName: 'G', members: ['a', 'b', 'c', 'd', 'e', 'f'] }] }, subject: { group: 'G', members: ['a', 'b', 'c', 'd', 'e', 'f'] } }, code: 'TooManyGroupMembers', reason: /at most 5/ },
    { name: 'not a direct member', input: { app: makeApp({}, {}, {}), source: { users: [alice, bob], groups: [{ displayName: 'G', members: ['alice@contoso.com'] }] }, subject: { group: 'G', members: ['bob@contoso.com'] } }, code: 'NotADirectMember', reason: /direct member/ },
    { name: 'worker subject on a SCIM app', input: { subject: { worker: '21001' } }, code: 'WorkerSubjectNotSupported', reason: /Workday or SuccessFactors/ },
  ])('$name → $code', async ({ input, code, reason }) => {
    const result = await run(input);
    expect(result.result).toMatchObject({ status: 'failure', action: 'none', error: { errorCode: code, reason: expect.stringMatching(reason), recommendedAction: expect.any(String) } });
    expect(result.result.steps).toEqual([]);
    expect(result.exchanges).toEqual([]);
    expect(JSON.parse(result.result.onDemandResponse.key)).toMatchObject({ result: 'Failure', details: { errorCode: code } });
  });

  it.each([
    { name: 'a member naming nobody', members: ['alice@contoso.com', 'ghost@contoso.com'], position: 1 },
    { name: 'a member naming two users (a shared mail)', members: ['shared@contoso.com'], position: 0 },
  ])('refuses a source group with $name (SOURCE_UNKNOWN_MEMBER, InvalidConfiguration)', async ({ members, position }) => {
    const source = { users: [{ ...alice, mail: 'shared@contoso.com' }, { ...bob, mail: 'shared@contoso.com' }], groups: [{ displayName: 'Other' }, { displayName: 'G', assigned: true, members }] };
    const result = await run({ app: makeApp({}, {}, {}), source, subject: { user: 'alice@contoso.com' } });
    expect(result.issues).toEqual([expect.objectContaining({ code: 'SOURCE_UNKNOWN_MEMBER', path: ['source', 'groups', 1, 'members', position] })]);
    expect(result.result).toMatchObject({ status: 'failure', error: { errorCode: 'InvalidConfiguration' } });
    expect(result.exchanges).toEqual([]);
  });

  it('lists the candidates of an ambiguous search in additionalDetails', async () => {
    const result = await run({ source: { users: [alice, { ...bob, displayName: 'Alice Smith' }] }, subject: { user: 'Alice Smith' } });
    expect(result.result.error?.additionalDetails).toBe('Candidates: Alice Smith <alice@contoso.com> (src-alice); Alice Smith <bob@contoso.com> (src-bob)');
  });

  it('reports an app whose mappings do not compile as InvalidConfiguration with every issue', async () => {
    const app = makeApp({}, { mappings: [{ target: 'userName', expression: 'Join(', match: 1 }, { target: 'a[b', source: 'mail' }] });
    const result = await run({ app });
    expect(result.result.error).toMatchObject({ errorCode: 'InvalidConfiguration', errorCategory: 'nonServiceFailure' });
    expect(result.issues?.map((i) => [i.code.split('_')[0], i.path?.slice(0, 5)])).toEqual([
      ['EXPR', ['app', 'objects', 'user', 'mappings', 0]],
      ['MAPPING', ['app', 'objects', 'user', 'mappings', 1]],
    ]);
  });

  it('reports a target state the mock rejects as InvalidConfiguration', async () => {
    const result = await run({ target: { users: [{ id: 'x', userName: 'a' }, { id: 'x', userName: 'b' }] } });
    expect(result.result.error?.errorCode).toBe('InvalidConfiguration');
    expect(result.issues?.[0]?.code).toMatch(/^MOCK_/);
  });

  it('ends with OperationAborted when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('scenario timed out after 30000 ms'));
    const result = await run({ context: { signal: controller.signal } });
    expect(result.result.error).toMatchObject({ errorCode: 'OperationAborted', errorCategory: 'failure' });
    expect(result.exchanges).toEqual([]);
  });

  it('ends with OperationAborted when the signal fires during the run, sending nothing more', async () => {
    const controller = new AbortController();
    const context = makeContext();
    // The signal fires once the test connection is done: the run stops before matching.
    let reads = 0;
    const clock = { now: () => { if (++reads === 3) controller.abort(new Error('time limit')); return context.clock.now(); } };
    const result = await runOnDemand(makeApp(), { users: [alice] }, {}, { user: 'alice@contoso.com' }, { ...context, clock, signal: controller.signal });
    expect(result.result.error).toMatchObject({ errorCode: 'OperationAborted', reason: 'time limit' });
    expect(requests(result)).toEqual([expect.stringMatching(/^GET \/Users\?filter=userName eq "[0-9a-f-]{36}"$/)]);
  });

  it('never throws for a target that drops connections or answers garbage', async () => {
    for (const fault of [{ on: 'any', error: 'reset' as const }, { on: 'any', error: 'malformed' as const }, { on: 'any', status: 503 }]) {
      const result = await run({ target: { faults: [fault] } });
      expect(result.result.status).toBe('failure');
      expect(result.result.error?.errorCode).toMatch(/^SystemForCrossDomainIdentityManagement/);
    }
  });
});

describe('runOnDemand: Redact, SelectUniqueValue, workers', () => {
  it('sends a Redact() value to the target but shows [Redact] everywhere else', async () => {
    const app = makeApp({}, { mappings: [...userMappings.slice(0, 3), { target: 'nickName', expression: 'Redact(Append([mailNickname], "-secret"))' }] });
    const result = await run({ app });
    expect(bodies(result, 'POST')[0]).toMatchObject({ nickName: 'alice-secret' });
    expect(result.redactions).toEqual(['alice-secret']);
    const views = JSON.stringify([result.result, result.members]);
    expect(views).not.toContain('alice-secret');
    expect(step(result.result, 'action')?.details.attributes.nickName).toBe('[Redact]');
    expect(JSON.parse(result.result.onDemandResponse.value).modifiedProperties).toContainEqual({ displayName: 'nickName', oldValue: null, newValue: '[Redact]' });
  });

  it('SelectUniqueValue queries its candidates and takes the first one the target does not hold', async () => {
    const app = makeApp({}, {
      mappings: [
        { target: 'externalId', source: 'mailNickname', match: 1 },
        { target: 'userName', expression: 'SelectUniqueValue(Join("@", [givenName], "contoso.com"), Join("@", Join(".", [givenName], [surname]), "contoso.com"))' },
      ],
    });
    const source = { users: [{ ...alice, givenName: 'alice', surname: 'smith' }] };
    const settings = { engine: { selectUniqueValue: 'anyApp' as const } };
    const result = await run({ app, source, settings, target: { users: [{ id: 'other', userName: 'alice@contoso.com', externalId: 'someone-else' }] } });
    expect(requests(result)).toEqual(expect.arrayContaining([
      'GET /Users?filter=userName eq "alice@contoso.com"',
      'GET /Users?filter=userName eq "alice.smith@contoso.com"',
    ]));
    expect(bodies(result, 'POST')[0]).toMatchObject({ userName: 'alice.smith@contoso.com' });

    const free = await run({ app, source, settings });
    expect(bodies(free, 'POST')[0]).toMatchObject({ userName: 'alice@contoso.com' });
    expect(requests(free).filter((r) => r.includes('alice.smith'))).toEqual([]);
  });

  it('fails with the expression error when every SelectUniqueValue candidate is taken', async () => {
    const app = makeApp({}, {
      mappings: [
        { target: 'externalId', source: 'mailNickname', match: 1 },
        { target: 'userName', expression: 'SelectUniqueValue([userPrincipalName], [mail])' },
      ],
    });
    const result = await run({ app, settings: { engine: { selectUniqueValue: 'anyApp' } }, target: { users: [{ id: 'other', userName: 'alice@contoso.com', externalId: 'x' }] } });
    expect(result.result).toMatchObject({ status: 'failure', action: 'create', error: { errorCode: 'ExpressionEvaluationFailure', additionalDetails: 'EXPR_EVAL_NO_UNIQUE_VALUE' } });
  });

  // "This function is currently only supported for Workday to Active Directory User Provisioning.
  // It cannot be used with other provisioning applications." (functions-for-customizing-application-data.md)
  it.each(['scim', 'customappsso', 'crossTenant'] as const)('refuses SelectUniqueValue on a %s app as invalid configuration', async (template) => {
    const app = makeApp({ template }, { mappings: [{ target: 'userName', source: 'userPrincipalName', match: 1 }, { target: 'displayName', expression: 'SelectUniqueValue([displayName], [mail])' }] });
    const result = await run({ app });
    expect(result.result.error?.errorCode).toBe('InvalidConfiguration');
    expect(result.issues).toEqual([expect.objectContaining({ code: 'MAPPING_SELECT_UNIQUE_VALUE_UNSUPPORTED', path: ['app', 'objects', 'user', 'mappings', 1, 'expression'] })]);
    expect(result.exchanges).toEqual([]);
  });

  it('finds a disabled user with findDisabledUsers, who is then skipped as inactive', async () => {
    const source = { users: [{ ...alice, accountEnabled: false }] };
    expect((await run({ source })).result.error?.errorCode).toBe('SubjectNotFound');
    const result = await run({ source, settings: { engine: { findDisabledUsers: true } }, target: { users: [{ id: 't', userName: 'alice@contoso.com', active: true }] } });
    expect(result.result).toMatchObject({ status: 'skipped', action: 'other', skipReason: 'NotActiveInSource' });
    expect(step(result.result, 'scope')?.details.facts[0]).toEqual({ label: 'Active in source system', value: 'False', passed: false });
    expect(bodies(result, 'PATCH')).toEqual([]);
  });

  it('provisions a SuccessFactors worker found by personIdExternal', async () => {
    const app = makeApp({ template: 'successFactors' }, { mappings: [{ target: 'externalId', source: 'personIdExternal', match: 1 }, { target: 'userName', expression: 'Join("@", [personIdExternal], "contoso.com")' }] });
    const result = await run({ app, source: { users: [{ personIdExternal: 'P-9' }] }, subject: { worker: 'P-9' } });
    expect(result.result).toMatchObject({ status: 'success', action: 'create', displayName: 'P-9' });
    expect(bodies(result, 'POST')[0]).toMatchObject({ externalId: 'P-9', userName: 'P-9@contoso.com' });
  });

  // The worker is named by the key the run searched for (its record has no UPN), and the target is
  // Entra ID: an HR template never writes into the HR system it reads from.
  it.each([
    { template: 'workday' as const, key: 'WorkerID', source: 'Workday' },
    { template: 'successFactors' as const, key: 'personIdExternal', source: 'SuccessFactors' },
  ])('names a $template worker by its key and the target as Entra ID', async ({ template, key, source }) => {
    const app = makeApp({ template }, { mappings: [{ target: 'externalId', source: key, match: 1 }, { target: 'userName', expression: `Join("@", [${key}], "contoso.com")` }] });
    const result = await run({ app, source: { users: [{ [key]: '21001' }] }, subject: { worker: '21001' } });
    expect(step(result.result, 'import')?.description).toBe(`Retrieved User '21001' from ${source}`);
    expect(step(result.result, 'action')?.description).toBe("User '21001' was created in Azure Active Directory");
    expect(result.result.summary).toMatchObject({
      sourceIdentity: { displayName: '21001' },
      sourceSystem: { displayName: source },
      targetSystem: { displayName: 'Azure Active Directory' },
      targetIdentity: { identityType: 'User' },
    });
  });

  it('provisions a Workday worker found by WorkerID, scoped by its filters only', async () => {
    const app = makeApp({ template: 'workday' }, {
      mappings: [{ target: 'externalId', source: 'WorkerID', match: 1 }, { target: 'userName', source: 'userPrincipalName' }],
      scopingFilters: [{ name: 'Employees', clauses: [{ attribute: 'WorkerID', operator: 'IS NOT NULL' }] }],
    });
    const result = await run({ app, source: { users: [{ userPrincipalName: 'w@contoso.com', WorkerID: '21001' }] }, subject: { worker: '21001' } });
    expect(result.result).toMatchObject({ status: 'success', action: 'create' });
    expect(result.result.summary.sourceSystem.displayName).toBe('Workday');
    expect(step(result.result, 'scope')?.details.facts.map((f) => f.label)).toEqual(['Employees WorkerID IS NOT NULL']);
  });
});

describe('runOnDemand: determinism and the Graph views', () => {
  it('gives byte-identical results for the same inputs and seed', async () => {
    const input = { source: { users: [{ ...alice, manager: 'bob@contoso.com' }, bob] }, target: { users: [{ id: 't-bob', userName: 'bob@contoso.com' }] } };
    const a = await run(input);
    const b = await run(input);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    const c = await run({ ...input, context: { random: (await import('../../src/core/determinism.js')).seededRandom(7) } });
    expect(c.result.summary.id).not.toBe(a.result.summary.id);
  });

  it('stamps steps and the summary with the injected clock', async () => {
    const { steppingClock } = await import('../../src/core/determinism.js');
    const result = await run({ context: { clock: steppingClock('2026-03-01T00:00:00Z', 5) } });
    const times = result.result.steps.map((s) => s.timestamp);
    expect(times).toEqual([...times].sort());
    expect(new Set(times).size).toBe(times.length);
    expect(result.result.summary.activityDateTime.startsWith('2026-03-01T00:00:00')).toBe(true);
    expect(result.result.summary.durationInMilliseconds).toBeGreaterThan(0);
  });

  it('lists matching before scoping in the Graph views with summaryStepOrder graph', async () => {
    const result = await run({ settings: { engine: { summaryStepOrder: 'graph' } } });
    expect(result.result.summary.provisioningSteps.map((s) => s.provisioningStepType)).toEqual(['import', 'matching', 'scoping', 'export']);
  });
});

describe('runOnDemand: a short Redact() value', () => {
  it('is masked as a word but leaves the result\'s own keys and step names intact', async () => {
    // A nickname `tim` used to rewrite `timestamp` into `[Redact]estamp` everywhere.
    const app = makeApp({}, { mappings: [...userMappings.slice(0, 3), { target: 'nickName', expression: 'Redact([mailNickname])' }] });
    const result = await run({ app, source: { users: [{ ...alice, mailNickname: 'tim' }] } });
    expect(result.redactions).toEqual(['tim']);
    expect(step(result.result, 'action')?.details.attributes.nickName).toBe('[Redact]');
    for (const s of result.result.steps) expect(Object.keys(s)).toContain('timestamp');
    expect(JSON.stringify(result.result)).not.toMatch(/\btim\b/);
  });
});

describe('runOnDemand: a Redact() value that is one of the result\'s own words', () => {
  it('leaves step keys and statuses intact', async () => {
    const app = makeApp({}, { mappings: [...userMappings.slice(0, 3), { target: 'nickName', expression: 'Redact([department])' }] });
    const result = await run({ app, source: { users: [{ ...alice, department: 'import' }] } });
    expect(result.result.steps.map((s) => s.key)).toEqual(['testConnection', 'import', 'scope', 'match', 'action']);
    expect(step(result.result, 'action')?.details.attributes.nickName).toBe('[Redact]');
  });
});

