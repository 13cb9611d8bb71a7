import { describe, expect, it } from 'vitest';
import type { AppDefinition } from '../../src/app/types.js';
import { steppingClock } from '../../src/core/determinism.js';
import { exportGraphDetails, flattenResource, importDetails, matchGraphDetails, scopeGraphDetails } from '../../src/engine/details.js';
import { ObjectRecorder } from '../../src/engine/recorder.js';
import { scrub } from '../../src/engine/redact.js';
import { buildObjectResult, type ObjectOutcome } from '../../src/engine/summary.js';

const app: AppDefinition = { name: 'contoso', target: { url: 'https://scim.example.test/scim/v2' }, objects: { user: { mappings: [] } } };
const ids = { jobId: 'job', cycleId: 'cycle', id: 'sum', changeId: 'change' };

function skipRun(): { recorder: ObjectRecorder; outcome: ObjectOutcome } {
  const recorder = new ObjectRecorder('user', steppingClock('2026-01-01T00:00:00Z', 10));
  recorder.record('testConnection', {
    status: 'success', shownInPortal: false, description: 'probe', details: {},
    graphName: 'EntryTestConnection', graphType: 'processing', graphDetails: {},
  });
  recorder.record('import', {
    status: 'success', description: "Retrieved User 'bill@contoso.com' from Azure Active Directory",
    details: { attributes: { userPrincipalName: 'bill@contoso.com' } },
    graphName: 'EntryImport', graphType: 'import', graphDetails: { userPrincipalName: 'bill@contoso.com' },
  });
  recorder.record('scope', {
    status: 'success', description: 'Determine if User in scope by evaluating against each scoping filter',
    details: { inScope: true, facts: [] },
    graphName: 'EntrySynchronizationScoping', graphType: 'scoping', graphDetails: { IsActive: 'True' },
  });
  recorder.record('match', {
    status: 'success', description: "Retrieved User 'bill@contoso.com' from scim",
    details: { matches: 1, attempts: [], targetId: 't-1' },
    graphName: 'EntryImport', graphType: 'matching', graphDetails: { id: 't-1' },
  });
  recorder.record('action', {
    status: 'skipped', description: 'already match',
    details: { action: 'skip', attributes: {}, modifiedProperties: [], skipReason: 'RedundantExport' },
    graphName: 'EntrySynchronizationSkip', graphType: 'export', graphDetails: { SkipReason: 'RedundantExport' },
  });
  const outcome: ObjectOutcome = {
    objectType: 'user', displayName: 'bill@contoso.com', sourceId: 's-1', targetId: 't-1',
    status: 'skipped', action: 'skip', skipReason: 'RedundantExport', skipMessage: 'already match', modifiedProperties: [],
  };
  return { recorder, outcome };
}

