import { describe, expect, it } from 'vitest';
import { fixedClock, seededRandom } from '../../src/core/determinism.js';
import { defaultExpressionOptions } from '../../src/expr/options.js';
import type { EvalContext, SourceAttributes } from '../../src/expr/index.js';
import { compileObjectMapping } from '../../src/mapping/compile.js';
import { diffAgainstTarget } from '../../src/mapping/diff.js';
import { exportedAttributes, modifiedPropertiesForCreate } from '../../src/mapping/render.js';
import { buildResourceContent } from '../../src/mapping/resource.js';
import { evaluateMappings, evaluateMatchingAttributes, EXPRESSION_FAILURE_CODE } from '../../src/mapping/evaluate.js';
import type { MappingOptions } from '../../src/mapping/options.js';
import type { AttributeMapping } from '../../src/mapping/types.js';

const context: EvalContext = { clock: fixedClock('2026-01-01T00:00:00Z'), random: seededRandom(42), options: defaultExpressionOptions };
const matchUpn: AttributeMapping = { target: 'userName', source: 'userPrincipalName', match: 1 };

function compile(mappings: AttributeMapping[], mapping: Partial<MappingOptions> = {}) {
  const result = compileObjectMapping({ mappings: [matchUpn, ...mappings] }, 'user', { mapping });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.compiled;
}

/** The outcome of the one mapping after userName. */
function outcome(mapping: AttributeMapping, attributes: SourceAttributes, phase: 'create' | 'update', options: Partial<MappingOptions> = {}) {
  const evaluation = evaluateMappings(compile([mapping], options), { userPrincipalName: 'alice@contoso.com', ...attributes }, { phase, context });
  const result = evaluation.outcomes[1];
  if (!result) throw new Error('no outcome');
  return { ...result, evaluation };
}

describe('default value if null: create only (entra-semantics.md §4.1)', () => {
  const mapping: AttributeMapping = { target: 'department', source: 'department', default: 'Unassigned' };

  it.each([
    ['create, null source → default', {}, 'create', { kind: 'value', usedDefault: true }, 'Unassigned'],
    ['update, null source → not exported', {}, 'update', { kind: 'null' }, undefined],
    ['create, value → value', { department: 'Sales' }, 'create', { kind: 'value', usedDefault: false }, 'Sales'],
    ['update, value → value', { department: 'Sales' }, 'update', { kind: 'value', usedDefault: false }, 'Sales'],
    // clear-attribute-values.md: "a null, empty, or omitted source value doesn't populate the target
    // attribute unless you configured Default value if null"
    ['create, "" → default (an empty source counts as null)', { department: '' }, 'create', { kind: 'value', usedDefault: true }, 'Unassigned'],
    ['update, "" → not exported (it never clears the target)', { department: '' }, 'update', { kind: 'null' }, undefined],
  ] as const)('%s', (_label, attributes, phase, expected, value) => {
    const result = outcome(mapping, attributes, phase);
    expect(result).toMatchObject(expected);
    if (result.kind === 'value') expect(result.mapped.value).toBe(value);
  });
});

describe('apply (entra-semantics.md §4.1)', () => {
  it('an "Only during object creation" mapping is evaluated on create and skipped on update', () => {
    const mapping: AttributeMapping = { target: 'title', constant: 'Employee', apply: 'create' };
    expect(outcome(mapping, {}, 'create')).toMatchObject({ kind: 'value', mapped: { value: 'Employee', flow: 'always' } });
    expect(outcome(mapping, {}, 'update')).toMatchObject({ kind: 'skipped', reason: 'createOnly' });
  });

  it('Graph flow types reach the diff', () => {
    expect(outcome({ target: 'title', constant: 'x', apply: 'AttributeAddOnly' }, {}, 'update')).toMatchObject({ mapped: { flow: 'AttributeAddOnly' } });
  });

  it('a None mapping writes its default on create only, unless noneMappingDefault says whenTargetEmpty', () => {
    const mapping: AttributeMapping = { target: 'nickName', type: 'none', default: 'n/a' };
    expect(outcome(mapping, {}, 'create')).toMatchObject({ kind: 'value', usedDefault: true, mapped: { value: 'n/a' } });
    expect(outcome(mapping, {}, 'update')).toMatchObject({ kind: 'skipped', reason: 'none' });
    expect(outcome(mapping, {}, 'update', { noneMappingDefault: 'whenTargetEmpty' })).toMatchObject({ kind: 'value', mapped: { flow: 'AttributeAddOnly' } });
    expect(outcome({ target: 'nickName', type: 'none' }, {}, 'create')).toMatchObject({ kind: 'skipped', reason: 'none' });
  });
});

