// Latchkey on one store (sqlite or mongo): fixtures written by latchkey/setup.ts through the
// app's own stores, then the server (built dist/main.js, or src/main.ts through tsx) pinned to
// the server CPU. One-shot credentials (codes, refresh tokens) come one per request from a list.
import { mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { config, scenarioSeconds } from '../lib/config.mjs';
import { startFerretDb } from '../lib/ferretdb.mjs';
import { freePort, runCommand, spawnPinned, stopProcess, waitForHttp } from '../lib/proc.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Rough one-shot throughput ceilings per store, to size the lists with a margin. */
const ONE_SHOT_RPS = { sqlite: 4000, mongo: 150 };

let entry; // how the server runs, decided once per run

/**
 * Builds the server once (`pnpm --filter @latchkey/server build`, as `pnpm start` does) and
 * runs dist/main.js; falls back to src/main.ts through tsx when the build fails (work in
 * progress elsewhere in the tree) or when BENCH_LATCHKEY_RUN=tsx.
 */
async function serverEntry(ctx) {
  if (entry) return entry;
  const flags = startFlags();
  const tsx = {
    args: [...flags, '--import', 'tsx', 'packages/server/src/main.ts'],
    how: ['node', ...flags, '--import tsx packages/server/src/main.ts'].join(' '),
  };
  if (config.latchkeyRun === 'tsx') return (entry = tsx);
  try {
    ctx.log('  building the server (pnpm --filter @latchkey/server build) ...');
    await runCommand('pnpm', ['--filter', '@latchkey/server', 'build'], {
      cwd: ROOT,
      timeoutMs: 300_000,
    });
    entry = {
      args: [...flags, 'packages/server/dist/main.js'],
      how: ['node', ...flags, 'packages/server/dist/main.js (tsc build)'].join(' '),
    };
  } catch (err) {
    ctx.log(`  build failed, running from source through tsx: ${err.message.slice(-300)}`);
    entry = { ...tsx, how: `${tsx.how} (the tsc build failed)` };
  }
  return entry;
}

/** The node flags of the server's own start script (`node <flags> dist/main.js`). */
function startFlags() {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'packages/server/package.json'), 'utf8'));
  const flags = /\bnode ((?:--\S+ )*)dist\/main\.js/.exec(pkg.scripts.start)?.[1] ?? '';
  return flags.split(' ').filter(Boolean);
}

function serverEnv(port, databaseUrl) {
  return {
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    LATCHKEY_ISSUER: `http://127.0.0.1:${port}`,
    DATABASE_URL: databaseUrl,
    LATCHKEY_ADMIN_USERNAME: 'admin',
    LATCHKEY_ADMIN_PASSWORD: 'bench administrator password',
    LOG_LEVEL: 'warn',
  };
}

async function start(store, ctx) {
  const dir = mkdtempSync(join(ctx.workDir, `latchkey-${store}-`));
  let db;
  let databaseUrl = `sqlite:${join(dir, 'latchkey.db')}`;
  if (store === 'mongo') {
    if (config.mongoUri) {
      databaseUrl = `${config.mongoUri.replace(/\/[^/?]*(\?|$)/, '/')}latchkey_bench_${Date.now()}`;
    } else {
      db = await startFerretDb({
        port: config.ferretdbPort,
        cpu: config.serverCpu,
        workDir: ctx.workDir,
      });
      databaseUrl = `${db.uri}latchkey_bench`;
    }
  }
  const port = await freePort();
  const env = serverEnv(port, databaseUrl);
  const oneShot = config.oneShot ?? Math.ceil(ONE_SHOT_RPS[store] * scenarioSeconds() * 1.3) + 1000;
  ctx.log(`  fixtures: ${oneShot} codes and ${oneShot} refresh tokens into ${store} ...`);
  const started = Date.now();
  await runCommand(process.execPath, ['--import', 'tsx', 'bench/latchkey/setup.ts'], {
    cwd: ROOT,
    timeoutMs: 900_000,
    env: {
      ...env,
      BENCH_OUT: dir,
      BENCH_CODES: String(oneShot),
      BENCH_REFRESH_TOKENS: String(oneShot),
      BENCH_PASSWORD_CLIENTS: String(config.passwordClients),
    },
  });
  ctx.log(`  fixtures written in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const fixtures = JSON.parse(readFileSync(join(dir, 'fixtures.json'), 'utf8'));
  const how = await serverEntry(ctx);
  const child = spawnPinned(config.serverCpu, process.execPath, [...config.nodeArgs, ...how.args], {
    cwd: ROOT,
    env,
    logFile: join(dir, 'server.log'),
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${baseUrl}/healthz`, child, 60_000);
  } catch (err) {
    await stopProcess(child);
    await db?.stop();
    throw err;
  }
  return {
    pid: child.pid,
    dbPid: db?.pid,
    baseUrl,
    databaseUrl,
    fixtures,
    how: how.how,
    stop: async () => {
      await stopProcess(child);
      await db?.stop();
    },
  };
}

