/**
 * Portal-style subject search (provision-on-demand.md, "How to use on-demand provisioning";
 * entra-semantics.md §9.1): a user by first name, last name, display name, UPN, mail or object id;
 * a group and up to five of its direct members; an HR worker by WorkerID/WID or personIdExternal.
 */
import type { AppTemplate } from '../app/types.js';
import {
  candidateLabel,
  isEnabled,
  type DirectoryGroup,
  type DirectoryUser,
  type SourceIndex,
} from './directory.js';
import type { Subject } from './types.js';

/** The most members one on-demand group run takes (§9.1). */
export const MAX_GROUP_MEMBERS = 5;

/** How the search box compares the query with attribute values. */
export interface SubjectSearchOptions {
  /** `exact`: the whole value, case-insensitively; `prefix`: values starting with the query. */
  match: 'exact' | 'prefix';
  /** Find users whose `accountEnabled` is false (the portal does not list them). */
  findDisabledUsers: boolean;
}

/** A subject the search settled on. */
export type ResolvedSubject =
  | { kind: 'user'; user: DirectoryUser }
  | { kind: 'worker'; user: DirectoryUser; workerKey: string }
  | { kind: 'group'; group: DirectoryGroup; members: DirectoryUser[] };

/** Why a subject could not be settled. Codes are data in the run's failure result. */
export type SubjectProblemCode =
  | 'SubjectNotFound'
  | 'AmbiguousSubject'
  | 'TooManyGroupMembers'
  | 'NotADirectMember'
  | 'NestedGroupMember'
  | 'DuplicateMember'
  | 'WorkerSubjectRequired'
  | 'WorkerSubjectNotSupported';

export interface SubjectProblem {
  code: SubjectProblemCode;
  /** One line saying what is wrong and what to do. */
  reason: string;
  /** For ambiguous searches and member lists: the candidates, as `Name <upn> (objectId)`. */
  candidates?: string[];
}

export type SubjectSearchResult = { ok: true; subject: ResolvedSubject } | { ok: false; problem: SubjectProblem };

const USER_SEARCH_FIELDS = ['objectId', 'userPrincipalName', 'mail', 'displayName', 'givenName', 'surname'] as const;

/** Attribute names that hold an HR worker key, per template (§9.1). */
const WORKER_KEYS: Partial<Record<AppTemplate, readonly string[]>> = {
  workday: ['workerId', 'WorkerID', 'WID'],
  successFactors: ['workerId', 'personIdExternal'],
};

/** Settles the run's subject, or says why it cannot. Pure: reads the index only. */
export function resolveSubject(
  index: SourceIndex,
  subject: Subject,
  template: AppTemplate,
  options: SubjectSearchOptions,
): SubjectSearchResult {
  const workerKeys = WORKER_KEYS[template];
  if ('worker' in subject) {
    if (!workerKeys) {
      return fail('WorkerSubjectNotSupported', `a worker subject needs a Workday or SuccessFactors app; this app's template is ${template}: search for a user or a group instead`);
    }
    return findWorker(index, subject.worker, workerKeys);
  }
  if ('user' in subject) {
    if (workerKeys) {
      return fail('WorkerSubjectRequired', `${template} apps take the worker's ${workerKeys.slice(1).join(' or ')} instead of a user search: use provision: { worker: "…" }`);
    }
    return findUser(index, subject.user, options);
  }
  return findGroup(index, subject.group, subject.members, options);
}

function findUser(index: SourceIndex, query: string, options: SubjectSearchOptions): SubjectSearchResult {
  const q = query.trim().toLowerCase();
  const hits = index.users.filter((user) => searchable(user, options) && USER_SEARCH_FIELDS.some((field) => {
    const value = field === 'objectId' ? user.objectId : user.entry[field];
    return typeof value === 'string' && compare(value.toLowerCase(), q, options.match);
  }));
  const only = single(hits, 'user', query, notFoundHint(index, q));
  return only.ok ? { ok: true, subject: { kind: 'user', user: only.value } } : only;
}

function findWorker(index: SourceIndex, key: string, fields: readonly string[]): SubjectSearchResult {
  const hits = index.users.filter((user) => !user.entry.deleted && fields.some((field) => {
    const value = user.entry[field];
    return (typeof value === 'string' || typeof value === 'number') && String(value) === key;
  }));
  const only = single(hits, 'worker', key, ` (workers are searched by ${fields.join(', ')}, the whole value)`);
  return only.ok ? { ok: true, subject: { kind: 'worker', user: only.value, workerKey: key } } : only;
}