describe('null flow (entra-semantics.md §2.4.4, §4.7)', () => {
  it('null and a direct mapping\'s "" are not exported; an expression\'s "" is', () => {
    expect(outcome({ target: 'title', source: 'jobTitle' }, {}, 'create').kind).toBe('null');
    expect(outcome({ target: 'title', source: 'jobTitle' }, { jobTitle: null }, 'update').kind).toBe('null');
    // clear-attribute-values.md: without Flow null values (inbound only) an empty source never clears the target.
    expect(outcome({ target: 'title', source: 'jobTitle' }, { jobTitle: '' }, 'update').kind).toBe('null');
    expect(outcome({ target: 'title', source: 'jobTitle' }, { jobTitle: '' }, 'create').kind).toBe('null');
    expect(outcome({ target: 'title', expression: 'StripSpaces([jobTitle])' }, { jobTitle: '  ' }, 'update')).toMatchObject({ kind: 'value', mapped: { value: '' } });
  });

  it('IgnoreFlowIfNullOrEmpty drops the attribute', () => {
    const mapping: AttributeMapping = { target: 'title', expression: 'IgnoreFlowIfNullOrEmpty([jobTitle])' };
    expect(outcome(mapping, { jobTitle: '' }, 'update')).toMatchObject({ kind: 'doNotFlow', scope: 'attribute' });
    expect(outcome(mapping, { jobTitle: 'Dev' }, 'update')).toMatchObject({ kind: 'value', mapped: { value: 'Dev' } });
  });

  it('IgnoreObjectFlow on the objectFilter pseudo-target drops the object', () => {
    const mapping: AttributeMapping = { target: 'objectFilter', expression: 'Switch([employeeType], "", "Contractor", IgnoreObjectFlow)' };
    const contractor = outcome(mapping, { employeeType: 'Contractor' }, 'create');
    expect(contractor).toMatchObject({ kind: 'doNotFlow', scope: 'object' });
    expect(contractor.evaluation.ignoreObject).toBe(true);
    const employee = outcome(mapping, { employeeType: 'Employee' }, 'create');
    expect(employee.evaluation.ignoreObject).toBe(false);
    expect(buildResourceContent(employee.evaluation.mapped)).toEqual({ userName: 'alice@contoso.com' });
  });

  it('the mapped values of one evaluation build the create body', () => {
    const evaluation = evaluateMappings(
      compile([
        { target: 'active', expression: 'Switch([IsSoftDeleted], , "False", "True", "True", "False")' },
        { target: 'emails[type eq "work"].value', source: 'mail' },
        { target: 'title', source: 'jobTitle' },
      ]),
      { userPrincipalName: 'alice@contoso.com', IsSoftDeleted: false, mail: 'alice@contoso.com' },
      { phase: 'create', context },
    );
    expect(buildResourceContent(evaluation.mapped)).toEqual({
      userName: 'alice@contoso.com',
      active: true,
      emails: [{ primary: true, type: 'work', value: 'alice@contoso.com' }],
    });
  });
});

