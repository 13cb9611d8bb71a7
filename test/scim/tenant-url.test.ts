import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import { parseTenantUrl, queryPath, resolvePatchDialect, resourcePath } from '../../src/scim/tenant-url.js';

describe('parseTenantUrl', () => {
  it.each([
    ['https://host/scim/v2', [], 'https://host/scim/v2', []],
    ['https://host/scim/v2/', [], 'https://host/scim/v2', []],
    ['https://host/scim/v2?aadOptscim062020', [], 'https://host/scim/v2', ['aadOptscim062020']],
    ['https://host/scim?aadOptscim062020&x=1', ['aadOptscim062020', 'y'], 'https://host/scim', ['aadOptscim062020', 'x', 'y']],
    ['http://127.0.0.1:8080/', [], 'http://127.0.0.1:8080', []],
  ])('%s with flags %j', (url, flags, baseUrl, expected) => {
    expect(parseTenantUrl(url, flags)).toEqual({ baseUrl, flags: expected });
  });

  it.each(['not a url', 'ftp://host/scim'])('rejects %s with SCIM_INVALID_TENANT_URL', (url) => {
    expect(() => parseTenantUrl(url)).toThrow(InputError);
    try {
      parseTenantUrl(url);
    } catch (error) {
      expect((error as InputError).code).toBe('SCIM_INVALID_TENANT_URL');
    }
  });
});

describe('resolvePatchDialect', () => {
  it.each([
    ['auto', ['aadOptscim062020'], true, 'default'],
    ['auto', ['aadOptscim062020'], false, 'aadOptscim062020'],
    ['auto', ['AADOPTSCIM062020'], false, 'aadOptscim062020'],
    ['auto', ['aadOptscim062020', 'AzureAdScimPatch2017'], false, 'default'],
    ['auto', [], false, 'default'],
    ['default', ['aadOptscim062020'], false, 'default'],
    ['aadOptscim062020', [], true, 'aadOptscim062020'],
  ] as const)('%s, flags %j, on demand %s → %s', (setting, flags, onDemand, expected) => {
    expect(resolvePatchDialect(setting, flags, onDemand)).toBe(expected);
  });
});

describe('query strings', () => {
  it('percent-encodes the eq filter; groups put excludedAttributes=members first', () => {
    expect(queryPath('User', 'userName', 'alice@contoso.com')).toBe(
      '/Users?filter=userName%20eq%20%22alice%40contoso.com%22',
    );
    expect(queryPath('Group', 'displayName', 'Sales & Marketing')).toBe(
      '/Groups?excludedAttributes=members&filter=displayName%20eq%20%22Sales%20%26%20Marketing%22',
    );
    expect(decodeURIComponent(queryPath('User', 'emails[type eq "work"].value', 'a+b@x.com'))).toBe(
      '/Users?filter=emails[type eq "work"].value eq "a+b@x.com"',
    );
  });

  it('escapes quotes and backslashes inside the value as JSON does', () => {
    expect(decodeURIComponent(queryPath('User', 'displayName', 'say "hi" \\o/'))).toBe(
      '/Users?filter=displayName eq "say \\"hi\\" \\\\o/"',
    );
  });

  it('reads groups by id without members', () => {
    expect(resourcePath('Group', 'g 1', true)).toBe('/Groups/g%201?excludedAttributes=members');
    expect(resourcePath('Group', 'g1')).toBe('/Groups/g1');
    expect(resourcePath('User', 'u1', true)).toBe('/Users/u1');
  });
});
