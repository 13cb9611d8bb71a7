/**
 * The client against the mocked target: what goes over the wire, and how every answer maps to an
 * Entra result.
 */
import { describe, expect, it } from 'vitest';
import { createBody, patchBody } from '../../src/scim/bodies.js';
import type { Fault } from '../../src/scim/types.js';
import { ENTERPRISE, failureOf, makeClient, requestLines, startTarget, successOf, TENANT_URL, TOKEN } from './helpers.js';

const alice = { id: 'u-1', userName: 'Alice@Contoso.com', externalId: 'alice', active: true, displayName: 'Alice' };
const bob = { id: 'u-2', userName: 'bob@contoso.com', externalId: 'bob', active: true };
const sales = { id: 'g-1', displayName: 'Sales', members: [{ value: 'u-1' }] };
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('test connection', () => {
  it('queries the matching attribute for a random GUID and accepts an empty ListResponse', async () => {
    const target = await startTarget({ users: [alice] });
    const result = successOf(await makeClient().testConnection());
    expect(result.probes).toHaveLength(1);
    const [exchange] = target.journal;
    expect(exchange?.path).toMatch(/^\/Users\?filter=userName eq "[0-9a-f-]{36}"$/);
    expect(GUID.test(/"(.*)"/.exec(exchange?.path ?? '')?.[1] ?? '')).toBe(true);
    expect(exchange?.requestHeaders).toEqual({ authorization: 'Bearer [redacted]', host: 'scim.example.test' });
    expect(exchange?.responseBody).toMatchObject({ totalResults: 0, Resources: [] });
  });

  it('uses the given matching attribute and probes /Groups when testConnectionGroupProbe is set', async () => {
    const target = await startTarget();
    const client = makeClient({ settings: { testConnectionGroupProbe: true } });
    successOf(await client.testConnection({ attribute: 'externalId' }));
    expect(target.journal.map((e) => e.path.replace(/"[^"]*"/, '"…"'))).toEqual([
      '/Users?filter=externalId eq "…"',
      '/Groups?excludedAttributes=members&filter=displayName eq "…"',
    ]);
  });

  const cases: Array<{ name: string; fault?: Fault; behaviour?: object; group?: boolean; code: string; errorCode: string }> = [
    { name: '401', fault: { on: 'testConnection', status: 401 }, code: 'SCIM_HTTP_STATUS', errorCode: 'CredentialValidationFailure' },
    { name: '403', fault: { on: 'testConnection', status: 403 }, code: 'SCIM_HTTP_STATUS', errorCode: 'CredentialValidationFailure' },
    { name: '404 on an empty query', behaviour: { notFoundOnEmptyQuery: true }, code: 'SCIM_HTTP_STATUS', errorCode: 'ServiceIncompatible' },
    { name: 'no /Groups on the group probe', behaviour: { groups: false }, group: true, code: 'SCIM_HTTP_STATUS', errorCode: 'ServiceIncompatible' },
    { name: '500', fault: { on: 'testConnection', status: 500 }, code: 'SCIM_HTTP_STATUS', errorCode: 'InternalServerError' },
    { name: 'a malformed body', fault: { on: 'testConnection', error: 'malformed' }, code: 'SCIM_UNPARSEABLE_BODY', errorCode: 'ServiceIncompatible' },
    { name: 'JSON that is not a ListResponse', fault: { on: 'testConnection', status: 200, body: { id: 'x' } }, code: 'SCIM_UNEXPECTED_RESPONSE', errorCode: 'ServiceIncompatible' },
    {
      name: 'a server that ignores the filter',
      fault: { on: 'testConnection', status: 200, body: { totalResults: 1, Resources: [{ id: 'u-1' }] } },
      code: 'SCIM_FILTER_IGNORED',
      errorCode: 'ServiceIncompatibleFiltering',
    },
    { name: 'a timeout', fault: { on: 'testConnection', error: 'timeout' }, code: 'SCIM_TIMEOUT', errorCode: 'Timeout' },
    { name: 'a dropped connection', fault: { on: 'testConnection', error: 'reset' }, code: 'SCIM_CONNECTION_RESET', errorCode: 'WebExceptionProtocolError' },
  ];
  it.each(cases)('fails on $name with $errorCode', async ({ fault, behaviour, group, code, errorCode }) => {
    await startTarget({ ...(fault ? { faults: [fault] } : {}) }, behaviour);
    const client = makeClient({ settings: { testConnectionGroupProbe: !!group } });
    const failure = failureOf(await client.testConnection());
    expect(failure.code).toBe(code);
    expect(failure.errorCode).toBe(`SystemForCrossDomainIdentityManagement${errorCode}`);
    expect(failure.operation).toBe('testConnection');
  });
});