// customize-application-attributes.md, SingleAppRoleAssignment "Example request (POST)":
// "roles": [{ "primary": true, "type": "WindowsAzureActiveDirectoryRole", "value": "Admin" }].
describe('SingleAppRoleAssignment in a create body', () => {
  const rows: { name: string; mappings: AttributeMapping[]; roles: unknown }[] = [
    {
      name: 'the documented POST: the role element carries the app-role type',
      mappings: [{ target: 'roles[primary eq "True"].value', expression: 'SingleAppRoleAssignment([appRoleAssignments])' }],
      roles: [{ primary: true, type: 'WindowsAzureActiveDirectoryRole', value: 'Admin' }],
    },
    {
      name: 'also when the role is renamed by a Switch around it',
      mappings: [{ target: 'roles[primary eq "True"].value', expression: 'Switch(SingleAppRoleAssignment([appRoleAssignments]), "member", "Admin", "owner")' }],
      roles: [{ primary: true, type: 'WindowsAzureActiveDirectoryRole', value: 'owner' }],
    },
    {
      name: 'a mapped .type wins',
      mappings: [
        { target: 'roles[primary eq "True"].type', expression: '"AppRole"' },
        { target: 'roles[primary eq "True"].value', expression: 'SingleAppRoleAssignment([appRoleAssignments])' },
      ],
      roles: [{ primary: true, type: 'AppRole', value: 'Admin' }],
    },
    {
      name: 'a value that is not an app role gets no type',
      mappings: [{ target: 'roles[primary eq "True"].value', source: 'jobTitle' }],
      roles: [{ primary: true, value: 'Dev' }],
    },
  ];
  it.each(rows)('$name', ({ mappings, roles }) => {
    const evaluation = evaluateMappings(compile(mappings), { userPrincipalName: 'a@x.com', jobTitle: 'Dev', appRoleAssignments: ['Admin'] }, { phase: 'create', context });
    const body = buildResourceContent(evaluation.mapped);
    expect(body['roles']).toEqual(roles);
    expect(JSON.stringify(body['roles'])).toBe(JSON.stringify(roles));
  });
});

describe('Redact (entra-semantics.md §3)', () => {
  it('exports the value but reports [Redact]', () => {
    const evaluation = evaluateMappings(compile([{ target: 'password', expression: 'Redact([pin])' }]), { userPrincipalName: 'a@x.com', pin: '1234' }, { phase: 'create', context });
    expect(buildResourceContent(evaluation.mapped)).toMatchObject({ password: '1234' });
    expect(exportedAttributes(evaluation.mapped)).toEqual({ userName: 'a@x.com', password: '[Redact]' });
    expect(modifiedPropertiesForCreate(evaluation.mapped)[1]).toEqual({ displayName: 'password', oldValue: null, newValue: '[Redact]' });
    const { changes, modifiedProperties } = diffAgainstTarget(evaluation.mapped, { id: 'u', userName: 'a@x.com', password: '0000' });
    expect(changes).toEqual([{ path: 'password', oldValue: '0000', newValue: '1234' }]);
    expect(modifiedProperties).toEqual([{ displayName: 'password', oldValue: '[Redact]', newValue: '[Redact]' }]);
  });
});

describe('IsSoftDeleted drives the disable (entra-semantics.md §6.1)', () => {
  it.each([
    ['Switch([IsSoftDeleted], , "False", "True", "True", "False")', true, false],
    ['Switch([IsSoftDeleted], , "False", "True", "True", "False")', false, true],
    ['Not([IsSoftDeleted])', true, false],
    ['Not([IsSoftDeleted])', false, true],
  ])('%s with IsSoftDeleted %s → active %s', (expression, isSoftDeleted, active) => {
    expect(outcome({ target: 'active', expression }, { IsSoftDeleted: isSoftDeleted }, 'update')).toMatchObject({ kind: 'value', mapped: { value: active } });
  });
});

