/**
 * Builders for pipeline tests: a custom SCIM app with the default Entra→SCIM user and group
 * mappings (entra-semantics.md §4.4, trimmed), a context with a frozen clock and seed 42, and a
 * `run` that calls runOnDemand with partial overrides.
 */
import type { AppDefinition, ObjectMapping } from '../../src/app/types.js';
import { defaultSettings, type Settings } from '../../src/config/settings.js';
import { fixedClock, seededRandom } from '../../src/core/determinism.js';
import { runOnDemand } from '../../src/engine/run-on-demand.js';
import type { OnDemandResult, OnDemandStep, RunContext, StepKey } from '../../src/engine/types.js';
import type { AttributeMapping } from '../../src/mapping/types.js';
import type { TargetState } from '../../src/scim/types.js';
import type { SourceDirectory, Subject } from '../../src/source/types.js';

export const TARGET_URL = 'https://scim.example.test/scim/v2';
export const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

export const userMappings: AttributeMapping[] = [
  { target: 'userName', source: 'userPrincipalName', match: 1 },
  { target: 'externalId', source: 'mailNickname', match: 2 },
  { target: 'active', expression: 'Switch([IsSoftDeleted], , "False", "True", "True", "False")' },
  { target: 'displayName', source: 'displayName' },
  { target: 'emails[type eq "work"].value', source: 'mail' },
  { target: `${ENTERPRISE}:department`, source: 'department' },
  { target: `${ENTERPRISE}:manager`, source: 'manager' },
];

export const groupMappings: AttributeMapping[] = [
  { target: 'displayName', source: 'displayName', match: 1 },
  { target: 'externalId', source: 'objectId' },
  { target: 'members', source: 'members' },
];

export function makeApp(overrides: Partial<AppDefinition> = {}, user: Partial<ObjectMapping> = {}, group?: Partial<ObjectMapping>): AppDefinition {
  return {
    name: 'contoso',
    target: { url: TARGET_URL, token: 'test-token' },
    ...overrides,
    objects: {
      user: { mappings: userMappings, ...user },
      ...(group ? { group: { mappings: groupMappings, ...group } } : {}),
      ...overrides.objects,
    },
  };
}

export const alice = {
  objectId: 'src-alice',
  userPrincipalName: 'alice@contoso.com',
  displayName: 'Alice Smith',
  mail: 'alice@contoso.com',
  mailNickname: 'alice',
  department: 'Sales',
  assigned: true,
};

export const bob = {
  objectId: 'src-bob',
  userPrincipalName: 'bob@contoso.com',
  displayName: 'Bob Jones',
  mailNickname: 'bob',
  assigned: true,
};

export function makeContext(settings: { [K in keyof Settings]?: Partial<Settings[K]> } = {}, extra: Partial<RunContext> = {}): RunContext {
  const merged = Object.fromEntries(
    Object.entries(defaultSettings).map(([k, v]) => [k, { ...v, ...(settings as Record<string, object>)[k] }]),
  ) as unknown as Settings;
  return { clock: fixedClock('2026-01-01T00:00:00Z'), random: seededRandom(42), settings: merged, ...extra };
}

export interface RunInput {
  app?: AppDefinition;
  source?: SourceDirectory;
  target?: TargetState;
  subject?: Subject;
  settings?: { [K in keyof Settings]?: Partial<Settings[K]> };
  context?: Partial<RunContext>;
}

export function run(input: RunInput = {}): Promise<OnDemandResult> {
  return runOnDemand(
    input.app ?? makeApp(),
    input.source ?? { users: [alice, bob] },
    input.target ?? {},
    input.subject ?? { user: 'alice@contoso.com' },
    makeContext(input.settings, input.context),
  );
}

/** A step of a result by key. */
export function step<K extends StepKey>(result: { steps: OnDemandStep[] }, key: K): Extract<OnDemandStep, { key: K }> | undefined {
  return result.steps.find((s) => s.key === key) as Extract<OnDemandStep, { key: K }> | undefined;
}

/** The exchanges as `METHOD path` lines. */
export function requests(result: OnDemandResult): string[] {
  return result.exchanges.map((e) => `${e.method} ${e.path}`);
}

/** The request bodies of one method. */
export function bodies(result: OnDemandResult, method: string): unknown[] {
  return result.exchanges.filter((e) => e.method === method).map((e) => e.requestBody);
}