describe('matching queries', () => {
  it('finds one user with eq, case-insensitively on userName', async () => {
    const target = await startTarget({ users: [alice, bob] });
    const result = successOf(await makeClient().query('User', 'userName', 'alice@contoso.com'));
    expect(result.resources.map((r) => r.id)).toEqual(['u-1']);
    expect(target.journal[0]?.path).toBe('/Users?filter=userName eq "alice@contoso.com"');
  });

  it('finds nothing on a case-exact attribute spelt differently', async () => {
    await startTarget({ users: [alice] });
    expect(successOf(await makeClient().query('User', 'externalId', 'ALICE')).resources).toEqual([]);
  });

  it('queries groups without members', async () => {
    const target = await startTarget({ users: [alice], groups: [sales] });
    const result = successOf(await makeClient().query('Group', 'displayName', 'sales'));
    expect(result.resources).toHaveLength(1);
    expect(result.resources[0]).not.toHaveProperty('members');
    expect(target.journal[0]?.path).toBe('/Groups?excludedAttributes=members&filter=displayName eq "sales"');
  });

  it('fails with DuplicateTargetEntries when several objects match', async () => {
    await startTarget({ users: [{ ...alice, externalId: 'same' }, { ...bob, externalId: 'same' }] });
    const failure = failureOf(await makeClient().query('User', 'externalId', 'same'));
    expect(failure.errorCode).toBe('SystemForCrossDomainIdentityManagementDuplicateTargetEntries');
    expect(failure.found?.map((r) => r.id)).toEqual(['u-1', 'u-2']);
    expect(failure.reason).toContain('2 objects match externalId eq "same"');
  });

  it('fails with BadRequest when the target cannot filter on the attribute', async () => {
    await startTarget({ users: [alice] }, { filterable: ['userName'] });
    const failure = failureOf(await makeClient().query('User', 'externalId', 'alice'));
    expect(failure.errorCode).toBe('SystemForCrossDomainIdentityManagementBadRequest');
    expect(failure.reason).toContain('invalidFilter');
  });

  it('fails with MultipleEntriesInResponse when a group query returns members', async () => {
    const body = { totalResults: 1, Resources: [{ id: 'g-1', displayName: 'Sales', members: [{ value: 'u-1' }] }] };
    await startTarget({ faults: [{ on: 'GET /Groups', status: 200, body }] });
    const failure = failureOf(await makeClient().query('Group', 'displayName', 'Sales'));
    expect(failure.errorCode).toBe('SystemForCrossDomainIdentityManagementMultipleEntriesInResponse');
  });
});

