/**
 * YAML with positions: parses a file into documents, converts them to plain data under the alias
 * limit, and turns a document path (`['app', 'objects', 'user']`) back into `file:line:col` with a
 * code frame. Every problem is a coded {@link Issue}; nothing here throws for bad input.
 */
import {
  CST,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  Lexer,
  LineCounter,
  parseAllDocuments,
  visit,
  type Document,
  type Node,
  type YAMLError,
} from 'yaml';
import { formatPath, withFrame, type Issue } from '../core/errors.js';
import type { SourceLocation } from '../core/location.js';
import type { StringPool } from './intern.js';

/** One parsed document of a file, with what is needed to locate paths inside it. */
export interface YamlDocument {
  /** Display path of the file. */
  file: string;
  /** The whole file's text. */
  text: string;
  /** 0-based index in the stream. */
  index: number;
  doc: Document.Parsed;
  lineCounter: LineCounter;
  /** Secret values anywhere in the file (values of `token`-like keys), masked in code frames. */
  secrets: string[];
}

/** Limits applied while reading YAML. */
export interface YamlLimits {
  /** Most alias expansions per document (yaml's `maxAliasCount`). */
  maxAliases: number;
}

const yamlCodes: Partial<Record<YAMLError['code'], string>> = {
  DUPLICATE_KEY: 'SCENARIO_YAML_DUPLICATE_KEY',
  TAB_AS_INDENT: 'SCENARIO_YAML_TAB',
  TAG_RESOLVE_FAILED: 'SCENARIO_YAML_UNKNOWN_TAG',
  BAD_ALIAS: 'SCENARIO_YAML_BAD_ALIAS',
  RESOURCE_EXHAUSTION: 'SCENARIO_ALIAS_LIMIT',
};

const yamlHints: Record<string, string> = {
  SCENARIO_YAML_DUPLICATE_KEY: 'remove one of the two keys',
  SCENARIO_YAML_TAB: 'indent with spaces; YAML does not allow tabs for indentation',
  SCENARIO_YAML_UNKNOWN_TAG: 'remove the tag; scenario files use plain YAML without custom tags',
  SCENARIO_YAML_BAD_ALIAS: 'define the anchor (&name) before using the alias (*name)',
  SCENARIO_YAML_SYNTAX: 'fix the YAML syntax at this position',
};

/**
 * Splits a file into its documents. Documents with syntax errors or warnings yield issues instead
 * (a warning such as an unknown tag would silently change the data, so it counts as an error);
 * empty documents (a trailing `---`) are skipped.
 */
export function parseYamlStream(text: string, file: string): { documents: YamlDocument[]; issues: Issue[] } {
  const lineCounter = new LineCounter();
  const parsed = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true, merge: true });
  const list = Array.isArray(parsed) ? parsed : [];
  const documents: YamlDocument[] = [];
  const issues: Issue[] = [];
  const secrets = [...new Set(list.flatMap((doc) => secretsIn(doc)))];
  list.forEach((doc, index) => {
    const problems = [...doc.errors, ...doc.warnings];
    if (problems.length > 0) {
      for (const error of problems) issues.push(yamlErrorIssue(error, { file, text, lineCounter, secrets }));
      return;
    }
    if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) return;
    documents.push({ file, text, index, doc, lineCounter, secrets });
  });
  return { documents, issues };
}

