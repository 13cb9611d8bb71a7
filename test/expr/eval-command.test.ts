import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/helpers.js';

const fixture = `${import.meta.dirname}/../fixtures/config/empty`;
const evalCli = (...args: string[]) => runCli(['eval', ...args], fixture);

describe('provision eval', () => {
  it('prints the value of an expression over --attr values', async () => {
    const { code, stdout } = await evalCli('Join("@", ToLower([givenName]), "contoso.com")', '--attr', 'givenName=Alice');
    expect({ code, stdout }).toEqual({ code: 0, stdout: 'alice@contoso.com' });
  });

  it('--json prints {"value": …} with the kind', async () => {
    const { code, stdout } = await evalCli('Switch([IsSoftDeleted], , "False", "True", "True", "False")', '--attrs', '{"IsSoftDeleted":"False"}', '--json');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ value: 'True', kind: 'string' });
  });

  it('repeating --attr makes a multi-valued attribute; --attr wins over --attrs', async () => {
    const { stdout } = await evalCli('Join(",", [proxyAddresses], [mail])', '--attrs', '{"mail":"x"}', '--attr', 'proxyAddresses=a', '--attr', 'proxyAddresses=b', '--attr', 'mail=m=1', '--json');
    expect(JSON.parse(stdout)).toEqual({ value: 'a,b,m=1', kind: 'string' });
  });

  it('--now freezes Now(); the default is the config clock', async () => {
    expect((await evalCli('Now()', '--now', '2021-07-02T15:33:38Z')).stdout).toBe('7/2/2021 3:33:38 PM');
    expect((await evalCli('Now()')).stdout).toBe('1/1/2026 12:00:00 AM');
  });

  it('--seed makes Guid() reproducible', async () => {
    const a = await evalCli('Guid()', '--seed', '7');
    const b = await evalCli('Guid()', '--seed', '7');
    const c = await evalCli('Guid()', '--seed', '8');
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout).not.toBe(c.stdout);
  });

  it('null, do-not-flow and multi-valued results', async () => {
    expect(JSON.parse((await evalCli('[missing]', '--json')).stdout)).toEqual({ value: null });
    expect(JSON.parse((await evalCli('IgnoreFlowIfNullOrEmpty([missing])', '--json')).stdout)).toEqual({ value: null, doNotFlow: 'attribute' });
    expect(JSON.parse((await evalCli('Split("a,b", ",")', '--json')).stdout)).toEqual({ value: ['a', 'b'], kind: 'multiValued' });
    expect((await evalCli('[missing]')).stdout).toBe('(null: nothing flows)');
  });

  it('a syntax error exits 2 with {"error": {code, message, line, column}}', async () => {
    const { code, stdout } = await evalCli('Join(" ", [a]', '--json');
    expect(code).toBe(2);
    const { error } = JSON.parse(stdout) as { error: { code: string; line: number; column: number; message: string } };
    expect({ code: error.code, line: error.line, column: error.column }).toEqual({ code: 'EXPR_UNCLOSED_CALL', line: 1, column: 14 });
    expect(typeof error.message).toBe('string');
  });

  // Published expressions span lines; a column alone cannot place the error in them.
  it.each([
    {
      // SFG "Phone number defaults" prints two expressions in one block: pasted whole, the second is trailing input.
      expr: 'IIF(IsNullOrEmpty([telephoneNumber]),"000-000-0000",[telephoneNumber])\nSwitch([mobile],[mobile],"","000-000-0000")',
      attrs: [] as string[],
      error: { code: 'EXPR_TRAILING_INPUT', line: 2, column: 1 },
    },
    {
      // The Workday tutorial's multi-line Switch, with a comma lost on its third line.
      expr: 'Switch\n  (\n    [Municipality]\n    Join(", ", [PreferredLastName], [PreferredFirstName]),\n    "Chicago", "CHI"\n  )',
      attrs: [] as string[],
      error: { code: 'EXPR_EXPECTED_COMMA', line: 4, column: 5 },
    },
    {
      // An evaluation error on a later line (termination lookahead, hr-user-update-issues.md).
      expr: 'Switch([StatusTerminationLastDayOfWork],\n  "True",\n  "x", IIF(DateDiff("d", Now(), CDate([StatusTerminationLastDayOfWork])) <= 0, "False", "True"))',
      attrs: ['--attr', 'StatusTerminationLastDayOfWork=x'],
      error: { code: 'EXPR_EVAL_INVALID_DATE', line: 3, column: 39 },
    },
  ])('--json gives the line as well as the column: $error.code', async ({ expr, attrs, error }) => {
    const { code, stdout } = await evalCli(expr, ...attrs, '--json');
    expect(code).toBe(2);
    expect(JSON.parse(stdout)).toMatchObject({ error });
  });

  it('a syntax error without --json prints the code, the position and a caret frame', async () => {
    const { code, stderr } = await evalCli('Frobnicate([a])');
    expect(code).toBe(2);
    expect(stderr.split('\n')[0]).toMatch(/^✖ 1:1 EXPR_UNKNOWN_FUNCTION /);
    expect(stderr).toContain('^^^^^^^^^^');
  });

  it('an evaluation error reports the function argument column', async () => {
    const { code, stdout } = await evalCli('CDate([d])', '--attr', 'd=not a date', '--json');
    expect(code).toBe(2);
    expect(JSON.parse(stdout)).toMatchObject({ error: { code: 'EXPR_EVAL_INVALID_DATE', line: 1, column: 7 } });
  });

  it('a large integer that a JSON number holds exactly is read as written', async () => {
    const { code, stdout } = await evalCli('DateFromNum([lastLogonTimestamp])', '--attrs', '{"lastLogonTimestamp":129699324000000000}');
    expect({ code, stdout: stdout.trim() }).toEqual({ code: 0, stdout: '1/1/2012 11:00:00 PM' });
  });

  it.each([
    [['[a]', '--attr', 'novalue'], 'CLI_INVALID_ATTR'],
    [['[a]', '--attrs', '[1]'], 'CLI_INVALID_ATTRS'],
    [['[a]', '--attrs', '{oops'], 'CLI_INVALID_ATTRS'],
    // Beyond 2^53 a JSON number is rounded (132539327991234567 would read as …560): quote it instead.
    [['DateFromNum([a])', '--attrs', '{"a":132539327991234567}'], 'CLI_INVALID_ATTRS'],
    [['[a]', '--attrs', '{"a":[1, {"b":-9223372036854775807}]}'], 'CLI_INVALID_ATTRS'],
    [['[a]', '--now', 'yesterday'], 'CLI_INVALID_OPTION'],
    [['[a]', '--seed', 'abc'], 'CLI_INVALID_OPTION'],
  ])('bad options exit 2: %j', async (args, codeName) => {
    const { code, stderr } = await evalCli(...args);
    expect(code).toBe(2);
    expect(stderr).toContain(codeName);
  });
});
