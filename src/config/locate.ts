/**
 * Where a key path of the config is written, so config problems point at `file:line:col` like
 * scenario problems do. JSON and YAML configs are parsed with positions; TypeScript and
 * JavaScript configs are read with a small tokenizer that follows object and array literals
 * (comments and strings skipped). Best effort: a path that cannot be followed points at its
 * deepest parent found, and nothing found means no location.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { withFrame, type Issue } from '../core/errors.js';
import { positionAt, type SourceLocation } from '../core/location.js';

type Path = ReadonlyArray<string | number>;

/** A span of the config text: the key of the last segment found and the start of its value. */
interface Found {
  key?: number;
  value: number;
  /** How many segments of the path were followed. */
  depth: number;
}

/**
 * The location of `path` in a config file's `text`. `atKey`: point at the key rather than the
 * value (unknown keys). `kind` chooses the reader: `data` for JSON/YAML, `code` for TS/JS.
 */
export function locateConfigPath(text: string, file: string, path: Path, kind: 'data' | 'code', atKey = false): SourceLocation | undefined {
  const found = kind === 'data' ? findInData(text, path) : findInCode(text, path);
  if (!found) return undefined;
  const offset = atKey && found.depth === path.length && found.key !== undefined ? found.key : found.value;
  return { file, ...positionAt(text, offset) };
}

/**
 * Gives each issue (its path from the config's top level) a `line:col` in the config file and a
 * code frame with secret values masked, where the path can be found; the file is read once.
 * Unknown keys point at the key, anything else at the value.
 */
export function placeConfigIssues(issues: readonly Issue[], absolute: string, display: string): Issue[] {
  let text: string;
  try {
    text = readFileSync(absolute, 'utf8');
  } catch {
    return [...issues];
  }
  const base = path.basename(absolute);
  const kind = /\.(json|ya?ml)$/i.test(base) || base === '.provisionrc' ? 'data' : 'code';
  const prefix = base === 'package.json' ? ['provision'] : [];
  return issues.map((issue) => {
    const location = locateConfigPath(text, display, [...prefix, ...(issue.path ?? [])], kind, issue.code.endsWith('_UNKNOWN_KEY'));
    if (!location) return issue;
    const framed = withFrame({ ...issue, location }, text);
    return framed.frame ? { ...framed, frame: maskConfigSecrets(framed.frame) } : framed;
  });
}