describe('buildObjectResult', () => {
  it('builds the v1.0 summary: hidden test connection left out, timestamps from the clock', () => {
    const { recorder, outcome } = skipRun();
    const result = buildObjectResult(recorder, outcome, app, ids, { summaryStepOrder: 'portal' });
    expect(result.steps.map((s) => [s.key, s.title, s.shownInPortal])).toEqual([
      ['testConnection', 'Test connection', false],
      ['import', 'Import user', true],
      ['scope', 'Determine if user is in scope', true],
      ['match', 'Match user between source and target system', true],
      ['action', 'Perform action', true],
    ]);
    expect(result.summary).toMatchObject({
      id: 'sum', changeId: 'change', cycleId: 'cycle', jobId: 'job',
      activityDateTime: '2026-01-01T00:00:00.000Z',
      durationInMilliseconds: 50,
      provisioningAction: 'other',
      provisioningStatusInfo: { status: 'skipped' },
      sourceIdentity: { id: 's-1', identityType: 'User' },
      targetIdentity: { id: 't-1' },
      sourceSystem: { displayName: 'Azure Active Directory' },
      targetSystem: { displayName: 'scim', details: { ServicePrincipalDisplayName: 'contoso' } },
    });
    expect(result.summary.provisioningSteps.map((s) => [s.name, s.provisioningStepType, s.status])).toEqual([
      ['EntryImport', 'import', 'success'],
      ['EntrySynchronizationScoping', 'scoping', 'success'],
      ['EntryImport', 'matching', 'success'],
      ['EntrySynchronizationSkip', 'export', 'skipped'],
    ]);
    expect(result.skipReason).toBe('RedundantExport');
    expect(result.error).toBeUndefined();
  });

  it('writes the provisionOnDemand key and value as JSON strings in the older naming', () => {
    const { recorder, outcome } = skipRun();
    const { onDemandResponse } = buildObjectResult(recorder, outcome, app, ids, { summaryStepOrder: 'portal' });
    expect(JSON.parse(onDemandResponse.key)).toEqual({
      result: 'Skipped',
      details: { errorCode: 'RedundantExport', errorMessage: 'already match' },
    });
    const value = JSON.parse(onDemandResponse.value);
    expect(Object.keys(value)).toEqual([
      'action', 'changeId', 'endTime', 'modifiedProperties', 'provisioningSteps', 'reportableIdentifier',
      'startTime', 'statusInfo', 'sourceIdentity', 'sourceSystem', 'targetIdentity', 'targetSystem',
    ]);
    expect(value).toMatchObject({
      action: 'Other',
      startTime: '2026-01-01T00:00:00.000Z',
      endTime: '2026-01-01T00:00:00.050Z',
      reportableIdentifier: 'bill@contoso.com',
      statusInfo: { status: 'Skipped', errorCode: null, reason: null, errorCategory: null },
      sourceSystem: { id: null, name: 'Azure Active Directory', details: null },
      targetSystem: { name: 'scim' },
    });
    expect(value.provisioningSteps.map((s: { type: string; status: string; timestamp: string }) => [s.type, s.status, s.timestamp])).toEqual([
      ['Import', 'Success', '2026-01-01T00:00:00.020Z'],
      ['Scoping', 'Success', '2026-01-01T00:00:00.030Z'],
      ['Matching', 'Success', '2026-01-01T00:00:00.040Z'],
      ['Export', 'Skipped', '2026-01-01T00:00:00.050Z'],
    ]);
  });

  it('orders matching before scoping with summaryStepOrder graph, in both Graph views only', () => {
    const { recorder, outcome } = skipRun();
    const result = buildObjectResult(recorder, outcome, app, ids, { summaryStepOrder: 'graph' });
    expect(result.summary.provisioningSteps.map((s) => s.provisioningStepType)).toEqual(['import', 'matching', 'scoping', 'export']);
    expect(JSON.parse(result.onDemandResponse.value).provisioningSteps.map((s: { type: string }) => s.type))
      .toEqual(['Import', 'Matching', 'Scoping', 'Export']);
    expect(result.steps.map((s) => s.key)).toEqual(['testConnection', 'import', 'scope', 'match', 'action']);
  });

  it('carries a failure with its error information into status info and the response key', () => {
    const recorder = new ObjectRecorder('group', steppingClock(0));
    const error = { errorCode: 'SystemForCrossDomainIdentityManagementCredentialValidationFailure', reason: 'Unauthorized', errorCategory: 'nonServiceFailure' as const, recommendedAction: 'Check' };
    recorder.record('testConnection', {
      status: 'failure', description: 'failed', details: { status: 401 }, error,
      graphName: 'EntryTestConnection', graphType: 'processing', graphDetails: {},
    });
    const result = buildObjectResult(recorder, {
      objectType: 'group', displayName: 'Sales', sourceId: 'g', status: 'failure', action: 'none', error, modifiedProperties: [],
    }, { ...app, template: 'customappsso' }, ids, { summaryStepOrder: 'portal' });
    expect(result.summary.provisioningStatusInfo).toEqual({ status: 'failure', errorInformation: error });
    expect(result.summary.provisioningSteps).toHaveLength(1);
    expect(result.summary.targetIdentity.identityType).toBe('urn:ietf:params:scim:schemas:core:2.0:Group');
    expect(JSON.parse(result.onDemandResponse.key)).toEqual({
      result: 'Failure', details: { errorCode: error.errorCode, errorMessage: 'Unauthorized' },
    });
    expect(JSON.parse(result.onDemandResponse.value)).toMatchObject({
      action: 'Other', targetIdentity: { id: null }, targetSystem: { name: 'customappsso' },
      statusInfo: { status: 'Failure', errorCode: error.errorCode, recommendedAction: 'Check' },
    });
  });
});

