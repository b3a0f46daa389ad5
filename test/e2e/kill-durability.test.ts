// No lost writes: every client creation the server acknowledged (2xx) survives a SIGKILL in
// the middle of a stream of creations. The real server runs as a child process; the
// creations go over real HTTP through the SDK. SQLite always; MongoDB when MONGODB_URI is set.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createClient as sdkClient } from '../../packages/sdk/src/generated/client/index.js';
import { createClient, getClient, getReadiness } from '../../packages/sdk/src/generated/sdk.gen.js';
import { CONSOLE_CLIENT_ID } from '../../packages/server/src/bootstrap.js';
import { PersonalAccessTokens } from '../../packages/server/src/domains/tokens/index.js';
import { openStores } from '../../packages/server/src/storage/index.js';
import { contractFetch } from '../helpers/contract.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ADMIN = { username: 'admin', password: 'kill durability admin password' };
const ACKED_BEFORE_KILL = 40;
const WORKERS = 8;

const children = new Set<ChildProcess>();
afterEach(() => {
  for (const child of children) child.kill('SIGKILL');
  children.clear();
});

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

interface Running {
  child: ChildProcess;
  baseUrl: string;
  output: () => string;
}

async function startProcess(databaseUrl: string): Promise<Running> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'packages/server/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LATCHKEY_ISSUER: baseUrl,
      DATABASE_URL: databaseUrl,
      LATCHKEY_ADMIN_USERNAME: ADMIN.username,
      LATCHKEY_ADMIN_PASSWORD: ADMIN.password,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let output = '';
  child.stdout!.on('data', (chunk) => (output += String(chunk)));
  child.stderr!.on('data', (chunk) => (output += String(chunk)));
  const client = sdkClient({ baseUrl });
  const deadline = Date.now() + 150_000; // tsx compiles on start; CI machines may be busy
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`server exited early:\n${output}`);
    }
    const ready = await getReadiness({ client }).catch(() => undefined);
    if (ready?.response?.status === 200) break;
    if (Date.now() > deadline) throw new Error(`server not ready after 150 s:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { child, baseUrl, output: () => output };
}

/** An administrator's PAT on the console client, written straight to the shared store. */
async function adminToken(databaseUrl: string): Promise<string> {
  const stores = await openStores(databaseUrl);
  try {
    const admin = await stores.users.getByUsername(ADMIN.username);
    if (!admin) throw new Error('the server did not bootstrap its administrator');
    const { token } = await new PersonalAccessTokens(stores.personalAccessTokens).create({
      userId: admin.id,
      clientId: CONSOLE_CLIENT_ID,
      name: 'kill-durability',
      scope: 'clients:read clients:write',
      expiresAt: null,
    });
    return token;
  } finally {
    await stores.close();
  }
}

async function killMidStream(databaseUrl: string): Promise<void> {
  const first = await startProcess(databaseUrl);
  const token = await adminToken(databaseUrl);
  const api = sdkClient({
    baseUrl: first.baseUrl,
    fetch: contractFetch(),
    headers: { Authorization: `Bearer ${token}` },
  });

  const acked: string[] = [];
  let inFlight = 0;
  let inFlightAtKill = -1;
  let killed = false;
  let n = 0;
  const worker = async () => {
    while (!killed) {
      inFlight++;
      const res = await createClient({
        client: api,
        body: { client_name: `durable ${n++}`, grant_types: ['client_credentials'], scope: '' },
      }).finally(() => inFlight--);
      if (res.response?.status === 201) {
        acked.push(res.data!.client_id);
        if (acked.length >= ACKED_BEFORE_KILL && !killed) {
          inFlightAtKill = inFlight;
          killed = true;
          first.child.kill('SIGKILL');
        }
      } else if (!killed) {
        throw new Error(`creation failed before the kill: ${JSON.stringify(res.error)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: WORKERS }, worker));
  // A process killed by a signal keeps exitCode null: it has exited once either is set.
  const exited = () => first.child.exitCode !== null || first.child.signalCode !== null;
  await new Promise((resolve) => (exited() ? resolve(null) : first.child.once('exit', resolve)));
  expect(first.child.signalCode).toBe('SIGKILL');
  expect(inFlightAtKill, 'requests were in flight when the process died').toBeGreaterThan(0);

  const second = await startProcess(databaseUrl);
  const again = sdkClient({
    baseUrl: second.baseUrl,
    fetch: contractFetch(),
    headers: { Authorization: `Bearer ${token}` },
  });
  const missing: string[] = [];
  for (const id of acked) {
    const res = await getClient({ client: again, path: { client_id: id } });
    if (res.response?.status !== 200) missing.push(id);
  }
  expect(missing, `${missing.length} of ${acked.length} acknowledged creations were lost`).toEqual(
    [],
  );
  second.child.kill('SIGTERM');
}

describe('kill durability: SQLite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'latchkey-kill-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every acknowledged creation after a SIGKILL', async () => {
    await killMidStream(`sqlite:${join(dir, 'latchkey.db')}`);
  }, 420_000);
});

interface MongoLike {
  connect(): Promise<unknown>;
  db(name: string): { dropDatabase(): Promise<unknown> };
  close(): Promise<void>;
}

const MONGODB_URI = process.env.MONGODB_URI;
if (!MONGODB_URI) {
  console.warn('SKIPPED: kill durability on MongoDB (set MONGODB_URI to run it)');
}

describe.skipIf(!MONGODB_URI)('kill durability: MongoDB', () => {
  const database = `latchkey_kill_${process.pid}_${Date.now()}`;
  const url = (MONGODB_URI ?? '').replace(
    /^(mongodb(?:\+srv)?:\/\/[^/?]*)(\/[^?]*)?/,
    `$1/${database}`,
  );

  afterAll(async () => {
    const require = createRequire(join(ROOT, 'packages/server/package.json'));
    // The driver is the server package's dependency, not the workspace root's.
    const { MongoClient } = require('mongodb') as { MongoClient: new (url: string) => MongoLike };
    const client = new MongoClient(url);
    try {
      await client.connect();
      await client.db(database).dropDatabase();
    } finally {
      await client.close();
    }
  });

  it('keeps every acknowledged creation after a SIGKILL', async () => {
    await killMidStream(url);
  }, 420_000);
});
