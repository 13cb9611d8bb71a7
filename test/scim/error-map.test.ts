/**
 * HTTP outcome → Entra error code, one row per documented (or inferred) mapping.
 */
import { describe, expect, it } from 'vitest';
import { entraCodes, failureFor, toErrorInformation, withoutPrefix, type FailureContext } from '../../src/scim/error-map.js';
import type { ScimOperation } from '../../src/scim/types.js';

const context = (operation: ScimOperation, extra: Partial<FailureContext> = {}): FailureContext => ({
  operation,
  method: 'PATCH',
  url: 'https://host/scim/Users/u-1',
  attempts: 1,
  template: 'scim',
  conflictCode: 'EntryConflict',
  ...extra,
});

describe('status rules', () => {
  it.each([
    [400, 'update', 'BadRequest', false],
    [401, 'testConnection', 'CredentialValidationFailure', false],
    [403, 'testConnection', 'CredentialValidationFailure', false],
    [401, 'update', 'Unauthorized', false],
    [403, 'create', 'InsufficientRights', false],
    [404, 'get', 'InvalidAnchor', false],
    [404, 'update', 'InvalidAnchor', false],
    [404, 'delete', 'InvalidAnchor', false],
    [404, 'setManager', 'InvalidAnchor', false],
    [404, 'addMembers', 'InvalidAnchor', false],
    [404, 'query', 'ServiceIncompatible', false],
    [404, 'testConnection', 'ServiceIncompatible', false],
    [405, 'delete', 'MethodNotAllowed', false],
    [409, 'create', 'EntryConflict', false],
    [422, 'create', 'UnprocessableEntity', false],
    [429, 'query', 'TooManyRequests', true],
    [500, 'create', 'InternalServerError', true],
    [501, 'update', 'NotImplemented', false],
    [502, 'update', 'WebExceptionProtocolError', true],
    [503, 'update', 'WebExceptionProtocolError', true],
    [418, 'update', 'WebExceptionProtocolError', false],
    [302, 'get', 'WebExceptionProtocolError', false],
  ] as const)('%i during %s → %s', (status, operation, code, retryable) => {
    const failure = failureFor({ kind: 'status', status, body: '{"detail":"x"}' }, context(operation));
    expect(failure.errorCode).toBe(`SystemForCrossDomainIdentityManagement${code}`);
    expect(failure.code).toBe('SCIM_HTTP_STATUS');
    expect(failure.retryable).toBe(retryable);
    expect(failure.errorCategory).toBe(retryable ? 'failure' : 'nonServiceFailure');
    expect(failure.status).toBe(status);
  });

  it('409 follows conflictErrorCode', () => {
    const failure = failureFor({ kind: 'status', status: 409, body: '' }, context('create', { conflictCode: 'ServiceIncompatibleFiltering' }));
    expect(failure.errorCode).toBe('SystemForCrossDomainIdentityManagementServiceIncompatibleFiltering');
  });

  it('404 on a query says it is a SCIM compliance issue', () => {
    const failure = failureFor({ kind: 'status', status: 404, body: '' }, context('testConnection', { method: 'GET' }));
    expect(failure.reason).toContain('SCIM compliance issue: HTTP/404 Not Found was returned rather than the expected HTTP/200 OK');
  });
});

describe('transport failures', () => {
  it.each([
    ['timeout', 'SCIM_TIMEOUT', 'Timeout', true],
    ['reset', 'SCIM_CONNECTION_RESET', 'WebExceptionProtocolError', true],
    ['network', 'SCIM_NETWORK_ERROR', 'WebExceptionProtocolError', false],
    ['blocked', 'SCIM_NET_CONNECT_BLOCKED', 'WebExceptionProtocolError', false],
    ['aborted', 'SCIM_ABORTED', 'InternalError', false],
  ] as const)('%s → %s / %s', (transport, code, entra, retryable) => {
    const failure = failureFor({ kind: 'transport', transport, detail: 'boom' }, context('get', { method: 'GET' }));
    expect(failure).toMatchObject({ code, errorCode: `SystemForCrossDomainIdentityManagement${entra}`, retryable, transport });
    expect(failure.status).toBeUndefined();
    expect(failure.reason).toBe(`Message: ${entraCodes[entra].meaning}. GET https://host/scim/Users/u-1 got no answer: boom.`);
  });
});

describe('reasons and prefixes', () => {
  it('quotes status, method, URL and the response body, and counts retries', () => {
    const failure = failureFor(
      { kind: 'status', status: 400, body: '{"scimType":"invalidValue"}' },
      context('update', { attempts: 3 }),
    );
    expect(failure.reason).toBe(
      [
        'StatusCode: BadRequest',
        'Message: The target rejected the request as invalid. PATCH https://host/scim/Users/u-1 returned HTTP 400 Bad Request.',
        'Web Response: {"scimType":"invalidValue"}',
        'This operation was retried 2 times.',
      ].join('\n'),
    );
  });

  it('shortens a long body and marks an empty one', () => {
    const long = failureFor({ kind: 'status', status: 500, body: 'x'.repeat(5000) }, context('update'));
    expect(long.reason).toContain('… (5000 characters)');
    const empty = failureFor({ kind: 'status', status: 500, body: '' }, context('update'));
    expect(empty.reason).toContain('Web Response: (empty body)');
  });

  it.each([
    ['scim', 'SystemForCrossDomainIdentityManagementBadRequest'],
    ['customappsso', 'SystemForCrossDomainIdentityManagementBadRequest'],
    ['crossTenant', 'AzureActiveDirectoryBadRequest'],
  ] as const)('%s prefixes codes as %s', (template, errorCode) => {
    const failure = failureFor({ kind: 'status', status: 400, body: '' }, context('update', { template }));
    expect(failure.errorCode).toBe(errorCode);
    expect(withoutPrefix(failure.errorCode)).toBe('BadRequest');
  });

  it('body problems carry their own codes and the objects found', () => {
    const found = [{ id: 'a' }, { id: 'b' }];
    const failure = failureFor(
      { kind: 'response', code: 'SCIM_DUPLICATE_TARGET_ENTRIES', entra: 'DuplicateTargetEntries', status: 200, body: '{}', problem: '2 objects match', found },
      context('query', { method: 'GET' }),
    );
    expect(failure).toMatchObject({ errorCode: 'SystemForCrossDomainIdentityManagementDuplicateTargetEntries', found, retryable: false });
    expect(toErrorInformation(failure)).toEqual({
      errorCode: failure.errorCode,
      reason: failure.reason,
      errorCategory: 'nonServiceFailure',
    });
  });
});
