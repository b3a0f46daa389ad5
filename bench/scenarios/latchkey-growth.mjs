// Issue 8's growth target: "with 1,000,000 stored tokens, issuance and introspection stay at
// 90 % or more of their empty-store rate". Target latchkey-<store>-1m runs right after
// latchkey-<store>: the same server on the same fixtures, but before its first request
// BENCH_GROWTH_TOKENS stored tokens are written into its database (latchkey/grow.ts); then
// client_credentials and the three introspections are measured, same requests, warm-up
// included. lib/report.mjs divides each by the same scenario of latchkey-<store>.
// A target of its own rather than more scenarios of latchkey-<store>, so that a run of
// BENCH_TARGETS=latchkey-sqlite BENCH_ONLY=cc-jwt (a profile, say) does not fill a million rows.
import { fileURLToPath } from 'node:url';
import { config } from '../lib/config.mjs';
import { runCommand } from '../lib/proc.mjs';
import { latchkeyTarget } from './latchkey.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The scenarios measured on the grown store. */
export const GROWN = ['cc-jwt', 'introspect-access', 'introspect-refresh', 'introspect-pat'];

const count = (n) => n.toLocaleString('en-US');
const stored = (c) => count(c.grants + c.refresh_tokens + c.personal_access_tokens);

/** Writes the tokens into the running server's store; keeps grow.ts's figures on the server. */
async function fill(server, store, ctx) {
  const tokens = config.growthTokens;
  ctx.log(`  growth: writing ${count(tokens)} stored tokens into ${store} ...`);
  const out = await runCommand(process.execPath, ['--import', 'tsx', 'bench/latchkey/grow.ts'], {
    cwd: ROOT,
    // FerretDB writes about 2,500 tokens/s (SQLite 40,000): twice that time, at least 2 minutes.
    timeoutMs: Math.max(120_000, tokens * 0.8),
    env: { DATABASE_URL: server.databaseUrl, BENCH_GROWTH_TOKENS: String(tokens) },
  });
  const line = out
    .trim()
    .split('\n')
    .findLast((l) => l.startsWith('{'));
  server.growth = JSON.parse(line);
  const { before, after, seconds } = server.growth;
  ctx.log(
    `  growth: written in ${seconds.toFixed(1)} s; stored tokens ${stored(before)} before, ` +
      `${stored(after)} after (${count(after.grants)} grants, ${count(after.refresh_tokens)} ` +
      `refresh tokens, ${count(after.personal_access_tokens)} PATs)`,
  );
}

export function latchkeyGrowthTarget(store) {
  const base = latchkeyTarget(store);
  const id = `${base.id}-1m`;
  return {
    id,
    label: `${base.label} + ${count(config.growthTokens)} stored tokens`,
    latchkey: true,
    async start(ctx) {
      const server = await base.start(ctx);
      try {
        await fill(server, store, ctx);
      } catch (err) {
        await server.stop();
        throw err;
      }
      return server;
    },
    scenarios: async (server) =>
      (await base.scenarios(server))
        .filter((s) => GROWN.some((name) => s.id === `${base.id}/${name}`))
        .map((s) => ({ ...s, id: s.id.replace(`${base.id}/`, `${id}/`) })),
  };
}
