// One server per test file: started before the file's tests with an administrator signed in,
// closed after them.
import type { Config } from '@latchkey/server';
import { afterAll, beforeAll } from 'vitest';
import { signIn, type Caller } from './management.js';
import { startServer, type TestServer } from './server.js';

export interface ServerWithAdmin {
  server: TestServer;
  admin: Caller;
}

/** Registers the file's beforeAll/afterAll; the fields are set once the server is up. */
export function serverWithAdmin(overrides: Partial<Config> = {}): ServerWithAdmin {
  const env = {} as ServerWithAdmin;
  beforeAll(async () => {
    env.server = await startServer(overrides);
    env.admin = await signIn(env.server);
  });
  afterAll(() => env.server.close());
  return env;
}
