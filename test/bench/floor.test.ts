/**
 * The floor: a run's exchanges replayed without the pipeline must get the answers the run got,
 * through either transport; a replay that sees something else is an error, not a time.
 */
import { describe, expect, it } from 'vitest';
import { createFloor } from '../../src/bench/floor.js';
import { fixedClock, seededRandom } from '../../src/core/determinism.js';
import { defaultSettings } from '../../src/config/settings.js';
import { runOnDemand } from '../../src/engine/run-on-demand.js';
import type { AppDefinition } from '../../src/app/types.js';
import type { TargetState } from '../../src/scim/types.js';

const app: AppDefinition = {
  name: 'floor',
  target: { url: 'https://scim.example.test/scim/v2', token: 'floor-token' },
  objects: {
    user: {
      mappings: [
        { target: 'userName', source: 'userPrincipalName', match: 1 },
        { target: 'displayName', source: 'displayName' },
        { target: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager', source: 'manager' },
      ],
    },
  },
};
const source = {
  users: [
    { userPrincipalName: 'alice@contoso.com', displayName: 'Alice', manager: 'bob@contoso.com', assigned: true },
    { userPrincipalName: 'bob@contoso.com', displayName: 'Bob', assigned: true },
  ],
};

async function journal(target: TargetState) {
  const result = await runOnDemand(app, source, target, { user: 'alice@contoso.com' }, { clock: fixedClock('2026-01-01T00:00:00Z'), random: seededRandom(3), settings: defaultSettings });
  return result.exchanges;
}

describe('createFloor', () => {
  // Bob has no id in the target: the run's target generates one, the replay's another; the
  // replay must send the manager PATCH to its own ids, or the target would answer 404.
  const target: TargetState = { users: [{ userName: 'bob@contoso.com' }] };

  it.each(['direct', 'nock'] as const)('replays a create with a manager reference over %s, mapping generated ids', async (transport) => {
    const exchanges = await journal(target);
    expect(exchanges.map((e) => `${e.method} ${e.status ?? e.error}`)).toEqual(['GET 200', 'GET 200', 'GET 200', 'POST 201', 'PATCH 200']);
    const replay = createFloor({ app, target, exchanges, transport, timeoutMs: 60_000 });
    await replay();
    await replay();
  });

  it.each(['direct', 'nock'] as const)('replays an exchange that ended without an answer over %s', async (transport) => {
    const faulty: TargetState = { ...target, faults: [{ on: 'POST /Users', error: 'reset' }] };
    const exchanges = await journal(faulty);
    expect(exchanges.at(-1)).toMatchObject({ method: 'POST', error: 'reset' });
    await createFloor({ app, target: faulty, exchanges, transport, timeoutMs: 60_000 })();
  });

  it('rejects a replay whose answers differ from the run', async () => {
    const exchanges = await journal(target);
    const tampered = exchanges.map((e) => (e.method === 'POST' ? { ...e, status: 409 } : e));
    const replay = createFloor({ app, target, exchanges: tampered, transport: 'direct', timeoutMs: 60_000 });
    await expect(replay()).rejects.toThrow('the replay of POST /Users got 201, the run got 409');
  });
});
