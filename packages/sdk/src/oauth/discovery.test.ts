import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, ProtocolError } from '../errors.js';
import { discover } from './discovery.js';

const mock = setupServer();
beforeAll(() => mock.listen({ onUnhandledRequest: 'error' }));
afterEach(() => mock.resetHandlers());
afterAll(() => mock.close());

const metadata = (issuer: string) => ({
  issuer,
  authorization_endpoint: `${issuer}/oauth/authorize`,
  token_endpoint: `${issuer}/oauth/token`,
});

describe('discover (RFC 8414)', () => {
  it('reads /.well-known/oauth-authorization-server', async () => {
    mock.use(
      http.get('https://as.test/.well-known/oauth-authorization-server', () =>
        HttpResponse.json(metadata('https://as.test')),
      ),
    );
    expect((await discover('https://as.test')).token_endpoint).toBe('https://as.test/oauth/token');
  });

  it('inserts the well-known segment before the issuer path (§3.1)', async () => {
    mock.use(
      http.get('https://as.test/.well-known/oauth-authorization-server/tenant/a', () =>
        HttpResponse.json(metadata('https://as.test/tenant/a')),
      ),
    );
    expect((await discover('https://as.test/tenant/a')).issuer).toBe('https://as.test/tenant/a');
  });

  it('refuses metadata naming another issuer (§3.3)', async () => {
    mock.use(
      http.get('https://as.test/.well-known/oauth-authorization-server', () =>
        HttpResponse.json(metadata('https://evil.test')),
      ),
    );
    await expect(discover('https://as.test')).rejects.toMatchObject({
      code: 'protocol_error',
      reason: 'issuer_mismatch',
    });
  });

  it('reports a 404 as ApiError and junk as ProtocolError', async () => {
    mock.use(
      http.get('https://a.test/.well-known/oauth-authorization-server', () =>
        HttpResponse.json({ title: 'Not Found', status: 404 }, { status: 404 }),
      ),
      http.get('https://b.test/.well-known/oauth-authorization-server', () =>
        HttpResponse.json({ hello: 1 }),
      ),
    );
    await expect(discover('https://a.test')).rejects.toBeInstanceOf(ApiError);
    await expect(discover('https://b.test')).rejects.toBeInstanceOf(ProtocolError);
  });
});
