import { describe, expect, it } from 'vitest';
import { redirectUriMatches, withParams } from './redirect-uri.js';

describe('redirectUriMatches', () => {
  const registered = ['https://app.example/cb', 'http://127.0.0.1/native', 'http://[::1]:9/v6'];

  it('matches exact strings only, never normalized forms', () => {
    expect(redirectUriMatches(registered, 'https://app.example/cb')).toBe(true);
    for (const uri of [
      'https://app.example/cb/',
      'https://APP.example/cb',
      'https://app.example/cb?x',
      'https://app.example/./cb',
    ]) {
      expect(redirectUriMatches(registered, uri), uri).toBe(false);
    }
  });

  it('lets loopback IP literals vary the port (RFC 8252 §7.3)', () => {
    expect(redirectUriMatches(registered, 'http://127.0.0.1:51004/native')).toBe(true);
    expect(redirectUriMatches(registered, 'http://127.0.0.1/native')).toBe(true);
    expect(redirectUriMatches(registered, 'http://[::1]:4000/v6')).toBe(true);
    expect(redirectUriMatches(registered, 'http://127.0.0.1:51004/other')).toBe(false);
    expect(redirectUriMatches(registered, 'http://localhost:51004/native')).toBe(false);
    expect(redirectUriMatches(registered, 'https://127.0.0.1:51004/native')).toBe(false);
    expect(redirectUriMatches(['https://app.example:8443/cb'], 'https://app.example:9443/cb')).toBe(
      false,
    );
  });
});

describe('withParams', () => {
  it('keeps the URI’s own query and encodes the response', () => {
    expect(
      withParams('https://a.example/cb?tenant=1', {
        code: 'x y',
        state: undefined,
        iss: 'http://i',
      }),
    ).toBe('https://a.example/cb?tenant=1&code=x+y&iss=http%3A%2F%2Fi');
  });
});