describe('failures fail the object, not the run', () => {
  it('a required target without a value on create → MandatoryFieldsMissing; on update nothing is exported', () => {
    const evaluation = evaluateMappings(compile([]), {}, { phase: 'create', context });
    expect(evaluation.failure).toMatchObject({ errorCode: 'MandatoryFieldsMissing', index: 0 });
    expect(evaluation.outcomes[0]).toMatchObject({ kind: 'failure' });
    expect(evaluateMappings(compile([]), {}, { phase: 'update', context }).failure).toBeUndefined();
    expect(outcome({ target: 'title', source: 'jobTitle', required: true }, {}, 'create')).toMatchObject({
      kind: 'failure',
      failure: { errorCode: 'MandatoryFieldsMissing' },
    });
    expect(outcome({ target: 'title', source: 'jobTitle', required: true, default: 'x' }, {}, 'create').kind).toBe('value');
  });

  it('a multi-valued value into a single-valued target → SchemaPropertyCanOnlyAcceptValue', () => {
    const result = outcome({ target: 'emails[type eq "work"].value', source: 'proxyAddresses' }, { proxyAddresses: ['smtp:a@x.com', 'smtp:b@x.com'] }, 'create');
    expect(result).toMatchObject({ kind: 'failure', failure: { errorCode: 'SchemaPropertyCanOnlyAcceptValue' } });
    expect(result.evaluation.failure?.index).toBe(1);
  });

  it('an expression that fails on this object → an Entra failure carrying the EXPR_EVAL code', () => {
    const result = outcome({ target: 'title', expression: 'CDate([hireDate])' }, { hireDate: 'not a date' }, 'create');
    expect(result).toMatchObject({ kind: 'failure', failure: { errorCode: EXPRESSION_FAILURE_CODE, code: expect.stringMatching(/^EXPR_EVAL_/) } });
    if (result.kind === 'failure') expect(result.failure.reason).toContain('title');
  });
});

describe('evaluateMatchingAttributes (entra-semantics.md §4.3)', () => {
  const compiled = compile([{ target: 'externalId', source: 'mailNickname', match: 2 }, { target: 'displayName', source: 'displayName' }]);

  it('lists the matching attributes with values in precedence order', () => {
    const result = evaluateMatchingAttributes(compiled, { userPrincipalName: 'alice@contoso.com', mailNickname: 'alice' }, context);
    expect(result.kind === 'values' && result.values.map((v) => [v.attribute, v.value, v.precedence])).toEqual([
      ['userName', 'alice@contoso.com', 1],
      ['externalId', 'alice', 2],
    ]);
  });

  it('skips attributes without a source value', () => {
    const result = evaluateMatchingAttributes(compiled, { mailNickname: 'alice' }, context);
    expect(result.kind === 'values' && result.values.map((v) => v.attribute)).toEqual(['externalId']);
    expect(result.kind === 'values' && result.skipped.map((m) => m.target.text)).toEqual(['userName']);
  });

  it('skips an empty value, direct or from an expression: `eq ""` is never queried', () => {
    const result = evaluateMatchingAttributes(compiled, { userPrincipalName: '', mailNickname: 'alice' }, context);
    expect(result.kind === 'values' && result.values.map((v) => v.attribute)).toEqual(['externalId']);
    const byExpression = compile([{ target: 'externalId', expression: 'StripSpaces([mailNickname])', match: 2 }]);
    expect(evaluateMatchingAttributes(byExpression, { mailNickname: '   ' }, context).kind).toBe('none');
  });

  it('none at all ⇒ kind none (the pipeline reports ImportSkipped)', () => {
    expect(evaluateMatchingAttributes(compiled, { displayName: 'Alice' }, context).kind).toBe('none');
  });

  it('ignores defaults: the action is not known yet', () => {
    const result = compileObjectMapping({ mappings: [{ ...matchUpn, default: 'nobody' }] }, 'user');
    if (!result.ok) throw new Error('expected valid');
    expect(evaluateMatchingAttributes(result.compiled, {}, context).kind).toBe('none');
  });
});