describe('reads by id', () => {
  it('reads a user, and a group without members', async () => {
    const target = await startTarget({ users: [alice], groups: [sales] });
    const client = makeClient();
    expect(successOf(await client.get('User', 'u-1')).resource.userName).toBe('Alice@Contoso.com');
    const group = successOf(await client.get('Group', 'g-1')).resource;
    expect(group).not.toHaveProperty('members');
    expect(target.journal.map((e) => e.path)).toEqual(['/Users/u-1', '/Groups/g-1?excludedAttributes=members']);
  });

  it.each([
    ['a 404 (InvalidAnchor)', { on: 'GET /Users/*', status: 404 }, 'InvalidAnchor'],
    ['a group with members', { on: 'GET /Groups/*', status: 200, body: { id: 'g-1', members: [{ value: 'u-1' }] } }, 'MultipleEntriesInResponse'],
    ['several resources', { on: 'GET /Users/*', status: 200, body: { totalResults: 2, Resources: [{ id: 'a' }, { id: 'b' }] } }, 'MultipleEntriesInResponse'],
    ['a body that is not JSON', { on: 'GET /Users/*', error: 'malformed' }, 'ServiceIncompatible'],
  ] as const)('fails on %s', async (_name, fault, code) => {
    await startTarget({ users: [alice], faults: [fault as Fault] });
    const type = fault.on.includes('Groups') ? 'Group' : 'User';
    const failure = failureOf(await makeClient().get(type, type === 'Group' ? 'g-1' : 'u-1'));
    expect(failure.errorCode).toBe(`SystemForCrossDomainIdentityManagement${code}`);
  });
});

describe('create', () => {
  it('sends the documented body and returns the target id', async () => {
    const target = await startTarget();
    const attributes = {
      userName: 'carol@contoso.com',
      active: true,
      emails: [{ primary: true, type: 'work', value: 'carol@contoso.com' }],
      [ENTERPRISE]: { department: 'Sales' },
    };
    const result = successOf(await makeClient().create('User', attributes));
    expect(result.status).toBe(201);
    expect(result.id).toMatch(GUID);
    const exchange = target.journal[0];
    expect(exchange?.requestBody).toEqual(createBody('User', attributes));
    expect(exchange?.requestHeaders['content-type']).toBe('application/scim+json');
    expect(target.snapshot().users[0]).toMatchObject({ id: result.id, userName: 'carol@contoso.com', [ENTERPRISE]: { department: 'Sales' } });
  });

  it('creates groups empty with both group URNs', async () => {
    const target = await startTarget();
    successOf(await makeClient().create('Group', { displayName: 'Sales', externalId: 'obj-1', members: [{ value: 'x' }] }));
    expect(target.journal[0]?.requestBody).toEqual({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group', 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group'],
      displayName: 'Sales',
      externalId: 'obj-1',
      meta: { resourceType: 'Group' },
    });
    expect(target.snapshot().groups[0]).not.toHaveProperty('members');
  });

  it('maps a 409 to conflictErrorCode', async () => {
    await startTarget({ users: [alice] });
    const plain = failureOf(await makeClient().create('User', { userName: 'alice@contoso.com' }));
    expect(plain.errorCode).toBe('SystemForCrossDomainIdentityManagementEntryConflict');
    expect(plain.reason).toContain('"scimType":"uniqueness"');
    expect(plain.requestBody).toEqual(createBody('User', { userName: 'alice@contoso.com' }));
    const observed = failureOf(await makeClient({ settings: { conflictErrorCode: 'ServiceIncompatibleFiltering' } }).create('User', { userName: 'ALICE@contoso.com' }));
    expect(observed.errorCode).toBe('SystemForCrossDomainIdentityManagementServiceIncompatibleFiltering');
  });

  it('fails with ServiceIncompatible when the 201 carries no id', async () => {
    await startTarget({ faults: [{ on: 'POST /Users', status: 201, body: { userName: 'x' } }] });
    const failure = failureOf(await makeClient().create('User', { userName: 'x' }));
    expect(failure).toMatchObject({ code: 'SCIM_UNEXPECTED_RESPONSE', errorCode: 'SystemForCrossDomainIdentityManagementServiceIncompatible' });
  });
});

