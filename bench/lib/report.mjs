// Renders a run's results (the JSON the runner writes) as Markdown.
// Standalone: node bench/lib/report.mjs bench/results/latest.json > bench/RESULTS.md
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const f0 = (v) => (Number.isFinite(v) ? v.toFixed(0) : '–');
const f1 = (v) => (Number.isFinite(v) ? v.toFixed(1) : '–');
const f2 = (v) => (Number.isFinite(v) ? v.toFixed(2) : '–');
const pct = (v) => (Number.isFinite(v) ? `${(v * 100).toFixed(0)}%` : '–');
const times = (v) => (Number.isFinite(v) ? `${v.toFixed(2)}×` : '–');
const count = (v) => (Number.isFinite(v) ? v.toLocaleString('en-US') : '–');

/** Issue 8's growth target: this many stored tokens, each rate ≥ 90 % of the empty store's. */
const GROWTH_GOAL = { tokens: 1_000_000, ratio: 0.9 };
const GROWN = ['cc-jwt', 'introspect-access', 'introspect-refresh', 'introspect-pat'];
/** Stored tokens (grants, refresh tokens, PATs) as bench/latchkey/grow.ts counted them. */
const stored = (c) => c.grants + c.refresh_tokens + c.personal_access_tokens;

function table(header, rows) {
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

/** Every measured scenario (not interference), with its target. */
function measured(results) {
  return results.targets.flatMap((t) =>
    (t.scenarios ?? [])
      .filter((s) => s.status === 'ok' && s.rps !== undefined)
      .map((s) => ({ ...s, target: t })),
  );
}

/** The issue-8 targets, checked against this run's figures. */
/** The ceiling: the better of bare Koa's two measurements (start and end of the run). */
function ceiling(byId) {
  const runs = ['koa/fixed-json', 'koa-end/fixed-json'].map((id) => byId.get(id)).filter(Boolean);
  return runs.sort((a, b) => b.rps - a.rps)[0];
}

function targetChecks(results, byId) {
  const koa = ceiling(byId)?.rps;
  const checks = [];
  for (const store of ['sqlite', 'mongo']) {
    const s = (name) => byId.get(`latchkey-${store}/${name}`);
    const add = (what, value, goal, ok) =>
      checks.push([store, what, value, goal, ok === undefined ? '–' : ok ? 'met' : '**not met**']);
    const ratio = (name) => (s(name) && koa ? s(name).rps / koa : NaN);
    // Context, not a target: how far any Koa server doing only the unavoidable work could go.
    const floorRow = (what, ours, floor) => {
      if (!ours || !floor || !koa) return;
      add(
        `${floor.name}: vs bare Koa, and ${what} vs it`,
        `${pct(floor.rps / koa)}; ${pct(ours.rps / floor.rps)}`,
        'context',
        undefined,
      );
    };
    const koaCpu = ceiling(byId)?.cpu_us_per_req;
    // The req/s ratio, and in parentheses the CPU-cost ratio (steadier on a shared machine).
    const vsKoa = (name) => `${pct(ratio(name))} (CPU ${pct(koaCpu / s(name).cpu_us_per_req)})`;
    const cc = s('cc-jwt');
    const oidcJwt = byId.get('oidc-provider/cc-jwt')?.rps;
    if (cc) {
      add('client_credentials JWT vs bare Koa', vsKoa('cc-jwt'), '≥ 45%', ratio('cc-jwt') >= 0.45);
      floorRow('client_credentials JWT', cc, byId.get('koa-floors/sign-jwt'));
      const vsOidc = cc.rps / oidcJwt;
      const oidcCpu = byId.get('oidc-provider/cc-jwt')?.cpu_us_per_req;
      add(
        'client_credentials JWT vs oidc-provider JWT',
        `${times(vsOidc)} (CPU ${times(oidcCpu / cc.cpu_us_per_req)})`,
        '≥ 2.5×',
        Number.isFinite(vsOidc) ? vsOidc >= 2.5 : undefined,
      );
    }
    for (const name of ['introspect-access', 'introspect-refresh', 'introspect-pat']) {
      if (s(name)) add(`${name} vs bare Koa`, vsKoa(name), '≥ 55%', ratio(name) >= 0.55);
    }
    floorRow('introspect-access', s('introspect-access'), byId.get('koa-floors/introspect'));
    for (const name of ['pat-get-me', 'pat-list-clients']) {
      if (s(name)) add(`${name} vs bare Koa`, vsKoa(name), '≥ 45%', ratio(name) >= 0.45);
    }
    floorRow('pat-get-me', s('pat-get-me'), byId.get('koa-floors/bearer-get'));
    if (s('password'))
      add(
        'password grant req/s on one core',
        f1(s('password').rps),
        '≥ 20',
        s('password').rps >= 20,
      );
    const inter = results.targets
      .find((t) => t.id === `latchkey-${store}`)
      ?.scenarios?.find((x) => x.id.endsWith('password-interference') && x.status === 'ok');
    if (inter)
      add(
        'introspection p99 during password load / alone',
        times(inter.p99_ratio),
        '≤ 2×',
        inter.p99_ratio <= 2,
      );
    // The same scenarios on the same store grown (target latchkey-<store>-1m).
    const growth = results.targets.find((x) => x.id === `latchkey-${store}-1m`)?.growth;
    for (const name of GROWN) {
      const grown = byId.get(`latchkey-${store}-1m/${name}`);
      if (!grown) continue;
      const empty = s(name);
      const r = empty ? grown.rps / empty.rps : NaN;
      const held = growth ? stored(growth.after) : NaN;
      // Below the goal's token count, a ratio under 90 % still fails it; one above proves little.
      const status = !Number.isFinite(r)
        ? '– (no empty-store rate in this run)'
        : r < GROWTH_GOAL.ratio
          ? '**not met**'
          : held >= GROWTH_GOAL.tokens
            ? 'met'
            : `met with ${count(held)} tokens only`;
      checks.push([
        store,
        `growth: ${name} with ${count(held)} stored tokens ÷ empty store`,
        `${pct(r)} (CPU ${pct(empty?.cpu_us_per_req / grown.cpu_us_per_req)})`,
        `≥ 90% with ${count(GROWTH_GOAL.tokens)}`,
        status,
      ]);
    }
    const t = results.targets.find((x) => x.id === `latchkey-${store}`);
    if (t?.idle_rss_mib) {
      add('idle RSS', `${f0(t.idle_rss_mib)} MiB`, '≤ 120 MB', t.idle_rss_mib <= 120);
      const load = Math.max(
        ...(t.scenarios ?? []).filter((x) => x.rss_load_mib).map((x) => x.rss_load_mib),
      );
      if (Number.isFinite(load))
        add('RSS under load (max)', `${f0(load)} MiB`, '≤ 250 MB', load <= 250);
    }
  }
  return checks;
}

/** What each grown store held, and how it got there. */
function growthNotes(results) {
  const grown = results.targets.filter((t) => t.growth);
  if (!grown.length) return ['Growth with 1,000,000 stored tokens: not measured in this run.'];
  return [
    'Growth: each store was started once more on the same fixtures, and before its first ' +
      "request stored tokens were written straight into the running server's database " +
      '(bench/latchkey/grow.ts); then client_credentials and the introspections were measured, ' +
      'each divided by the same scenario on the store without them, earlier in this run. That ' +
      '"empty" store held the fixtures (among them the one-shot lists: a grant and a refresh ' +
      'token each), the "before" count below, and what its earlier scenarios issued.',
    '',
    ...grown.map((t) => {
      const g = t.growth;
      return (
        `- ${t.id}: ${count(g.tokens)} tokens written in ${f1(g.seconds)} s ` +
        `(${count(g.grants)} grants, half of them client_credentials, ${count(g.refresh_tokens)} ` +
        `refresh tokens, ${count(g.personal_access_tokens)} PATs, over ${count(g.clients)} ` +
        `clients and ${count(g.users)} users); stored tokens before: ${count(stored(g.before))}, ` +
        `after: ${count(stored(g.after))} (${count(g.after.grants)} grants, ` +
        `${count(g.after.refresh_tokens)} refresh tokens, ${count(g.after.personal_access_tokens)} PATs)` +
        (stored(g.after) < GROWTH_GOAL.tokens
          ? `, **fewer than the ${count(GROWTH_GOAL.tokens)} of the target** (BENCH_GROWTH_TOKENS).`
          : '.')
      );
    }),
  ];
}

export function renderReport(results) {
  const m = results.meta;
  const all = measured(results);
  const byId = new Map(all.map((s) => [s.id, s]));
  const koa = ceiling(byId);
  const peers = all.filter((s) => !s.target.latchkey);
  const ours = all.filter((s) => s.target.latchkey);
  const out = [];

  out.push('# Latchkey benchmarks', '');
  out.push(
    `Run ${m.started} → ${m.finished} (${m.mode}), one run, all figures from the same run.`,
    '',
  );
  out.push('```sh', m.command, '```', '');
  out.push(
    `- Machine: ${m.cpus} × ${m.cpuModel}, Linux ${m.kernel}, Node ${m.node}, ${m.wrk}.`,
    `- Pinning: each server (and FerretDB, for the MongoDB store) on CPU ${m.serverCpu} with \`taskset\`; wrk on CPU ${m.wrkCpu}; loopback only.`,
    `- Per scenario: ${m.warmup} s warm-up, then ${m.rounds} rounds × ${m.duration} s; wrk -t${m.threads} -c${m.connections} (password grant: -c${m.passwordConnections}). Figures are medians of the rounds; the req/s range is min–max.`,
    ...results.targets.filter((t) => t.how).map((t) => `- ${t.label} ran as \`${t.how}\`.`),
    `- CPU-µs/request: the server process's utime+stime (/proc/<pid>/stat) over a round divided by the requests of the round; "DB" is FerretDB's.`,
    `- Load average before the run: ${m.loadBefore.join(', ')}; after: ${m.loadAfter.join(', ')}` +
      (m.loadMaxDuring === undefined
        ? '.'
        : `; highest 1-minute load sampled during the run (every 10 s): ${m.loadMaxDuring.toFixed(2)}, of which the benchmark itself accounts for about 2.`),
    ...(m.loadNote ? [`- ${m.loadNote}`] : []),
  );
  if (m.busy) {
    out.push(
      '',
      `> **These figures were taken while other work was running on this machine** (load average ${m.loadBefore[0]} before the run${m.loadMaxDuring > 3 ? `, up to ${m.loadMaxDuring.toFixed(2)} during it` : ''}, on ${m.cpus} cores): absolute numbers are low and noisy, ratios less so. The authoritative run will be repeated on a quiet machine.`,
    );
  }
  out.push('');

  out.push('## Results', '');
  out.push(
    table(
      [
        'server',
        'scenario',
        'req/s',
        'range',
        'p50 ms',
        'p99 ms',
        'CPU-µs/req',
        'DB CPU-µs/req',
        'RSS load MiB',
        'req/s vs bare Koa',
        'CPU/req: Koa ÷ this',
        'errors',
      ],
      all.map((s) => [
        s.target.label,
        s.name,
        f0(s.rps),
        `${f0(s.rps_min)}–${f0(s.rps_max)}`,
        f2(s.p50_ms),
        f2(s.p99_ms),
        f0(s.cpu_us_per_req),
        s.db_cpu_us_per_req === undefined || !Number.isFinite(s.db_cpu_us_per_req)
          ? ''
          : f0(s.db_cpu_us_per_req),
        f0(s.rss_load_mib),
        koa ? pct(s.rps / koa.rps) : '–',
        koa ? pct(koa.cpu_us_per_req / s.cpu_us_per_req) : '–',
        (s.error_rate ? pct(s.error_rate) : '0') +
          (s.exhausted ? ` (list exhausted ×${s.exhausted})` : ''),
      ]),
    ),
    '',
    "\"CPU/req: Koa ÷ this\" is bare Koa's CPU-µs per request divided by the scenario's: the req/s ratio to expect when the server core is saturated, and the steadier figure when the machine is shared (a starved wrk caps req/s, not the server's CPU cost).",
    koa
      ? `Bare Koa is measured at the start of the run and again at the end; the ratios use the better of the two (${koa.id}, ${f0(koa.rps)} req/s).`
      : '',
    '',
  );

  out.push('## Memory', '');
  out.push(
    table(
      ['server', 'idle RSS MiB', 'max RSS under load MiB'],
      results.targets
        .filter((t) => t.idle_rss_mib)
        .map((t) => [
          t.label,
          f0(t.idle_rss_mib),
          f0(
            Math.max(
              ...(t.scenarios ?? []).filter((s) => s.rss_load_mib).map((s) => s.rss_load_mib),
            ),
          ),
        ]),
    ),
    '',
  );

  if (ours.length && peers.length) {
    out.push('## Ratios: Latchkey req/s ÷ peer req/s (same run)', '');
    out.push(
      table(
        ['Latchkey scenario', ...peers.map((p) => `${p.id}`)],
        ours.map((s) => [s.id, ...peers.map((p) => times(s.rps / p.rps))]),
      ),
      '',
    );
  }

  const inter = results.targets.flatMap((t) =>
    (t.scenarios ?? [])
      .filter((s) => s.status === 'ok' && s.probe_alone)
      .map((s) => ({ ...s, target: t })),
  );
  if (inter.length) {
    out.push('## Does a full-load password grant hurt the other endpoints?', '');
    out.push(
      table(
        [
          'server',
          'probe p50 / p99 alone (ms)',
          'probe p50 / p99 during (ms)',
          'p99 ratio',
          'password req/s meanwhile',
        ],
        inter.map((s) => [
          s.target.label,
          `${f2(s.probe_alone.p50_ms)} / ${f2(s.probe_alone.p99_ms)}`,
          `${f2(s.probe_loaded.p50_ms)} / ${f2(s.probe_loaded.p99_ms)}`,
          times(s.p99_ratio),
          f1(s.background.rps),
        ]),
      ),
      '',
      'The probe is introspection of an access token on one connection (a light load); the background is the password grant at full load on the same server core.',
      '',
    );
  }

  const checks = targetChecks(results, byId);
  if (checks.length) {
    out.push('## Issue 8 targets in this run', '');
    out.push(table(['store', 'target', 'this run', 'goal', ''], checks), '');
    out.push(...growthNotes(results), '');
  }

  const missing = results.targets.flatMap((t) =>
    t.status !== 'ok'
      ? [[t.label, '(whole server)', t.reason]]
      : (t.scenarios ?? [])
          .filter((s) => s.status !== 'ok')
          .map((s) => [t.label, s.name, `${s.status}: ${s.reason}`]),
  );
  out.push('## Not available in this run', '');
  out.push(
    missing.length
      ? table(
          ['server', 'scenario', 'why'],
          missing.map((r) => r.map((c) => String(c).replace(/\|/g, '\\|').replace(/\n/g, ' '))),
        )
      : 'None: every scenario ran.',
    '',
  );

  out.push(
    '## How each scenario is measured',
    '',
    ...(results.notes ?? []).map((n) => `- ${n}`),
    '',
  );
  // Hand-written observations (profiles, anomalies), kept in their own file so a run keeps them.
  const observations = fileURLToPath(new URL('../observations.md', import.meta.url));
  if (existsSync(observations)) out.push(readFileSync(observations, 'utf8').trim(), '');
  return out.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const results = JSON.parse(readFileSync(process.argv[2], 'utf8'));
  process.stdout.write(renderReport(results));
}
