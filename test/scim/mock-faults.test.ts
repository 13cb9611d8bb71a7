/**
 * Every fault kind and matcher of the mocked target. Requests go through plain `fetch`, so what
 * is asserted is what any client would see.
 */
import { describe, expect, it } from 'vitest';
import { compileMatcher, FaultSchedule, matcherAccepts, type FaultRequest } from '../../src/scim/mock/faults.js';
import type { Fault } from '../../src/scim/types.js';
import { requestLines, startTarget, TENANT_URL } from './helpers.js';

const alice = { id: 'u-1', userName: 'alice@contoso.com', active: true };
const probe = `/Users?filter=${encodeURIComponent('userName eq "0f8fad5b-d9cb-469f-a165-70867728950e"')}`;

async function call(method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${TENANT_URL}${path}`, {
    method,
    ...(body ? { body: JSON.stringify(body), headers: { 'Content-Type': 'application/scim+json' } } : {}),
  });
}

/** The error a fetch rejects with, or undefined. */
async function rejection(promise: Promise<unknown>): Promise<{ code?: string } | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return error as { code?: string };
  }
}

describe('fault responses', () => {
  it('answers with the status, body and headers of the fault, and leaves the state alone', async () => {
    const target = await startTarget({
      users: [alice],
      faults: [{ on: 'PATCH /Users/*', status: 429, body: { detail: 'slow down' }, headers: { 'Retry-After': '5' } }],
    });
    const response = await call('PATCH', '/Users/u-1', { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', path: 'active', value: false }] });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(await response.json()).toEqual({ detail: 'slow down' });
    expect(target.snapshot().users[0]?.active).toBe(true);
  });

  it('gives an error status without a body a SCIM error body', async () => {
    await startTarget({ faults: [{ on: 'any', status: 503 }] });
    const response = await call('GET', '/Users/u-1');
    expect(await response.json()).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      status: '503',
      detail: 'Injected fault',
    });
  });

  it('sends a raw string body as it is', async () => {
    await startTarget({ faults: [{ on: 'any', status: 502, body: '<html>Bad gateway</html>' }] });
    expect(await (await call('GET', '/Users')).text()).toBe('<html>Bad gateway</html>');
  });

  it('delays, then answers normally', async () => {
    const target = await startTarget({ users: [alice], faults: [{ on: 'GET /Users/u-1', delayMs: 1 }] });
    expect((await call('GET', '/Users/u-1')).status).toBe(200);
    expect(requestLines(target)).toEqual(['GET /Users/u-1 → 200']);
  });

  it('turns a delay the client would not wait out into an immediate timeout', async () => {
    const target = await startTarget({ users: [alice], faults: [{ on: 'any', delayMs: 5000 }] }, undefined, { timeoutMs: 5000 });
    expect(await rejection(call('GET', '/Users/u-1'))).toMatchObject({ code: 'ETIMEDOUT' });
    expect(target.journal[0]).toMatchObject({ error: 'timeout' });
    expect(target.journal[0]?.status).toBeUndefined();
  });

  it.each([
    ['reset', 'ECONNRESET'],
    ['timeout', 'ETIMEDOUT'],
  ] as const)('error: %s fails the request with %s', async (error, code) => {
    const target = await startTarget({ users: [alice], faults: [{ on: 'any', error }] });
    expect(await rejection(call('GET', '/Users/u-1'))).toMatchObject({ code });
    expect(target.journal[0]).toMatchObject({ method: 'GET', path: '/Users/u-1', error });
  });

  it('error: malformed without a status really handles the request and garbles the answer', async () => {
    const target = await startTarget({ faults: [{ on: 'POST /Users', error: 'malformed' }] });
    const response = await call('POST', '/Users', { userName: 'carol@contoso.com' });
    expect(response.status).toBe(201);
    const text = await response.text();
    expect(() => JSON.parse(text)).toThrow();
    expect(text.startsWith('{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"]')).toBe(true);
    // The lost answer: the user exists, so a retried POST meets 409 (§9).
    expect(target.snapshot().users.map((u) => u.userName)).toEqual(['carol@contoso.com']);
    expect((await call('POST', '/Users', { userName: 'carol@contoso.com' })).status).toBe(409);
  });

  it.each(['reset', 'timeout'] as const)('applied: true with error: %s lands the change, then loses the answer', async (error) => {
    const target = await startTarget({ faults: [{ on: 'POST /Users', error, applied: true, times: 1 }] });
    expect(await rejection(call('POST', '/Users', { userName: 'carol@contoso.com' }))).toMatchObject({ code: error === 'reset' ? 'ECONNRESET' : 'ETIMEDOUT' });
    expect(target.snapshot().users.map((u) => u.userName)).toEqual(['carol@contoso.com']);
    // The client's retry of the lost 201 meets the user it created (the 409 loop, §9).
    expect((await call('POST', '/Users', { userName: 'carol@contoso.com' })).status).toBe(409);
  });

  it('applied: true with a status writes first and answers the status', async () => {
    const target = await startTarget({ users: [alice], faults: [{ on: 'PATCH /Users/*', status: 500, applied: true }] });
    const response = await call('PATCH', '/Users/u-1', {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'Replace', path: 'active', value: false }],
    });
    expect(response.status).toBe(500);
    expect(target.snapshot().users[0]?.active).toBe(false);
  });

  it('a target with a token answers 401 to any other bearer', async () => {
    const target = await startTarget({ users: [alice], behaviour: { token: 'the-right-token' } });
    expect((await call('GET', '/Users/u-1')).status).toBe(401);
    const right = await fetch(`${TENANT_URL}/Users/u-1`, { headers: { Authorization: 'Bearer the-right-token' } });
    expect(right.status).toBe(200);
    expect(requestLines(target)).toEqual(['GET /Users/u-1 → 401', 'GET /Users/u-1 → 200']);
  });

  it('error: malformed with a status answers that status with a broken body', async () => {
    const target = await startTarget({ users: [alice], faults: [{ on: 'DELETE /Users/*', status: 200, error: 'malformed' }] });
    const response = await call('DELETE', '/Users/u-1');
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toBe('{"schemas":[');
    expect(() => JSON.parse(text)).toThrow();
    expect(target.snapshot().users).toHaveLength(1);
  });
});

describe('which requests a fault applies to', () => {
  const request = (method: string, path: string, query = '', isTestConnection = false): FaultRequest => ({ method, path, query, isTestConnection });

  it.each([
    ['any', request('DELETE', '/Groups/g'), true],
    ['testConnection', request('GET', '/Users', '', true), true],
    ['testConnection', request('GET', '/Users'), false],
    ['PATCH /Users/*', request('PATCH', '/Users/u-1'), true],
    ['patch /users/*', request('PATCH', '/Users/u-1'), true],
    ['PATCH /Users/*', request('PATCH', '/Users'), false],
    ['PATCH /Users/*', request('GET', '/Users/u-1'), false],
    ['* /Groups/**', request('DELETE', '/Groups/g-1'), true],
    ['GET /Users', request('GET', '/Users', 'filter=userName eq "a"'), true],
    ['GET /Users?filter=externalId*', request('GET', '/Users', 'filter=userName eq "a"'), false],
    ['GET /Users?filter=userName eq "a"', request('GET', '/Users', 'filter=userName eq "a"'), true],
    ['GET /Groups?*', request('GET', '/Groups', 'excludedAttributes=members&filter=displayName eq "x"'), true],
  ])('%s accepts %j: %s', (on, req, expected) => {
    const matcher = compileMatcher(on);
    expect(matcher).toBeDefined();
    expect(matcherAccepts(matcher!, req)).toBe(expected);
  });

  it('counts nth and times per fault, and the first fault in its window wins', () => {
    const faults: Fault[] = [
      { on: 'GET /Users/*', nth: 2, status: 500 },
      { on: 'GET /Users/*', nth: 3, times: 2, status: 503 },
      { on: 'any', times: 1, status: 429 },
    ];
    const schedule = new FaultSchedule(faults);
    const statuses = Array.from({ length: 6 }, () => schedule.pick(request('GET', '/Users/u-1'))?.status);
    expect(statuses).toEqual([429, 500, 503, 503, undefined, undefined]);
  });

  it('recognises the test-connection probe without a step label: the first random-GUID query per endpoint', async () => {
    const target = await startTarget({ users: [alice], faults: [{ on: 'testConnection', status: 401 }] });
    expect((await call('GET', probe)).status).toBe(401);
    // A matching query for a GUID-shaped externalId after the probe is not a test connection.
    expect((await call('GET', `/Users?filter=${encodeURIComponent('externalId eq "0f8fad5b-d9cb-469f-a165-70867728950e"')}`)).status).toBe(200);
    expect((await call('GET', probe)).status).toBe(200);
    expect(target.journal.map((e) => e.status)).toEqual([401, 200, 200]);
  });

  it('follows the step label when the pipeline sets one, and records it', async () => {
    const target = await startTarget({ users: [alice], faults: [{ on: 'testConnection', status: 500 }] });
    target.setStep('match');
    expect((await call('GET', probe)).status).toBe(200);
    target.setStep('testConnection');
    expect((await call('GET', '/Users/u-1')).status).toBe(500);
    target.setStep(undefined);
    expect(target.journal.map((e) => e.step)).toEqual(['match', 'testConnection']);
  });
});
