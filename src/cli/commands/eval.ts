/**
 * `provision eval <expression>`: evaluates one attribute-mapping expression against attributes
 * given on the command line (contract: "CLI"). Prints the value, or with `--json` exactly one
 * document: `{"value": …}` or `{"error": {"code", "message", "line", "column"}}`.
 */
import { fixedClock, seededRandom } from '../../core/determinism.js';
import { ExitCode, UsageError, formatIssue, withFrame } from '../../core/errors.js';
import { positionAt } from '../../core/location.js';
import {
  Complex,
  compileExpression,
  DateTime,
  DoNotFlow,
  ExpressionEvalError,
  ExpressionSyntaxError,
  renderScalar,
  type EvalResult,
  type Scalar,
  type SourceAttributes,
} from '../../expr/index.js';
import type { SourceAttributeValue } from '../../source/types.js';
import type { CommandContext } from '../types.js';

/**
 * JSON numbers are doubles: an integer beyond 2^53 (an AD FILETIME such as 132539327991234567)
 * arrives rounded, and would be evaluated as another value without a word. Written as a string it
 * is exact, and is the same value to an expression (an integer is the text of its digits).
 */
function rejectInexactIntegers(value: unknown, path: string, text: string): void {
  // A large integer that a double holds exactly (129699324000000000) is written with its own digits.
  const exact = (n: number) => new RegExp(`(?<![\\d."])${BigInt(n)}(?![\\d.eE])`).test(text);
  if (typeof value === 'number' && Number.isInteger(value) && !Number.isSafeInteger(value) && !exact(value)) {
    throw new UsageError('CLI_INVALID_ATTRS', `--attrs ${path} is an integer too large for a JSON number to keep exactly (it reads as ${BigInt(value)})`, {
      hint: 'write it as a JSON string of its digits, e.g. {"accountExpires":"9223372036854775807"}',
    });
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) rejectInexactIntegers(item, Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key, text);
  }
}

/** Reads `--attrs <json>` then `--attr name=value` (repeating a name makes it multi-valued). */
export function attributesFromOptions(options: Record<string, unknown>): Record<string, SourceAttributeValue> {
  const out: Record<string, SourceAttributeValue> = {};
  const json = options['attrs'];
  if (json !== undefined && json !== false) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(String(json));
    } catch (error) {
      throw new UsageError('CLI_INVALID_ATTRS', `--attrs is not valid JSON: ${(error as Error).message}`, { hint: `write --attrs '{"givenName":"Alice","proxyAddresses":["a","b"]}'` });
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw new UsageError('CLI_INVALID_ATTRS', '--attrs must be a JSON object of attribute names to values', { hint: `write --attrs '{"givenName":"Alice"}'` });
    }
    rejectInexactIntegers(parsed, '', String(json));
    Object.assign(out, parsed);
  }
  const seen = new Set<string>();
  for (const pair of (options['attr'] as string[] | undefined) ?? []) {
    const text = String(pair);
    const eq = text.indexOf('=');
    if (eq <= 0) throw new UsageError('CLI_INVALID_ATTR', `--attr "${text}" is not name=value`, { hint: 'write --attr givenName=Alice (repeat a name for a multi-valued attribute)' });
    const name = text.slice(0, eq);
    const value = text.slice(eq + 1);
    const previous = out[name];
    if (seen.has(name)) out[name] = Array.isArray(previous) ? [...previous, value] : [previous ?? null, value];
    else out[name] = value;
    seen.add(name);
  }
  return out;
}

/** The JSON form of a result: text for scalars (what flows to the target), arrays, objects for complex values. */
export function resultToJson(result: EvalResult): Record<string, unknown> {
  if (result instanceof DoNotFlow) return { value: null, doNotFlow: result.scope };
  if (result === null) return { value: null };
  const one = (s: Scalar): unknown => (s instanceof Complex ? s.fields : renderScalar(s));
  if (Array.isArray(result)) return { value: (result as readonly Scalar[]).map(one), kind: 'multiValued' };
  const s = result as Scalar;
  const kind =
    typeof s === 'boolean' ? 'boolean' : typeof s === 'bigint' ? 'integer' : s instanceof DateTime ? 'dateTime' : s instanceof Complex ? 'complex' : 'string';
  return { value: one(s), kind };
}

function describeResult(result: EvalResult): string {
  if (result instanceof DoNotFlow) return result.scope === 'object' ? '(do not flow: the object is not created)' : '(do not flow: the attribute is left out)';
  if (result === null) return '(null: nothing flows)';
  if (Array.isArray(result)) return JSON.stringify((result as readonly Scalar[]).map((s) => (s instanceof Complex ? s.fields : renderScalar(s))));
  return renderScalar(result as Scalar);
}

function numberOption(options: Record<string, unknown>, name: string): number | undefined {
  const raw = options[name];
  if (raw === undefined || raw === false) return undefined;
  const n = String(raw).trim() === '' ? Number.NaN : Number(raw);
  if (!Number.isInteger(n)) throw new UsageError('CLI_INVALID_OPTION', `--${name} must be an integer, got "${String(raw)}"`);
  return n;
}

export default async function run(context: CommandContext): Promise<number> {
  const { options, io, config } = context;
  const json = options['json'] === true;
  const text = String(context.args[0] ?? '');

  const attributes: SourceAttributes = attributesFromOptions(options);
  const nowText = options['now'] === undefined ? config.clock : String(options['now']);
  const nowMs = new Date(nowText).getTime();
  if (Number.isNaN(nowMs)) throw new UsageError('CLI_INVALID_OPTION', `--now "${nowText}" is not an ISO 8601 instant`, { hint: 'write --now 2026-01-01T09:30:00Z' });
  const seed = numberOption(options, 'seed') ?? config.seed;
  const settings = config.settings.expression;

  try {
    const compiled = compileExpression(text, settings);
    const result = compiled.evaluate(attributes, { clock: fixedClock(nowMs), random: seededRandom(seed), options: settings });
    io.stdout(json ? JSON.stringify(resultToJson(result)) : describeResult(result));
    return ExitCode.ok;
  } catch (error) {
    if (!(error instanceof ExpressionSyntaxError) && !(error instanceof ExpressionEvalError)) throw error;
    // Published expressions span lines (the Workday tutorial's Switch and SelectUniqueValue
    // samples), so a column alone cannot place an error: the JSON carries the line as well.
    const position = error instanceof ExpressionSyntaxError ? { line: error.line, column: error.column } : error.offset === undefined ? undefined : positionAt(text, error.offset);
    if (json) {
      io.stdout(JSON.stringify({ error: { code: error.code, message: error.message, ...position } }));
    } else if (error instanceof ExpressionSyntaxError) {
      for (const issue of error.issues) io.stderr(`✖ ${formatIssue(issue)}`);
    } else {
      const issue = error.offset === undefined ? error.toIssue() : withFrame({ ...error.toIssue(), location: positionAt(text, error.offset) }, text);
      io.stderr(`✖ ${formatIssue(issue)}`);
    }
    return error.exitCode;
  }
}
