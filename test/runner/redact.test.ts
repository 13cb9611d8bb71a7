import { describe, expect, it } from 'vitest';
import { createRedactor } from '../../src/runner/redact.js';

describe('createRedactor', () => {
  const redact = createRedactor({ tokens: ['tok-secret-1'], redacted: ['P@ss-word'] });

  it('masks tokens and Redact() values wherever they appear, keys included', () => {
    expect(
      redact({
        headers: { Authorization: 'Bearer tok-secret-1', 'x-other': 'id tok-secret-1 end' },
        body: { password: 'P@ss-word', list: ['a', 'P@ss-word!'], 'tok-secret-1': 1 },
        n: 3,
        ok: true,
        none: null,
      }),
    ).toEqual({
      headers: { Authorization: 'Bearer [REDACTED]', 'x-other': 'id [REDACTED] end' },
      body: { password: '[Redact]', list: ['a', '[Redact]!'], '[REDACTED]': 1 },
      n: 3,
      ok: true,
      none: null,
    });
  });

  it('masks any Authorization header, even with an unknown credential', () => {
    expect(createRedactor({ tokens: [], redacted: [] })({ authorization: 'Basic dXNlcjpwYXNz' })).toEqual({ authorization: 'Basic [REDACTED]' });
  });

  it('masks very short secrets only where they are the whole value', () => {
    const short = createRedactor({ tokens: ['ab'], redacted: [] });
    expect(short({ a: 'ab', b: 'cabin' })).toEqual({ a: '[REDACTED]', b: 'cabin' });
  });

  it('masks a token only as a whole word, so a short word token leaves the report structure alone', () => {
    // A scenario token `test` used to turn step key `testConnection` into `[REDACTED]Connection`
    // (explain crashed on the missing step).
    const word = createRedactor({ tokens: ['test'], redacted: [] });
    expect(word({ key: 'testConnection', testConnection: { detail: 'token test refused' } })).toEqual({
      key: 'testConnection',
      testConnection: { detail: 'token [REDACTED] refused' },
    });
  });

  it('leaves the report\'s own vocabulary alone when a token is one of its words', () => {
    // A token `match` used to blank the match step's key, and explain failed on it.
    const word = createRedactor({ tokens: ['match'], redacted: [] });
    expect(word({ steps: [{ key: 'match', status: 'success', description: 'no match found' }], exchanges: [{ step: 'match' }] })).toEqual({
      steps: [{ key: 'match', status: 'success', description: 'no [REDACTED] found' }],
      exchanges: [{ step: 'match' }],
    });
  });

  it('does not change its input', () => {
    const input = { a: 'tok-secret-1' };
    redact(input);
    expect(input).toEqual({ a: 'tok-secret-1' });
  });
});
