import { describe, expect, it } from 'vitest';
import { fitToWidth, useColor } from '../../src/cli/commands/run.js';

const io = (isTTY: boolean) => ({ stdout() {}, stderr() {}, isTTY });

describe('useColor', () => {
  it.each([
    { why: 'a terminal', tty: true, env: {}, options: {}, color: true },
    { why: 'a pipe', tty: false, env: {}, options: {}, color: false },
    { why: 'CI=true alone changes nothing', tty: false, env: { CI: 'true' }, options: {}, color: false },
    { why: '--no-color', tty: true, env: {}, options: { color: false }, color: false },
    { why: 'NO_COLOR=1', tty: true, env: { NO_COLOR: '1' }, options: {}, color: false },
    { why: 'an empty NO_COLOR does not count (no-color.org)', tty: true, env: { NO_COLOR: '' }, options: {}, color: true },
    { why: 'FORCE_COLOR=1 on a pipe', tty: false, env: { FORCE_COLOR: '1' }, options: {}, color: true },
    { why: 'FORCE_COLOR=0 on a terminal', tty: true, env: { FORCE_COLOR: '0' }, options: {}, color: false },
    { why: 'NO_COLOR wins over FORCE_COLOR', tty: true, env: { NO_COLOR: '1', FORCE_COLOR: '1' }, options: {}, color: false },
    { why: '--no-color wins over FORCE_COLOR', tty: true, env: { FORCE_COLOR: '1' }, options: { color: false }, color: false },
  ])('$why → $color', ({ tty, env, options, color }) => {
    expect(useColor({ options, io: io(tty) }, env)).toBe(color);
  });
});

describe('fitToWidth (the live status line)', () => {
  it.each([
    { text: 'running 1/2 · short', columns: 80, shown: 'running 1/2 · short' },
    { text: '\u001b[2mrunning 1/2 · short\u001b[22m', columns: 80, shown: '\u001b[2mrunning 1/2 · short\u001b[22m' },
    { text: '\u001b[2mrunning 1/2 · a long scenario name\u001b[22m', columns: 20, shown: 'running 1/2 · a lo…' },
    { text: 'running 1/2 · 🙂🙂🙂🙂🙂🙂🙂🙂', columns: 18, shown: 'running 1/2 · 🙂🙂…' },
    { text: 'no width known', columns: undefined, shown: 'no width known' },
  ])('$columns columns: $shown', ({ text, columns, shown }) => {
    expect(fitToWidth(text, columns)).toBe(shown);
  });
});
