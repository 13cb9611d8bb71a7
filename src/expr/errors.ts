/**
 * Expression errors.
 *
 * - {@link ExpressionSyntaxError} (an {@link InputError}, exit 2): the text is not a valid
 *   expression, or names an unknown function, or passes the wrong number of arguments. Raised by
 *   `parseExpression`/`compileExpression`, so scenario files are checked at load without running.
 * - {@link ExpressionEvalError} (a {@link ProvisionError}): the expression is valid but failed on
 *   this object's values (unparseable date, invalid regex, …). In Entra this fails the object, not
 *   the job (entra-semantics.md §2.4.5); the pipeline turns it into a failure result.
 */
import { ExitCode, InputError, ProvisionError, type Issue } from '../core/errors.js';
import { codeFrame, positionAt, type SourceLocation } from '../core/location.js';

/** Stable codes of syntax errors. */
export type ExpressionSyntaxCode =
  | 'EXPR_EMPTY'
  | 'EXPR_TOO_LONG'
  | 'EXPR_TOO_DEEP'
  | 'EXPR_UNEXPECTED_CHARACTER'
  | 'EXPR_UNTERMINATED_STRING'
  | 'EXPR_UNKNOWN_ESCAPE'
  | 'EXPR_UNTERMINATED_ATTRIBUTE'
  | 'EXPR_EMPTY_ATTRIBUTE'
  | 'EXPR_INVALID_NUMBER'
  | 'EXPR_UNKNOWN_KEYWORD'
  | 'EXPR_EXPECTED_OPERAND'
  | 'EXPR_EXPECTED_COMMA'
  | 'EXPR_EXPECTED_PAREN'
  | 'EXPR_UNCLOSED_CALL'
  | 'EXPR_TRAILING_INPUT'
  | 'EXPR_CHAINED_COMPARISON'
  | 'EXPR_UNKNOWN_FUNCTION'
  | 'EXPR_TOO_FEW_ARGUMENTS'
  | 'EXPR_TOO_MANY_ARGUMENTS'
  | 'EXPR_EMPTY_ARGUMENT'
  | 'EXPR_INVALID_ARGUMENTS'
  | 'EXPR_INVALID_REGEX'
  | 'EXPR_NOT_TOP_LEVEL';

/** Stable codes of evaluation errors. */
export type ExpressionEvalCode =
  | 'EXPR_EVAL_INVALID_DATE'
  | 'EXPR_EVAL_DATE_OUT_OF_RANGE'
  | 'EXPR_EVAL_INVALID_NUMBER'
  | 'EXPR_EVAL_INVALID_BOOLEAN'
  | 'EXPR_EVAL_INVALID_ARGUMENT'
  | 'EXPR_EVAL_INVALID_FORMAT'
  | 'EXPR_EVAL_INVALID_REGEX'
  | 'EXPR_EVAL_MULTI_VALUED'
  | 'EXPR_EVAL_INDEX_OUT_OF_RANGE'
  | 'EXPR_EVAL_NULL_CONDITION'
  | 'EXPR_EVAL_NO_UNIQUE_VALUE';

export interface ExpressionSyntaxErrorOptions {
  /** The whole expression text. */
  source: string;
  /** 0-based offset of the problem in `source`. */
  offset: number;
  /** Length of the offending range (at least 1 for the caret). */
  length?: number;
  hint?: string;
  /** Function concerned, when the problem is a call (unknown name, arity). */
  functionName?: string;
  /** 0-based argument index concerned, when known. */
  argumentIndex?: number;
}

/** The expression text is invalid. `column` is 1-based within `line`; `offset` is 0-based in the text. */
export class ExpressionSyntaxError extends InputError {
  override name = 'ExpressionSyntaxError';
  declare readonly code: ExpressionSyntaxCode;
  /** The expression text. */
  readonly source: string;
  /** 0-based UTF-16 offset in the expression text. */
  readonly offset: number;
  /** Length of the offending range. */
  readonly length: number;
  /** 1-based line within the expression (expressions may span lines). */
  readonly line: number;
  /** 1-based column within that line. */
  readonly column: number;
  readonly functionName: string | undefined;
  readonly argumentIndex: number | undefined;
  /** Code frame with a caret under the problem. */
  readonly frame: string;

  constructor(code: ExpressionSyntaxCode, message: string, options: ExpressionSyntaxErrorOptions) {
    const length = Math.max(1, options.length ?? 1);
    const { line, column } = positionAt(options.source, options.offset);
    const location: SourceLocation = { line, column, endLine: line, endColumn: column + length };
    const frame = codeFrame(options.source, line, column, Math.min(length, 60));
    const issue: Issue = { code, message, location, frame, ...(options.hint ? { hint: options.hint } : {}) };
    super(code, message, { location, issues: [issue], ...(options.hint ? { hint: options.hint } : {}) });
    this.source = options.source;
    this.offset = options.offset;
    this.length = length;
    this.line = line;
    this.column = column;
    this.functionName = options.functionName;
    this.argumentIndex = options.argumentIndex;
    this.frame = frame;
  }

  override toIssue(): Issue {
    return { ...super.toIssue(), frame: this.frame };
  }
}

export interface ExpressionEvalErrorOptions {
  /** Canonical name of the function that failed. */
  functionName: string;
  /** 0-based index of the offending argument, when one argument is to blame. */
  argumentIndex?: number;
  /** 0-based offset of the call (or argument) in the expression text. */
  offset?: number;
  hint?: string;
  cause?: unknown;
}

/**
 * The expression failed on this object's values. Entra fails the object (not the job) and retries
 * it later (entra-semantics.md §2.4.5).
 */
export class ExpressionEvalError extends ProvisionError {
  override name = 'ExpressionEvalError';
  declare readonly code: ExpressionEvalCode;
  override readonly exitCode = ExitCode.invalidInput;
  readonly functionName: string;
  /** 0-based argument index, when one argument is to blame. */
  readonly argumentIndex: number | undefined;
  /** 0-based offset in the expression text, when known. */
  readonly offset: number | undefined;

  constructor(code: ExpressionEvalCode, message: string, options: ExpressionEvalErrorOptions) {
    super(code, message, {
      ...(options.hint ? { hint: options.hint } : {}),
      ...(options.cause === undefined ? {} : { cause: options.cause }),
    });
    this.functionName = options.functionName;
    this.argumentIndex = options.argumentIndex;
    this.offset = options.offset;
  }
}

export function isExpressionError(error: unknown): error is ExpressionSyntaxError | ExpressionEvalError {
  return error instanceof ExpressionSyntaxError || error instanceof ExpressionEvalError;
}
