/**
 * Rules the JSON Schema cannot state readably: which subject keys go together, and that a
 * mapping names exactly one source. Each returns issues with a path; the loader places them.
 */
import type { AppDefinition } from '../app/types.js';
import type { Issue } from '../core/errors.js';
import type { Subject } from '../source/types.js';
import type { StageIssue } from './stage-checks.js';

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

const sourceKinds = ['source', 'constant', 'expression'] as const;
const kindForType = { direct: 'source', constant: 'constant', expression: 'expression' } as const;

/**
 * Each mapping names exactly one of `source`, `constant`, `expression` (none for `type: none`),
 * and an explicit `type` agrees with it. Paths are relative to the app.
 */
export function checkMappingShapes(app: AppDefinition): StageIssue[] {
  const issues: StageIssue[] = [];
  for (const objectType of ['user', 'group'] as const) {
    const mappings = app.objects[objectType]?.mappings ?? [];
    mappings.forEach((mapping, index) => {
      const path = ['objects', objectType, 'mappings', index];
      const present = sourceKinds.filter((k) => mapping[k] !== undefined);
      if (mapping.type === 'none') {
        if (present.length > 0) {
          issues.push({
            code: 'SCENARIO_INVALID_MAPPING',
            message: `mapping for "${mapping.target}" has type none but sets ${present.join(', ')}`,
            hint: 'remove the source, or remove type: none',
            path: [...path, present[0]!],
            atKey: true,
          });
        }
        return;
      }
      if (present.length !== 1) {
        issues.push({
          code: 'SCENARIO_INVALID_MAPPING',
          message:
            present.length === 0
              ? `mapping for "${mapping.target}" has no source: set source, constant or expression`
              : `mapping for "${mapping.target}" sets ${present.join(' and ')}; a mapping has exactly one source`,
          hint: 'keep one of source (direct), constant or expression',
          path: present.length === 0 ? path : [...path, present[1]!],
          atKey: true,
        });
        return;
      }
      if (mapping.type && kindForType[mapping.type] !== present[0]) {
        issues.push({
          code: 'SCENARIO_INVALID_MAPPING',
          message: `mapping for "${mapping.target}" has type ${mapping.type} but sets ${present[0]}`,
          hint: `remove type, or set ${kindForType[mapping.type]}`,
          path: [...path, 'type'],
          atKey: true,
        });
      }
    });
  }
  return issues;
}
