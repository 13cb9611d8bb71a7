/**
 * Property definitions shared by the CI suite (test/hardening/properties.test.ts, about 1,000
 * cases) and the fuzzer (`npm run fuzz`, 100,000 cases). Each property states what must hold for
 * any input: the parser only throws its coded syntax error, the evaluator only coded evaluation
 * errors, the loader only returns coded, located, hinted issues, the pipeline always resolves,
 * the redactor hides every spelling of a secret, and so on.
 *
 * No vitest here (the fuzzer runs outside it): a failed check throws a plain Error.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import type { AppDefinition } from '../../src/app/types.js';
import { resolveSettings } from '../../src/config/settings.js';
import { fixedClock, seededRandom } from '../../src/core/determinism.js';
import { ProvisionError } from '../../src/core/errors.js';
import { codeFrame } from '../../src/core/location.js';
import { runOnDemand } from '../../src/engine/run-on-demand.js';
import { compileExpression, defaultExpressionOptions, expressionFunctions, ExpressionEvalError, ExpressionSyntaxError, parseExpression } from '../../src/expr/index.js';
import { parseTargetPath } from '../../src/mapping/target-path.js';
import { printable } from '../../src/report/printable.js';
import { matchValue } from '../../src/runner/match.js';
import { createRedactor } from '../../src/runner/redact.js';
import { loadScenarios } from '../../src/scenario/load.js';
import { createMockScimTarget } from '../../src/scim/mock/target.js';
import { compileScopingFilters, evaluateScopingFilters, scopingOperators } from '../../src/scoping/index.js';
import type { ScopingFilter } from '../../src/scoping/types.js';

/** One property: `ciRuns` in the test suite, `weight` of the fuzzer's total. */
export interface PropertyDefinition {
  name: string;
  ciRuns: number;
  weight: number;
  property: () => fc.IRawProperty<unknown[]>;
}

function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

const CODE = /^[A-Z][A-Z0-9]*_[A-Z0-9_]+$/;

// ---------------------------------------------------------------- expressions

/** Text that looks like expressions: grammar pieces, Unicode, control characters. */
const pieces = ['(', ')', ',', ' ', '[', ']', '"', '\\', '\\"', '&H', 'F', '1', '-', '=', '<>', '>=', '\n', '\t', 'a', 'Join', 'Mid', 'IIF', 'Switch', 'Replace', 'SelectUniqueValue', 'Not', 'FormatDateTime', 'vbTextCompare', 'IgnoreFlowIfNullOrEmpty', '[mail]', '"x"', 'é', '\u{1F600}', '\u0000', '\u202e'];
const expressionLike = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((p) => p.join('')),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

/** Literal operands, chosen so regexes and formats are exercised without catastrophic patterns. */
const literals = ['""', '"x"', '"Alice Smith"', '"2021-06-30+08:00"', '"20210630120000.0Z"', '"1/15/1990 12:00:00 AM"', '"yyyy-MM-dd"', '"M/d/yyyy h:mm:ss tt"', '"(?<g>a)"', '"[0-9]+"', '"^\\\\w+@"', '"g"', '"d"', '"yyyy"', '"True"', '"False"', '"  A b-C "', '"ø Ärger"', '"a,b,,c"', '"12"', '"-3"', '"&HFF"', '"\\"quoted\\""'];
const attributeNames = ['a', 'b', 'list', 'mail', 'IsSoftDeleted', 'manager', 'extension_1a2b_costCenter'];

