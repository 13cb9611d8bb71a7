/**
 * The mocked target as a whole: endpoints, seeding and determinism, the journal, isolation and
 * clean-up.
 */
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { fixedClock, seededRandom } from '../../src/core/determinism.js';
import { InputError } from '../../src/core/errors.js';
import { createMockScimTarget } from '../../src/scim/mock/target.js';
import { ENTERPRISE, requestLines, startTarget, TENANT_URL, TOKEN } from './helpers.js';

const alice = { id: 'u-1', userName: 'alice@contoso.com', active: true };

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${TENANT_URL}${path}`, {
    method,
    headers: { ...(body ? { 'Content-Type': 'application/scim+json' } : {}), ...headers },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
}

describe('endpoints', () => {
  it('creates with 201, a Location header, id and meta', async () => {
    const target = await startTarget({}, undefined, { clock: fixedClock('2026-03-01T12:00:00Z'), seed: 1 });
    const response = await call('POST', '/Users', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE, 'urn:unknown:extra'],
      UserName: 'carol@contoso.com',
      active: 'True',
      meta: { resourceType: 'User' },
      [ENTERPRISE.toLowerCase()]: { Department: 'Sales' },
    });
    expect(response.status).toBe(201);
    const body = (await response.json()) as Record<string, unknown>;
    expect(response.headers.get('location')).toBe(`${TENANT_URL}/Users/${String(body.id)}`);
    expect(body).toEqual({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE],
      id: body.id,
      userName: 'carol@contoso.com',
      active: true,
      [ENTERPRISE]: { department: 'Sales' },
      meta: {
        resourceType: 'User',
        created: '2026-03-01T12:00:00.000Z',
        lastModified: '2026-03-01T12:00:00.000Z',
        location: `${TENANT_URL}/Users/${String(body.id)}`,
      },
    });
    expect(target.snapshot().users).toEqual([body]);
  });

  it.each([
    ['POST without the unique attribute', 'POST', '/Users', { displayName: 'x' }, 400],
    ['POST that is not an object', 'POST', '/Groups', ['x'], 400],
    ['POST on an item', 'POST', '/Users/u-1', { userName: 'x' }, 405],
    ['DELETE on a collection', 'DELETE', '/Users', undefined, 405],
    ['GET of an unknown id', 'GET', '/Users/nope', undefined, 404],
    ['an unknown endpoint', 'GET', '/Schemas', undefined, 404],
  ])('%s → %i', async (_name, method, path, body, status) => {
    await startTarget({ users: [alice] });
    const response = await call(method, path, body);
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toBe('application/scim+json');
    expect(await response.json()).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: String(status) });
  });

  it('replaces with PUT, keeping id and created', async () => {
    const target = await startTarget({ users: [{ ...alice, title: 'x', meta: { created: '2025-01-01T00:00:00Z' } }] });
    const response = await call('PUT', '/Users/u-1', { id: 'other', userName: 'alice@contoso.com', active: false });
    expect(response.status).toBe(200);
    expect(target.snapshot().users[0]).toMatchObject({ id: 'u-1', active: false, meta: { created: '2025-01-01T00:00:00Z' } });
    expect(target.snapshot().users[0]).not.toHaveProperty('title');
  });

  it('deletes a user and its group memberships', async () => {
    const target = await startTarget({
      users: [alice, { id: 'u-2', userName: 'bob@x.com' }],
      groups: [{ id: 'g-1', displayName: 'G', members: [{ value: 'u-1' }, { value: 'u-2' }] }],
    });
    expect((await call('DELETE', '/Users/u-1')).status).toBe(204);
    expect(target.snapshot().groups[0]?.members).toEqual([{ value: 'u-2' }]);
    expect((await call('GET', '/Users/u-1')).status).toBe(404);
  });

  it('answers every /Groups request with 404 when the target has no groups endpoint', async () => {
    await startTarget({}, { groups: false });
    expect((await call('GET', '/Groups')).status).toBe(404);
    expect((await call('POST', '/Groups', { displayName: 'G' })).status).toBe(404);
  });

  it('answers paths outside the base path with 404', async () => {
    const target = await startTarget();
    expect((await fetch('https://scim.example.test/other/Users')).status).toBe(404);
    expect((await fetch('https://scim.example.test/scim/v2x/Users')).status).toBe(404);
    expect(requestLines(target)).toEqual(['GET /other/Users → 404', 'GET /scim/v2x/Users → 404']);
  });

  it('serves a tenant URL without a path', async () => {
    await startTarget({ users: [alice] }, undefined, { url: 'https://root.example.test' });
    expect((await fetch('https://root.example.test/Users/u-1')).status).toBe(200);
  });

  it('checks the bearer token when told one', async () => {
    await startTarget({ users: [alice] }, undefined, { token: TOKEN });
    expect((await call('GET', '/Users/u-1')).status).toBe(401);
    expect((await call('GET', '/Users/u-1', undefined, { Authorization: `Bearer ${TOKEN}` })).status).toBe(200);
  });

  it('tolerates flags in the tenant URL', async () => {
    const target = await startTarget({ users: [alice] }, undefined, { url: `${TENANT_URL}?aadOptscim062020` });
    expect(target.baseUrl).toBe(TENANT_URL);
    expect((await call('GET', '/Users/u-1?aadOptscim062020')).status).toBe(200);
  });
});

describe('seeding and determinism', () => {
  const state = { users: [{ userName: 'a@x.com' }, { id: 'u-2', userName: 'b@x.com' }], groups: [{ displayName: 'G' }] };

  it('gives the same ids for the same seed, other ids for another', async () => {
    const ids = async (seed: number): Promise<string[]> => {
      const target = await createMockScimTarget(state, undefined, { url: TENANT_URL, seed });
      const snapshot = target.snapshot();
      target.close();
      return [...snapshot.users, ...snapshot.groups].map((r) => String(r.id));
    };
    const first = await ids(5);
    expect(await ids(5)).toEqual(first);
    expect((await ids(6))[0]).not.toBe(first[0]);
    expect(first[1]).toBe('u-2');
  });

  it('uses an injected random source', async () => {
    const target = await startTarget(state, undefined, { random: seededRandom('fixed') });
    expect(target.snapshot().users[0]?.id).toBe(seededRandom('fixed').guid());
  });

  it('stores seeded attributes under their canonical names', async () => {
    const target = await startTarget({ users: [{ id: 'u-1', USERNAME: 'a@x.com', Emails: [{ Value: 'a@x.com', Type: 'work' }] }] });
    expect(target.snapshot().users[0]).toMatchObject({ userName: 'a@x.com', emails: [{ value: 'a@x.com', type: 'work' }] });
  });

  it('snapshots are copies', async () => {
    const target = await startTarget({ users: [alice] });
    const snapshot = target.snapshot();
    (snapshot.users[0] as Record<string, unknown>).active = false;
    expect(target.snapshot().users[0]?.active).toBe(true);
  });
});

describe('journal', () => {
  it('records method, decoded path, redacted headers, bodies and status, in order', async () => {
    const target = await startTarget({ users: [alice] });
    await call('GET', `/Users?filter=${encodeURIComponent('userName eq "alice@contoso.com"')}`, undefined, { Authorization: `Bearer ${TOKEN}` });
    await call('POST', '/Users', { userName: 'bob@x.com' }, { Authorization: `Bearer ${TOKEN}` });
    const [query, create] = target.journal;
    expect(query).toMatchObject({
      seq: 1,
      method: 'GET',
      path: '/Users?filter=userName eq "alice@contoso.com"',
      requestHeaders: { authorization: 'Bearer [redacted]' },
      status: 200,
      responseHeaders: { 'Content-Type': 'application/scim+json' },
      responseBody: { totalResults: 1 },
    });
    expect(query).not.toHaveProperty('requestBody');
    expect(create).toMatchObject({ seq: 2, method: 'POST', path: '/Users', requestBody: { userName: 'bob@x.com' }, status: 201 });
    expect(JSON.stringify(target.journal)).not.toContain(TOKEN);
  });
});

describe('isolation', () => {
  it('intercepts only its own host: another host is blocked inside the process', async () => {
    await startTarget();
    const error = await fetch('https://elsewhere.example.test/scim/Users').catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'NetConnectNotAllowedError' });
  });

  it('refuses a second open mock on the same host', async () => {
    await startTarget();
    const error = await createMockScimTarget({}, undefined, { url: `${TENANT_URL}/other` }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ code: 'MOCK_HOST_IN_USE' });
  });

  it('close() removes its interceptors, so nothing answers afterwards and a new mock starts clean', async () => {
    const first = await createMockScimTarget({ users: [alice] }, undefined, { url: TENANT_URL });
    await call('DELETE', '/Users/u-1');
    first.close();
    first.close();
    expect(nock.activeMocks().filter((m) => m.includes('scim.example.test'))).toEqual([]);
    await expect(call('GET', '/Users/u-1')).rejects.toThrow();
    const second = await startTarget({ users: [alice] });
    expect((await call('GET', '/Users/u-1')).status).toBe(200);
    expect(second.journal).toHaveLength(1);
    expect(first.journal).toHaveLength(1);
  });
});
