#!/usr/bin/env node
// Latchkey's benchmark runner: in one run, every server (bare Koa, the peers, Latchkey on each
// store) is started in turn pinned to one CPU and loaded by wrk pinned to the other, scenario by
// scenario (check, warm-up, rounds). Writes bench/RESULTS.md and bench/results/latest.json.
//   node bench/run.mjs                 3 × 10 s rounds per scenario
//   BENCH_QUICK=1 node bench/run.mjs   3 × 2 s (a smoke run)
// See bench/README.md for every setting.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, release, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { config } from './lib/config.mjs';
import { measure, measureInterference } from './lib/measure.mjs';
import { idleRss } from './lib/peer.mjs';
import { killAll, loadAverage } from './lib/proc.mjs';
import { renderReport } from './lib/report.mjs';
import koaFloors from './scenarios/koa-floors.mjs';
import koa, { koaTarget } from './scenarios/koa.mjs';
import { latchkeyTarget } from './scenarios/latchkey.mjs';
import { latchkeyGrowthTarget } from './scenarios/latchkey-growth.mjs';
import nodeOauth2Server from './scenarios/node-oauth2-server.mjs';
import { NOTES } from './scenarios/notes.mjs';
import oidcProvider from './scenarios/oidc-provider.mjs';

const BENCH = fileURLToPath(new URL('.', import.meta.url));
const log = (line) => process.stdout.write(`${line}\n`);

const targets = [
  koa,
  koaFloors,
  oidcProvider,
  nodeOauth2Server,
  // Each store, then the same store grown by BENCH_GROWTH_TOKENS stored tokens.
  ...config.stores.flatMap((store) => [
    latchkeyTarget(store),
    ...(config.growthTokens > 0 ? [latchkeyGrowthTarget(store)] : []),
  ]),
  // The ceiling once more: a machine shared with other work may disturb one measurement of it.
  koaTarget(true),
];
const selected = (id) => !config.only || config.only.test(id);
const partial = Boolean(config.only || config.targets);

const command = [
  ...Object.entries(process.env)
    .filter(([k]) => k.startsWith('BENCH_'))
    .map(([k, v]) => `${k}=${v}`),
  'node bench/run.mjs',
].join(' ');

const loadBefore = loadAverage();
const results = {
  meta: {
    command,
    mode: config.quick ? 'quick mode' : 'full mode',
    started: new Date().toISOString(),
    finished: undefined,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown CPU',
    kernel: release(),
    node: process.version,
    wrk: execFileSync('sh', ['-c', 'wrk -v 2>&1 | head -1'])
      .toString()
      .split(' Copyright')[0]
      .trim(),
    serverCpu: config.serverCpu,
    wrkCpu: config.wrkCpu,
    warmup: config.warmup,
    rounds: config.rounds,
    duration: config.duration,
    connections: config.connections,
    passwordConnections: config.passwordConnections,
    threads: config.threads,
    loadBefore,
    loadAfter: undefined,
    // Anything above half a core of other work skews a 2-core pinned benchmark.
    busy: loadBefore[0] > 0.5,
  },
  targets: [],
  notes: NOTES,
};

const reportPath =
  process.env.BENCH_REPORT ?? join(BENCH, partial ? 'results/partial.md' : 'RESULTS.md');
const jsonPath = reportPath
  .replace(/\.md$/, '.json')
  .replace(/RESULTS\.json$/, 'results/latest.json');

// Other work starting mid-run shows in the load average (the benchmark itself adds about 2).
const loadSamples = [loadBefore[0]];
setInterval(() => loadSamples.push(loadAverage()[0]), 10_000).unref();

function writeReport() {
  results.meta.finished = new Date().toISOString();
  results.meta.loadAfter = loadAverage();
  results.meta.loadMaxDuring = Math.max(...loadSamples);
  results.meta.busy ||= results.meta.loadMaxDuring > 3;
  mkdirSync(join(BENCH, 'results'), { recursive: true });
  writeFileSync(jsonPath, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(reportPath, renderReport(results));
  try {
    // The repository's formatter, so that `pnpm lint` (prettier --check) accepts the report.
    execFileSync(join(BENCH, '../node_modules/.bin/prettier'), ['--write', reportPath], {
      stdio: 'ignore',
    });
  } catch {
    // Formatting is cosmetic; the report is written either way.
  }
  log(`\nwrote ${reportPath} and ${jsonPath}`);
}

const workDir = mkdtempSync(join(tmpdir(), 'latchkey-bench-'));
const ctx = { workDir, log };
let current; // the running server, stopped on exit

function abort(why) {
  log(`\n${why}: stopping every process`);
  killAll();
  results.meta.aborted = why;
  writeReport();
  process.exit(2);
}
const deadline = setTimeout(
  () => abort(`hard deadline of ${config.deadline} s reached`),
  config.deadline * 1000,
);
process.on('SIGINT', () => abort('interrupted'));
process.on('uncaughtException', (err) => abort(`crashed: ${err.stack}`));
process.on('unhandledRejection', (err) => abort(`crashed: ${err?.stack ?? err}`));
process.on('exit', () => killAll());
process.on('SIGTERM', () => abort('terminated'));

log(
  `Latchkey bench (${results.meta.mode}): load average ${loadBefore.join(' ')}, work dir ${workDir}`,
);
for (const target of targets) {
  if (config.targets && !config.targets.includes(target.id)) continue;
  const entry = {
    id: target.id,
    label: target.label,
    latchkey: target.latchkey ?? false,
    scenarios: [],
  };
  log(`\n${target.label}`);
  try {
    current = await target.start(ctx);
    entry.idle_rss_mib = await idleRss(current.pid);
    if (current.how) entry.how = current.how;
    log(`  idle RSS ${entry.idle_rss_mib.toFixed(0)} MiB`);
    const scenarios = (await target.scenarios(current)).filter((s) => selected(s.id));
    for (const scenario of scenarios) {
      log(`  ${scenario.id}: ${scenario.name}`);
      let result;
      try {
        result =
          scenario.type === 'interference'
            ? await measureInterference(current, scenario, ctx)
            : await measure(current, scenario, ctx);
      } catch (err) {
        result = { status: 'error', reason: err.message };
      }
      if (result.status !== 'ok') log(`    not available: ${result.reason}`);
      else if (result.rps !== undefined)
        log(`    => ${result.rps.toFixed(0)} req/s, p99 ${result.p99_ms.toFixed(2)} ms`);
      entry.scenarios.push({ id: scenario.id, name: scenario.name, ...result });
    }
    // What the growth fill wrote (scenarios/latchkey-growth.mjs), for the report.
    if (current.growth) entry.growth = current.growth;
    entry.status = 'ok';
  } catch (err) {
    entry.status = 'unavailable';
    entry.reason = err.message;
    log(`  not available: ${err.message}`);
  } finally {
    await current?.stop();
    current = undefined;
  }
  results.targets.push(entry);
}

clearTimeout(deadline);
writeReport();
if (!process.env.BENCH_KEEP) rmSync(workDir, { recursive: true, force: true });