/** Calls of every function with an argument count it accepts (or one off), over random leaves. */
const expression: fc.Arbitrary<string> = fc.letrec<{ expr: string }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...attributeNames).map((n) => `[${n}]`),
    fc.constantFrom(...literals),
    fc.integer({ min: -5, max: 100 }).map(String),
    fc.constantFrom('&HF', '&H10', 'vbTextCompare', 'vbBinaryCompare', 'IgnoreObjectFlow'),
    fc.tuple(tie('expr'), fc.constantFrom('=', '<>', '>', '<', '>=', '<='), tie('expr')).map(([l, op, r]) => `${l} ${op} ${r}`),
    fc
      .tuple(
        fc.constantFrom(...expressionFunctions.filter((f) => !f.topLevelOnly)),
        fc.array(fc.option(tie('expr'), { nil: '' }), { maxLength: 9 }),
        fc.integer({ min: -1, max: 1 }),
      )
      .map(([fn, args, skew]) => {
        const group = fn.repeat ? (Array.isArray(fn.repeat.param) ? fn.repeat.param.length : 1) : 0;
        const count = Math.max(0, (fn.repeat ? fn.params.length + group * Math.max(fn.repeat.min, 1) : fn.params.length) + skew);
        return `${fn.name}(${Array.from({ length: count }, (_, i) => args[i] ?? '"x"').join(', ')})`;
      }),
  ),
})).expr;

const attributeValue = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.constantFrom('', '2021-01-01', '2021-06-30T12:00:00Z', '20210630120000.0Z', 'True', 'false', '0', '12', '-7', '1e3', '(?<g>x)', '[', 'a\\'),
  fc.integer(),
  fc.boolean(),
  fc.array(fc.string({ maxLength: 4 }), { maxLength: 4 }),
  fc.array(fc.record({ id: fc.string({ maxLength: 3 }), value: fc.string({ maxLength: 6 }) }), { maxLength: 2 }),
);
const attributes = fc.record(Object.fromEntries(attributeNames.map((n) => [n, attributeValue])) as Record<string, typeof attributeValue>);

/** Parsing either returns an AST or throws ExpressionSyntaxError with a code and an offset within the text. */
function parsesOrFailsCleanly(text: string): boolean {
  try {
    parseExpression(text);
    return true;
  } catch (error) {
    check(error instanceof ExpressionSyntaxError, `parseExpression threw ${describeError(error)} for ${JSON.stringify(text)}`);
    check(CODE.test(error.code), `uncoded syntax error ${error.code}`);
    check(error.offset >= 0 && error.offset <= text.length, `offset ${error.offset} outside the text`);
    check(error.column >= 1 && error.line >= 1, 'line and column start at 1');
    return false;
  }
}

/** JSON of an evaluation result (integers may be BigInts, dates Date objects). */
function stable(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** A deletion, insertion or replacement of a short span. */
const mutation = (maxAt: number, inserts: fc.Arbitrary<string>) => fc.record({ at: fc.nat({ max: maxAt }), remove: fc.nat({ max: 8 }), insert: inserts });

function applyMutations(text: string, mutations: ReadonlyArray<{ at: number; remove: number; insert: string }>): string {
  let out = text;
  for (const m of mutations) {
    const at = m.at % (out.length + 1);
    out = out.slice(0, at) + m.insert + out.slice(at + m.remove);
  }
  return out;
}

const evalContext = (seed: number) => ({ clock: fixedClock('2026-01-01T00:00:00Z'), random: seededRandom(seed), options: defaultExpressionOptions });

// ---------------------------------------------------------------- scenario files

const base = `name: Base
tags: [users]
app:
  target: { url: https://scim.example.test/scim/v2, token: tok-123456 }
  objects:
    user:
      mappings:
        - { target: userName, source: userPrincipalName, match: 1 }
        - target: displayName
          expression: |
            Join(" ", [givenName], [surname])
        - { target: active, expression: 'Switch([IsSoftDeleted], , "False", "True", "True", "False")' }
        - { target: 'emails[type eq "work"].value', source: mail }
      scopingFilters:
        - name: Sales
          clauses: [{ attribute: department, operator: EQUALS, value: Sales }, { attribute: x, operator: Greater_Than, value: 3 }]
    group:
      mappings: [{ target: displayName, source: displayName, match: 1 }, { target: members, source: members }]
source:
  users:
    - &alice { userPrincipalName: a@contoso.com, givenName: Ann, assigned: true, department: Sales }
    - { <<: *alice, userPrincipalName: b@contoso.com }
  groups: [{ displayName: Sales, assigned: true, members: [a@contoso.com] }]
target:
  users: [{ id: u-1, userName: b@contoso.com, active: true }]
  behaviour: { filterable: [userName] }
  faults: [{ on: 'PATCH /Users/*', status: 500, times: 1 }]
provision: { user: a@contoso.com }
clock: 2026-01-01T00:00:00Z
seed: 3
expect:
  result: success
  steps: { match: { matches: 0 } }
  requests: [{ method: GET, path: '/Users?filter=userName eq "a"' }]
---
name: Second
app: { target: { url: https://scim.example.test/scim/v2 }, objects: { user: { mappings: [{ target: userName, source: userPrincipalName, match: 1 }] } } }
provision: { group: Sales, members: [a@contoso.com] }
expect: { result: success }
`;

const yamlInserts = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.string({ unit: 'grapheme', maxLength: 3 }),
  fc.constantFrom(':', '- ', '\t', '"', "'", '[', ']', '{', '}', '&a', '*a', '*alice', '!t ', '\n  ', '\n', '---\n', '#', '|', '>', '? ', 'null', '<<: *a', '${x}', '\\', '\u0000', 'Join(', ')', ', ', '  '),
);

