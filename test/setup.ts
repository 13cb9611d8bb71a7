/**
 * Global hygiene for every test file: no request may leave the process except to a loopback
 * server a test started itself, a test that leaves nock interceptors unused fails, and the CLI
 * under test does not inherit the terminal's or the CI's output settings (colours, GitHub
 * annotations and job summary), so the suite gives the same results wherever it runs; tests of
 * those settings set them themselves.
 */
import nock from 'nock';
import { afterEach, beforeAll, beforeEach, expect } from 'vitest';

const outputSettings = ['FORCE_COLOR', 'NO_COLOR', 'GITHUB_ACTIONS', 'GITHUB_STEP_SUMMARY'];

beforeEach(() => {
  for (const name of outputSettings) delete process.env[name];
});

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
});

afterEach(() => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(pending, 'a test left nock interceptors that were never called').toEqual([]);
});
