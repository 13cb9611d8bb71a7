import { describe, expect, it } from 'vitest';
import { maskField, maskSecret } from '../../src/core/mask.js';

describe('maskSecret', () => {
  it.each([
    { text: 'token test refused', secret: 'test', out: 'token * refused' },
    { text: '{"detail":"test"}', secret: 'test', out: '{"detail":"*"}' },
    { text: 'testConnection', secret: 'test', out: 'testConnection' },
    { text: 'latest', secret: 'test', out: 'latest' },
    { text: 'POST https://scim.contoso.test/scim/v2', secret: 'test', out: 'POST https://scim.contoso.test/scim/v2' },
    { text: 'token test. Retry', secret: 'test', out: 'token *. Retry' },
    { text: 'a test-token b', secret: 'test', out: 'a *-token b' },
    { text: 'k-tim', secret: 'tim', out: 'k-*' },
    { text: 'tok-secret-1', secret: 'tok-secret-1', out: '*' },
    { text: 'timing timestamp', secret: 'tim', out: 'timing timestamp' },
    { text: 'tim@contoso.com', secret: 'tim', out: '*@contoso.com' },
    { text: 'tim tim_x tim', secret: 'tim', out: '* tim_x *' },
    { text: 'me@home', secret: '@home', out: 'me*' },
    { text: 'P@ss-word!', secret: 'P@ss-word', out: '*!' },
    { text: 'Kürbis Kürbisse', secret: 'Kürbis', out: '* Kürbisse' },
    { text: 'ab', secret: 'ab', out: '*' },
    { text: 'cabin ab', secret: 'ab', out: 'cabin ab' },
    { text: 'anything', secret: '', out: 'anything' },
  ])('$secret in "$text" → "$out"', ({ text, secret, out }) => {
    expect(maskSecret(text, secret, '*')).toBe(out);
  });
});

describe('maskField', () => {
  const mask = (text: string) => maskSecret(text, 'match', '*');
  it.each([
    { key: 'key', text: 'match', out: 'match' },
    { key: 'status', text: 'match', out: 'match' },
    { key: 'key', text: '{"errorMessage":"token match refused"}', out: '{"errorMessage":"token * refused"}' },
    { key: 'step', text: 'match', out: 'match' },
    { key: 'step', text: 'match@contoso.com:match', out: '*@contoso.com:match' },
    { key: 'description', text: 'token match refused', out: 'token * refused' },
    { key: undefined, text: 'match', out: '*' },
  ])('$key: "$text" → "$out"', ({ key, text, out }) => {
    expect(maskField(key, text, mask)).toBe(out);
  });
});