function findGroup(
  index: SourceIndex,
  query: string,
  memberQueries: string[] | undefined,
  options: SubjectSearchOptions,
): SubjectSearchResult {
  const q = query.trim().toLowerCase();
  const hits = index.groups.filter((group) => !group.entry.deleted &&
    (group.objectId.toLowerCase() === q || compare(group.entry.displayName.toLowerCase(), q, options.match)));
  const only = single(hits, 'group', query, '');
  if (!only.ok) return only;
  const group = only.value;

  // Direct members only: nested groups are not followed (§6.2, provision-on-demand.md limitations).
  const direct: DirectoryUser[] = [];
  const nested: string[] = [];
  for (const ref of group.entry.members ?? []) {
    const user = index.findUser(ref);
    if (user && !user.entry.deleted) direct.push(user);
    else if (!user && index.findGroup(ref)) nested.push(ref);
  }

  if (memberQueries === undefined) {
    if (direct.length > MAX_GROUP_MEMBERS) {
      return fail('TooManyGroupMembers', `group ${group.entry.displayName} has ${direct.length} direct members; on-demand takes at most ${MAX_GROUP_MEMBERS}: list the ones to provision under provision.members`, direct.map(candidateLabel));
    }
    return { ok: true, subject: { kind: 'group', group, members: direct } };
  }
  if (memberQueries.length > MAX_GROUP_MEMBERS) {
    return fail('TooManyGroupMembers', `${memberQueries.length} members selected; on-demand takes at most ${MAX_GROUP_MEMBERS} members of one group`);
  }
  const members: DirectoryUser[] = [];
  for (const ref of memberQueries) {
    const hits = direct.filter((user) => matchesMemberQuery(user, ref));
    if (hits.length > 1) {
      // Two members share the display name (or mail): like the user search, refuse to guess.
      return fail('AmbiguousSubject', `${hits.length} members of group ${group.entry.displayName} match "${ref}": select members by user principal name or object id`, hits.map(candidateLabel));
    }
    const member = hits[0];
    if (!member) {
      const isNested = nested.some((n) => n.toLowerCase() === ref.toLowerCase());
      if (isNested) return fail('NestedGroupMember', `${ref} is a group nested in ${group.entry.displayName}; on-demand does not follow nested groups: select users who are direct members`);
      // "On-demand provisioning doesn't support nested groups that aren't directly assigned to
      // the application" (provision-on-demand.md, known limitations): say which nested group.
      const via = nestedGroupHolding(index, nested, ref);
      const reason = via
        ? `${ref} is not a direct member of group ${group.entry.displayName}, only of ${via}, a group nested in it; on-demand does not follow nested groups: select direct members, or provision ${via} itself if it is assigned to the application`
        : `${ref} is not a direct member of group ${group.entry.displayName}: select one of its direct members`;
      return fail('NotADirectMember', reason, direct.length > 0 ? direct.map(candidateLabel) : undefined);
    }
    if (members.includes(member)) return fail('DuplicateMember', `${ref} is selected twice`);
    members.push(member);
  }
  return { ok: true, subject: { kind: 'group', group, members } };
}

/** The nested group (at any depth below `nested`) that has the user `ref` as a direct member. */
function nestedGroupHolding(index: SourceIndex, nested: readonly string[], ref: string): string | undefined {
  const seen = new Set<string>();
  const queue = nested.map((n) => index.findGroup(n)).filter((g) => g !== undefined);
  while (queue.length > 0) {
    const inner = queue.shift()!;
    if (seen.has(inner.objectId) || inner.entry.deleted) continue;
    seen.add(inner.objectId);
    for (const m of inner.entry.members ?? []) {
      const user = index.findUser(m);
      if (user && !user.entry.deleted && matchesMemberQuery(user, ref)) return inner.entry.displayName;
      const group = user ? undefined : index.findGroup(m);
      if (group) queue.push(group);
    }
  }
  return undefined;
}

function matchesMemberQuery(user: DirectoryUser, ref: string): boolean {
  const r = ref.toLowerCase();
  return [user.objectId, user.entry.userPrincipalName, user.entry.mail, user.entry.displayName]
    .some((value) => value !== undefined && value.toLowerCase() === r);
}

/** Soft-deleted users never show up; disabled ones only when the setting says so (§9.1). */
function searchable(user: DirectoryUser, options: SubjectSearchOptions): boolean {
  return !user.entry.deleted && (options.findDisabledUsers || isEnabled(user));
}

function compare(value: string, query: string, match: 'exact' | 'prefix'): boolean {
  return match === 'exact' ? value === query : value.startsWith(query);
}

/** A hint for a user search that found nothing: was it a soft-deleted or disabled user? */
function notFoundHint(index: SourceIndex, q: string): string {
  const hidden = index.users.find((user) => !searchable(user, { match: 'exact', findDisabledUsers: false }) &&
    USER_SEARCH_FIELDS.some((field) => {
      const value = field === 'objectId' ? user.objectId : user.entry[field];
      return typeof value === 'string' && value.toLowerCase() === q;
    }));
  if (!hidden) return '';
  return hidden.entry.deleted
    ? ' (a user soft-deleted in the source matches, but deleted users do not appear in the on-demand search)'
    : ' (a user disabled in the source matches, but disabled users do not appear in the on-demand search; see the engine setting findDisabledUsers)';
}

function single<T extends DirectoryUser | DirectoryGroup>(
  hits: T[],
  what: 'user' | 'group' | 'worker',
  query: string,
  hint: string,
): { ok: true; value: T } | { ok: false; problem: SubjectProblem } {
  const [first, second] = hits;
  if (first && !second) return { ok: true, value: first };
  if (!first) return fail('SubjectNotFound', `no ${what} in the source matches "${query}"${hint}`);
  return fail('AmbiguousSubject', `${hits.length} ${what}s match "${query}": ${AMBIGUITY_ADVICE[what]}`, hits.map(candidateLabel));
}

/**
 * What to do about an ambiguous search. A worker key is searched for as a whole and an HR app takes
 * no other search, so only the source can settle it; a group has no UPN.
 */
const AMBIGUITY_ADVICE: Record<'user' | 'group' | 'worker', string> = {
  user: 'search by user principal name or object id to pick one',
  group: 'search by object id to pick one',
  worker: 'a worker key names one worker: give each worker its own key in the source',
};

function fail(code: SubjectProblemCode, reason: string, candidates?: string[]): { ok: false; problem: SubjectProblem } {
  return { ok: false, problem: candidates ? { code, reason, candidates } : { code, reason } };
}
