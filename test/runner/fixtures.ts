/**
 * Hand-built OnDemandResult fixtures in the shape src/engine/types.ts promises, used until the
 * pipeline lands: a user created in an empty target, and variations of it.
 */
import type { ErrorInformation, ObjectResult, OnDemandResult, OnDemandStep } from '../../src/engine/types.js';
import type { Exchange, ScimResource } from '../../src/scim/types.js';

const token = 'Bearer [REDACTED]';

export function exchange(seq: number, step: string, method: string, path: string, status: number | undefined, requestBody?: unknown, responseBody?: unknown): Exchange {
  return {
    seq,
    method,
    path,
    requestHeaders: { Authorization: token, 'Content-Type': 'application/scim+json' },
    ...(requestBody !== undefined ? { requestBody } : {}),
    ...(status !== undefined ? { status, responseHeaders: { 'content-type': 'application/scim+json' } } : { error: 'reset' }),
    ...(responseBody !== undefined ? { responseBody } : {}),
    step,
  };
}

const empty = { schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: 0, Resources: [] };

export const alice: ScimResource = {
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  id: 'u-1',
  userName: 'alice@contoso.com',
  active: true,
  displayName: 'Alice Smith',
  emails: [{ type: 'work', value: 'alice@contoso.com', primary: true }],
  meta: { resourceType: 'User', created: '2026-01-01T00:00:00Z', lastModified: '2026-01-01T00:00:00Z' },
};

function steps(action: OnDemandStep): OnDemandStep[] {
  return [
    {
      key: 'testConnection',
      title: 'Test connection',
      status: 'success',
      shownInPortal: false,
      description: 'The test connection to the target system succeeded.',
      details: { request: 'GET /Users?filter=userName eq "5d6e2f41-0b1c-4c4a-9a36-1f0f0f0f0f0f"' },
    },
    {
      key: 'import',
      title: 'Import user',
      status: 'success',
      shownInPortal: true,
      description: 'Retrieved alice@contoso.com from the source system.',
      details: { attributes: { userPrincipalName: 'alice@contoso.com', displayName: 'Alice Smith', mail: 'alice@contoso.com', IsSoftDeleted: 'False' } },
    },
    {
      key: 'scope',
      title: 'Determine if user is in scope',
      status: 'success',
      shownInPortal: true,
      description: 'alice@contoso.com is in scope.',
      details: {
        inScope: true,
        facts: [
          { label: 'Active in source system', value: 'True', passed: true },
          { label: 'Assigned to application', value: 'True', passed: true },
        ],
      },
    },
    {
      key: 'match',
      title: 'Match user between source and target system',
      status: 'success',
      shownInPortal: true,
      description: 'No matching user was found in the target system.',
      details: { matches: 0, attempts: [{ attribute: 'userName', value: 'alice@contoso.com', found: [] }] },
    },
    action,
  ];
}

const summaryOf = (action: ObjectResult['summary']['provisioningAction'], status: ObjectResult['status'], error?: ErrorInformation): ObjectResult['summary'] => ({
  id: 'c6b3f0a4-1c1d-4d2e-8f3a-000000000001',
  activityDateTime: '2026-01-01T00:00:00.000Z',
  durationInMilliseconds: 0,
  changeId: 'c6b3f0a4-1c1d-4d2e-8f3a-000000000002',
  cycleId: 'c6b3f0a4-1c1d-4d2e-8f3a-000000000003',
  jobId: 'scim.c6b3f0a4',
  provisioningAction: action,
  provisioningStatusInfo: { status, ...(error ? { errorInformation: error } : {}) },
  provisioningSteps: [],
  modifiedProperties: [],
  sourceIdentity: { id: 'src-1', displayName: 'Alice Smith', identityType: 'User', details: {} },
  targetIdentity: { id: 'u-1', displayName: 'alice@contoso.com', identityType: 'urn:ietf:params:scim:schemas:core:2.0:User', details: {} },
  sourceSystem: { id: 'aad', displayName: 'Azure Active Directory', details: {} },
  targetSystem: { id: 'scim', displayName: 'scim', details: {} },
  initiatedBy: { id: '', displayName: 'Azure AD Provisioning Service', initiatorType: 'system' },
});