const FORM = 'application/x-www-form-urlencoded';
const enc = encodeURIComponent;
const active = (b) => (b.active === true ? undefined : 'token not active');
const issued = (b) => (b.access_token ? undefined : 'no access_token');

function scenarios(store, { fixtures: f }) {
  const id = (name) => `latchkey-${store}/${name}`;
  const token = (basic, body) => ({
    method: 'POST',
    path: '/oauth/token',
    headers: { 'Content-Type': FORM, Authorization: basic },
    body,
  });
  const introspect = (basic, value) => ({
    method: 'POST',
    path: '/oauth/introspect',
    headers: { 'Content-Type': FORM, Authorization: basic },
    body: `token=${enc(value)}`,
  });
  const password = {
    id: id('password'),
    name: 'password grant (argon2id, OWASP parameters)',
    request: token(
      '{{item}}',
      `grant_type=password&username=${enc(f.user.username)}&password=${enc(f.user.password)}`,
    ),
    items: { file: f.files.passwordClients, mode: 'cycle' },
    connections: config.passwordConnections,
    expect: issued,
  };
  const introspectAccess = {
    id: id('introspect-access'),
    name: 'introspection of an access token',
    request: introspect(f.service.basic, f.accessToken),
    expect: active,
  };
  return [
    {
      id: id('cc-jwt'),
      name: 'client_credentials (ES256 JWT)',
      request: token(f.service.basic, 'grant_type=client_credentials'),
      expect: issued,
    },
    {
      id: id('code'),
      name: 'authorization-code exchange (PKCE, + refresh token)',
      request: token(
        f.web.basic,
        `grant_type=authorization_code&code={{item}}&redirect_uri=${enc(f.redirectUri)}&code_verifier=${enc(f.codeVerifier)}`,
      ),
      items: { file: f.files.codes, mode: 'once' },
      expect: issued,
    },
    {
      id: id('refresh'),
      name: 'refresh-token rotation',
      request: token(f.web.basic, 'grant_type=refresh_token&refresh_token={{item}}'),
      items: { file: f.files.refreshTokens, mode: 'once' },
      expect: issued,
    },
    introspectAccess,
    {
      id: id('introspect-refresh'),
      name: 'introspection of a refresh token',
      request: introspect(f.web.basic, f.refreshToken),
      expect: active,
    },
    {
      id: id('introspect-pat'),
      name: 'introspection of a PAT',
      request: introspect(f.service.basic, f.pat),
      expect: active,
    },
    {
      id: id('pat-get-me'),
      name: 'PAT-authenticated GET /api/v1/me',
      request: { method: 'GET', path: '/api/v1/me', headers: { Authorization: `Bearer ${f.pat}` } },
      expect: (b) => (b.username ? undefined : 'no user'),
    },
    {
      id: id('pat-list-clients'),
      name: 'PAT-authenticated GET /api/v1/clients?limit=1',
      request: {
        method: 'GET',
        path: '/api/v1/clients?limit=1',
        headers: { Authorization: `Bearer ${f.pat}` },
      },
      expect: (b) => (Array.isArray(b.data) ? undefined : 'no data'),
    },
    password,
    {
      type: 'interference',
      id: id('password-interference'),
      name: 'introspection p99 (1 connection) alone vs. during a full-load password grant',
      probe: { ...introspectAccess, id: id('probe-introspect') },
      background: { ...password, id: id('background-password') },
    },
  ];
}

export function latchkeyTarget(store) {
  return {
    id: `latchkey-${store}`,
    label: `Latchkey (${store === 'mongo' ? (config.mongoUri ? 'MongoDB' : 'MongoDB wire: FerretDB 1.24') : 'SQLite'})`,
    latchkey: true,
    start: (ctx) => start(store, ctx),
    scenarios: (server) => scenarios(store, server),
  };
}
