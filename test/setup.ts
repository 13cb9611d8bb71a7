/**
 * Global network hygiene for every test file: no request may leave the process except to a
 * loopback server a test started itself, and a test that leaves nock interceptors unused fails.
 */
import nock from 'nock';
import { afterEach, beforeAll, expect } from 'vitest';

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
});

afterEach(() => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(pending, 'a test left nock interceptors that were never called').toEqual([]);
});
