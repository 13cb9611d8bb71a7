/**
 * A rule the JSON Schema cannot state readably: which subject keys go together. (Mapping rules,
 * such as "exactly one source", belong to the mapping stage: see stage-checks.ts.)
 */
import type { Issue } from '../core/errors.js';
import type { Subject } from '../source/types.js';

/** `provision:` must be exactly one of `{ user }`, `{ group, members? }`, `{ worker }`. */
export function checkSubject(subject: Record<string, unknown>): Issue[] {
  const kinds = ['user', 'group', 'worker'].filter((k) => k in subject);
  if (kinds.length !== 1) {
    return [
      {
        code: 'SCENARIO_INVALID_SUBJECT',
        message:
          kinds.length === 0
            ? 'provision names nobody: set user, group or worker'
            : `provision sets ${kinds.join(' and ')}; on-demand provisioning takes one user, one group or one worker per run`,
        hint: 'write { user: <UPN> }, { group: <name>, members: [...] } or { worker: <id> }',
        path: ['provision'],
      },
    ];
  }
  if ('members' in subject && !('group' in subject)) {
    return [
      {
        code: 'SCENARIO_INVALID_SUBJECT',
        message: 'provision.members only applies to a group run',
        hint: 'remove members, or provision a group',
        path: ['provision', 'members'],
      },
    ];
  }
  return [];
}

/** Narrows a subject that passed {@link checkSubject}. */
export function toSubject(subject: Record<string, unknown>): Subject {
  if (typeof subject['user'] === 'string') return { user: subject['user'] };
  if (typeof subject['worker'] === 'string') return { worker: subject['worker'] };
  const members = subject['members'];
  return {
    group: String(subject['group']),
    ...(Array.isArray(members) ? { members: members.map(String) } : {}),
  };
}
