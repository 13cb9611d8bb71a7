/**
 * The error model: a few classes, each with a stable `code` and an actionable `hint`.
 *
 * - {@link UsageError}: the command line is wrong (exit 2).
 * - {@link InputError}: a config, scenario or expression is invalid (exit 2). Carries a list of
 *   {@link Issue}s so one run can report every problem at once.
 * - {@link InternalError}: a bug in this tool or an unexpected environment failure (exit 3).
 *
 * Stage-specific errors (expression syntax, expression evaluation, SCIM transport…) extend these
 * classes. Codes are SCREAMING_SNAKE with an area prefix: `CLI_`, `CONFIG_`, `SCENARIO_`, `EXPR_`,
 * `MAPPING_`, `SCOPING_`, `SCIM_`, `MOCK_`, `PIPELINE_`, `BENCH_`. Entra's own error codes
 * (`DuplicateTargetEntries`, …) are data in provisioning results, never exception codes.
 */
import { codeFrame, formatLocation, type SourceLocation } from './location.js';

/** Process exit codes (contract: "Exit codes"). */
export const ExitCode = {
  /** Every scenario passed. */
  ok: 0,
  /** At least one scenario failed its expectations. */
  failed: 1,
  /** Invalid input: YAML, schema, config, expression syntax, CLI usage. */
  invalidInput: 2,
  /** Internal error, or a command that is not available. */
  internal: 3,
  /** A performance budget was exceeded. */
  budgetExceeded: 4,
  /**
   * The run was interrupted (Ctrl-C or SIGTERM): the scenarios it had not started are reported as
   * skipped. 128 + SIGINT, the shell's code for a process stopped by Ctrl-C.
   */
  interrupted: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** One problem found in some input, with where it is and what to do about it. */
export interface Issue {
  /** Stable machine-readable code, e.g. `SCENARIO_UNKNOWN_KEY`. */
  code: string;
  /** One line saying what is wrong. */
  message: string;
  /** One line saying what to do. */
  hint?: string;
  /** Path inside the document (`['app', 'objects', 'user', 'mappings', 2]`). */
  path?: ReadonlyArray<string | number>;
  /** Where in the file, when known. */
  location?: SourceLocation;
  /** The file, when no line and column are known (a TypeScript config, say). */
  file?: string;
  /** A small code frame under the message, when the source text is known. */
  frame?: string;
}

export interface ProvisionErrorOptions {
  hint?: string;
  location?: SourceLocation;
  cause?: unknown;
}

/** Base class: every error this tool raises on purpose has a code. */
export class ProvisionError extends Error {
  override name = 'ProvisionError';
  readonly code: string;
  readonly hint: string | undefined;
  readonly location: SourceLocation | undefined;
  /** Exit code the CLI uses when this error ends a command. */
  readonly exitCode: ExitCode = ExitCode.internal;

  constructor(code: string, message: string, options: ProvisionErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.hint = options.hint;
    this.location = options.location;
  }

  /** The error as an {@link Issue}, for reports and issue lists. */
  toIssue(): Issue {
    return {
      code: this.code,
      message: this.message,
      ...(this.hint ? { hint: this.hint } : {}),
      ...(this.location ? { location: this.location } : {}),
    };
  }
}

/** The command line is wrong: unknown command or option, missing argument. */
export class UsageError extends ProvisionError {
  override name = 'UsageError';
  override readonly exitCode = ExitCode.invalidInput;
}

/** Some input (config, scenario, expression, app) is invalid. */
export class InputError extends ProvisionError {
  override name = 'InputError';
  override readonly exitCode = ExitCode.invalidInput;
  /** Every problem found; the first one is also this error's code and message. */
  readonly issues: readonly Issue[];

  constructor(code: string, message: string, options: ProvisionErrorOptions & { issues?: readonly Issue[] } = {}) {
    super(code, message, options);
    this.issues = options.issues ?? [this.toIssue()];
  }

  /** Builds an error from a non-empty list of issues. */
  static fromIssues(issues: readonly Issue[]): InputError {
    const first = issues[0];
    if (!first) throw new InternalError('INTERNAL_EMPTY_ISSUES', 'InputError.fromIssues needs at least one issue');
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
    return new InputError(first.code, `${first.message}${more}`, {
      issues,
      ...(first.hint ? { hint: first.hint } : {}),
      ...(first.location ? { location: first.location } : {}),
    });
  }
}

/** A bug, or a failure of the environment this tool cannot explain. */
export class InternalError extends ProvisionError {
  override name = 'InternalError';
  override readonly exitCode = ExitCode.internal;
}

/** Normalises anything thrown into an Error. */
export function toError(value: unknown): Error {
  if (value instanceof Error) return value;
  return new Error(typeof value === 'string' ? value : JSON.stringify(value));
}

/**
 * Renders an issue the way the CLI prints it:
 * `file:3:14 SCENARIO_UNKNOWN_KEY message` then the hint and the frame, indented.
 */
export function formatIssue(issue: Issue): string {
  const where = issue.location ? `${formatLocation(issue.location)} ` : issue.file ? `${issue.file}: ` : '';
  const path = !issue.location && issue.path && issue.path.length > 0 ? ` (at ${formatPath(issue.path)})` : '';
  const lines = [`${where}${issue.code} ${issue.message}${path}`];
  if (issue.hint) lines.push(`  hint: ${issue.hint}`);
  if (issue.frame) lines.push(indent(issue.frame, 2));
  return lines.join('\n');
}

/** `app.objects.user.mappings[2].target` */
export function formatPath(path: ReadonlyArray<string | number>): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out ? `.${part}` : part;
  return out;
}

/** Attaches a code frame computed from `text` to an issue that has a location. */
export function withFrame(issue: Issue, text: string): Issue {
  if (!issue.location) return issue;
  const width = issue.location.endLine === issue.location.line && issue.location.endColumn
    ? Math.max(1, issue.location.endColumn - issue.location.column)
    : 1;
  return { ...issue, frame: codeFrame(text, issue.location.line, issue.location.column, Math.min(width, 60)) };
}

function indent(text: string, n: number): string {
  const pad = ' '.repeat(n);
  return text.split('\n').map((l) => pad + l).join('\n');
}