describe('step details', () => {
  it('import details drop null attributes and keep multi-valued ones as lists', () => {
    expect(importDetails([['mail', 'a@c.com'], ['department', null], ['proxyAddresses', ['smtp:a', 'smtp:b']], ['accountEnabled', true], ['n', 5n]])).toEqual({
      portal: { mail: 'a@c.com', proxyAddresses: ['smtp:a', 'smtp:b'], accountEnabled: 'True', n: '5' },
      graph: { mail: 'a@c.com', proxyAddresses: '["smtp:a","smtp:b"]', accountEnabled: 'True', n: '5' },
    });
  });

  it('scope details use Graph keys, with the filter lines in ScopeEvaluationResult', () => {
    expect(scopeGraphDetails([
      { label: 'Active in source system', value: 'True', passed: true },
      { label: 'Assigned to application', value: 'True', passed: true },
      { label: 'User has required role', value: 'True', passed: true },
      { label: 'Sales only department EQUALS Sales', value: 'Marketing', passed: false },
    ], false)).toEqual({
      IsActive: 'True',
      Assigned: 'True',
      HasRequiredRole: 'True',
      IsEffectivelyEntitledForProvisioning: 'True',
      IsInProvisioningScopeDisplayName: 'False',
      ScopeEvaluationResult: '{"Sales only department EQUALS Sales":"False"}',
    });
    expect(scopeGraphDetails([{ label: 'Assigned to application', value: 'False', passed: false }], false))
      .toMatchObject({ IsEffectivelyEntitledForProvisioning: 'False' });
  });

  it('flattens a target resource like the Graph matching step', () => {
    expect(flattenResource({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], id: 't-1', userName: 'a', active: true,
      name: { givenName: 'A' }, emails: [{ type: 'work', value: 'a@c.com' }], meta: { resourceType: 'User' },
    })).toEqual({ id: 't-1', userName: 'a', active: 'True', 'name.givenName': 'A', emails: '[{"type":"work","value":"a@c.com"}]' });
  });

  it('match details: none, one, several', () => {
    expect(matchGraphDetails([{ attribute: 'userName', value: 'a', found: [] }, { attribute: 'externalId', value: null, found: [] }]))
      .toEqual({ 'MatchingAttribute.userName': 'a' });
    expect(matchGraphDetails([{ attribute: 'userName', value: 'a', found: [{ id: '1', userName: 'a' }] }])).toEqual({ id: '1', userName: 'a' });
    expect(matchGraphDetails([{ attribute: 'userName', value: 'a', found: [{ id: '1' }, { id: '2' }] }])).toEqual({
      MatchingAttribute: 'userName', MatchingValue: 'a', Match1: '{"id":"1"}', Match2: '{"id":"2"}',
    });
  });

  it('export details strip punctuation from attribute names', () => {
    expect(exportGraphDetails('a@c.com', { 'name.givenName': 'A', 'emails[type eq "work"].value': 'a@c.com', roles: ['x'] })).toEqual({
      ReportableIdentifier: 'a@c.com', namegivenName: 'A', emailstypeeqworkvalue: 'a@c.com', roles: '["x"]',
    });
  });
});

describe('scrub', () => {
  it('replaces secrets in strings and keys, longest first, and inside embedded JSON', () => {
    const embedded = JSON.stringify({ password: 'p"ss' });
    expect(scrub({ a: 'x p"ss y', list: ['p"ss'], ['k-p"ss']: 1, embedded, n: 5, b: true, z: null }, ['p"ss', 'pa'])).toEqual({
      a: 'x [Redact] y', list: ['[Redact]'], 'k-[Redact]': 1, embedded: '{"password":"[Redact]"}', n: 5, b: true, z: null,
    });
    expect(scrub(['pa', 'pal', '2026-01-01'], ['pa', '1'])).toEqual(['[Redact]', 'pal', '2026-01-01']);
  });

  it('returns the value itself when there is nothing to scrub', () => {
    const value = { a: 'x' };
    expect(scrub(value, [])).toBe(value);
    expect(scrub(value, [''])).toBe(value);
  });
});
