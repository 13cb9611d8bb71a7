/**
 * What scenario files say reaches the terminal (names, unknown keys, code frames), so control
 * characters in them are shown as escapes: a hostile file cannot clear the screen, retitle the
 * window or reverse the text of a CI log. The tool's own colour codes still work.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { printable } from '../../src/report/printable.js';
import { runCli } from '../cli/helpers.js';
import { tempDir } from '../scenario/helpers.js';
import { scenario } from './helpers.js';

/** Every control character a terminal acts on, except new line and tab. */
const raw = /[\u0000-\u0008\u000b-\u001a\u001c-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|\u001b(?!\[[0-9;]*m)/;

describe('terminal-safe output', () => {
  it('escapes control characters and bidi overrides, keeps colours, new lines and tabs', () => {
    expect(printable('a\u001b[2Jb\u0007c\u202ed\te\nf')).toBe('a\\x1b[2Jb\\x07c\\u202ed\te\nf');
    expect(printable('\u001b[31mred\u001b[39m')).toBe('\u001b[31mred\u001b[39m');
    expect(printable('\u001b]0;title\u0007')).toBe('\\x1b]0;title\\x07');
  });

  it('a scenario named with escape sequences, an unknown key holding them and a binary file print no raw control character', async () => {
    const evil = scenario({ name: '"Evil \\e[2J\\e]0;pwned\\a \\u202Egnp.exe"' });
    const dir = tempDir({
      'provision.config.json': JSON.stringify({ reporters: ['default'] }),
      'evil.yaml': evil,
      'keys.yaml': scenario({ name: 'keys', extra: '"colour\\e[2K": red' }),
    });
    writeFileSync(path.join(dir, 'binary.yaml'), Buffer.from(Array.from({ length: 512 }, (_, i) => i % 256)));
    const { code, stdout, stderr } = await runCli(['run', 'evil.yaml', 'keys.yaml', 'binary.yaml'], dir);
    expect(code).toBe(2);
    expect(stdout).toContain('Evil \\x1b[2J\\x1b]0;pwned\\x07 \\u202egnp.exe');
    expect(stderr).toContain('unknown key "colour\\x1b[2K"');
    expect(stderr).toMatch(/binary\.yaml:1:1 SCENARIO_/);
    for (const line of `${stdout}\n${stderr}`.split('\n')) expect(line).not.toMatch(raw);
  });
});
