/**
 * Expression micro-benchmarks: typical attribute-mapping expressions compiled once and evaluated
 * many times, against a hand-written JavaScript function doing the same work. Before anything is
 * timed, both must give the same value for every input, so the ratio compares equal work.
 */
import { ExitCode } from '../core/errors.js';
import { fixedClock, seededRandom } from '../core/determinism.js';
import { compileExpression, defaultExpressionOptions, type EvalContext, type SourceAttributes } from '../expr/index.js';
import { measure, type MeasureOptions } from './measure.js';
import type { ExpressionRow } from './types.js';

/** One case: a mapping expression and its hand-written equivalent. */
export interface ExpressionCase {
  name: string;
  expression: string;
  /** Gives the same value as the expression for every input in {@link benchUsers}. */
  handwritten: (attributes: SourceAttributes) => unknown;
}

const HIRE_DATE = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})\.(\d)Z$/;
const pad = (n: number): string => String(n).padStart(2, '0');
const str = (value: unknown): string => (value === undefined || value === null ? '' : String(value));

/** The cases, from the default mappings and the docs' examples (docs/expressions.md). */
export const expressionCases: readonly ExpressionCase[] = [
  {
    name: 'active from IsSoftDeleted',
    expression: 'Switch([IsSoftDeleted], , "False", "True", "True", "False")',
    handwritten: (a) => {
      const v = a['IsSoftDeleted'] === true ? 'True' : a['IsSoftDeleted'] === false ? 'False' : str(a['IsSoftDeleted']);
      return v === 'False' ? 'True' : v === 'True' ? 'False' : null;
    },
  },
  {
    name: 'userName from givenName',
    expression: 'Join("@", ToLower([givenName]), "contoso.com")',
    handwritten: (a) => `${str(a['givenName']).toLowerCase()}@contoso.com`,
  },
  {
    name: 'mailNickname from initials',
    expression: 'Join("", Mid([givenName], 1, 1), ToLower(Mid([surname], 1, 64)))',
    handwritten: (a) => `${str(a['givenName']).slice(0, 1)}${str(a['surname']).slice(0, 64).toLowerCase()}`,
  },
  {
    name: 'department label',
    expression: 'IIF([department]="Sales", "Sales team", "Other")',
    handwritten: (a) => (a['department'] === 'Sales' ? 'Sales team' : 'Other'),
  },
  {
    name: 'displayName without diacritics',
    expression: 'NormalizeDiacritics([displayName])',
    handwritten: (a) => str(a['displayName']).normalize('NFD').replace(/\p{Mn}/gu, ''),
  },
  {
    name: 'mail or userPrincipalName',
    expression: 'Coalesce([mail], [userPrincipalName])',
    handwritten: (a) => a['mail'] ?? a['userPrincipalName'] ?? null,
  },
  {
    name: 'hire date as yyyy-MM-dd',
    expression: 'FormatDateTime([hireDate], , "yyyyMMddHHmmss.fZ", "yyyy-MM-dd")',
    handwritten: (a) => {
      const m = HIRE_DATE.exec(str(a['hireDate']));
      if (!m) throw new Error('invalid date');
      const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]), Number(m[7]) * 100));
      if (d.getUTCDate() !== Number(m[3])) throw new Error('invalid date');
      return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
    },
  },
  {
    name: 'UPN domain rewrite',
    expression: 'Replace([userPrincipalName], , "(.*)@contoso\\.com", , "$1@fabrikam.com", , )',
    handwritten: (a) => str(a['userPrincipalName']).replace(/(.*)@contoso\.com/, '$1@fabrikam.com'),
  },
  {
    name: 'proxy address',
    expression: 'Append([mailNickname], "@contoso.com")',
    handwritten: (a) => `${str(a['mailNickname'])}@contoso.com`,
  },
];

const givenNames = ['Alice', 'José', 'Zoë', 'François', 'Bob', 'Ångström', 'Chloé', 'Dmitri'];
const surnames = ['Smith', 'MÜLLER', 'Nuñez', 'Lee', "O'Brien", 'García', 'Kowalski', 'Dubois'];
const departments = ['Sales', 'Finance', 'Sales', 'Engineering'];

