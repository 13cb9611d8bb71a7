import { describe, expect, it } from 'vitest';
import { selectScenarios } from '../../src/runner/select.js';

const all = [
  { name: 'Alice is created', tags: ['users', 'create'] },
  { name: 'Bob is disabled', tags: ['users', 'disable', 'slow'] },
  { name: 'Sales group', tags: ['groups'] },
];
const names = (selection: Parameters<typeof selectScenarios>[1]) => selectScenarios(all, selection).map((s) => s.name);

describe('selectScenarios', () => {
  it.each([
    ['nothing: everything', {}, ['Alice is created', 'Bob is disabled', 'Sales group']],
    ['--grep, case-insensitive', { grep: 'alice|SALES' }, ['Alice is created', 'Sales group']],
    ['--tag: any of the tags', { tags: ['create', 'groups'] }, ['Alice is created', 'Sales group']],
    ['--tag with commas', { tags: ['create,groups'] }, ['Alice is created', 'Sales group']],
    ['--tag !t excludes', { tags: ['!slow'] }, ['Alice is created', 'Sales group']],
    ['include and exclude', { tags: ['users', '!slow'] }, ['Alice is created']],
    ['tags compare case-insensitively', { tags: ['USERS'] }, ['Alice is created', 'Bob is disabled']],
    ['grep and tags together', { grep: 'bob', tags: ['users'] }, ['Bob is disabled']],
    ['nothing matches', { tags: ['nope'] }, []],
  ])('%s', (_title, selection, expected) => expect(names(selection)).toEqual(expected));

  it('an invalid --grep is a usage error', () => {
    expect(() => names({ grep: '(' })).toThrow(expect.objectContaining({ code: 'CLI_INVALID_GREP', exitCode: 2 }));
  });
});
