/**
 * The mock's filter semantics (RFC 7644 §3.4.2.2 with RFC 7643 caseExact), attribute projection
 * and paging.
 */
import { describe, expect, it } from 'vitest';
import { bindValuePathComparisons, filterAttributes, matchesFilter, parseFilter } from '../../src/scim/mock/filter.js';
import { ScimProtocolError } from '../../src/scim/mock/protocol.js';
import { ENTERPRISE, startTarget, TENANT_URL } from './helpers.js';

const alice = {
  id: 'u-1',
  externalId: 'Alice-Ext',
  userName: 'Alice@Contoso.com',
  displayName: 'Alice Smith',
  active: true,
  name: { givenName: 'Alice', familyName: 'Smith' },
  emails: [
    { type: 'work', value: 'alice@contoso.com', primary: true },
    { type: 'home', value: 'alice@home.example' },
  ],
  [ENTERPRISE]: { department: 'Sales', employeeNumber: '42', manager: { value: 'u-9' } },
  meta: { resourceType: 'User', created: '2025-06-01T00:00:00Z', lastModified: '2025-12-01T00:00:00Z' },
};

describe('filter evaluation', () => {
  it.each([
    ['userName eq "alice@contoso.com"', true],
    ['userName eq "ALICE@CONTOSO.COM"', true],
    ['USERNAME eq "alice@contoso.com"', true],
    ['urn:ietf:params:scim:schemas:core:2.0:User:userName eq "alice@contoso.com"', true],
    ['externalId eq "Alice-Ext"', true],
    ['externalId eq "alice-ext"', false],
    ['id eq "U-1"', false],
    ['displayName co "smith"', true],
    ['displayName sw "alice"', true],
    ['displayName ew "SMITH"', true],
    ['displayName ne "Bob"', true],
    ['nickName ne "Bob"', true],
    ['nickName pr', false],
    ['name.givenName pr', true],
    ['name.givenName eq "alice"', true],
    ['active eq true', true],
    ['active eq false', false],
    ['emails.value eq "alice@home.example"', true],
    ['emails eq "alice@contoso.com"', true],
    ['emails[type eq "work"].value eq "alice@contoso.com"', true],
    ['emails[type eq "work"].value eq "alice@home.example"', false],
    ['emails[type eq "work" and primary eq true]', true],
    ['emails[type eq "other"]', false],
    [`${ENTERPRISE}:department eq "sales"`, true],
    [`${ENTERPRISE}:employeeNumber eq "42"`, true],
    ['manager eq "u-9"', true],
    ['manager.value eq "u-9"', true],
    ['meta.lastModified gt "2025-11-30T23:59:59Z"', true],
    ['meta.lastModified lt "2025-11-30T23:59:59Z"', false],
    ['meta.created ge "2025-06-01T00:00:00.000Z"', true],
    ['userName eq "x" or displayName sw "Alice"', true],
    ['userName eq "alice@contoso.com" and active eq false', false],
    ['not (active eq false)', true],
    ['displayName eq null', false],
    ['nickName eq null', true],
  ])('%s → %s', (text, expected) => {
    expect(matchesFilter(alice, parseFilter(text), 'User')).toBe(expected);
  });

  // Comparison values are JSON strings: `\\` is one backslash, `\"` a quote, `\u00e9` an é.
  const escaped = { ...alice, externalId: 'CONTOSO\\jdoe', nickName: 'ends with \\', displayName: 'R&D "Core" café', emails: [{ type: 'w\\x', value: 'a\\b' }] };
  it.each([
    ['externalId eq "CONTOSO\\\\jdoe"', 'CONTOSO\\jdoe'],
    ['nickName eq "ends with \\\\"', 'ends with \\'],
    ['displayName eq "R&D \\"Core\\" caf\\u00e9"', 'R&D "Core" café'],
  ])('decodes the JSON escapes of %s (RFC 7644 §3.4.2.2)', (text, value) => {
    const filter = parseFilter(text);
    expect(filter).toMatchObject({ op: 'eq', compValue: value });
    expect(matchesFilter(escaped, filter, 'User')).toBe(true);
  });

  it('decodes escapes inside a value filter too', () => {
    expect(matchesFilter(escaped, parseFilter('emails[type eq "w\\\\x"].value eq "a\\\\b"'), 'User')).toBe(true);
  });

  it('binds a value-path comparison to the same element', () => {
    expect(bindValuePathComparisons('emails[type eq "work"].value eq "a"')).toBe('emails[(type eq "work") and value eq "a"]');
    expect(bindValuePathComparisons('emails[type eq "w]"].value pr and x eq "]"')).toBe('emails[(type eq "w]") and value pr] and x eq "]"');
    expect(bindValuePathComparisons('members[value eq "x"]')).toBe('members[value eq "x"]');
  });

  it('lists the attributes a filter reads', () => {
    expect(filterAttributes(parseFilter('emails[type eq "work"].value eq "a" or userName pr'))).toEqual([
      'emails',
      'emails.type',
      'emails.value',
      'userName',
    ]);
  });

  it.each(['userName eq', 'externalId eq jyoung', 'userName eq "a" or', 'active gt true', 'userName eq "bad \\q escape"'])('rejects %s with 400 invalidFilter', (text) => {
    let error: unknown;
    try {
      matchesFilter(alice, parseFilter(text), 'User');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScimProtocolError);
    expect(error).toMatchObject({ status: 400, scimType: 'invalidFilter' });
  });
});