function yamlErrorIssue(error: YAMLError, where: { file: string; text: string; lineCounter: LineCounter; secrets: string[] }): Issue {
  // yaml reports running out of stack (nesting far too deep) as resource exhaustion, like aliases.
  if (error.code === 'RESOURCE_EXHAUSTION' && /call stack/i.test(error.message)) {
    return frame(where, tooDeepIssue(offsetsToLocation(where.file, where.lineCounter, error.pos[0], error.pos[0] + 1)));
  }
  const code = yamlCodes[error.code] ?? 'SCENARIO_YAML_SYNTAX';
  const opening = error.code === 'MISSING_CHAR' ? openingQuote(where.text, error) : error.code === 'BAD_INDENT' ? openingBracket(where.text, error) : undefined;
  const start = opening ?? error.pos[0];
  const location = offsetsToLocation(where.file, where.lineCounter, start, start === error.pos[0] ? error.pos[1] : start + 1);
  const message = error.message.replace(/\s+at line \d+, column \d+[\s\S]*$/, '').trim();
  const bracket = error.code === 'BAD_INDENT' && opening !== undefined ? where.text[opening] : undefined;
  const hint = bracket ? `close the ${bracket} opened here with ${bracket === '{' ? '}' : ']'}` : (yamlHints[code] ?? yamlHints['SCENARIO_YAML_SYNTAX']);
  return frame(where, { code, message: `invalid YAML: ${message}`, ...(hint ? { hint } : {}), location });
}

/**
 * yaml reports an unclosed flow collection (`{ a: 1` or `[1, 2`) where the next line starts; the
 * bracket left open is what the author needs to see. yaml's own lexer finds it, so brackets in
 * quoted or block scalars do not count.
 */
function openingBracket(text: string, error: YAMLError): number | undefined {
  const closer = /end with an? ([}\]])/.exec(error.message)?.[1];
  if (!closer) return undefined;
  const wanted = closer === '}' ? 'flow-map-start' : 'flow-seq-start';
  const open: Array<{ type: string; offset: number }> = [];
  let offset = 0;
  for (const token of new Lexer().lex(text)) {
    // Control tokens of the lexer (document, scalar and flow-end markers) are not in the text.
    if (token === '\u0002' || token === '\u0018' || token === '\u001f') continue;
    if (offset >= error.pos[0]) break;
    const type = CST.tokenType(token);
    if (type === 'flow-map-start' || type === 'flow-seq-start') open.push({ type, offset });
    else if (type === 'flow-map-end' || type === 'flow-seq-end') open.pop();
    else if (type === 'doc-start') open.length = 0;
    offset += token.length;
  }
  return open.reverse().find((o) => o.type === wanted)?.offset;
}

/**
 * yaml reports an unclosed quote where the input ends; the quote that opened the scalar is what
 * the author needs to see. It is the last such quote that starts a value (after `:`, `-`, `[`,
 * `{`, `,` or at the start of a line) before the reported position.
 */
