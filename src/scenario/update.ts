/**
 * Rewrites `expect` blocks in scenario files (`provision run --update`) with the yaml Document
 * API. Only the `expect` entry of each updated document is re-rendered: every other byte of the
 * file stays as it was, and inside `expect` comments and key order are kept.
 */
import { Document, isMap, isPair, isScalar, isSeq, parseAllDocuments, visit, YAMLMap, type Node, type Pair } from 'yaml';
import type { Issue } from '../core/errors.js';

/** Set `value` at `path` inside `expect` (`[]`: the whole block). */
export interface ExpectUpdate {
  path: Array<string | number>;
  value: unknown;
}

/** The updates for one document of a file. */
export interface DocumentUpdate {
  /** 0-based index of the document in the stream. */
  index: number;
  /** The scenario's name, checked against the document so a file edited meanwhile is not damaged. */
  name: string;
  updates: ExpectUpdate[];
}

/** Collections whose JSON is at most this long are written in flow style (`{ a: 1 }`). */
const flowWidth = 72;

/** Applies the updates; documents that no longer match their scenario are left alone (an issue says so). */
export function rewriteExpectations(text: string, file: string, updates: readonly DocumentUpdate[]): { text: string; issues: Issue[] } {
  const docs = parseAllDocuments(text, { prettyErrors: false, merge: true });
  const list = Array.isArray(docs) ? docs : [];
  const issues: Issue[] = [];
  const splices: Array<{ start: number; end: number; text: string }> = [];
  for (const update of updates) {
    const doc = list[update.index];
    const root = doc?.contents;
    if (!doc || doc.errors.length > 0 || !isMap(root) || doc.get('name') !== update.name) {
      issues.push({
        code: 'SCENARIO_UPDATE_CONFLICT',
        message: `cannot update "${update.name}": ${file} changed since it was loaded`,
        hint: 'run again with --update',
        file,
      });
      continue;
    }
    const splice = root.flow ? undefined : spliceExpect(doc, root, update.updates, text);
    if (splice) {
      splices.push(splice);
    } else {
      const start = update.index === 0 ? 0 : doc.range[0];
      applyToDocument(doc, update.updates);
      splices.push({ start, end: doc.range[2], text: doc.toString({ lineWidth: 0 }) });
    }
  }
  let out = text;
  for (const s of splices.sort((a, b) => b.start - a.start)) out = out.slice(0, s.start) + s.text + out.slice(s.end);
  return { text: out, issues };
}

/** Re-renders only the `expect` entry of a block-style document. */
function spliceExpect(doc: Document.Parsed, root: YAMLMap, updates: readonly ExpectUpdate[], text: string) {
  const pair = findExpect(root) as Pair<Node, Node | null> | undefined;
  const keyRange = pair?.key.range;
  const start = keyRange?.[0];
  const end = pair?.value?.range?.[2] ?? keyRange?.[2];
  applyToDocument(doc, updates);
  const updated = findExpect(root);
  if (!updated) return undefined;
  let rendered: string;
  try {
    const holder = new Document(null);
    const map = new YAMLMap();
    map.items.push(updated);
    holder.contents = map;
    rendered = holder.toString({ lineWidth: 0 });
  } catch {
    return undefined;
  }
  if (start !== undefined && end !== undefined) {
    if (lineStart(text, start) !== start) return undefined;
    const keepNewline = text.slice(start, end).endsWith('\n') || text[end] !== '\n';
    return { start, end, text: keepNewline ? rendered : rendered.replace(/\n$/, '') };
  }
  const at = root.range?.[2] ?? text.length;
  return { start: at, end: at, text: `${at > 0 && text[at - 1] !== '\n' ? '\n' : ''}${rendered}` };
}

function findExpect(root: YAMLMap): Pair | undefined {
  return root.items.find((p) => isPair(p) && (isScalar(p.key) ? p.key.value : p.key) === 'expect');
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function applyToDocument(doc: Document.Parsed, updates: readonly ExpectUpdate[]): void {
  for (const { path, value } of updates) {
    const full = ['expect', ...path];
    const existing = doc.getIn(full, true) as Node | undefined;
    if (isScalar(existing) && (value === null || typeof value !== 'object')) {
      // Keep the node, and with it its comment; reset the quoting style when the type changes.
      if (typeof existing.value !== typeof value) existing.type = undefined;
      existing.value = value;
      continue;
    }
    const node = styled(doc.createNode(value));
    if (existing && !isScalar(existing)) {
      node.comment = existing.comment;
      node.commentBefore = existing.commentBefore;
      node.spaceBefore = existing.spaceBefore;
    }
    if (path.length === 0) doc.set('expect', node);
    else doc.setIn(full, node);
  }
}

/** Small collections of scalars in flow style (`{ status: success, matches: 0 }`), the rest in block style. */
function styled(node: Node): Node {
  const mark = (n: unknown) => {
    if (isMap(n) || isSeq(n)) {
      const json = JSON.stringify(n.toJSON());
      const children = isMap(n) ? n.items.map((p) => p.value) : n.items;
      const leaf = !children.some((c) => isMap(c) || isSeq(c));
      n.flow = leaf && json !== undefined && json.length <= flowWidth;
    }
  };
  mark(node);
  visit(node, { Map: (_k, n) => void mark(n), Seq: (_k, n) => void mark(n) });
  return node;
}