let scratch: string | undefined;
/** A folder for the loader property's files, created once per process. */
function scratchDir(): string {
  scratch ??= mkdtempSync(path.join(tmpdir(), 'provision-fuzz-'));
  return scratch;
}

/** Removes the loader property's folder. */
export function cleanUpProperties(): void {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  scratch = undefined;
}

// ---------------------------------------------------------------- pipeline

const mappingPool = [
  '{ "target": "displayName", "expression": "Join(\\" \\", [givenName], [surname])" }',
  '{ "target": "active", "expression": "Switch([IsSoftDeleted], , \\"False\\", \\"True\\", \\"True\\", \\"False\\")" }',
  '{ "target": "emails[type eq \\"work\\"].value", "source": "mail" }',
  '{ "target": "title", "constant": "Employee", "apply": "create" }',
  '{ "target": "externalId", "expression": "Guid()" }',
  '{ "target": "nickName", "expression": "Redact([secret])" }',
  '{ "target": "department", "source": "department", "default": "Unassigned" }',
  '{ "target": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager", "source": "manager" }',
  '{ "target": "locale", "expression": "FormatDateTime([hireDate], , \\"yyyy-MM-dd\\", \\"dd/MM/yyyy\\")" }',
  '{ "target": "userType", "expression": "IIF([department] = \\"Sales\\", IgnoreFlowIfNullOrEmpty([costCenter]), \\"x\\")" }',
].map((m) => JSON.parse(m) as Record<string, unknown>);

const faultPool = [
  { on: 'POST /Users', status: 500 },
  { on: 'testConnection', status: 401 },
  { on: 'any', nth: 2, error: 'reset' },
  { on: 'PATCH /Users/*', status: 409, times: 1 },
  { on: 'GET /Users?*', status: 200, body: { totalResults: 2, Resources: [] } },
  { on: 'POST /Users', error: 'malformed' },
  { on: 'any', error: 'timeout', nth: 3 },
  { on: 'POST /Users', status: 201, body: '<html>' },
];

const sourceUser = fc.record(
  {
    userPrincipalName: fc.constant('alice@contoso.com'),
    givenName: attributeValue,
    surname: fc.string({ maxLength: 6 }),
    mail: fc.oneof(fc.constant('alice@contoso.com'), fc.string({ maxLength: 8 })),
    department: fc.constantFrom('Sales', 'IT', ''),
    hireDate: fc.constantFrom('2021-06-30', '30/06/2021', 'not a date'),
    secret: fc.string({ minLength: 3, maxLength: 10 }),
    costCenter: attributeValue,
    manager: fc.constantFrom('bob@contoso.com', 'nobody'),
    assigned: fc.boolean(),
    accountEnabled: fc.boolean(),
    deleted: fc.boolean(),
  },
  { requiredKeys: ['userPrincipalName'] },
);

