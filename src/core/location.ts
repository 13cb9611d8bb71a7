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

/** Widest source text a code frame shows; longer lines are cut to a window around the column. */
const MAX_FRAME_WIDTH = 100;

/**
 * A small code frame: the offending line with one line of context either side and a caret under
 * the column (LiquidJS/Babel style). Lines wider than 100 characters (a 10,000-character
 * expression, minified JSON) show a window around the column, cut with `…`.
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
  const shown = lines.slice(first - 1, last).map((l) => l.replace(/\t/g, ' '));
  // A column past the end of the line (a position at the end of input) points just after it.
  column = Math.max(1, Math.min(column, (lines[line - 1] ?? '').length + 1));
  const widest = Math.max(0, ...shown.map((l) => l.length));
  // One window for every line shown, so the columns stay aligned.
  const start = widest > MAX_FRAME_WIDTH ? Math.max(0, Math.min(column - 1 - MAX_FRAME_WIDTH / 2, widest - MAX_FRAME_WIDTH)) : 0;
  const cut = (src: string): string => {
    if (widest <= MAX_FRAME_WIDTH) return src;
    const head = start > 0 && src.length > start ? '…' : '';
    return `${head}${src.slice(start, start + MAX_FRAME_WIDTH)}${src.length > start + MAX_FRAME_WIDTH ? '…' : ''}`;
  };
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const src = shown[n - first] ?? '';
    const marker = n === line ? '>' : ' ';
    out.push(`${marker} ${String(n).padStart(gutter)} | ${cut(src)}`);
    if (n === line) {
      const pad = ' '.repeat(Math.max(0, column - 1 - start + (start > 0 ? 1 : 0)));
      const room = widest > MAX_FRAME_WIDTH ? Math.max(1, MAX_FRAME_WIDTH - (column - 1 - start)) : width;
      out.push(`  ${' '.repeat(gutter)} | ${pad}${'^'.repeat(Math.max(1, Math.min(width, room)))}`);
    }
  }
  return out.join('\n');
}