/** Alice, assigned, created in an empty target. */
export function createdResult(): OnDemandResult {
  const action: OnDemandStep = {
    key: 'action',
    title: 'Perform action',
    status: 'success',
    shownInPortal: true,
    description: 'The user was created in the target system.',
    details: {
      action: 'create',
      attributes: { userName: 'alice@contoso.com', active: 'True', displayName: 'Alice Smith', 'emails[type eq "work"].value': 'alice@contoso.com' },
      modifiedProperties: [{ displayName: 'userName', oldValue: null, newValue: 'alice@contoso.com' }],
    },
  };
  return {
    result: {
      objectType: 'user',
      displayName: 'alice@contoso.com',
      status: 'success',
      action: 'create',
      steps: steps(action),
      summary: summaryOf('create', 'success'),
      onDemandResponse: { key: '{"result":"Success"}', value: '{}' },
    },
    members: [],
    exchanges: [
      exchange(1, 'testConnection', 'GET', '/Users?filter=userName eq "5d6e2f41-0b1c-4c4a-9a36-1f0f0f0f0f0f"', 200, undefined, empty),
      exchange(2, 'match', 'GET', '/Users?filter=userName eq "alice@contoso.com"', 200, undefined, empty),
      exchange(3, 'action', 'POST', '/Users', 201, {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        userName: 'alice@contoso.com',
        active: true,
        displayName: 'Alice Smith',
        emails: [{ type: 'work', value: 'alice@contoso.com', primary: true }],
      }, alice),
    ],
    target: { users: [alice], groups: [] },
  };
}

/** The create fails with 409 from the target. */
export function conflictResult(): OnDemandResult {
  const base = createdResult();
  const error: ErrorInformation = {
    errorCode: 'SystemForCrossDomainIdentityManagementConflict',
    reason: 'Failed to create User alice@contoso.com: POST https://scim.example.test/scim/v2/Users returned 409 Conflict: {"detail":"userName exists"}',
    errorCategory: 'nonServiceFailure',
    recommendedAction: 'Fix the conflicting value in the target, or match the existing account.',
  };
  const steps = base.result.steps.map((s) => (s.key === 'action' ? { ...s, status: 'failure' as const, description: 'The user could not be created.', error } : s));
  const exchanges = base.exchanges.map((x) => (x.seq === 3 ? { ...x, status: 409, responseBody: { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '409', detail: 'userName exists' } } : x));
  return {
    ...base,
    result: { ...base.result, status: 'failure', steps, error, summary: summaryOf('create', 'failure', error) },
    exchanges,
    target: { users: [], groups: [] },
  };
}

/** Already in sync: Graph logs `other` with SkipReason RedundantExport. */
export function redundantResult(): OnDemandResult {
  const base = createdResult();
  const action: OnDemandStep = {
    key: 'action',
    title: 'Perform action',
    status: 'skipped',
    shownInPortal: true,
    description: 'The user is already in sync.',
    details: { action: 'other', attributes: {}, modifiedProperties: [], skipReason: 'RedundantExport' },
  };
  const s = steps(action).map((st) =>
    st.key === 'match' ? { ...st, description: 'Matched.', details: { matches: 1, attempts: [{ attribute: 'userName', value: 'alice@contoso.com', found: [alice] }], targetId: 'u-1' } } : st,
  );
  return {
    ...base,
    result: { ...base.result, status: 'skipped', action: 'other', steps: s, summary: summaryOf('other', 'skipped') },
    exchanges: base.exchanges.slice(0, 2).map((x) => (x.seq === 2 ? { ...x, responseBody: { ...empty, totalResults: 1, Resources: [alice] } } : x)),
  };
}
