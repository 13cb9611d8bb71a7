/**
 * One throw-away on-demand run per thread before the first timed scenario: Node compiles the
 * pipeline's code on first use, which would otherwise be charged to the first scenario's duration
 * (and its `expect.budget`). The run creates one user and updates another against a mocked target
 * on a reserved host (`.invalid`, RFC 2606), with its own clock and seed; nothing of it is kept.
 */
import type { AppDefinition } from '../app/types.js';
import { defaultSettings } from '../config/settings.js';
import { fixedClock, seededRandom } from '../core/determinism.js';
import { runOnDemand } from '../engine/run-on-demand.js';
import type { ActionKind } from '../engine/types.js';

const app: AppDefinition = {
  name: 'warm-up',
  target: { url: 'https://warm-up.provision.invalid/scim/v2', token: 'warm-up' },
  objects: {
    user: {
      mappings: [
        { target: 'userName', source: 'userPrincipalName', match: 1 },
        { target: 'active', expression: 'Switch([IsSoftDeleted], , "False", "True", "True", "False")' },
        { target: 'displayName', source: 'displayName' },
        { target: 'emails[type eq "work"].value', source: 'mail' },
        { target: 'name.givenName', expression: 'Join(" ", ToUpper(Left([displayName], 1)), [givenName])' },
        { target: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department', source: 'department' },
      ],
      scopingFilters: [{ name: 'warm-up', clauses: [{ attribute: 'department', operator: 'EQUALS', value: 'Sales' }] }],
    },
  },
};

const user = (n: number) => ({
  userPrincipalName: `user${n}@warm-up.invalid`,
  displayName: `User ${n}`,
  givenName: 'User',
  mail: `user${n}@warm-up.invalid`,
  department: 'Sales',
  assigned: true,
});

/**
 * Runs a create and an update through the real pipeline and returns their actions (`undefined`
 * for a run that threw: a warm-up never fails the real run).
 */
export async function warmUpPipeline(): Promise<Array<ActionKind | undefined>> {
  const context = () => ({ clock: fixedClock('2026-01-01T00:00:00Z'), random: seededRandom(1), settings: defaultSettings });
  const source = { users: [user(1), user(2)] };
  const target = { users: [{ id: 'w-2', userName: 'user2@warm-up.invalid', displayName: 'Old', active: true }] };
  const actions: Array<ActionKind | undefined> = [];
  for (const subject of ['user1@warm-up.invalid', 'user2@warm-up.invalid']) {
    const result = await runOnDemand(app, source, target, { user: subject }, context()).catch(() => undefined);
    actions.push(result?.result.action);
  }
  return actions;
}
