import { describe, expect, it } from 'vitest';
import { ProtocolError } from '../errors.js';
import { createPkce, generateState } from './pkce.js';

describe('createPkce', () => {
  it('matches the RFC 7636 Appendix B example', async () => {
    const pkce = await createPkce({ codeVerifier: 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk' });
    expect(pkce).toEqual({
      codeVerifier: 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk',
      codeChallenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      codeChallengeMethod: 'S256',
    });
  });

  it('makes a fresh 43-character verifier of the unreserved alphabet each time', async () => {
    const a = await createPkce();
    const b = await createPkce();
    expect(a.codeVerifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.codeChallenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.codeVerifier).not.toBe(b.codeVerifier);
  });

  it('refuses a verifier RFC 7636 §4.1 does not allow', async () => {
    await expect(createPkce({ codeVerifier: 'too-short' })).rejects.toBeInstanceOf(ProtocolError);
  });
});

describe('generateState', () => {
  it('is 128 random bits, base64url', () => {
    expect(generateState()).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(generateState()).not.toBe(generateState());
  });
});
