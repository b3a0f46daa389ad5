import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Koa from 'koa';
import { afterEach, describe, expect, it } from 'vitest';
import { consoleStatic } from './console.js';

let server: Server | undefined;
let dir: string | undefined;

afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  if (dir) await rm(dir, { recursive: true, force: true });
  server = dir = undefined;
});

/** A console build in a temp folder (or none), served like the app does. */
async function serve(files: Record<string, string> | null): Promise<string> {
  dir = await mkdtemp(path.join(tmpdir(), 'latchkey-console-'));
  const root = path.join(dir, 'dist');
  if (files) {
    for (const [name, body] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(root, name)), { recursive: true });
      await writeFile(path.join(root, name), body);
    }
  }
  await writeFile(path.join(dir, 'secret.txt'), 'outside the build');
  const app = new Koa();
  app.use(consoleStatic({ dir: root }));
  app.use((ctx) => {
    ctx.status = 404;
    ctx.body = 'api';
  });
  server = createServer(app.callback());
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const BUILD = {
  'index.html':
    '<!doctype html><title>Console</title><script type="module" src="/console/assets/app-1a2b.js"></script>',
  'assets/app-1a2b.js': 'console.log(1)',
  'favicon.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
};

describe('console static files', () => {
  it('answers every app route with index.html, revalidated on each load', async () => {
    const base = await serve(BUILD);
    for (const route of [
      '/console',
      '/console/',
      '/console/callback',
      '/console/clients/cl_1/edit',
    ]) {
      const res = await fetch(`${base}${route}?code=x`);
      expect(res.status, route).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(await res.text()).toContain('<title>Console</title>');
    }
  });

  it('caches hashed assets for good, other files for an hour, and answers 304 to a known ETag', async () => {
    const base = await serve(BUILD);
    const asset = await fetch(`${base}/console/assets/app-1a2b.js`);
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await asset.text()).toBe('console.log(1)');

    const icon = await fetch(`${base}/console/favicon.svg`);
    expect(icon.headers.get('content-type')).toBe('image/svg+xml');
    expect(icon.headers.get('cache-control')).toBe('public, max-age=3600');

    const etag = asset.headers.get('etag')!;
    // As a browser revalidates (fetch() alone would add Cache-Control: no-cache).
    const again = await fetch(`${base}/console/assets/app-1a2b.js`, {
      headers: { 'If-None-Match': etag, 'Cache-Control': 'max-age=0' },
    });
    expect(again.status).toBe(304);
  });

  it('answers 404, not the app, for a missing file, and never serves outside the build', async () => {
    const base = await serve(BUILD);
    expect((await fetch(`${base}/console/assets/gone-9z.js`)).status).toBe(404);
    for (const sneaky of [
      '/console/../secret.txt',
      '/console/%2e%2e/secret.txt',
      '/console/..%2fsecret.txt',
    ]) {
      const res = await fetch(`${base}${sneaky}`);
      expect(await res.text(), sneaky).not.toContain('outside the build');
    }
    expect((await fetch(`${base}/console/%E0%A4%A`)).status).toBe(404);
  });

  it('leaves other methods and paths to the API', async () => {
    const base = await serve(BUILD);
    expect(await (await fetch(`${base}/console`, { method: 'POST' })).text()).toBe('api');
    expect(await (await fetch(`${base}/consoles`)).text()).toBe('api');
  });

  it('explains with a 503 page, not a 500, that the console is not built', async () => {
    const base = await serve(null);
    const res = await fetch(`${base}/console/clients`);
    expect(res.status).toBe(503);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const page = await res.text();
    expect(page).toContain('pnpm build:console');
    expect(page).not.toMatch(/<script|<style|style=/);
  });
});
