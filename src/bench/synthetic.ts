/**
 * Deterministic synthetic scenarios for the scale curve (`provision bench --scale N`) and for
 * timing `provision run` on many scenarios (`scripts/generate-scenarios.mjs`). Scenario `i` is one
 * of five kinds in turn — create with a manager reference, update, disable, redundant export
 * (skip), and a group with two members — with its own users, named from a seeded random source,
 * and expectations that hold. The same count and seed always give the same files.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { seededRandom, type RandomSource } from '../core/determinism.js';

/** The app every synthetic scenario uses (written once, as `synthetic.app.yaml`). */
export const syntheticApp = {
  name: 'synthetic',
  template: 'scim',
  target: { url: 'https://scim.synthetic.test/scim/v2', token: 'synthetic-token' },
  objects: {
    user: {
      mappings: [
        { target: 'userName', source: 'userPrincipalName', match: 1 },
        { target: 'externalId', source: 'mailNickname', match: 2 },
        { target: 'active', expression: 'Switch([IsSoftDeleted], , "False", "True", "True", "False")' },
        { target: 'displayName', source: 'displayName' },
        { target: 'emails[type eq "work"].value', source: 'mail' },
        { target: 'name.givenName', expression: 'Item(Split([displayName], " "), 1)' },
        { target: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department', source: 'department', default: 'Unassigned' },
        { target: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager', source: 'manager' },
      ],
    },
    group: {
      mappings: [
        { target: 'displayName', source: 'displayName', match: 1 },
        { target: 'externalId', source: 'objectId' },
        { target: 'members', source: 'members' },
      ],
    },
  },
} as const;

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const GIVEN = ['Alice', 'Bob', 'Carol', 'Dmitri', 'Eve', 'Farah', 'Goran', 'Hana', 'Ivan', 'Jun', 'Kofi', 'Lena'];
const SURNAMES = ['Smith', 'Jones', 'Lee', 'Garcia', 'Novak', 'Okafor', 'Tanaka', 'Dubois', 'Khan', 'Silva'];
const DEPARTMENTS = ['Sales', 'Finance', 'Engineering', 'Support'];

/** The kinds, in the order scenarios cycle through them. */
export const syntheticKinds = ['create', 'update', 'disable', 'skip', 'group'] as const;
export type SyntheticKind = (typeof syntheticKinds)[number];

/** One generated scenario document (plain data; the app is referenced by file). */
export interface SyntheticScenario {
  kind: SyntheticKind;
  /** Source users in the scenario. */
  users: number;
  document: Record<string, unknown>;
}

/** Scenario `index` (0-based) of a run generated with `seed`. */
export function syntheticScenario(index: number, seed: number | string = 42): SyntheticScenario {
  const random = seededRandom(`${seed}:${index}`);
  const kind = syntheticKinds[index % syntheticKinds.length]!;
  const id = String(index + 1).padStart(5, '0');
  const person = (role: string) => makePerson(random, `${role}${id}`);
  const base = { name: `synthetic ${id} ${kind}`, tags: ['synthetic', kind], app: './synthetic.app.yaml', seed: index + 1 };
  const scimUser = (p: Person, extra: Record<string, unknown> = {}) => ({ id: `t-${p.nick}`, userName: p.upn, externalId: p.nick, active: true, ...extra });
  /** A one-user scenario: the user as the source holds it, the target's copy, what must happen. */
  const single = (user: Person, source: Record<string, unknown>, target: Record<string, unknown>, expect: Record<string, unknown>): SyntheticScenario => ({
    kind,
    users: 1,
    document: { ...base, source: { users: [source] }, target: { users: [target] }, provision: { user: user.upn }, expect },
  });
  switch (kind) {
    case 'create': {
      const user = person('u');
      const manager = person('m');
      return {
        kind,
        users: 2,
        document: {
          ...base,
          source: { users: [{ ...sourceUser(user), manager: manager.upn }, sourceUser(manager)] },
          target: { users: [scimUser(manager)] },
          provision: { user: user.upn },
          expect: { result: 'success', action: 'create', steps: { reference: { status: 'success' } } },
        },
      };
    }
    case 'update': {
      const user = person('u');
      const stale = scimUser(user, { displayName: `${user.display} (old)`, emails: [{ type: 'work', value: `old.${user.mail}` }] });
      return single(user, sourceUser(user), stale, { result: 'success', action: 'update' });
    }
    case 'disable': {
      const user = person('u');
      return single(user, { ...sourceUser(user), assigned: false }, scimUser(user), { result: 'success', action: 'disable' });
    }
    case 'skip': {
      const user = person('u');
      const { mail: _mail, department: _department, ...plain } = sourceUser(user);
      const same = scimUser(user, { displayName: user.display, name: { givenName: user.given }, [ENTERPRISE]: { department: 'Unassigned' } });
      return single(user, plain, same, { result: 'skipped', action: 'skip' });
    }
    case 'group': {
      const a = person('a');
      const b = person('b');
      const group = `Team ${id}`;
      return {
        kind,
        users: 2,
        document: {
          ...base,
          source: { users: [sourceUser(a), sourceUser(b)], groups: [{ displayName: group, assigned: true, members: [a.upn, b.upn] }] },
          target: { users: [scimUser(b, { displayName: b.display, name: { givenName: b.given } })] },
          provision: { group, members: [a.upn, b.upn] },
          expect: { result: 'success', action: 'create', steps: { membership: { status: 'success' } } },
        },
      };
    }
  }
}

interface Person {
  given: string;
  display: string;
  nick: string;
  upn: string;
  mail: string;
  department: string;
}

function makePerson(random: RandomSource, key: string): Person {
  const given = GIVEN[random.int(GIVEN.length)]!;
  const surname = SURNAMES[random.int(SURNAMES.length)]!;
  const nick = `${given}.${surname}.${key}`.toLowerCase();
  return { given, display: `${given} ${surname}`, nick, upn: `${nick}@contoso.test`, mail: `${nick}@mail.contoso.test`, department: DEPARTMENTS[random.int(DEPARTMENTS.length)]! };
}

function sourceUser(p: Person): Record<string, unknown> {
  return { userPrincipalName: p.upn, displayName: p.display, mail: p.mail, mailNickname: p.nick, department: p.department, assigned: true };
}

/** Scenarios per generated file (multi-document YAML streams). */
const PER_FILE = 100;

/**
 * Writes `count` synthetic scenarios into `dir` (created if needed): `synthetic.app.yaml` and
 * `synthetic-00001.yaml`… with up to 100 documents each. Returns the files and the number of
 * source users.
 */
export async function writeSyntheticScenarios(dir: string, count: number, seed: number | string = 42): Promise<{ files: string[]; users: number }> {
  const { stringify } = await import('yaml');
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'synthetic.app.yaml'), stringify(syntheticApp), 'utf8');
  const files: string[] = [];
  let users = 0;
  for (let start = 0; start < count; start += PER_FILE) {
    const docs: string[] = [];
    for (let i = start; i < Math.min(count, start + PER_FILE); i++) {
      const scenario = syntheticScenario(i, seed);
      users += scenario.users;
      docs.push(stringify(scenario.document, { lineWidth: 0 }));
    }
    const file = path.join(dir, `synthetic-${String(start / PER_FILE + 1).padStart(5, '0')}.yaml`);
    await writeFile(file, docs.join('---\n'), 'utf8');
    files.push(file);
  }
  return { files, users };
}
