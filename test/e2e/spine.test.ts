// The server spine: health, routing of every operation in the contract, error shapes.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpenAPIBackend } from 'openapi-backend';
import {
  getHealth,
  getReadiness,
  getMetrics,
  token,
} from '../../packages/sdk/src/generated/sdk.gen.js';
import { SPEC_PATH } from '../../packages/server/src/app.js';
import { startServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

describe('health', () => {
  it('answers /healthz and /readyz', async () => {
    const health = await getHealth({ client: server.client });
    expect(health.response.status).toBe(200);
    expect(health.data).toEqual({ status: 'ok' });
    const ready = await getReadiness({ client: server.client });
    expect(ready.data).toEqual({ status: 'ok', checks: { store: 'ok' } });
  });

  it('exposes Prometheus metrics', async () => {
    const metrics = await getMetrics({ client: server.client, parseAs: 'text' });
    expect(metrics.response.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(String(metrics.data)).toMatch(/latchkey_http_requests_total\{code="2xx"\} \d+/);
  });
});

describe('routing', () => {
  it('routes every operation in the spec (501 names the ones not built yet)', async () => {
    const api = await new (class extends OpenAPIBackend {
      override validateDefinition() {
        return this.document;
      }
    })({ definition: SPEC_PATH, strict: true, validate: false }).init();
    const operations = api.getOperations();
    expect(operations.length).toBeGreaterThan(40);
    for (const op of operations) {
      const path = op.path.replace(/\{[^}]+\}/g, 'x');
      const res = await fetch(server.baseUrl + path, {
        method: op.method.toUpperCase(),
        redirect: 'manual',
      });
      expect.soft(res.status, `${op.operationId} is routed`).not.toBe(405);
      if (res.status === 404) {
        expect
          .soft((await res.clone().json()).detail, `${op.operationId} is routed`)
          .not.toBe('No such resource.');
      }
      if (res.status === 501) {
        expect(res.headers.get('content-type')).toBe('application/problem+json');
        expect(await res.json()).toMatchObject({ status: 501, operation_id: op.operationId });
      }
    }
  });

  it('answers an unknown path with 404 problem+json', async () => {
    const res = await fetch(`${server.baseUrl}/no/such/thing`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toMatchObject({ status: 404, title: 'Not Found' });
  });

  it('answers a wrong method with 405 problem+json and Allow', async () => {
    const res = await fetch(`${server.baseUrl}/healthz`, { method: 'DELETE' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET');
    expect(await res.json()).toMatchObject({ status: 405 });
  });
});

describe('bad input', () => {
  it('refuses an OAuth request that fails validation with RFC 6749 invalid_request', async () => {
    const res = await token({
      client: server.client,
      body: { scope: 'profile' } as never,
    });
    expect(res.response.status).toBe(400);
    expect(res.error).toMatchObject({ error: 'invalid_request' });
    expect((res.error as { error_description: string }).error_description).toMatch(/grant_type/);
  });

  it('refuses a path with broken percent-encoding with 400, not 500', async () => {
    const res = await fetch(`${server.baseUrl}/api/v1/clients/%E0%A4%A`);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
  });

  it('refuses a body over 256 KiB with 413, declared or streamed, and keeps serving', async () => {
    const declared = await fetch(`${server.baseUrl}/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `grant_type=client_credentials&pad=${'x'.repeat(300 * 1024)}`,
    });
    expect(declared.status).toBe(413);
    // Chunked, no Content-Length: the limit is enforced while reading.
    const streamed = await new Promise<number>((resolve, reject) => {
      const req = request(`${server.baseUrl}/api/v1/clients`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      const chunk = 'x'.repeat(64 * 1024);
      for (let i = 0; i < 5; i++) req.write(chunk);
      req.end();
    });
    expect(streamed).toBe(413);
    expect((await fetch(`${server.baseUrl}/healthz`)).status).toBe(200);
  });

  it('refuses malformed JSON with 400 problem+json', async () => {
    const res = await fetch(`${server.baseUrl}/api/v1/clients`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"client_name":',
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
  });
});
