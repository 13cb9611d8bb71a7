/**
 * Load-time checks owned by other stages (expression syntax, mapping targets, scoping filters),
 * and placing their issues inside the YAML: a column inside an expression becomes the
 * `line:col` of that character in the file, whatever the scalar's quoting.
 */
import { isScalar, type Scalar } from 'yaml';
import { placeConfigIssues } from '../config/locate.js';
import type { AppDefinition } from '../app/types.js';
import type { Settings } from '../config/settings.js';
import type { Issue } from '../core/errors.js';
import { prepareObject, templateIssues } from '../engine/prepare.js';
import { frame, locate, nodeAt, offsetsToLocation, type YamlDocument } from './yaml-source.js';

/** An issue a stage found in an app, relative to the app. */
export interface StageIssue extends Issue {
  /** Path inside the app: `['objects', 'user', 'mappings', 2, 'expression']`. */
  path: Array<string | number>;
  /** 1-based column inside the string value at `path` (an expression, a regex), when known. */
  column?: number;
  /** 1-based column just after the offending range inside the value. */
  endColumn?: number;
  /** Point at the key of `path` rather than its value. */
  atKey?: boolean;
}

/**
 * The one place the loader asks the mapping and scoping stages to compile an app's object
 * mappings (target paths, expressions) and scoping filters, with the scenario's settings. Their
 * issues come back with paths below the app and, for text fields, the column inside the text.
 */
export function compileAppChecks(app: AppDefinition, settings: Settings): StageIssue[] {
  const issues: StageIssue[] = [];
  for (const objectType of ['user', 'group'] as const) {
    const objectMapping = app.objects[objectType];
    if (!objectMapping) continue;
    // The pipeline's own compile (cached by content and settings): an app shared by many
    // scenarios compiles once, and the run then finds it compiled.
    const prepared = prepareObject(objectMapping, objectType, settings);
    const found = prepared.ok ? templateIssues(prepared.prepared, app.template ?? 'scim', settings) : prepared.issues;
    for (const issue of found) {
      const [list, ...rest] = issue.path ?? [];
      issues.push(stageIssue({ ...issue, path: rest }, ['objects', objectType, String(list)], app));
    }
  }
  return issues;
}

/**
 * A stage's issue with its path made relative to the app; its location (line and column inside
 * the field's text) becomes a column into the value.
 */
function stageIssue(issue: Issue, prefix: Array<string | number>, app: AppDefinition): StageIssue {
  const { location, ...rest } = issue;
  const path = [...prefix, ...(issue.path ?? [])];
  const out: StageIssue = { ...rest, path };
  const text = valueAt(app, path);
  if (location && typeof text === 'string') {
    const lines = text.split('\n');
    const before = lines.slice(0, Math.max(0, location.line - 1)).reduce((n, l) => n + l.length + 1, 0);
    out.column = before + location.column;
    if (location.endColumn !== undefined && (location.endLine ?? location.line) === location.line) out.endColumn = before + location.endColumn;
  }
  return out;
}

function valueAt(value: unknown, path: ReadonlyArray<string | number>): unknown {
  let current = value;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

/** Where an app's text lives, to place stage issues. */
export type AppText =
  | { kind: 'yaml'; yaml: YamlDocument; basePath: Array<string | number> }
  | { kind: 'config'; file: string; absolute?: string; basePath: Array<string | number> };

/** Turns a stage issue into a located issue with a code frame. */
export function placeStageIssue(issue: StageIssue, where: AppText): Issue {
  const path = [...where.basePath, ...issue.path];
  const { column, endColumn, atKey, ...rest } = issue;
  if (where.kind === 'config') {
    const unplaced: Issue = { ...rest, path, file: where.file };
    return where.absolute ? placeConfigIssues([unplaced], where.absolute, where.file)[0]! : unplaced;
  }
  const { node, depth } = nodeAt(where.yaml.doc, path);
  if (column !== undefined && depth === path.length && isScalar(node) && node.range) {
    const text = where.yaml.text;
    const start = scalarOffset(node, text, column - 1);
    const end = scalarOffset(node, text, Math.max(column, endColumn ?? column + 1) - 1);
    const location = offsetsToLocation(where.yaml.file, where.yaml.lineCounter, start, end);
    return frame(where.yaml, { ...rest, path, location });
  }
  return frame(where.yaml, { ...rest, path, location: locate(where.yaml, path, atKey === true) });
}

/**
 * Offset in the file of the character at `index` of a scalar's value, following YAML's quoting:
 * single quotes (`''` is one character), double-quote escapes, folded line breaks, and block
 * scalars with their indentation.
 */
export function scalarOffset(node: Scalar, text: string, index: number): number {
  const [start, end] = node.range ?? [0, 0];
  const type = node.type ?? 'PLAIN';
  const block = type === 'BLOCK_LITERAL' || type === 'BLOCK_FOLDED';
  let i = start;
  let blockIndent = 0;
  if (type === 'QUOTE_SINGLE' || type === 'QUOTE_DOUBLE') i++;
  if (block) {
    const header = text.indexOf('\n', start);
    i = header < 0 ? end : header + 1;
    const firstContent = /^[ ]*/.exec(text.slice(i))?.[0].length ?? 0;
    blockIndent = firstContent;
    i += blockIndent;
  }
  let v = 0;
  while (i < end && v < index) {
    const ch = text[i];
    if (ch === '\n' || (ch === '\r' && text[i + 1] === '\n')) {
      const skipped = skipLineBreaks(text, i, end, block ? blockIndent : Infinity);
      i = skipped.next;
      v += block && type === 'BLOCK_LITERAL' ? skipped.breaks : skipped.breaks === 1 ? 1 : skipped.breaks - 1;
      continue;
    }
    if (type === 'QUOTE_SINGLE' && ch === "'" && text[i + 1] === "'") {
      i += 2;
    } else if (type === 'QUOTE_DOUBLE' && ch === '\\') {
      if (text[i + 1] === '\n') {
        // An escaped line break joins the lines: it stands for no character at all.
        i = skipLineBreaks(text, i + 1, end, Infinity).next;
        continue;
      }
      i += escapeLength(text, i);
    } else {
      i++;
    }
    v++;
  }
  return Math.min(i, Math.max(start, end));
}

/** Consumes a run of line breaks and the indentation after them. */
function skipLineBreaks(text: string, from: number, end: number, maxIndent: number): { next: number; breaks: number } {
  let i = from;
  let breaks = 0;
  while (i < end) {
    if (text[i] === '\r' && text[i + 1] === '\n') i++;
    if (text[i] !== '\n') break;
    i++;
    breaks++;
    let indent = 0;
    while (i < end && (text[i] === ' ' || text[i] === '\t') && indent < maxIndent) {
      i++;
      indent++;
    }
  }
  return { next: i, breaks };
}

/** Source length of a double-quoted escape sequence starting at `i` (the backslash). */
function escapeLength(text: string, i: number): number {
  const next = text[i + 1];
  if (next === 'x') return 4;
  if (next === 'u') return 6;
  if (next === 'U') return 10;
  return 2;
}
