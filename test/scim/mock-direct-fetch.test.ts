/**
 * The mock's in-process fetch (`target.fetch`, the `direct` transport): what the handler sees,
 * what comes back, and that everything the mock does not own still goes through nock.
 */
import { describe, expect, it } from 'vitest';
import { classify } from '../../src/scim/transport.js';
import { makeClient, startTarget, TENANT_URL, TOKEN } from './helpers.js';

const alice = { id: 'u-1', userName: 'alice@contoso.com', active: true };
const SCIM_JSON = { 'Content-Type': 'application/scim+json' };

/** The transport's classification of a rejected fetch (`blocked`, `reset`…). */
async function rejection(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return classify(error).transport;
  }
  return 'resolved';
}

describe('target.fetch', () => {
  it('answers from the store and journals the request as nock would hand it over', async () => {
    const target = await startTarget({ users: [alice] });
    const response = await target.fetch(`${TENANT_URL}/Users?filter=userName%20eq%20%22alice%40contoso.com%22`, {
      headers: { Authorization: `Bearer ${TOKEN}`, 'X-Extra': ' padded ' },
    });
    expect(response).toBeInstanceOf(Response);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/scim+json');
    expect(await response.json()).toMatchObject({ totalResults: 1, Resources: [{ id: 'u-1' }] });
    expect(target.journal).toEqual([
      expect.objectContaining({
        seq: 1,
        method: 'GET',
        path: '/Users?filter=userName eq "alice@contoso.com"',
        // lower-case names in Headers order, values trimmed, host last
        requestHeaders: { authorization: 'Bearer [redacted]', 'x-extra': 'padded', host: 'scim.example.test' },
        status: 200,
      }),
    ]);
  });

  it.each([
    ['a URL object', () => new URL(`${TENANT_URL}/Users`)],
    ['a Request', () => new Request(`${TENANT_URL}/Users`, { method: 'POST', headers: SCIM_JSON, body: JSON.stringify({ userName: 'bob' }) })],
  ])('accepts %s like a URL string', async (_name, input) => {
    const target = await startTarget();
    const request = input();
    const init = request instanceof Request ? undefined : { method: 'POST', headers: SCIM_JSON, body: JSON.stringify({ userName: 'bob' }) };
    const response = await target.fetch(request, init);
    expect(response.status).toBe(201);
    expect(target.journal[0]).toMatchObject({ method: 'POST', path: '/Users', requestBody: { userName: 'bob' } });
    expect(target.snapshot().users.map((u) => u.userName)).toEqual(['bob']);
  });

  it('gives a 204 no body', async () => {
    const target = await startTarget({ users: [alice] }, { patchStatus: 204 });
    const response = await target.fetch(`${TENANT_URL}/Users/u-1`, {
      method: 'PATCH',
      headers: SCIM_JSON,
      body: JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'Replace', path: 'active', value: false }] }),
    });
    expect([response.status, response.body, await response.text()]).toEqual([204, null, '']);
  });

  it('rejects with the same errors nock would for reset and timeout faults', async () => {
    const target = await startTarget({ faults: [{ on: 'GET /Users/*', error: 'reset' }, { on: 'DELETE /Users/*', error: 'timeout' }] });
    expect(await rejection(target.fetch(`${TENANT_URL}/Users/x`))).toBe('reset');
    expect(await rejection(target.fetch(`${TENANT_URL}/Users/x`, { method: 'DELETE' }))).toBe('timeout');
    expect(target.journal.map((e) => e.error)).toEqual(['reset', 'timeout']);
  });

  it('stops waiting when the signal aborts during a delay, and refuses an aborted signal', async () => {
    const target = await startTarget({ faults: [{ on: 'any', delayMs: 200 }] });
    const controller = new AbortController();
    const pending = target.fetch(`${TENANT_URL}/Users`, { signal: controller.signal });
    controller.abort(new Error('stop'));
    await expect(pending).rejects.toThrow('stop');
    await expect(target.fetch(`${TENANT_URL}/Users`, { signal: AbortSignal.abort(new Error('early')) })).rejects.toThrow('early');
    expect(target.journal).toHaveLength(1);
  });

  it('leaves other hosts and a closed mock to the global fetch, so nock blocks them', async () => {
    const target = await startTarget({ users: [alice] });
    expect(await rejection(target.fetch('https://elsewhere.example.test/scim/v2/Users'))).toBe('blocked');
    target.close();
    expect(await rejection(target.fetch(`${TENANT_URL}/Users/u-1`))).toBe('blocked');
    expect(target.journal).toEqual([]);
  });

  it('serves the SCIM client exactly as the nock transport does', async () => {
    const direct = await startTarget({ users: [alice] });
    const viaDirect = await makeClient({ fetch: direct.fetch }).query('User', 'userName', 'alice@contoso.com');
    const directJournal = structuredClone(direct.journal);
    direct.close();
    const viaNock = await startTarget({ users: [alice] });
    const nockResult = await makeClient().query('User', 'userName', 'alice@contoso.com');
    expect(viaDirect).toEqual(nockResult);
    expect(directJournal).toEqual(viaNock.journal);
  });
});

