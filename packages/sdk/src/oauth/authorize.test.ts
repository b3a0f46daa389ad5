import { describe, expect, it } from 'vitest';
import { OAuthError, ProtocolError } from '../errors.js';
import { buildAuthorizeUrl, parseCallback } from './authorize.js';

const ISSUER = 'https://as.test';
const CB = 'https://app.example/callback';

describe('buildAuthorizeUrl', () => {
  it('builds an RFC 6749 §4.1.1 request with S256 PKCE', () => {
    const url = new URL(
      buildAuthorizeUrl({
        server: { authorization_endpoint: `${ISSUER}/oauth/authorize` },
        clientId: 'cl_1',
        redirectUri: CB,
        scope: ['profile', 'tokens:read'],
        state: 'st&te',
        pkce: { codeChallenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM' },
        prompt: 'consent',
        extraParams: { nonce: 'n1', response_type: 'token' },
      }),
    );
    expect(url.origin + url.pathname).toBe(`${ISSUER}/oauth/authorize`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      nonce: 'n1',
      response_type: 'code', // extra params cannot override the protocol ones
      client_id: 'cl_1',
      redirect_uri: CB,
      scope: 'profile tokens:read',
      state: 'st&te',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
      prompt: 'consent',
    });
  });
});

describe('parseCallback', () => {
  const opts = { expectedState: 'abc', issuer: ISSUER };
  const cb = (query: string) => `${CB}?${query}`;

  it('returns the code when state and iss match', () => {
    expect(parseCallback(cb(`code=xyz&state=abc&iss=${encodeURIComponent(ISSUER)}`), opts)).toEqual(
      {
        code: 'xyz',
        state: 'abc',
      },
    );
  });

  it('refuses a state mismatch (CSRF)', () => {
    const run = () => parseCallback(cb(`code=xyz&state=evil&iss=${ISSUER}`), opts);
    expect(run).toThrow(ProtocolError);
    expect(run).toThrow(expect.objectContaining({ reason: 'state_mismatch' }));
  });

  it('refuses a missing state', () => {
    expect(() => parseCallback(cb(`code=xyz&iss=${ISSUER}`), opts)).toThrow(
      expect.objectContaining({ reason: 'state_mismatch' }),
    );
  });

  it('refuses another issuer (RFC 9207 mix-up)', () => {
    expect(() => parseCallback(cb('code=xyz&state=abc&iss=https://evil.test'), opts)).toThrow(
      expect.objectContaining({ code: 'protocol_error', reason: 'issuer_mismatch' }),
    );
  });

  it('refuses a missing iss unless told it may be absent', () => {
    expect(() => parseCallback(cb('code=xyz&state=abc'), opts)).toThrow(
      expect.objectContaining({ reason: 'issuer_mismatch' }),
    );
    expect(parseCallback(cb('code=xyz&state=abc'), { ...opts, requireIssuer: false }).code).toBe(
      'xyz',
    );
  });

  it('checks iss and state before trusting an error response', () => {
    expect(() => parseCallback(cb('error=access_denied&state=evil&iss=' + ISSUER), opts)).toThrow(
      ProtocolError,
    );
  });

  it('throws the OAuthError of an error response', () => {
    let error: unknown;
    try {
      parseCallback(
        cb(`error=access_denied&error_description=The+user+said+no&state=abc&iss=${ISSUER}`),
        opts,
      );
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OAuthError);
    expect(error).toMatchObject({ error: 'access_denied', description: 'The user said no' });
  });

  it('refuses a success without a code', () => {
    expect(() => parseCallback(cb(`state=abc&iss=${ISSUER}`), opts)).toThrow(
      expect.objectContaining({ reason: 'missing_code' }),
    );
  });
});
