/**
 * Source positions and code frames. Positions are 1-based (line and column), the way editors
 * and `file:line:col` links count. Offsets are 0-based UTF-16 indexes into the source text.
 */

/** A place in a file (or in an expression) that an error points at. */
export interface SourceLocation {
  /** Path of the file, relative to the working directory when possible. Absent for inline text. */
  file?: string;
  /** 1-based line. */
  line: number;
  /** 1-based column. */
  column: number;
  /** 1-based line where the offending range ends (inclusive), when known. */
  endLine?: number;
  /** 1-based column just after the offending range, when known. */
  endColumn?: number;
}

/** Converts a 0-based offset into a 1-based line and column. */
export function positionAt(text: string, offset: number): { line: number; column: number } {
  const clamped = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < clamped; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: clamped - lineStart + 1 };
}

/** `file:line:col`, or `line:col` when there is no file. */
export function formatLocation(location: SourceLocation): string {
  const pos = `${location.line}:${location.column}`;
  return location.file ? `${location.file}:${pos}` : pos;
}

/**
 * A small code frame: the offending line with one line of context either side and a caret under
 * the column (LiquidJS/Babel style).
 *
 * @example
 *   2 | target: userName
 * > 3 | expression: 'Join(" ", [a]'
 *     |                          ^
 */
export function codeFrame(text: string, line: number, column: number, width = 1): string {
  const lines = text.split(/\r?\n/);
  const first = Math.max(1, line - 1);
  const last = Math.min(lines.length, line + 1);
  const gutter = String(last).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const src = (lines[n - 1] ?? '').replace(/\t/g, ' ');
    const marker = n === line ? '>' : ' ';
    out.push(`${marker} ${String(n).padStart(gutter)} | ${src}`);
    if (n === line) {
      const pad = ' '.repeat(Math.max(0, column - 1));
      out.push(`  ${' '.repeat(gutter)} | ${pad}${'^'.repeat(Math.max(1, width))}`);
    }
  }
  return out.join('\n');
}
