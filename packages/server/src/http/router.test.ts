// The route table compiled from the spec's operations.
import type { Operation } from 'openapi-backend';
import { describe, expect, it } from 'vitest';
import { RouteTable } from './router.js';

const op = (method: string, path: string) =>
  ({ method, path, operationId: `${method} ${path}` }) as unknown as Operation;

const table = new RouteTable([
  op('get', '/api/v1/clients'),
  op('post', '/api/v1/clients'),
  op('get', '/api/v1/clients/{client_id}'),
  op('delete', '/api/v1/clients/{client_id}'),
  op('get', '/api/v1/users/me'),
  op('get', '/api/v1/users/{user_id}'),
  op('post', '/api/v1/clients/{client_id}/secret'),
]);
const id = (m: ReturnType<RouteTable['match']>) =>
  m && 'operation' in m ? m.operation.operationId : m;

describe('RouteTable', () => {
  it('matches literal paths, ignoring trailing slashes', () => {
    expect(id(table.match('GET', '/api/v1/clients'))).toBe('get /api/v1/clients');
    expect(id(table.match('POST', '/api/v1/clients/'))).toBe('post /api/v1/clients');
  });

  it('decodes path parameters and prefers the more literal path', () => {
    const m = table.match('GET', '/api/v1/clients/a%20b');
    expect(m && 'params' in m && m.params).toEqual({ client_id: 'a b' });
    expect(id(table.match('GET', '/api/v1/users/me'))).toBe('get /api/v1/users/me');
    expect(id(table.match('GET', '/api/v1/users/u1'))).toBe('get /api/v1/users/{user_id}');
    expect(id(table.match('POST', '/api/v1/clients/c1/secret'))).toBe(
      'post /api/v1/clients/{client_id}/secret',
    );
  });

  it('names the allowed methods of a known path, and nothing for an unknown one', () => {
    expect(table.match('PUT', '/api/v1/clients/c1')).toEqual({ allowed: ['get', 'delete'] });
    expect(table.match('DELETE', '/api/v1/clients')).toEqual({ allowed: ['get', 'post'] });
    expect(table.match('GET', '/api/v1/nothing')).toBeUndefined();
    expect(table.match('GET', '/api/v1/clients/c1/extra')).toBeUndefined();
  });
});
