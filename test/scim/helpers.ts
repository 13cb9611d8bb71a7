/**
 * Shared set-up for SCIM tests: a mocked target that is always closed after the test, and a
 * client pointed at it with a fixed seed and clock.
 */
import { afterEach } from 'vitest';
import { fixedClock, seededRandom } from '../../src/core/determinism.js';
import { createScimClient, type ScimClient, type ScimClientConfig } from '../../src/scim/client.js';
import { createMockScimTarget } from '../../src/scim/mock/target.js';
import type { MockScimTarget, MockTargetOptions, ScimResult, TargetBehaviour, TargetState } from '../../src/scim/types.js';

export const TENANT_URL = 'https://scim.example.test/scim/v2';
export const TOKEN = 'secret-token-123';
export const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

const open: MockScimTarget[] = [];
afterEach(() => {
  for (const target of open.splice(0)) target.close();
});

/** A mock on {@link TENANT_URL}, closed after the test. */
export async function startTarget(
  state: TargetState = {},
  behaviour?: TargetBehaviour,
  options: MockTargetOptions = {},
): Promise<MockScimTarget> {
  const target = await createMockScimTarget(state, behaviour, { url: TENANT_URL, ...options });
  open.push(target);
  return target;
}

/** A client for {@link TENANT_URL} (seed 7, clock 2026-01-01). */
export function makeClient(overrides: Partial<ScimClientConfig> = {}): ScimClient {
  return createScimClient({
    url: TENANT_URL,
    token: TOKEN,
    random: seededRandom(7),
    clock: fixedClock('2026-01-01T00:00:00Z'),
    ...overrides,
  });
}

/** The failure of a result that must have failed. */
export function failureOf(result: ScimResult<object>) {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result)}`);
  return result.failure;
}

/** The success of a result that must have succeeded. */
export function successOf<T extends object>(result: ScimResult<T>): Extract<ScimResult<T>, { ok: true }> {
  if (!result.ok) throw new Error(`expected success, got ${result.failure.errorCode}: ${result.failure.reason}`);
  return result as Extract<ScimResult<T>, { ok: true }>;
}

/** Journal lines as `METHOD path → status`. */
export function requestLines(target: MockScimTarget): string[] {
  return target.journal.map((e) => `${e.method} ${e.path} → ${e.status ?? e.error}`);
}
