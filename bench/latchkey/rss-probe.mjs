// Idle memory of the built server, broken down: builds the app in this process (as main.js
// does, without listening) on a fresh SQLite file and prints RSS and V8's heap spaces.
//   pnpm --filter @latchkey/server build
//   node [--max-semi-space-size=8] bench/latchkey/rss-probe.mjs
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import v8 from 'node:v8';

const MiB = 2 ** 20;
const figures = () => {
  const m = process.memoryUsage();
  return `rss ${(m.rss / MiB).toFixed(1)} MiB, heap used ${(m.heapUsed / MiB).toFixed(1)} of ${(m.heapTotal / MiB).toFixed(1)} MiB`;
};

const dir = mkdtempSync(join(tmpdir(), 'latchkey-rss-'));
Object.assign(process.env, {
  NODE_ENV: 'production',
  LOG_LEVEL: 'warn',
  DATABASE_URL: `sqlite:${join(dir, 'latchkey.db')}`,
  LATCHKEY_ISSUER: 'http://127.0.0.1:4999',
  LATCHKEY_ADMIN_PASSWORD: 'rss probe administrator password',
});
const dist = new URL('../../packages/server/dist/', import.meta.url);
const { createApp } = await import(new URL('app.js', dist).href);
const { loadConfig } = await import(new URL('config.js', dist).href);
console.log('before the app:', figures());
const app = await createApp(loadConfig());
await new Promise((resolve) => setTimeout(resolve, 1000));
console.log('idle, 1 s after:', figures());
for (const space of v8.getHeapSpaceStatistics()) {
  if (space.physical_space_size === 0) continue;
  console.log(
    `  ${space.space_name.padEnd(24)} used ${(space.space_used_size / MiB).toFixed(1)} MiB, resident ${(space.physical_space_size / MiB).toFixed(1)} MiB`,
  );
}
await app.close();
rmSync(dir, { recursive: true, force: true });
process.exit(0);