describe('update', () => {
  const disable = [{ path: 'active', oldValue: true, newValue: false }];

  it('default dialect: sends "False" and the target coerces it', async () => {
    const target = await startTarget({ users: [alice] });
    const result = successOf(await makeClient().update('User', 'u-1', disable));
    expect(target.journal[0]?.requestBody).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'Replace', path: 'active', value: 'False' }],
    });
    expect(result.resource?.active).toBe(false);
    expect(target.snapshot().users[0]?.active).toBe(false);
  });

  it('a strict target rejects the string boolean (§13.1) and the user stays active', async () => {
    const target = await startTarget({ users: [alice] }, { strictBooleans: true });
    const failure = failureOf(await makeClient().update('User', 'u-1', disable));
    expect(failure.errorCode).toBe('SystemForCrossDomainIdentityManagementBadRequest');
    expect(target.snapshot().users[0]?.active).toBe(true);
  });

  it('aadOptscim062020: real booleans pass a strict target; several attributes fold into one replace', async () => {
    const target = await startTarget({ users: [alice] }, { strictBooleans: true });
    const client = makeClient({ settings: { patchDialect: 'aadOptscim062020' } });
    const changes = [
      ...disable,
      { path: 'name.givenName', newValue: 'Al' },
      { path: `${ENTERPRISE}:department`, newValue: 'Sales' },
      { path: 'emails[type eq "work"].value', newValue: 'al@contoso.com' },
    ];
    successOf(await client.update('User', 'u-1', changes));
    expect(target.journal[0]?.requestBody).toEqual(patchBody(changes, { dialect: 'aadOptscim062020', booleanStrings: 'capitalized' }));
    expect(target.snapshot().users[0]).toMatchObject({
      active: false,
      name: { givenName: 'Al' },
      [ENTERPRISE]: { department: 'Sales' },
      emails: [{ type: 'work', value: 'al@contoso.com' }],
    });
  });

  it('auto ignores the URL flag on demand, and applies it outside on-demand runs', async () => {
    await startTarget({ users: [alice] });
    expect(makeClient({ url: `${TENANT_URL}?aadOptscim062020` }).dialect).toBe('default');
    expect(makeClient({ url: `${TENANT_URL}?aadOptscim062020`, onDemand: false }).dialect).toBe('aadOptscim062020');
  });

  it('sends nothing when nothing changed', async () => {
    const target = await startTarget({ users: [alice] });
    const result = successOf(await makeClient().update('User', 'u-1', []));
    expect(result).toMatchObject({ status: 0, attempts: 0, body: undefined });
    expect(target.journal).toEqual([]);
  });

  it('maps a 404 on a linked object to InvalidAnchor', async () => {
    await startTarget();
    const failure = failureOf(await makeClient().update('User', 'gone', disable));
    expect(failure.errorCode).toBe('SystemForCrossDomainIdentityManagementInvalidAnchor');
    expect(failure.requestBody).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'Replace', path: 'active', value: 'False' }],
    });
  });

  it('one unsupported path fails the whole PATCH, so the disable never lands (§13.4)', async () => {
    const target = await startTarget({ users: [alice] }, { unsupportedPaths: ['addresses[type eq "work"]'] });
    const failure = failureOf(
      await makeClient().update('User', 'u-1', [...disable, { path: 'addresses[type eq "work"].postalCode', newValue: '98052' }]),
    );
    expect(failure.errorCode).toBe('SystemForCrossDomainIdentityManagementBadRequest');
    expect(target.snapshot().users[0]?.active).toBe(true);
  });
});

