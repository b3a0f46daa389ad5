// Benchmark settings from the environment. BENCH_QUICK=1 gives a short smoke run.
const env = process.env;
const quick = env.BENCH_QUICK === '1' || env.BENCH_QUICK === 'true';
const num = (name, fallback) =>
  env[name] === undefined || env[name] === '' ? fallback : Number(env[name]);
const growthTokens = num('BENCH_GROWTH_TOKENS', 1_000_000);

export const config = {
  quick,
  /** Measured rounds per scenario and their length in seconds. */
  rounds: num('BENCH_ROUNDS', 3),
  duration: num('BENCH_DURATION', quick ? 2 : 10),
  /** Warm-up before each scenario's rounds, in seconds (not measured). */
  warmup: num('BENCH_WARMUP', quick ? 1 : 5),
  connections: num('BENCH_CONNECTIONS', 32),
  threads: num('BENCH_THREADS', 1),
  /** Connections for the password grant (argon2 runs on libuv's 4 pool threads). */
  passwordConnections: num('BENCH_PASSWORD_CONNECTIONS', 4),
  serverCpu: num('BENCH_SERVER_CPU', 1),
  wrkCpu: num('BENCH_WRK_CPU', 0),
  /** Only these servers (comma-separated target ids, e.g. koa,latchkey-sqlite). */
  targets: env.BENCH_TARGETS ? env.BENCH_TARGETS.split(',') : undefined,
  /** Only scenarios whose id (e.g. latchkey-sqlite/cc-jwt) matches this regular expression. */
  only: env.BENCH_ONLY ? new RegExp(env.BENCH_ONLY) : undefined,
  /** Stores for Latchkey: sqlite, mongo (FerretDB started by the runner, or BENCH_MONGODB_URI). */
  stores: (env.BENCH_STORES ?? 'sqlite,mongo').split(',').filter(Boolean),
  mongoUri: env.BENCH_MONGODB_URI || undefined,
  ferretdbPort: num('BENCH_FERRETDB_PORT', 27118),
  /** One-shot credentials (codes, refresh tokens) per store; estimated from the run length. */
  oneShot: env.BENCH_ONESHOT ? Number(env.BENCH_ONESHOT) : undefined,
  /** How Latchkey runs: "dist" (built with tsc, as `pnpm start` does) or "tsx" (from src). */
  latchkeyRun: env.BENCH_LATCHKEY_RUN ?? 'dist',
  /** Extra node options for the Latchkey server, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof". */
  nodeArgs: (env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean),
  passwordClients: num('BENCH_PASSWORD_CLIENTS', 200),
  /**
   * Stored tokens written into each Latchkey store after its other scenarios, before cc-jwt and
   * the introspections are measured again (issue 8's growth target); 0 leaves them out.
   */
  growthTokens,
  /**
   * Hard bound of the whole run, in seconds: everything is killed when it passes. Filling the
   * stores for growth adds about 7 minutes per 1,000,000 tokens (FerretDB; SQLite: 25 s).
   */
  deadline: num('BENCH_DEADLINE', (quick ? 900 : 2700) + Math.ceil(growthTokens / 1000)),
};

/** Seconds of load one scenario puts on a server (warm-up and rounds). */
export const scenarioSeconds = () => config.warmup + config.rounds * config.duration;