/** Values of secret-looking keys in a code frame of a config, masked as scenario frames are. */
export function maskConfigSecrets(frame: string): string {
  return frame.replace(/((?:tok(?:e)?n|secret|passw(?:or)?d|bearer)['"]?\s*:\s*)(['"`])([^'"`\n]{3,})\2/gi, (_m, head: string, quote: string, value: string) => `${head}${quote}${'*'.repeat(Math.min(value.length, 8))}${quote}`);
}

function findInData(text: string, path: Path): Found | undefined {
  const doc = parseDocument(text, { lineCounter: new LineCounter(), uniqueKeys: false });
  let node: unknown = doc.contents;
  let found: Found | undefined;
  for (const [depth, segment] of path.entries()) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) break;
      const key = (pair.key as Node).range?.[0];
      const value = (pair.value as Node | null)?.range?.[0] ?? key ?? 0;
      found = { ...(key !== undefined ? { key } : {}), value, depth: depth + 1 };
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as Node | undefined;
      if (!item?.range) break;
      found = { value: item.range[0], depth: depth + 1 };
      node = item;
    } else {
      break;
    }
  }
  return found ?? (isMap(doc.contents) || isSeq(doc.contents) ? { value: (doc.contents as Node).range?.[0] ?? 0, depth: 0 } : undefined);
}

interface Token {
  kind: 'name' | 'string' | 'punct' | 'other';
  text: string;
  offset: number;
}

/** Identifiers, string literals and punctuation; comments, template literals and numbers are skipped or opaque. */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) i++;
    else if (text.startsWith('//', i)) i = text.indexOf('\n', i) === -1 ? text.length : text.indexOf('\n', i);
    else if (text.startsWith('/*', i)) i = text.indexOf('*/', i + 2) === -1 ? text.length : text.indexOf('*/', i + 2) + 2;
    else if (c === '"' || c === "'" || c === '`') {
      let j = i + 1;
      while (j < text.length && text[j] !== c) j += text[j] === '\\' ? 2 : 1;
      tokens.push({ kind: c === '`' ? 'other' : 'string', text: text.slice(i + 1, j), offset: i });
      i = j + 1;
    } else if (/[A-Za-z_$]/.test(c)) {
      const m = /^[\w$]+/.exec(text.slice(i, i + 200))!;
      tokens.push({ kind: 'name', text: m[0], offset: i });
      i += m[0].length;
    } else if ('{}[](),:'.includes(c)) {
      tokens.push({ kind: 'punct', text: c, offset: i });
      i++;
    } else {
      const m = /^[^\s{}[\](),:'"`]+/.exec(text.slice(i, i + 200));
      tokens.push({ kind: 'other', text: m?.[0] ?? c, offset: i });
      i += m?.[0].length ?? 1;
    }
  }
  return tokens;
}

const opening: Record<string, string> = { '{': '}', '[': ']', '(': ')' };

/** Index just after the value starting at `from` (a bracketed literal, or up to the next `,` or closing bracket). */
function valueEnd(tokens: Token[], from: number): number {
  let depth = 0;
  for (let i = from; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind !== 'punct') continue;
    if (opening[t.text]) depth++;
    else if (t.text === '}' || t.text === ']' || t.text === ')') {
      if (depth === 0) return i;
      depth--;
      if (depth === 0 && i > from && opening[tokens[from]!.text]) return i + 1;
    } else if (t.text === ',' && depth === 0) return i;
  }
  return tokens.length;
}

function findInCode(text: string, path: Path): Found | undefined {
  const tokens = tokenize(text);
  // The config object: the first object literal after `export default`, `defineConfig(` or `module.exports =`.
  const anchor = tokens.findIndex((t, i) => (t.text === 'default' && tokens[i - 1]?.text === 'export') || t.text === 'defineConfig' || (t.text === 'exports' && tokens[i - 2]?.text === 'module'));
  let start = tokens.findIndex((t, i) => i >= Math.max(0, anchor) && t.text === '{');
  if (start === -1) return undefined;
  let end = valueEnd(tokens, start);
  let found: Found = { value: tokens[start]!.offset, depth: 0 };
  for (const [depth, segment] of path.entries()) {
    const open = tokens[start]!;
    let next: number | undefined;
    let key: number | undefined;
    if (open.text === '{' && typeof segment === 'string') {
      // A property `segment:` directly inside this object literal.
      for (let i = start + 1, level = 0; i < end; i++) {
        const t = tokens[i]!;
        if (t.kind === 'punct' && opening[t.text]) level++;
        else if (t.kind === 'punct' && (t.text === '}' || t.text === ']' || t.text === ')')) level--;
        else if (level === 0 && (t.kind === 'name' || t.kind === 'string') && t.text === segment && tokens[i + 1]?.text === ':') {
          key = t.offset;
          next = i + 2;
          break;
        }
      }
    } else if (open.text === '[' && typeof segment === 'number') {
      let index = 0;
      for (let i = start + 1; i < end && index <= segment; ) {
        if (tokens[i]!.text === ']') break;
        if (index === segment) next = i;
        const after = valueEnd(tokens, i);
        i = tokens[after]?.text === ',' ? after + 1 : after;
        index++;
      }
    }
    if (next === undefined || next >= tokens.length) break;
    found = { ...(key !== undefined ? { key } : {}), value: tokens[next]!.offset, depth: depth + 1 };
    start = next;
    end = valueEnd(tokens, next);
  }
  return found;
}
