/**
 * The source directory of a run, indexed once: every user and group gets its object id (generated
 * from the seed when the scenario gives none), and references between them (group members, a
 * user's manager) resolve through one look-up.
 */
import { hashString, seededRandom, type RandomSource } from '../core/determinism.js';
import type { Issue } from '../core/errors.js';
import type { SourceDirectory, SourceGroup, SourceUser } from './types.js';

/** A source user with its object id settled. */
export interface DirectoryUser {
  kind: 'user';
  objectId: string;
  /** The scenario entry as written. */
  entry: SourceUser;
  /** Position in `source.users`, for messages. */
  index: number;
}

/** A source group with its object id settled. */
export interface DirectoryGroup {
  kind: 'group';
  objectId: string;
  entry: SourceGroup;
  /** Position in `source.groups`. */
  index: number;
}

/** The indexed source directory. */
export interface SourceIndex {
  users: readonly DirectoryUser[];
  groups: readonly DirectoryGroup[];
  /**
   * Resolves a reference as scenarios write them (a member, a manager): a user's objectId, UPN or
   * mail, case-insensitively; soft-deleted users included. Undefined when nothing or several match.
   */
  findUser(ref: string): DirectoryUser | undefined;
  /** Resolves a group reference: objectId or displayName, case-insensitively. */
  findGroup(ref: string): DirectoryGroup | undefined;
  /** Looks a user up by object id. */
  userById(objectId: string): DirectoryUser | undefined;
}

/**
 * Indexes a source directory. Object ids absent from the scenario are generated from `random`
 * (one draw for the whole directory) and the object's own key, so adding a user to a scenario
 * does not change the generated ids of the others.
 */
export function indexSource(source: SourceDirectory, random: RandomSource): SourceIndex {
  const base = random.int(0x1_0000_0000);
  const seen = new Map<string, number>();
  const generate = (kind: string, key: string): string => {
    const n = (seen.get(`${kind}:${key}`) ?? 0) + 1;
    seen.set(`${kind}:${key}`, n);
    return seededRandom((base ^ hashString(`${kind}:${key}:${n}`)) >>> 0).guid();
  };

  const users = (source.users ?? []).map((entry, index): DirectoryUser => ({
    kind: 'user',
    objectId: entry.objectId ?? generate('user', entry.userPrincipalName ?? entry.mail ?? entry.displayName ?? String(index)),
    entry,
    index,
  }));
  const groups = (source.groups ?? []).map((entry, index): DirectoryGroup => ({
    kind: 'group',
    objectId: entry.objectId ?? generate('group', entry.displayName ?? String(index)),
    entry,
    index,
  }));

  const userKeys = new Map<string, DirectoryUser | null>();
  const byId = new Map<string, DirectoryUser>();
  const addKey = (key: string | undefined, user: DirectoryUser): void => {
    if (!key) return;
    const k = key.toLowerCase();
    const prior = userKeys.get(k);
    userKeys.set(k, prior === undefined || prior === user ? user : null);
  };
  for (const user of users) {
    byId.set(user.objectId.toLowerCase(), user);
    addKey(user.objectId, user);
    addKey(user.entry.userPrincipalName, user);
    addKey(user.entry.mail, user);
  }
  const groupKeys = new Map<string, DirectoryGroup | null>();
  for (const group of groups) {
    for (const key of [group.objectId, group.entry.displayName]) {
      const k = key.toLowerCase();
      const prior = groupKeys.get(k);
      groupKeys.set(k, prior === undefined || prior === group ? group : null);
    }
  }

  return {
    users,
    groups,
    findUser: (ref) => userKeys.get(ref.toLowerCase()) ?? undefined,
    findGroup: (ref) => groupKeys.get(ref.toLowerCase()) ?? undefined,
    userById: (objectId) => byId.get(objectId.toLowerCase()),
  };
}

/**
 * Group members that name nothing: a reference matching no user (objectId, UPN or mail) and no
 * group (objectId or displayName) of the source, or several users. Such a member would silently
 * drop out of the group — of its on-demand members and of the scope of assigned groups — so the
 * run refuses the source instead (`SOURCE_UNKNOWN_MEMBER`, paths under `source.groups`).
 */
export function sourceReferenceIssues(index: SourceIndex): Issue[] {
  const issues: Issue[] = [];
  for (const group of index.groups) {
    for (const [position, ref] of (group.entry.members ?? []).entries()) {
      if (index.findUser(ref) || index.findGroup(ref)) continue;
      issues.push({
        code: 'SOURCE_UNKNOWN_MEMBER',
        message: `group ${group.entry.displayName} lists the member "${ref}", which names no single user or group of the source`,
        hint: "write a member's userPrincipalName, mail or objectId (a nested group's displayName or objectId), each naming exactly one object",
        path: ['source', 'groups', group.index, 'members', position],
      });
    }
  }
  return issues;
}

/** The name a user goes by in messages and reports: UPN, else mail, else display name, else object id. */
export function userLabel(user: DirectoryUser): string {
  return user.entry.userPrincipalName ?? user.entry.mail ?? user.entry.displayName ?? user.objectId;
}

/** A candidate line for an ambiguous search: `Alice Smith <alice@contoso.com> (objectId)`. */
export function candidateLabel(object: DirectoryUser | DirectoryGroup): string {
  if (object.kind === 'group') return `${object.entry.displayName} (${object.objectId})`;
  const name = object.entry.displayName;
  const upn = object.entry.userPrincipalName ?? object.entry.mail;
  const head = name && upn ? `${name} <${upn}>` : (name ?? upn ?? '(no name)');
  return `${head} (${object.objectId})`;
}

/** Whether the user is enabled in the source (`accountEnabled`, default true). */
export function isEnabled(user: DirectoryUser): boolean {
  return user.entry.accountEnabled !== false;
}
