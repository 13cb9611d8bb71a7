import { describe, expect, it } from 'vitest';
import { parseYamlStream } from '../../src/scenario/yaml-source.js';
import { placeStageIssue, type StageIssue } from '../../src/scenario/stage-checks.js';

/**
 * A stage reports a column inside an expression; the issue must point at that character in the
 * file whatever the quoting. Each case marks the character with `^` in the expression and the
 * expected file position.
 */
const cases: Array<{ title: string; yaml: string; column: number; where: string }> = [
  { title: 'plain scalar', yaml: 'expression: Join(" ", [a], [b]\n', column: 17, where: '1:29' },
  { title: 'single-quoted', yaml: "expression: 'Join(\" \", [a]'\n", column: 10, where: '1:23' },
  { title: "single-quoted with ''", yaml: "expression: 'Replace([a], , \"it''s\", , , , )'\n", column: 24, where: '1:38' },
  { title: 'double-quoted with escapes', yaml: 'expression: "Join(\\"-\\", [a], [b"\n', column: 16, where: '1:31' },
  { title: 'block literal, second line', yaml: 'expression: |\n  Switch([a], "x",\n    "1", [b]\n', column: 23, where: '3:8' },
  { title: 'folded plain over two lines', yaml: 'expression: Join(" ",\n  [a], [b])\n', column: 16, where: '2:8' },
];

describe('placeStageIssue', () => {
  it.each(cases)('$title', ({ yaml, column, where }) => {
    const { documents } = parseYamlStream(yaml, 'app.yaml');
    const issue: StageIssue = { code: 'EXPR_SYNTAX', message: 'x', path: ['expression'], column };
    const placed = placeStageIssue(issue, { kind: 'yaml', yaml: documents[0]!, basePath: [] });
    expect(`${placed.location?.line}:${placed.location?.column}`).toBe(where);
    expect(placed.frame).toContain('^');
  });

  it('prefixes the app path inside a scenario and falls back to the node without a column', () => {
    const { documents } = parseYamlStream('name: x\napp:\n  objects:\n    user:\n      mappings:\n        - { target: a, source: b }\n', 's.yaml');
    const placed = placeStageIssue(
      { code: 'MAPPING_UNKNOWN_TARGET', message: 'x', path: ['objects', 'user', 'mappings', 0, 'target'] },
      { kind: 'yaml', yaml: documents[0]!, basePath: ['app'] },
    );
    expect(placed.path).toEqual(['app', 'objects', 'user', 'mappings', 0, 'target']);
    expect(placed.location).toMatchObject({ file: 's.yaml', line: 6, column: 21 });
  });

  it('names the config file for an app defined in provision.config.ts', () => {
    const placed = placeStageIssue({ code: 'X', message: 'x', path: ['objects'], column: 3 }, { kind: 'config', file: 'provision.config.ts', basePath: ['apps', 'contoso'] });
    expect(placed).toEqual({ code: 'X', message: 'x', path: ['apps', 'contoso', 'objects'], file: 'provision.config.ts' });
  });
});
