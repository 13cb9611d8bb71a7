import { describe, expect, it } from 'vitest';
import { compileObjectMapping } from '../../src/mapping/compile.js';
import type { AttributeMapping } from '../../src/mapping/types.js';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const base: AttributeMapping[] = [{ target: 'userName', source: 'userPrincipalName', match: 1 }];

function issuesOf(mappings: AttributeMapping[], objectType: 'user' | 'group' = 'user', options = {}) {
  const result = compileObjectMapping({ mappings }, objectType, options);
  return result.ok ? [] : result.issues;
}

describe('compileObjectMapping', () => {
  it('compiles the default Entra → SCIM user mapping', () => {
    const result = compileObjectMapping(
      {
        mappings: [
          { target: 'userName', source: 'userPrincipalName', match: 1 },
          { target: 'active', expression: 'Switch([IsSoftDeleted], , "False", "True", "True", "False")' },
          { target: 'displayName', source: 'displayName' },
          { target: `${ENTERPRISE}:employeeNumber`, source: 'employeeId' },
          { target: 'phoneNumbers[type eq "fax"].value', source: 'facsimileTelephoneNumber' },
          { target: 'name.givenName', source: 'givenName' },
          { target: 'title', source: 'jobTitle' },
          { target: 'emails[type eq "work"].value', source: 'mail' },
          { target: 'externalId', source: 'mailNickname', match: 2 },
          { target: `${ENTERPRISE}:manager`, source: 'manager' },
          { target: 'phoneNumbers[type eq "mobile"].value', source: 'mobile' },
          { target: 'addresses[type eq "work"].postalCode', source: 'postalCode' },
          { target: 'emails[type eq "other"].Value', expression: 'Join(";", [proxyAddresses])' },
          { target: 'addresses[type eq "other"].Formatted', source: 'physicalDeliveryOfficeName' },
          { target: 'addresses[type eq "work"].streetAddress', source: 'streetAddress' },
          { target: 'name.familyName', source: 'surname' },
          { target: 'phoneNumbers[type eq "work"].value', source: 'telephoneNumber' },
        ],
      },
      'user',
    );
    if (!result.ok) throw new Error(JSON.stringify(result.issues, null, 2));
    const { compiled } = result;
    expect(compiled.mappings).toHaveLength(17);
    expect(compiled.matching.map((m) => m.target.text)).toEqual(['userName', 'externalId']);
    expect(compiled.sourceAttributes).toEqual([
      'userPrincipalName',
      'IsSoftDeleted',
      'displayName',
      'employeeId',
      'facsimileTelephoneNumber',
      'givenName',
      'jobTitle',
      'mail',
      'mailNickname',
      'manager',
      'mobile',
      'postalCode',
      'proxyAddresses',
      'physicalDeliveryOfficeName',
      'streetAddress',
      'surname',
      'telephoneNumber',
    ]);
    const byTarget = new Map(compiled.mappings.map((m) => [m.target.text, m]));
    expect(byTarget.get('userName')).toMatchObject({ type: 'direct', required: true, caseExact: false, apply: 'always', match: 1 });
    expect(byTarget.get('externalId')).toMatchObject({ caseExact: true, required: false });
    expect(byTarget.get('active')).toMatchObject({ type: 'expression' });
  });

  it('sorts matching attributes by precedence, whatever their order in the list', () => {
    const result = compileObjectMapping(
      { mappings: [{ target: 'externalId', source: 'objectId', match: 2 }, { target: 'displayName', source: 'displayName', match: 1 }] },
      'group',
    );
    expect(result.ok && result.compiled.matching.map((m) => m.target.text)).toEqual(['displayName', 'externalId']);
  });

  it('infers the mapping type and honours explicit ones and overrides', () => {
    const result = compileObjectMapping(
      {
        mappings: [
          ...base,
          { target: 'title', constant: 'Employee', apply: 'create' },
          { target: 'nickName', type: 'none', default: 'n/a' },
          { target: 'displayName', source: 'displayName', caseExact: true, required: true },
        ],
      },
      'user',
    );
    if (!result.ok) throw new Error('expected valid mappings');
    expect(result.compiled.mappings.map((m) => [m.type, m.apply])).toEqual([
      ['direct', 'always'],
      ['constant', 'create'],
      ['none', 'always'],
      ['direct', 'always'],
    ]);
    expect(result.compiled.mappings[1]?.constant).toBe('Employee');
    expect(result.compiled.mappings[3]).toMatchObject({ caseExact: true, required: true });
  });

  type Bad = [label: string, mappings: AttributeMapping[], code: string, path: Array<string | number>];
  const bad: Bad[] = [
    ['a bad path', [...base, { target: 'emails[type eq "work"]', source: 'mail' }], 'MAPPING_FILTER_WITHOUT_SUB_ATTRIBUTE', [1, 'target']],
    ['an empty target', [...base, { target: '', source: 'mail' }], 'MAPPING_EMPTY_TARGET', [1, 'target']],
    ['two mappings to one target', [...base, { target: 'title', source: 'a' }, { target: 'Title', source: 'b' }], 'MAPPING_DUPLICATE_TARGET', [2, 'target']],
    ['a bad expression', [...base, { target: 'title', expression: 'Join(" ", [a]' }], 'EXPR_UNCLOSED_CALL', [1, 'expression']],
    ['an unknown function', [...base, { target: 'title', expression: 'Frobnicate([a])' }], 'EXPR_UNKNOWN_FUNCTION', [1, 'expression']],
    [
      'SelectUniqueValue on a matching attribute',
      [{ target: 'userName', expression: 'SelectUniqueValue([mail], [userPrincipalName])', match: 1 }],
      'MAPPING_MATCH_SELECT_UNIQUE_VALUE',
      [0, 'expression'],
    ],
    ['two sources', [...base, { target: 'title', source: 'jobTitle', constant: 'x' }], 'MAPPING_AMBIGUOUS_TYPE', [1, 'constant']],
    ['a direct mapping without source', [...base, { target: 'title', type: 'direct' }], 'MAPPING_MISSING_SOURCE', [1, 'source']],
    ['a None mapping with a source', [...base, { target: 'title', type: 'none', source: 'jobTitle' }], 'MAPPING_AMBIGUOUS_TYPE', [1, 'source']],
    ['precedence 0', [{ target: 'userName', source: 'upn', match: 0 }], 'MAPPING_MATCH_PRECEDENCE', [0, 'match']],
    ['precedence used twice', [...base, { target: 'externalId', source: 'x', match: 1 }], 'MAPPING_MATCH_PRECEDENCE', [1, 'match']],
    ['matching on a None mapping', [...base, { target: 'nickName', type: 'none', match: 2 }], 'MAPPING_MATCH_WITHOUT_SOURCE', [1, 'match']],
    ['matching on the manager', [...base, { target: 'manager', source: 'manager', match: 2 }], 'MAPPING_MATCH_ON_REFERENCE', [1, 'match']],
    // functions reference, Switch: "shouldn't be used for referential attributes such as manager" (§3, §4.5)
    ['Switch feeding the manager', [...base, { target: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager', expression: 'Switch([department], [manager], "Sales", [salesManager])' }], 'MAPPING_SWITCH_ON_REFERENCE', [1, 'expression']],
    ['a nested switch feeding the manager', [...base, { target: 'manager', expression: 'IIF(IsPresent([manager]), switch([a], [manager], "x", [y]), [manager])' }], 'MAPPING_SWITCH_ON_REFERENCE', [1, 'expression']],
    ['no matching attribute', [{ target: 'userName', source: 'upn' }], 'MAPPING_NO_MATCHING_ATTRIBUTE', []],
    ['the id', [...base, { target: 'id', source: 'objectId' }], 'MAPPING_READ_ONLY_TARGET', [1, 'target']],
    ['an unknown apply mode', [...base, { target: 'title', source: 'x', apply: 'update' as never }], 'MAPPING_INVALID_APPLY', [1, 'apply']],
  ];

  it.each(bad)('%s → %s', (_label, mappings, code, path) => {
    const issues = issuesOf(mappings);
    expect(issues.map((i) => [i.code, i.path])).toEqual([[code, path]]);
    expect(issues[0]?.hint).toBeTruthy();
    expect(issues[0]?.message).toMatch(/mapping|matching/);
  });

  it('names the mapping and keeps the column inside the target path or expression', () => {
    const [pathIssue] = issuesOf([...base, { target: 'name.givenName.x', source: 'g' }]);
    expect(pathIssue).toMatchObject({ location: { line: 1, column: 15 } });
    expect(pathIssue?.message).toMatch(/^mapping 2 \(name\.givenName\.x\): /);
    const [exprIssue] = issuesOf([...base, { target: 'title', expression: 'Join(" ", [a]' }]);
    expect(exprIssue?.location?.line).toBe(1);
    expect(exprIssue?.frame).toContain('^');
  });

  it('reports every problem at once', () => {
    const issues = issuesOf([{ target: 'userName', source: 'upn' }, { target: 'bad[', source: 'x' }, { target: 'members', source: 'm' }]);
    expect(issues.map((i) => i.code)).toEqual(['MAPPING_INVALID_TARGET_PATH', 'MAPPING_WRONG_OBJECT_TYPE', 'MAPPING_NO_MATCHING_ATTRIBUTE']);
  });

  it('mapping.unknownTargetAttributes: allow accepts app attributes as strings, reject refuses them', () => {
    const mappings = [...base, { target: 'favouriteColour', source: 'c' }];
    expect(issuesOf(mappings)).toEqual([]);
    expect(issuesOf(mappings, 'user', { mapping: { unknownTargetAttributes: 'reject' } }).map((i) => i.code)).toEqual(['MAPPING_UNKNOWN_ATTRIBUTE']);
  });

  it('group mappings accept members and refuse user-only targets', () => {
    const group: AttributeMapping[] = [{ target: 'displayName', source: 'displayName', match: 1 }, { target: 'members', source: 'members' }];
    expect(issuesOf(group, 'group')).toEqual([]);
    expect(issuesOf([...group, { target: 'manager', source: 'manager' }], 'group').map((i) => i.code)).toEqual(['MAPPING_WRONG_OBJECT_TYPE']);
  });
});
