/**
 * Determinism: the same scenarios with the same seeds give byte-identical report files across two
 * runs and across `--jobs 1` and `--jobs 2`, apart from the fields named for timing (`timing` in
 * the JSON files, `time` in junit.xml). The scenarios draw GUIDs and random strings, generate
 * object ids, fail, time out and run a group, so every source of variation is exercised.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/helpers.js';
import { tempDir } from '../scenario/helpers.js';
import { scenario, stream } from './helpers.js';

const documents = stream(
  scenario({
    name: 'generated values',
    mappings: ["{ target: externalId, expression: 'Guid()' }", "{ target: nickName, expression: 'RandomString(12, 2, 2, 2, 2, \"\")' }", "{ target: title, expression: 'Now()' }"],
    expect: '{ result: success }',
  }),
  scenario({ name: 'without a seed of its own', mappings: ["{ target: externalId, expression: 'Guid()' }"], expect: '{ result: success }' }),
  scenario({ name: 'with its own seed', mappings: ["{ target: externalId, expression: 'Guid()' }"], extra: 'seed: 7\nclock: { at: 2026-03-01T00:00:00Z, stepMs: 250 }', expect: '{ result: success }' }),
  scenario({ name: 'a failed expectation', extra: "target:\n  faults: [{ on: 'POST /Users', status: 409 }]", expect: '{ result: success }' }),
  scenario({ name: 'a timeout', extra: "timeoutMs: 50\nsettings: { scim: { timeoutMs: 600000 } }\ntarget:\n  faults: [{ on: 'POST /Users', delayMs: 500000 }]" }),
  [
    'name: a group with members',
    'app:',
    '  target: { url: https://scim.example.test/scim/v2, token: tok-1 }',
    '  objects:',
    '    user: { mappings: [{ target: userName, source: userPrincipalName, match: 1 }] }',
    '    group: { mappings: [{ target: displayName, source: displayName, match: 1 }, { target: members, source: members }] }',
    'source:',
    '  users: [{ userPrincipalName: a@contoso.com, assigned: true }, { userPrincipalName: b@contoso.com, assigned: true }]',
    '  groups: [{ displayName: Sales, assigned: true, members: [a@contoso.com, b@contoso.com] }]',
    'provision: { group: Sales }',
    'expect: { result: success }',
    '',
  ].join('\n'),
);

/** Every report file below `dir` with the timing fields removed, by relative path. */
function reportFiles(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (at: string) => {
    for (const name of readdirSync(at)) {
      const file = path.join(at, name);
      if (statSync(file).isDirectory()) walk(file);
      else out[path.relative(dir, file)] = withoutTiming(file, readFileSync(file, 'utf8'));
    }
  };
  walk(dir);
  return out;
}

function withoutTiming(file: string, text: string): string {
  if (file.endsWith('.json')) return JSON.stringify(JSON.parse(text, (key, value: unknown) => (key === 'timing' ? undefined : value)), null, 2);
  if (file.endsWith('.xml')) return text.replace(/ time="[^"]*"/g, '');
  return text;
}

describe('determinism', () => {
  it('two runs, and --jobs 1 against --jobs 2, write the same reports', async () => {
    const dir = tempDir({
      'provision.config.json': JSON.stringify({ scenarios: ['scenarios'], reporters: ['json', 'junit', 'markdown', 'html'], seed: 1234 }),
      'scenarios/s.yaml': documents,
    });
    const run = async (out: string, ...args: string[]) => {
      const result = await runCli(['run', '--out', out, ...args], dir);
      expect(result.code).toBe(1);
      return reportFiles(path.join(dir, out));
    };
    const first = await run('first');
    const second = await run('second');
    const parallel = await run('parallel', '--jobs', '2');
    expect(Object.keys(first).sort()).toEqual(['junit.xml', 'report.html', 'scenarios/a-failed-expectation.json', 'scenarios/a-group-with-members.json', 'scenarios/a-timeout.json', 'scenarios/generated-values.json', 'scenarios/with-its-own-seed.json', 'scenarios/without-a-seed-of-its-own.json', 'summary.json', 'summary.md']);
    expect(second).toEqual(first);
    expect(parallel).toEqual(first);
    // Timing is the only difference left out, and it is there to leave out.
    expect(readFileSync(path.join(dir, 'first', 'summary.json'), 'utf8')).toContain('"timing"');
    // A different seed really changes the generated values, so the comparison can fail.
    const reseeded = await run('reseeded', '--seed', '99');
    expect(reseeded['scenarios/without-a-seed-of-its-own.json']).not.toEqual(first['scenarios/without-a-seed-of-its-own.json']);
    expect(reseeded['scenarios/with-its-own-seed.json']).toEqual(first['scenarios/with-its-own-seed.json']);
  });
});
