/**
 * `provision init [dir]`: scaffolds `provision.config.ts` and one example scenario in an empty
 * folder. It never overwrites a file; with `--force` it also writes into a folder that is not
 * empty, skipping the files that exist.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { configSearchPlaces } from '../../config/load.js';
import { ExitCode, InputError } from '../../core/errors.js';
import type { CommandContext } from '../types.js';

/** Entries that do not make a folder "not empty". */
const ignorable = new Set(['.git', '.gitignore', '.DS_Store', 'README.md', 'package.json', 'package-lock.json', 'node_modules']);

export const configTemplate = `/**
 * provision config; docs/config.md of entra-provision-sim lists every key.
 * Scenarios live in scenarios/; \`npx provision run\` runs them and writes reports/.
 */
import type { ProvisionConfig } from 'entra-provision-sim';

export default {
  scenarios: ['scenarios'],
  reporters: ['default', 'json', 'junit', 'markdown'],
  outDir: 'reports',
  seed: 42,
  clock: '2026-01-01T00:00:00Z',
} satisfies ProvisionConfig;
`;

export const scenarioTemplate = `# yaml-language-server: $schema=../node_modules/entra-provision-sim/schema/scenario.schema.json
# An assigned user who does not exist in the SCIM app yet is created.
# Run it:      npx provision run
# Explain it:  npx provision explain scenarios/example.yaml
name: Assigned user is created in the SCIM app
description: No match on userName, so on-demand provisioning creates the user.
tags: [example, create]

app:
  template: scim
  target: { url: https://scim.example.test/scim/v2, token: example-token }
  scope: assigned
  objects:
    user:
      mappings:
        - { target: userName, source: userPrincipalName, match: 1 }
        - { target: active, expression: 'Switch([IsSoftDeleted], , "False", "True", "True", "False")' }
        - { target: displayName, source: displayName }
        - { target: 'emails[type eq "work"].value', source: mail }

source:
  users:
    - userPrincipalName: alice@contoso.com
      displayName: Alice Smith
      mail: alice@contoso.com
      assigned: true

target:
  users: []

provision: { user: alice@contoso.com }

expect:
  result: success
  action: create
  steps:
    scope: { status: success, inScope: true }
    match: { status: success, matches: 0 }
  requests:
    - { method: GET, path: '/Users?filter=userName eq "alice@contoso.com"' }
    - { method: POST, path: /Users, body: { userName: alice@contoso.com } }
  target:
    users:
      - { userName: alice@contoso.com, displayName: Alice Smith }
`;

export default async function init(context: CommandContext): Promise<number> {
  const dir = path.resolve(typeof context.args[0] === 'string' ? context.args[0] : '.');
  const entries = existsSync(dir) ? (await readdir(dir)).filter((e) => !ignorable.has(e)) : [];
  if (entries.length > 0 && context.options['force'] !== true) {
    throw new InputError('CLI_INIT_NOT_EMPTY', `${dir} is not empty (${entries.slice(0, 3).join(', ')}${entries.length > 3 ? ', …' : ''})`, {
      hint: 'run init in an empty folder, or pass --force to add the missing files (existing files are never overwritten)',
    });
  }
  const files = [
    { name: 'provision.config.ts', content: configTemplate },
    { name: path.join('scenarios', 'example.yaml'), content: scenarioTemplate },
  ];
  const shown = (target: string) => path.relative(process.cwd(), target) || target;
  for (const file of files) {
    const target = path.join(dir, file.name);
    if (existsSync(target)) {
      context.io.stdout(`- ${shown(target)} exists, left alone`);
      continue;
    }
    // A new provision.config.ts would silently take the place of a config found later in the search.
    const config = file.content === configTemplate ? existingConfig(dir) : undefined;
    if (config) {
      context.io.stdout(`- ${shown(config)} is the folder's config, left alone (no provision.config.ts written)`);
      continue;
    }
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, file.content, { encoding: 'utf8', flag: 'wx' });
    context.io.stdout(`+ ${shown(target)}`);
  }
  const where = path.relative(process.cwd(), dir);
  context.io.stdout(`Next: ${where === '' ? '' : `cd ${where}, then `}npx provision validate, then npx provision run`);
  return ExitCode.ok;
}

/** The config file `provision` would load in `dir` (package.json only with a "provision" key). */
function existingConfig(dir: string): string | undefined {
  for (const place of configSearchPlaces) {
    const file = path.join(dir, place);
    if (!existsSync(file)) continue;
    if (place !== 'package.json') return file;
    try {
      if ((JSON.parse(readFileSync(file, 'utf8')) as { provision?: unknown }).provision !== undefined) return file;
    } catch {
      // A package.json that does not parse holds no config either.
    }
  }
  return undefined;
}