describe('queries over HTTP', () => {
  const users = Array.from({ length: 5 }, (_, i) => ({ id: `u-${i + 1}`, userName: `user${i + 1}@x.com`, title: i % 2 ? 'Odd' : 'Even' }));

  async function get(path: string): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(`${TENANT_URL}${path}`);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  it('decodes +, %20 and %22 alike', async () => {
    await startTarget({ users });
    for (const path of ['/Users?filter=userName+eq+"user2@x.com"', '/Users?filter=userName%20eq%20%22user2@x.com%22']) {
      expect((await get(path)).body.totalResults).toBe(1);
    }
  });

  it('pages with startIndex and count, totalResults counting every match', async () => {
    await startTarget({ users });
    const { body } = await get('/Users?filter=title%20eq%20%22Even%22&startIndex=2&count=1');
    expect(body).toMatchObject({ totalResults: 3, startIndex: 2, itemsPerPage: 1 });
    expect((body.Resources as Array<{ id: string }>).map((r) => r.id)).toEqual(['u-3']);
    const all = await get('/Users?startIndex=0');
    expect(all.body).toMatchObject({ totalResults: 5, startIndex: 1, itemsPerPage: 5 });
  });

  it('returns only the requested attributes, always with id and schemas', async () => {
    await startTarget({ users: [alice] });
    const { body } = await get('/Users/u-1?attributes=userName,emails.value,urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department');
    expect(body).toEqual({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE],
      id: 'u-1',
      userName: 'Alice@Contoso.com',
      emails: [{ value: 'alice@contoso.com' }, { value: 'alice@home.example' }],
      [ENTERPRISE]: { department: 'Sales' },
    });
  });

  it('leaves out excluded attributes, but never id', async () => {
    await startTarget({ users: [alice], groups: [{ id: 'g-1', displayName: 'G', members: [{ value: 'u-1' }] }] });
    const group = await get('/Groups/g-1?excludedAttributes=members,id');
    expect(group.body).not.toHaveProperty('members');
    expect(group.body.id).toBe('g-1');
    const user = await get('/Users/u-1?excludedAttributes=emails.primary,name');
    expect(user.body.emails).toEqual([{ type: 'work', value: 'alice@contoso.com' }, { type: 'home', value: 'alice@home.example' }]);
    expect(user.body).not.toHaveProperty('name');
  });

  it('answers an unparseable filter with a SCIM error body', async () => {
    await startTarget({ users });
    const response = await fetch(`${TENANT_URL}/Users?filter=${encodeURIComponent('userName eq')}`);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/scim+json');
    expect(await response.json()).toMatchObject({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      status: '400',
      scimType: 'invalidFilter',
    });
  });

  it('rejects filters on attributes outside `filterable`, value filters included', async () => {
    await startTarget({ users: [alice] }, { filterable: ['userName', 'emails[type eq "work"].value'] });
    expect((await get(`/Users?filter=${encodeURIComponent('emails[type eq "work"].value eq "alice@contoso.com"')}`)).body.totalResults).toBe(1);
    const rejected = await get(`/Users?filter=${encodeURIComponent('userName eq "a" or displayName eq "b"')}`);
    expect(rejected.status).toBe(400);
    expect(rejected.body.detail).toBe('Filtering on "displayName" is not supported by this target');
  });
});