/** Sixteen varied users, so no evaluation is specialised for one input. */
export const benchUsers: readonly SourceAttributes[] = Array.from({ length: 16 }, (_, i) => {
  const given = givenNames[i % givenNames.length]!;
  const surname = surnames[(i * 3) % surnames.length]!;
  const nick = `${given.slice(0, 1)}${surname}`.toLowerCase().replace(/[^a-z]/g, '');
  return {
    givenName: given,
    surname,
    displayName: `${given} ${surname}`,
    mailNickname: nick,
    userPrincipalName: `${nick}${i}@contoso.com`,
    ...(i % 3 === 0 ? {} : { mail: `${nick}${i}@mail.contoso.com` }),
    department: departments[i % departments.length]!,
    IsSoftDeleted: i % 5 === 0,
    hireDate: `20${String(10 + (i % 15)).padStart(2, '0')}0${1 + (i % 9)}1${i % 10}080000.0Z`,
  };
});

/** Evaluations per timed iteration: every user, this many times. */
const ROUNDS = 32;

/** Keeps results alive so the engine cannot drop the work. */
let sink = 0;

/** Benchmarks every case; a case whose two versions disagree is a failed row. */
export async function benchExpressions(options: MeasureOptions, cases: readonly ExpressionCase[] = expressionCases): Promise<ExpressionRow[]> {
  const context: EvalContext = { clock: fixedClock('2026-01-01T00:00:00Z'), random: seededRandom(42), options: defaultExpressionOptions };
  const rows: ExpressionRow[] = [];
  const batch = benchUsers.length * ROUNDS;
  for (const c of cases) {
    const head = { name: c.name, expression: c.expression };
    let compiled: ReturnType<typeof compileExpression>;
    try {
      compiled = compileExpression(c.expression);
    } catch (error) {
      rows.push({ status: 'failed', ...head, error: { code: 'BENCH_EXPRESSION_INVALID', message: `the expression does not compile: ${(error as Error).message}`, exitCode: ExitCode.internal } });
      continue;
    }
    const mismatch = benchUsers.find((u) => !sameValue(compiled.evaluate(u, context), c.handwritten(u)));
    if (mismatch) {
      rows.push({
        status: 'failed',
        ...head,
        error: {
          code: 'BENCH_EXPRESSION_MISMATCH',
          message: `the hand-written equivalent gives ${JSON.stringify(c.handwritten(mismatch))}, the expression ${JSON.stringify(compiled.evaluate(mismatch, context))}`,
          hint: 'the two must do the same work before their times are compared',
          exitCode: ExitCode.internal,
        },
      });
      continue;
    }
    const measured = await measure(
      {
        compiled: () => {
          for (let r = 0; r < ROUNDS; r++) for (const u of benchUsers) sink ^= lengthOf(compiled.evaluate(u, context));
        },
        handwritten: () => {
          for (let r = 0; r < ROUNDS; r++) for (const u of benchUsers) sink ^= lengthOf(c.handwritten(u));
        },
      },
      { ...options, batch },
    );
    const a = measured['compiled'];
    const b = measured['handwritten'];
    if (!a?.ok || !b?.ok) {
      const error = !a?.ok ? a?.error : !b?.ok ? b?.error : undefined;
      rows.push({ status: 'failed', ...head, error: { code: 'BENCH_TASK_FAILED', message: `the micro-benchmark threw: ${error?.message ?? 'unknown error'}`, exitCode: ExitCode.internal } });
      continue;
    }
    rows.push({ status: 'measured', ...head, batch, compiled: a.stats, handwritten: b.stats, ratio: b.stats.mean > 0 ? a.stats.mean / b.stats.mean : Number.POSITIVE_INFINITY });
  }
  return rows;
}

function lengthOf(value: unknown): number {
  return typeof value === 'string' ? value.length : value === null ? 0 : 1;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** For tests: the sink's value changes, so it is read. */
export function benchSink(): number {
  return sink;
}