function openingQuote(text: string, error: YAMLError): number | undefined {
  const quote = /closing (['"])quote/.exec(error.message)?.[1];
  if (!quote) return undefined;
  for (let i = Math.min(error.pos[0], text.length - 1); i >= 0; i--) {
    if (text[i] !== quote) continue;
    let j = i - 1;
    while (j >= 0 && (text[j] === ' ' || text[j] === '\t')) j--;
    if (j < 0 || ':-[{,\n'.includes(text[j]!)) return i;
  }
  return undefined;
}

/**
 * A plain decimal integer beyond 2^53 (a FILETIME such as `accountExpires: 132539327991234567`)
 * becomes its exact digit string instead of the nearest double; the expression language reads
 * integers and their digit strings alike (entra-semantics.md §2.3), so nothing else changes.
 */
function keepLargeIntegersExact(doc: Document.Parsed): void {
  visit(doc, {
    Scalar(_key, node) {
      const text = node.source;
      if (typeof node.value === 'number' && !Number.isSafeInteger(node.value) && typeof text === 'string' && /^[-+]?\d+$/.test(text)) {
        node.value = text.replace(/^\+/, '');
      }
    },
  });
}

/**
 * The document as plain data. Alias expansion is bounded by `maxAliases`: an alias bomb yields
 * `SCENARIO_ALIAS_LIMIT` at the first alias instead of exhausting memory. With `strings`, the data
 * is compacted: pooled strings that keep nothing of the file's text alive, exact-size lists (intern.ts).
 */
export function documentToData(source: YamlDocument, limits: YamlLimits, strings?: StringPool): { value: unknown } | { issue: Issue } {
  const deep = nodeBeyondDepth(source.doc.contents, maxYamlDepth);
  if (deep) return { issue: frame(source, tooDeepIssue(nodeLocation(source, deep))) };
  const complexKey = findCollectionKey(source.doc);
  if (complexKey) {
    return {
      issue: frame(source, {
        code: 'SCENARIO_YAML_COMPLEX_KEY',
        message: 'a mapping key is a collection; keys must be plain text',
        hint: 'write the key as text (quote it if it holds { or [)',
        location: nodeLocation(source, complexKey),
      }),
    };
  }
  keepLargeIntegersExact(source.doc);
  try {
    const value: unknown = source.doc.toJS({ maxAliasCount: limits.maxAliases });
    return { value: strings ? strings.compact(value) : value };
  } catch (error) {
    const firstAlias = findFirstAlias(source.doc);
    const location = firstAlias ? nodeLocation(source, firstAlias) : locate(source, []);
    const text = error instanceof Error ? error.message : String(error);
    if (/excessive alias count/i.test(text)) {
      return {
        issue: frame(source, {
          code: 'SCENARIO_ALIAS_LIMIT',
          message: `YAML aliases expand beyond the limit of ${limits.maxAliases} (limits.maxAliases)`,
          hint: 'use fewer aliases, or raise limits.maxAliases in the config if the file is trusted',
          location,
        }),
      };
    }
    const badAlias = /unresolved alias/i.test(text);
    return {
      issue: frame(source, {
        code: badAlias ? 'SCENARIO_YAML_BAD_ALIAS' : 'SCENARIO_YAML_SYNTAX',
        message: `invalid YAML: ${text}`,
        hint: (badAlias ? yamlHints['SCENARIO_YAML_BAD_ALIAS'] : yamlHints['SCENARIO_YAML_SYNTAX']) ?? 'fix the YAML at this position',
        location,
      }),
    };
  }
}

/**
 * Collections nested deeper than this are refused (ours; YAML sets no limit). A scenario needs
 * about ten levels; thousands would exhaust the stack of every recursive walk over the data.
 */
export const maxYamlDepth = 100;

function tooDeepIssue(location: SourceLocation): Issue {
  return {
    code: 'SCENARIO_YAML_TOO_DEEP',
    message: `YAML collections are nested more than ${maxYamlDepth} levels deep`,
    hint: 'flatten the data; a scenario never needs this depth',
    location,
  };
}

/** The first collection nested deeper than `limit` (walked without recursion). */
function nodeBeyondDepth(root: unknown, limit: number): Node | undefined {
  const stack: Array<{ node: unknown; depth: number }> = [{ node: root, depth: 1 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (!isMap(node) && !isSeq(node)) continue;
    if (depth > limit) return node;
    for (const item of node.items as unknown[]) stack.push({ node: isPair(item) ? item.value : item, depth: depth + 1 });
  }
  return undefined;
}

/** The first mapping key that is a map or a list (`{ a: 1 }: x`, `? [a]`): data cannot hold it as a key. */
function findCollectionKey(doc: Document.Parsed): Node | undefined {
  let found: Node | undefined;
  visit(doc, {
    Pair(_key, pair) {
      if (isMap(pair.key) || isSeq(pair.key)) {
        found = pair.key;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

function findFirstAlias(doc: Document.Parsed): Node | undefined {
  let found: Node | undefined;
  visit(doc, {
    Alias(_key, node) {
      found = node;
      return visit.BREAK;
    },
  });
  return found;
}

/** The node at a path, and the pair key when the last segment names a map key. */
export function nodeAt(
  doc: Document.Parsed,
  path: ReadonlyArray<string | number>,
): { node: Node | null; key: Node | null; depth: number } {
  let node: unknown = doc.contents;
  let key: Node | null = null;
  let depth = 0;
  for (const segment of path) {
    if (isAlias(node)) node = node.resolve(doc);
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && scalarKey(p.key) === String(segment));
      if (!pair) break;
      key = (pair.key as Node | null) ?? null;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number' && segment < node.items.length) {
      key = null;
      node = node.items[segment];
    } else {
      break;
    }
    depth++;
  }
  return { node: (node as Node | null) ?? null, key: depth === path.length ? key : null, depth };
}

function scalarKey(key: unknown): string | undefined {
  return isScalar(key) ? String(key.value) : undefined;
}

/**
 * Where a path points. With `preferKey` the map key is located instead of its value (for unknown
 * keys). A path that does not exist points at its deepest existing parent.
 */
export function locate(source: YamlDocument, path: ReadonlyArray<string | number>, preferKey = false): SourceLocation {
  const { node, key, depth } = nodeAt(source.doc, path);
  const target = depth === path.length && preferKey && key ? key : depth === path.length ? (node ?? key) : parentNode(source, path.slice(0, depth));
  if (target) return nodeLocation(source, target);
  const start = source.doc.range[0];
  return offsetsToLocation(source.file, source.lineCounter, start, start);
}

function parentNode(source: YamlDocument, path: ReadonlyArray<string | number>): Node | null {
  const { node, key } = nodeAt(source.doc, path);
  return node ?? key;
}

/** The location of a node (its first line, and where its value ends when on the same line). */
export function nodeLocation(source: YamlDocument, node: Node): SourceLocation {
  const range = node.range;
  if (!range) return offsetsToLocation(source.file, source.lineCounter, source.doc.range[0], source.doc.range[0]);
  return offsetsToLocation(source.file, source.lineCounter, range[0], range[1]);
}

/** Converts 0-based offsets into a 1-based location. */
export function offsetsToLocation(file: string, lineCounter: LineCounter, start: number, end: number): SourceLocation {
  const from = lineCounter.linePos(start);
  const to = lineCounter.linePos(Math.max(start, end));
  return { file, line: from.line, column: from.col, endLine: to.line, endColumn: to.col };
}

/** Attaches a code frame, with the file's secrets masked. */
export function frame(source: Pick<YamlDocument, 'text' | 'secrets'>, issue: Issue): Issue {
  const framed = withFrame(issue, source.text);
  if (!framed.frame) return framed;
  let text = framed.frame;
  for (const secret of source.secrets) text = text.split(secret).join('*'.repeat(Math.min(secret.length, 8)));
  return { ...framed, frame: text };
}

/** Keys whose values are secrets, misspellings included (`tokn`, `secretToken`, `password`). */
const secretKey = /tok(e)?n|secret|passw(or)?d|bearer/i;

/** Scalar values under secret-looking keys, in a document that may not even be valid. */
export function secretsIn(doc: Document): string[] {
  const secrets: string[] = [];
  visit(doc, {
    Pair(_key, pair) {
      const key = scalarKey(pair.key);
      if (key !== undefined && secretKey.test(key) && isScalar(pair.value) && typeof pair.value.value === 'string' && pair.value.value.length >= 3) {
        secrets.push(pair.value.value);
      }
    },
  });
  return secrets;
}

/**
 * The location of every node under `basePath`, keyed by its path below it in
 * `formatPath` form (`steps.match.matches`, `requests[1].body`); the base itself is `''`.
 */
export function collectLocations(source: YamlDocument, basePath: ReadonlyArray<string | number>): Record<string, SourceLocation> {
  const out: Record<string, SourceLocation> = {};
  const { node, key, depth } = nodeAt(source.doc, basePath);
  if (depth !== basePath.length) return out;
  const walk = (current: unknown, path: Array<string | number>, keyNode: Node | null) => {
    const anchor = keyNode ?? (current as Node | null);
    if (anchor && (anchor as Node).range) out[formatPath(path)] = nodeLocation(source, anchor as Node);
    if (isMap(current)) {
      for (const pair of current.items) {
        const k = scalarKey(pair.key);
        if (k !== undefined) walk(pair.value, [...path, k], (pair.key as Node | null) ?? null);
      }
    } else if (isSeq(current)) {
      current.items.forEach((item, i) => walk(item, [...path, i], null));
    }
  };
  walk(node, [], key);
  return out;
}