describe('target quirks (§13)', () => {
  it('a target that expects nested objects drops the flag dialect\'s flattened keys, yet answers 200', async () => {
    const target = await startTarget({ users: [{ ...alice, name: { givenName: 'Alice' } }] }, { flattenedKeys: 'ignore' });
    const client = makeClient({ settings: { patchDialect: 'aadOptscim062020' } });
    successOf(await client.update('User', 'u-1', [
      { path: 'displayName', oldValue: 'Alice', newValue: 'Al' },
      { path: 'name.givenName', oldValue: 'Alice', newValue: 'Al' },
    ]));
    expect(target.snapshot().users[0]).toMatchObject({ displayName: 'Al', name: { givenName: 'Alice' } });
  });

  it('a target that refuses removal by value fails the default dialect; the flag dialect removes', async () => {
    const target = await startTarget({ users: [alice], groups: [sales] }, { removeByValue: 'reject' });
    const failure = failureOf(await makeClient().removeMembers('g-1', ['u-1']));
    expect(failure.errorCode).toBe('SystemForCrossDomainIdentityManagementBadRequest');
    successOf(await makeClient({ settings: { patchDialect: 'aadOptscim062020' } }).removeMembers('g-1', ['u-1']));
    expect(target.snapshot().groups[0]).not.toHaveProperty('members');
  });

  it('a target hiding inactive users: no match, an invalid anchor, and a create that conflicts', async () => {
    await startTarget({ users: [{ ...alice, active: false }] }, { hideInactiveUsers: true });
    const client = makeClient();
    expect(successOf(await client.query('User', 'userName', 'alice@contoso.com')).resources).toEqual([]);
    expect(failureOf(await client.get('User', 'u-1')).errorCode).toBe('SystemForCrossDomainIdentityManagementInvalidAnchor');
    expect(failureOf(await client.create('User', { userName: 'alice@contoso.com' })).errorCode).toBe(
      'SystemForCrossDomainIdentityManagementEntryConflict',
    );
  });

  it('a target refusing unknown schema URNs rejects Entra\'s group create', async () => {
    await startTarget({}, { rejectUnknownSchemas: true });
    const failure = failureOf(await makeClient().create('Group', { displayName: 'Sales' }));
    expect(failure.errorCode).toBe('SystemForCrossDomainIdentityManagementBadRequest');
    expect(failure.reason).toContain('http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group');
    successOf(await makeClient().create('User', { userName: 'x@contoso.com', [ENTERPRISE]: { department: 'D' } }));
  });
});

describe('manager and membership', () => {
  it('writes the manager with Add and an array value', async () => {
    const target = await startTarget({ users: [alice, bob] });
    const result = successOf(await makeClient().setManager('u-2', 'u-1'));
    expect(target.journal[0]?.requestBody).toEqual(result.body);
    expect(result.body.Operations).toEqual([
      { op: 'Add', path: 'manager', value: [{ $ref: `${TENANT_URL}/Users/u-1`, value: 'u-1' }] },
    ]);
    expect(target.snapshot().users[1]?.[ENTERPRISE]).toEqual({ manager: { $ref: `${TENANT_URL}/Users/u-1`, value: 'u-1' } });
  });

  it('adds members in batches of membershipBatchSize', async () => {
    const users = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id, userName: `${id}@x.com` }));
    const target = await startTarget({ users, groups: [{ id: 'g-1', displayName: 'G' }] });
    const result = successOf(await makeClient({ settings: { membershipBatchSize: 2 } }).addMembers('g-1', users.map((u) => u.id)));
    expect(result.bodies.map((b) => b.Operations[0]?.value)).toEqual([
      [{ $ref: null, value: 'a' }, { $ref: null, value: 'b' }],
      [{ $ref: null, value: 'c' }, { $ref: null, value: 'd' }],
      [{ $ref: null, value: 'e' }],
    ]);
    expect(requestLines(target)).toEqual(['PATCH /Groups/g-1 → 204', 'PATCH /Groups/g-1 → 204', 'PATCH /Groups/g-1 → 204']);
    expect(target.snapshot().groups[0]?.members).toEqual(['a', 'b', 'c', 'd', 'e'].map((value) => ({ value })));
  });

  it.each(['default', 'aadOptscim062020'] as const)('removes members (%s dialect)', async (patchDialect) => {
    const target = await startTarget({ users: [alice, bob], groups: [{ ...sales, members: [{ value: 'u-1' }, { value: 'u-2' }] }] });
    successOf(await makeClient({ settings: { patchDialect } }).removeMembers('g-1', ['u-1']));
    expect(target.snapshot().groups[0]?.members).toEqual([{ value: 'u-2' }]);
  });

  it('stops at the first failing batch', async () => {
    const target = await startTarget({ users: [alice, bob], groups: [{ id: 'g-1', displayName: 'G' }], faults: [{ on: 'PATCH /Groups/*', nth: 2, status: 500 }] });
    const failure = failureOf(await makeClient({ settings: { membershipBatchSize: 1 } }).addMembers('g-1', ['u-1', 'u-2', 'u-1']));
    expect(failure.errorCode).toBe('SystemForCrossDomainIdentityManagementInternalServerError');
    expect(failure.completedBatches).toEqual({ memberIds: ['u-1'], count: 1 });
    expect(requestLines(target)).toEqual(['PATCH /Groups/g-1 → 204', 'PATCH /Groups/g-1 → 500']);
  });

  it('names no completed batch when the first one fails', async () => {
    await startTarget({ users: [alice, bob], groups: [{ id: 'g-1', displayName: 'G' }], faults: [{ on: 'PATCH /Groups/*', status: 500 }] });
    const failure = failureOf(await makeClient({ settings: { membershipBatchSize: 1 } }).addMembers('g-1', ['u-1', 'u-2']));
    expect(failure.completedBatches).toBeUndefined();
  });
});

