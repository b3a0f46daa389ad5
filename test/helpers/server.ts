// Starts a real Latchkey server in-process on a loopback port, over a fresh in-memory SQLite
// store unless told otherwise, and gives tests a generated-SDK client that checks every
// response against the contract.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp, testConfig, type App, type Config } from '@latchkey/server';
import { createClient, type Client } from '../../packages/sdk/src/generated/client/index.js';
import { contractFetch } from './contract.js';

export interface TestServer {
  app: App;
  baseUrl: string;
  /** Generated-SDK client; every response it sees is validated against the spec. */
  client: Client;
  /** A client that sends the given bearer token. */
  as(token: string): Client;
  close(): Promise<void>;
}

export async function startServer(overrides: Partial<Config> = {}): Promise<TestServer> {
  const server: Server = createServer();
  // As in main.ts: the server must not close idle keep-alive sockets before the client does,
  // or a busy machine races a reused socket against its closing (ECONNRESET).
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  const app = await createApp(testConfig({ port, issuer: baseUrl, ...overrides }));
  server.on('request', app.koa.callback());
  const make = (token?: string) =>
    createClient({
      baseUrl,
      fetch: contractFetch(),
      ...(token ? { headers: { Authorization: `Bearer ${token}` } } : {}),
    });
  return {
    app,
    baseUrl,
    client: make(),
    as: make,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await app.close();
    },
  };
}