describe('requests as Headers sees them', () => {
  it.each([
    ['mixed case names', { 'X-B': '1', 'x-a': '2', Authorization: 'Bearer t' }],
    ['padded values', { 'X-Pad': ' \t v \t', Accept: '*/*' }],
    ['one name twice in two cases', { 'X-Dup': 'a', 'x-dup': 'b' }],
    ['a host header of its own', { Host: 'other.example.test', 'X-A': '1' }],
    ['no headers', {}],
  ])('%s: a plain object gives what a Headers object gives', async (_name, headers) => {
    const target = await startTarget();
    await target.fetch(`${TENANT_URL}/Users`, { headers });
    await target.fetch(`${TENANT_URL}/Users`, { headers: new Headers(headers) });
    expect(target.journal[0]?.requestHeaders).toEqual(target.journal[1]?.requestHeaders);
    expect(Object.keys(target.journal[0]?.requestHeaders ?? {}).at(-1)).toBe('host');
  });
});

describe('the Response', () => {
  it('reads its body once, by any reader, and reports bodyUsed', async () => {
    const target = await startTarget({ users: [alice] });
    const get = () => target.fetch(`${TENANT_URL}/Users/u-1`);
    const first = await get();
    expect(first.bodyUsed).toBe(false);
    expect(await first.json()).toMatchObject({ id: 'u-1' });
    expect(first.bodyUsed).toBe(true);
    await expect(first.text()).rejects.toThrow(TypeError);
    expect(() => first.clone()).toThrow(TypeError);
    const second = await get();
    const copy = second.clone();
    expect(new TextDecoder().decode(await second.arrayBuffer())).toBe(await copy.text());
    const third = await get();
    expect(await third.blob()).toMatchObject({ type: 'application/scim+json' });
  });

  it('streams its body when asked, like any Response', async () => {
    const target = await startTarget({ users: [alice] });
    const response = await target.fetch(`${TENANT_URL}/Users/u-1`);
    const reader = response.body!.getReader();
    const chunks: Uint8Array[] = [];
    for (let r = await reader.read(); !r.done; r = await reader.read()) chunks.push(r.value);
    expect(JSON.parse(Buffer.concat(chunks).toString('utf8'))).toMatchObject({ id: 'u-1' });
    expect(response.bodyUsed).toBe(true);
    await expect(response.text()).rejects.toThrow(TypeError);
  });
});

describe('fault statuses', () => {
  it.each([100, 101, 199])('refuses a %i fault: no Response carries an interim status (nock would crash the process)', async (status) => {
    await expect(startTarget({ faults: [{ on: 'any', status }] })).rejects.toMatchObject({
      issues: [expect.objectContaining({ code: 'MOCK_INVALID_FAULT', path: ['target', 'faults', 0, 'status'] })],
    });
  });
});