describe('delete', () => {
  it('deletes with 204 and maps a later 404 to InvalidAnchor', async () => {
    const target = await startTarget({ users: [alice] });
    const client = makeClient();
    expect(successOf(await client.delete('User', 'u-1')).status).toBe(204);
    expect(failureOf(await client.delete('User', 'u-1')).errorCode).toBe('SystemForCrossDomainIdentityManagementInvalidAnchor');
    expect(target.snapshot().users).toEqual([]);
  });
});

describe('retries', () => {
  it('retries a 429 after Retry-After, through the injected sleep', async () => {
    const target = await startTarget({ users: [alice], faults: [{ on: 'GET /Users', status: 429, headers: { 'Retry-After': '7' }, times: 1 }] });
    const waits: number[] = [];
    const client = makeClient({ settings: { retries: 2 }, sleep: async (ms) => void waits.push(ms) });
    const result = successOf(await client.query('User', 'userName', 'alice@contoso.com'));
    expect(result.attempts).toBe(2);
    expect(waits).toEqual([7000]);
    expect(requestLines(target).map((l) => l.slice(-3))).toEqual(['429', '200']);
  });

  it('reads an HTTP-date Retry-After against the clock', async () => {
    const retryAt = new Date(Date.parse('2026-01-01T00:00:30Z')).toUTCString();
    await startTarget({ users: [alice], faults: [{ on: 'any', status: 503, headers: { 'Retry-After': retryAt }, times: 1 }] });
    const waits: number[] = [];
    successOf(await makeClient({ settings: { retries: 1 }, sleep: async (ms) => void waits.push(ms) }).get('User', 'u-1'));
    expect(waits).toEqual([30_000]);
  });

  it('gives up after `retries` and says how often it retried', async () => {
    const target = await startTarget({ users: [alice], faults: [{ on: 'PATCH /Users/*', status: 500 }] });
    const failure = failureOf(await makeClient({ settings: { retries: 2 } }).update('User', 'u-1', [{ path: 'title', newValue: 'x' }]));
    expect(failure).toMatchObject({ attempts: 3, errorCode: 'SystemForCrossDomainIdentityManagementInternalServerError', retryable: true });
    expect(failure.reason).toContain('This operation was retried 2 times.');
    expect(target.journal).toHaveLength(3);
  });

  it.each([
    ['a 501', { on: 'any', status: 501 } as Fault],
    ['a 400', { on: 'any', status: 400 } as Fault],
  ])('does not retry %s', async (_name, fault) => {
    const target = await startTarget({ users: [alice], faults: [fault] });
    failureOf(await makeClient({ settings: { retries: 3 } }).get('User', 'u-1'));
    expect(target.journal).toHaveLength(1);
  });

  it('retries timeouts and dropped connections', async () => {
    const target = await startTarget({ users: [alice], faults: [{ on: 'any', error: 'timeout', times: 1 }, { on: 'any', nth: 2, error: 'reset' }] });
    successOf(await makeClient({ settings: { retries: 2 } }).get('User', 'u-1'));
    expect(requestLines(target)).toEqual(['GET /Users/u-1 → timeout', 'GET /Users/u-1 → reset', 'GET /Users/u-1 → 200']);
  });
});

