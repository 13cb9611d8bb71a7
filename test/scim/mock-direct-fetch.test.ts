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

describe('fault statuses', () => {
  it.each([100, 101, 199])('refuses a %i fault: no Response carries an interim status (nock would crash the process)', async (status) => {
    await expect(startTarget({ faults: [{ on: 'any', status }] })).rejects.toMatchObject({
      issues: [expect.objectContaining({ code: 'MOCK_INVALID_FAULT', path: ['target', 'faults', 0, 'status'] })],
    });
  });
});
