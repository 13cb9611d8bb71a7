/**
 * The bundled scenario suite (scenarios/): it loads without a problem, follows the suite's
 * conventions (schema line, tags, full expectations, ticket stories, the README table), and every
 * scenario passes against the real pipeline — the suite is the project's regression net.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { glob } from 'tinyglobby';
import { parseAllDocuments } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import type { ResolvedConfig } from '../../src/config/types.js';
import { loadScenarios } from '../../src/scenario/load.js';
import type { LoadResult } from '../../src/scenario/types.js';
import { runScenarios } from '../../src/runner/run.js';

const root = path.resolve(import.meta.dirname, '../..');
const folders = ['test-connection', 'import', 'scope', 'match', 'action', 'groups', 'limitations', 'tickets'] as const;
const results = new Set(['success', 'failure', 'skipped', 'warning']);
const schemaLine = '# yaml-language-server: $schema=../../schema/scenario.schema.json';

interface Document {
  file: string;
  index: number;
  text: string;
  value: Record<string, unknown>;
}

/** Every scenario document of every bundled file, with its own text (comments included). */
async function documents(): Promise<Document[]> {
  const files = (await glob(['scenarios/**/*.{yaml,yml}', '!scenarios/**/*.app.yaml'], { cwd: root })).sort();
  const out: Document[] = [];
  for (const file of files) {
    const source = readFileSync(path.join(root, file), 'utf8');
    // The yaml parser hands a document's leading comments to its node, not its range: split the
    // text at the `---` markers instead, which every bundled multi-document file uses.
    const texts = source.split(/^---\n/m);
    const parsed = parseAllDocuments(source);
    if (!Array.isArray(parsed) || parsed.length !== texts.length) throw new Error(`${file}: documents must be separated by a bare --- line`);
    for (const [index, doc] of parsed.entries()) out.push({ file, index, text: texts[index]!, value: doc.toJS() as Record<string, unknown> });
  }
  return out;
}

let config: ResolvedConfig;
let loaded: LoadResult;
let docs: Document[];

beforeAll(async () => {
  config = await loadConfig({ cwd: root });
  loaded = await loadScenarios(config.scenarios, { cwd: root, config });
  docs = await documents();
});

describe('the bundled scenarios', () => {
  it('load without a single problem: schema, apps, mappings, expressions, scoping filters', () => {
    expect(loaded.issues).toEqual([]);
    expect(loaded.scenarios.length).toBe(docs.length);
    expect(loaded.scenarios.length).toBeGreaterThanOrEqual(40);
  });

  it('cover every step folder, and each document sits in one of them', () => {
    for (const folder of folders) expect(docs.filter((d) => d.file.startsWith(`scenarios/${folder}/`)).length, folder).toBeGreaterThan(0);
    for (const d of docs) expect(folders.some((f) => d.file.startsWith(`scenarios/${f}/`)), d.file).toBe(true);
  });

  it('start every document with the yaml-language-server schema line', () => {
    for (const d of docs) expect(d.text.trimStart().startsWith(schemaLine), `${d.file}#${d.index}`).toBe(true);
  });

  it('tag the folder, the result and the action that ran, so --tag selects by step and outcome', () => {
    for (const d of docs) {
      const where = `${d.file}#${d.index}`;
      const tags = d.value['tags'] as string[];
      const expectation = d.value['expect'] as { result: string; action: string };
      expect(tags[0], where).toBe(d.file.split('/')[1]);
      expect(tags[1], where).toBe(expectation.result);
      if (expectation.action !== 'none' && expectation.action !== 'other') expect(tags[2], where).toBe(expectation.action);
      expect(tags.filter((t) => results.has(t)), where).toEqual([expectation.result]);
    }
  });

  it('write full expectations: result, action, steps, requests and the target after', () => {
    for (const d of docs) {
      const expectation = d.value['expect'] as Record<string, unknown>;
      expect(Object.keys(expectation).sort(), `${d.file}#${d.index}`).toEqual(expect.arrayContaining(['action', 'requests', 'result', 'steps', 'target']));
    }
  });

  it('have names that say which step they show and are unique', () => {
    const names = docs.map((d) => d.value['name'] as string);
    expect(new Set(names).size).toBe(names.length);
    const prefixes: Record<string, string> = {
      'test-connection': 'Test connection: ',
      import: 'Import: ',
      scope: 'Scope: ',
      match: 'Match: ',
      action: 'Action: ',
      groups: 'Groups: ',
      limitations: 'Limitations: ',
      tickets: 'Ticket: ',
    };
    for (const d of docs) expect((d.value['name'] as string).startsWith(prefixes[d.file.split('/')[1]!]!), d.file).toBe(true);
  });

  it('tell each ticket story in a header comment (symptom, cause, fix) and name the ticket', () => {
    const tickets = docs.filter((d) => d.file.startsWith('scenarios/tickets/'));
    expect(new Set(tickets.map((d) => d.file)).size).toBeGreaterThanOrEqual(5);
    for (const d of tickets) {
      expect(d.value['ticket'], d.file).toMatch(/^INC-\d+$/);
      if (d.index > 0) continue;
      for (const part of ['# Symptom:', '# Cause:', '# Fix:']) expect(d.text, d.file).toContain(part);
    }
  });

  it('are all listed in scenarios/README.md, whose links all exist', () => {
    const readme = readFileSync(path.join(root, 'scenarios/README.md'), 'utf8');
    const links = [...readme.matchAll(/\]\(([^)]+\.yaml)\)/g)].map((m) => `scenarios/${m[1]}`);
    const files = [...new Set(docs.map((d) => d.file))];
    expect(files.filter((f) => !links.includes(f))).toEqual([]);
    expect(links.filter((l) => !files.includes(l))).toEqual([]);
  });

  it('all pass against the pipeline, in a few seconds', async () => {
    const summary = await runScenarios(loaded.scenarios, { config, jobs: 1 });
    const failed = summary.scenarios.filter((s) => s.status !== 'passed').map((s) => `${s.name}: ${s.status} ${JSON.stringify(s.failures)}`);
    expect(failed).toEqual([]);
    expect(summary.counts).toMatchObject({ total: docs.length, passed: docs.length, failed: 0, errored: 0, invalid: 0 });
    expect(summary.exitCode).toBe(0);
  });
});