describe('transport', () => {
  it('a delay at or above timeoutMs surfaces at once as a timeout', async () => {
    await startTarget({ users: [alice], faults: [{ on: 'any', delayMs: 60_000 }] }, undefined, { timeoutMs: 60_000 });
    const failure = failureOf(await makeClient().get('User', 'u-1'));
    expect(failure).toMatchObject({ code: 'SCIM_TIMEOUT', errorCode: 'SystemForCrossDomainIdentityManagementTimeout', transport: 'timeout' });
  });

  it('times out a request the target never answers', async () => {
    const hang: typeof fetch = (_url, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)));
    const failure = failureOf(await makeClient({ fetch: hang, settings: { timeoutMs: 1 } }).get('User', 'u-1'));
    expect(failure).toMatchObject({ code: 'SCIM_TIMEOUT', transport: 'timeout' });
    expect(failure.reason).toContain('no answer within 1 ms');
  });

  it('reports an aborted run as SCIM_ABORTED', async () => {
    await startTarget({ users: [alice] });
    const controller = new AbortController();
    controller.abort();
    const failure = failureOf(await makeClient({ signal: controller.signal }).get('User', 'u-1'));
    expect(failure).toMatchObject({ code: 'SCIM_ABORTED', errorCode: 'SystemForCrossDomainIdentityManagementInternalError' });
  });

  it('a request to another host never leaves the process', async () => {
    await startTarget({ users: [alice] });
    const failure = failureOf(await makeClient({ url: 'https://elsewhere.example.test/scim' }).get('User', 'u-1'));
    expect(failure).toMatchObject({ code: 'SCIM_NET_CONNECT_BLOCKED', transport: 'blocked' });
  });

  it('without a secret token sends a token shaped like one Entra issues', async () => {
    await startTarget({ users: [alice] });
    const seen: string[] = [];
    const spy: typeof fetch = (url, init) => {
      seen.push(new Headers(init?.headers).get('authorization') ?? '');
      return fetch(url, init);
    };
    successOf(await makeClient({ token: undefined, fetch: spy }).get('User', 'u-1'));
    const [header] = seen;
    expect(header).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
    const payload = JSON.parse(Buffer.from(header?.split('.')[1] ?? '', 'base64url').toString()) as Record<string, unknown>;
    expect(payload.aud).toBe('8adf8e6e-67b2-4cf2-a259-e3dc5476c621');
    expect(payload.iss).toMatch(/^https:\/\/sts\.windows\.net\/[0-9a-f-]{36}\/$/);
    expect(payload.iat).toBe(Date.parse('2026-01-01T00:00:00Z') / 1000);
  });

  it('never quotes the token, even when the target echoes it', async () => {
    await startTarget({ faults: [{ on: 'any', status: 401, body: `bad token Bearer ${TOKEN}` }] });
    const failure = failureOf(await makeClient().get('User', 'u-1'));
    expect(failure.reason).not.toContain(TOKEN);
    expect(failure.responseBody).toBe('bad token Bearer [redacted]');
  });

  it('prefixes codes for the template', async () => {
    await startTarget();
    const failure = failureOf(await makeClient({ template: 'crossTenant' }).get('User', 'nope'));
    expect(failure.errorCode).toBe('AzureActiveDirectoryInvalidAnchor');
  });
});