// ---------------------------------------------------------------- the properties

export const properties: PropertyDefinition[] = [
  {
    name: 'parser: arbitrary text only ever fails with a coded, placed syntax error',
    ciRuns: 150,
    weight: 18,
    property: () => fc.property(expressionLike, (text) => void parsesOrFailsCleanly(text)),
  },
  {
    name: 'parser: mutated valid expressions only fail with coded syntax errors',
    ciRuns: 150,
    weight: 18,
    property: () =>
      fc.property(expression, fc.array(mutation(400, fc.constantFrom(...pieces, '')), { minLength: 1, maxLength: 3 }), (text, mutations) => {
        void parsesOrFailsCleanly(applyMutations(text, mutations));
      }),
  },
  {
    name: 'evaluator: valid expressions yield a value or an ExpressionEvalError, the same one twice',
    ciRuns: 150,
    weight: 20,
    property: () =>
      fc.property(expression, attributes, fc.integer(), (text, attrs, seed) => {
        let compiled;
        try {
          compiled = compileExpression(text);
        } catch (error) {
          check(error instanceof ExpressionSyntaxError, `compileExpression threw ${describeError(error)} for ${text}`);
          return;
        }
        const once = (): unknown => {
          try {
            return { value: compiled.evaluate(attrs, evalContext(seed)) };
          } catch (error) {
            check(error instanceof ExpressionEvalError, `evaluate threw ${describeError(error)} for ${text}`);
            check(CODE.test(error.code), `uncoded evaluation error ${error.code}`);
            return { error: error.code };
          }
        };
        check(stable(once()) === stable(once()), `evaluating ${text} twice with one seed gave different results`);
      }),
  },
  {
    name: 'scoping: random clauses compile to coded issues or filters that evaluate without throwing',
    ciRuns: 100,
    weight: 8,
    property: () =>
      fc.property(
        fc.array(
          fc.record({
            name: fc.option(fc.string({ maxLength: 6 }), { nil: undefined }),
            clauses: fc.array(
              fc.record({
                attribute: fc.constantFrom(...attributeNames, ''),
                operator: fc.oneof(fc.constantFrom(...scopingOperators.map((o) => o.name)), fc.string({ maxLength: 6 })),
                value: fc.oneof(fc.constant(undefined), fc.string({ maxLength: 8 }), fc.constantFrom('3', '-1', '1.5', '(', '^a.*$', '[0-9]+'), fc.integer(), fc.boolean(), fc.array(fc.string({ maxLength: 3 }), { maxLength: 3 })),
              }),
              { maxLength: 3 },
            ),
          }),
          { maxLength: 3 },
        ),
        attributes,
        fc.constantFrom('whole', 'substring'),
        (filters, attrs, regexAnchoring) => {
          const compiled = compileScopingFilters(filters as unknown as ScopingFilter[], { regexAnchoring } as never);
          if (!compiled.ok) {
            for (const issue of compiled.issues) check(CODE.test(issue.code) && issue.hint, `scoping issue without code or hint: ${JSON.stringify(issue)}`);
            return;
          }
          const result = evaluateScopingFilters(compiled.compiled, attrs);
          check(typeof result.inScope === 'boolean', 'inScope is a boolean');
        },
      ),
  },
  {
    name: 'mapping: any target path parses or fails with a coded, placed error',
    ciRuns: 100,
    weight: 8,
    property: () =>
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 40 }),
          fc.array(fc.constantFrom('emails', '[', ']', 'type', ' eq ', '"work"', '.', 'value', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User', ':', 'manager', 'name', 'givenName', ' ', 'and', '$ref'), { maxLength: 12 }).map((p) => p.join('')),
        ),
        (text) => {
          try {
            parseTargetPath(text);
          } catch (error) {
            check(error instanceof ProvisionError && CODE.test(error.code), `parseTargetPath threw ${describeError(error)} for ${JSON.stringify(text)}`);
          }
        },
      ),
  },
  {
    name: 'redaction: no spelling of a secret survives in any report string',
    ciRuns: 100,
    weight: 8,
    property: () => {
      const secret = fc.string({ unit: 'grapheme', minLength: 3, maxLength: 12 }).filter((s) => s.trim() === s && !/\[Redact|REDACTED/.test(s));
      return fc.property(secret, secret, fc.jsonValue({ maxDepth: 3 }), fc.nat(), (token, redacted, noise, where) => {
        // The secrets inside text, as JSON inside text, and as JSON inside JSON inside text.
        const embedded = [`x ${token} y`, JSON.stringify({ detail: `token ${token}` }), JSON.stringify(JSON.stringify({ r: redacted })), `Bearer ${token}`];
        const value = { noise, [`k${where % 3}`]: embedded, nested: { list: [redacted, { authorization: `Bearer ${token}` }] } };
        const out = JSON.stringify(createRedactor({ tokens: [token], redacted: [redacted] })(value));
        for (const secretText of [token, redacted]) {
          for (const spelling of [secretText, JSON.stringify(secretText).slice(1, -1), JSON.stringify(JSON.stringify(secretText).slice(1, -1)).slice(1, -1)]) {
            // A secret that the masks or the noise contain by chance cannot be told apart.
            if (JSON.stringify(noise).includes(spelling) || '[REDACTED][Redact]Bearer'.includes(spelling)) continue;
            check(!out.includes(JSON.stringify(spelling).slice(1, -1)), `${JSON.stringify(spelling)} survived in ${out}`);
          }
        }
      });
    },
  },
  {
    name: 'output: code frames and printable text never throw, stay narrow and hold no raw control characters',
    ciRuns: 100,
    weight: 6,
    property: () =>
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), fc.integer({ min: -3, max: 50 }), fc.integer({ min: -3, max: 500 }), (text, line, column) => {
        const frameText = printable(codeFrame(text, line, column, 3));
        // No raw control character but new line, tab and SGR colour codes.
        check(!/[\u0000-\u0008\u000b-\u001a\u001c-\u001f\u007f-\u009f]|\u001b(?!\[[0-9;]*m)/.test(frameText), `raw control character in ${JSON.stringify(frameText)}`);
        for (const row of frameText.split('\n')) check(row.length <= 400, 'a frame row is not cut');
      }),
  },
  {
    name: 'matching: any value matches itself, and matching never throws',
    ciRuns: 50,
    weight: 4,
    property: () =>
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.jsonValue({ maxDepth: 3 }), fc.boolean(), (value, other, exact) => {
        check(matchValue(value, value, { exact }).length === 0 || containsNull(value), `${JSON.stringify(value)} does not match itself`);
        void matchValue(value, other, { exact, stringView: true });
      }),
  },
  {
    name: 'mock target: any filter, path and method gets an HTTP answer, never a crash',
    ciRuns: 30,
    weight: 2,
    property: () =>
      fc.asyncProperty(
        fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE'),
        fc.constantFrom('/Users', '/Groups', '/Users/u-1', '/Groups/g-1', '/Users/', '/Bulk', '/'),
        fc.oneof(fc.string({ maxLength: 30 }), fc.array(fc.constantFrom('userName', ' eq ', ' co ', ' pr', '"a"', ' and ', ' or ', 'not (', ')', 'emails[type eq "work"]', '.value', ' gt ', '"2021-01-01T00:00:00Z"', 'true', '[', '"'), { maxLength: 8 }).map((p) => p.join(''))),
        fc.oneof(fc.constant(undefined), fc.jsonValue({ maxDepth: 3 }), fc.constant({ Operations: [{ op: 'replace', path: 'active', value: 'False' }] })),
        async (method, where, filter, body) => {
          const target = await createMockScimTarget({ users: [{ id: 'u-1', userName: 'a@contoso.com', active: true }], groups: [{ id: 'g-1', displayName: 'Sales', members: [{ value: 'u-1' }] }] });
          try {
            const query = method === 'GET' ? `?filter=${encodeURIComponent(filter)}&attributes=${encodeURIComponent(filter.slice(0, 5))}` : '';
            const response = await fetch(`${target.baseUrl}${where}${query}`, {
              method,
              headers: { 'Content-Type': 'application/scim+json' },
              ...(body !== undefined && method !== 'GET' && method !== 'DELETE' ? { body: JSON.stringify(body) } : {}),
            });
            const text = await response.text();
            check(response.status >= 200 && response.status < 500, `${method} ${where}${query} answered ${response.status}: ${text}`);
          } finally {
            target.close();
          }
        },
      ),
  },
  {
    name: 'loader: mutated scenario files give only coded, located, hinted issues',
    ciRuns: 60,
    weight: 3,
    property: () =>
      fc.asyncProperty(fc.array(mutation(base.length, yamlInserts), { minLength: 1, maxLength: 4 }), async (mutations) => {
        const dir = scratchDir();
        writeFileSync(path.join(dir, 's.yaml'), applyMutations(base, mutations));
        const { scenarios, issues } = await loadScenarios(['s.yaml'], { cwd: dir });
        for (const issue of issues) {
          check(CODE.test(issue.code), `uncoded issue ${JSON.stringify(issue)}`);
          check(issue.location ?? issue.file, `issue without a place: ${JSON.stringify(issue)}`);
          check(issue.hint && !issue.hint.includes('\n'), `issue without a one-line hint: ${JSON.stringify(issue)}`);
        }
        check(scenarios.length + issues.length > 0, 'a file with neither scenarios nor issues');
      }),
  },
  {
    name: 'pipeline: generated scenarios always resolve to a result, never throw',
    ciRuns: 20,
    weight: 1,
    property: () =>
      fc.asyncProperty(
        fc.subarray(mappingPool, { maxLength: 5 }),
        sourceUser,
        fc.option(fc.record({ id: fc.constant('u-1'), userName: fc.constantFrom('alice@contoso.com', 'other@contoso.com'), active: fc.boolean() }), { nil: undefined }),
        fc.subarray(faultPool, { maxLength: 2 }),
        fc.integer(),
        async (mappings, user, existing, faults, seed) => {
          const app: AppDefinition = {
            name: 'fuzz',
            template: 'scim',
            target: { url: 'https://scim.example.test/scim/v2', token: 'tok-fuzz' },
            objects: { user: { mappings: [{ target: 'userName', source: 'userPrincipalName', match: 1 }, ...mappings] as never } },
          };
          const result = await runOnDemand(
            app,
            { users: [user as never, { userPrincipalName: 'bob@contoso.com', assigned: true }] },
            { users: existing ? [existing] : [], faults: faults as never },
            { user: 'alice@contoso.com' },
            { clock: fixedClock('2026-01-01T00:00:00Z'), random: seededRandom(seed), settings: resolveSettings() },
          );
          check(['success', 'failure', 'skipped', 'warning'].includes(result.result.status), `status ${result.result.status}`);
          check(!JSON.stringify(result.result).includes('MOCK_HOST_IN_USE'), 'a previous run left its mock open');
        },
      ),
  },
];

/** `null` means "absent" in expectations, so a value holding null need not match itself. */
function containsNull(value: unknown): boolean {
  if (value === null) return true;
  if (Array.isArray(value)) return value.some(containsNull);
  if (typeof value === 'object') return Object.values(value as object).some(containsNull);
  return false;
}
