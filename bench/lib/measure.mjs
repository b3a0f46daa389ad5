// Measures one scenario on a running server: a check request, a warm-up, then rounds of wrk,
// each with the server's CPU time (and its database's) and peak RSS over the round.
/* global AbortSignal */
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { config } from './config.mjs';
import { cpuMicros, sampleRss } from './proc.mjs';
import { max, median } from './stats.mjs';
import { runWrk } from './wrk.mjs';

const PLACEHOLDER = '{{item}}';

function firstItem(items) {
  return readFileSync(items.file, 'utf8').split('\n', 1)[0];
}

/** The scenario's request with `item` substituted, as fetch() options. */
function fetchRequest(request, item) {
  const fill = (text) =>
    text === undefined ? undefined : String(text).split(PLACEHOLDER).join(item);
  const headers = Object.fromEntries(
    Object.entries(request.headers ?? {}).map(([k, v]) => [k, fill(v)]),
  );
  return { method: request.method ?? 'GET', headers, body: fill(request.body) };
}

/**
 * Sends the scenario's request once; resolves with undefined when it answers as expected,
 * or with the reason the scenario is not available (a missing endpoint, an error answer).
 */
export async function check(server, scenario) {
  // A request that needs fresh state (a token that a cache may have dropped) is built now.
  if (scenario.prepare) scenario.request = await scenario.prepare(server);
  const item = scenario.items ? firstItem(scenario.items) : '';
  try {
    const response = await fetch(server.baseUrl + scenario.request.path, {
      ...fetchRequest(scenario.request, item),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await response.text();
    const expected = scenario.expectStatus ?? 200;
    if (response.status !== expected) {
      return `HTTP ${response.status} (expected ${expected}): ${text.slice(0, 160)}`;
    }
    if (scenario.expect) {
      const reason = scenario.expect(JSON.parse(text));
      if (reason) return reason;
    }
    return undefined;
  } catch (err) {
    return `request failed: ${err.message}`;
  }
}

function roundFigures(result, cpu, dbCpu, rss) {
  const seconds = result.duration_us / 1e6;
  const e = result.errors;
  return {
    requests: result.requests,
    rps: result.requests / seconds,
    p50_ms: result.latency_us.p50 / 1000,
    p99_ms: result.latency_us.p99 / 1000,
    max_ms: result.latency_us.max / 1000,
    cpu_us_per_req: cpu / result.requests,
    db_cpu_us_per_req: dbCpu === undefined ? undefined : dbCpu / result.requests,
    rss_mib: rss,
    non2xx: e.status,
    socket_errors: e.connect + e.read + e.write + e.timeout,
    exhausted: result.exhausted,
  };
}

export function summarize(rounds) {
  const pick = (key) => rounds.map((r) => r[key]);
  const requests = pick('requests').reduce((a, b) => a + b, 0);
  const bad =
    pick('non2xx').reduce((a, b) => a + b, 0) + pick('socket_errors').reduce((a, b) => a + b, 0);
  return {
    rps: median(pick('rps')),
    rps_min: Math.min(...pick('rps')),
    rps_max: Math.max(...pick('rps')),
    p50_ms: median(pick('p50_ms')),
    p99_ms: median(pick('p99_ms')),
    cpu_us_per_req: median(pick('cpu_us_per_req')),
    db_cpu_us_per_req: median(pick('db_cpu_us_per_req')),
    rss_load_mib: max(pick('rss_mib')),
    error_rate: requests ? bad / requests : 0,
    exhausted: pick('exhausted').reduce((a, b) => a + b, 0),
  };
}

/** One wrk run with CPU and RSS accounting; returns the round's figures and the next offset. */
async function round(server, scenario, ctx, seconds, offset, { connections } = {}) {
  const cpu0 = cpuMicros(server.pid);
  const db0 = server.dbPid ? cpuMicros(server.dbPid) : undefined;
  const stopRss = sampleRss(server.pid);
  const result = await runWrk({
    baseUrl: server.baseUrl,
    request: scenario.request,
    items: scenario.items && { ...scenario.items, offset },
    seconds,
    connections: connections ?? scenario.connections ?? config.connections,
    threads: config.threads,
    cpu: config.wrkCpu,
    scriptDir: ctx.workDir,
    name: scenario.id,
  });
  const rss = stopRss();
  const cpu = cpuMicros(server.pid) - cpu0;
  const db = server.dbPid ? cpuMicros(server.dbPid) - db0 : undefined;
  return { figures: roundFigures(result, cpu, db, rss), next: result.consumed };
}

/** Check, warm up, measure `config.rounds` rounds. */
export async function measure(server, scenario, ctx) {
  const reason = await check(server, scenario);
  if (reason) return { status: 'unavailable', reason };
  // A one-shot list's first line was used by the check.
  let offset = scenario.items?.mode === 'once' ? 1 : 0;
  const warm = await round(server, scenario, ctx, config.warmup, offset);
  offset = warm.next;
  const rounds = [];
  for (let i = 0; i < config.rounds; i++) {
    const r = await round(server, scenario, ctx, config.duration, offset);
    offset = r.next;
    rounds.push(r.figures);
    ctx.log(
      `    round ${i + 1}: ${r.figures.rps.toFixed(0)} req/s, p50 ${r.figures.p50_ms.toFixed(2)} ms, ` +
        `p99 ${r.figures.p99_ms.toFixed(2)} ms, ${r.figures.cpu_us_per_req.toFixed(0)} CPU-µs/req` +
        (r.figures.non2xx ? `, ${r.figures.non2xx} non-2xx` : ''),
    );
  }
  return { status: 'ok', ...summarize(rounds), rounds };
}

/**
 * The p99 of a light probe (one connection) alone, then while `background` runs at full load
 * alongside it: does a CPU-heavy endpoint (the password grant) hurt the others' latency?
 */
export async function measureInterference(server, { id, probe, background }, ctx) {
  for (const s of [probe, background]) {
    const reason = await check(server, s);
    if (reason) return { status: 'unavailable', reason: `${s.id}: ${reason}` };
  }
  const light = { connections: 1 };
  await round(server, probe, ctx, config.warmup, 0, light);
  const alone = [];
  for (let i = 0; i < config.rounds; i++)
    alone.push((await round(server, probe, ctx, config.duration, 0, light)).figures);
  const loaded = [];
  const bg = [];
  for (let i = 0; i < config.rounds; i++) {
    // The background starts first and runs a little longer, so the probe sees it throughout.
    const pending = round(server, background, ctx, config.duration + 1, 0);
    await sleep(500);
    const p = await round(server, probe, ctx, config.duration, 0, light);
    const b = await pending;
    loaded.push(p.figures);
    bg.push(b.figures);
  }
  const a = summarize(alone);
  const l = summarize(loaded);
  const b = summarize(bg);
  ctx.log(
    `    ${id}: probe p99 ${a.p99_ms.toFixed(2)} ms alone, ${l.p99_ms.toFixed(2)} ms under load`,
  );
  return {
    status: 'ok',
    probe_alone: a,
    probe_loaded: l,
    background: b,
    p99_ratio: l.p99_ms / a.p99_ms,
  };
}
