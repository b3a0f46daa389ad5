import { describe, expect, it } from 'vitest';
import {
  ApiError,
  NetworkError,
  OAuthError,
  ProtocolError,
  SessionExpiredError,
  isApiError,
  isLatchkeyError,
  isNetworkError,
  isOAuthError,
  isProtocolError,
  isSessionExpiredError,
  type LatchkeyErrorType,
} from './errors.js';

const all: LatchkeyErrorType[] = [
  new OAuthError({ error: 'invalid_grant' }, 400),
  new ApiError(404, { title: 'Not Found', status: 404 }),
  new NetworkError('https://x.test', new TypeError('fetch failed')),
  new SessionExpiredError(),
  new ProtocolError('state_mismatch', 'state'),
];

describe('errors', () => {
  it('carry a stable code and each guard recognises exactly its class', () => {
    expect(all.map((e) => e.code)).toEqual([
      'oauth_error',
      'api_error',
      'network_error',
      'session_expired',
      'protocol_error',
    ]);
    const guards = [
      isOAuthError,
      isApiError,
      isNetworkError,
      isSessionExpiredError,
      isProtocolError,
    ];
    guards.forEach((guard, i) => {
      expect(all.map((e) => guard(e))).toEqual(all.map((_, j) => i === j));
    });
    expect(all.every(isLatchkeyError)).toBe(true);
    expect(isLatchkeyError(new Error('x'))).toBe(false);
    expect(isLatchkeyError({ code: 'api_error' })).toBe(false);
    expect(all.map((e) => e.name)).toEqual([
      'OAuthError',
      'ApiError',
      'NetworkError',
      'SessionExpiredError',
      'ProtocolError',
    ]);
  });

  it('names the socket error of a failed fetch', () => {
    const cause = new TypeError('fetch failed', {
      cause: new Error('connect ECONNREFUSED 127.0.0.1:9'),
    });
    expect(new NetworkError('http://127.0.0.1:9/api', cause).message).toBe(
      'Could not reach http://127.0.0.1:9/api: connect ECONNREFUSED 127.0.0.1:9',
    );
  });
});
