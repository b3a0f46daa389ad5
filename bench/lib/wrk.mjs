// Runs wrk pinned to CPU 0 with a generated Lua script whose done() prints one JSON line.
//
// A request is { method, path, headers, body }. When `items` is given ({ file, mode, offset }),
// every "{{item}}" in the body or a header value is replaced by one line of the file per request:
// mode "once" gives each line to exactly one request (authorization codes, refresh tokens),
// starting at `offset`, and reports how many lines it used; mode "cycle" goes round and round
// (client credentials spread over many clients).
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { track } from './proc.mjs';

const REPORT_LUA = readFileSync(
  fileURLToPath(new URL('../lua/report.lua', import.meta.url)),
  'utf8',
);
const PLACEHOLDER = '{{item}}';

// JSON string escapes (\", \\, \n, \t) mean the same in Lua; our strings are printable ASCII.
const luaString = (value) => JSON.stringify(String(value));

/** A Lua expression that evaluates `template` with the current `item`. */
function luaTemplate(template) {
  const parts = String(template).split(PLACEHOLDER);
  return parts.map(luaString).join(' .. item .. ');
}

function headersTable(headers, expression) {
  const entries = Object.entries(headers ?? {}).map(
    ([name, value]) => `[${luaString(name)}] = ${expression(value)}`,
  );
  return `{ ${entries.join(', ')} }`;
}

/** The Lua script for one wrk run. */
export function luaScript(request, items, threads) {
  const head = `
local threads = {}
local next_tid = 0
function setup(thread)
  next_tid = next_tid + 1
  thread:set("tid", next_tid)
  table.insert(threads, thread)
end
`;
  if (!items) {
    const body = request.body === undefined ? 'nil' : luaString(request.body);
    return `${head}
wrk.method = ${luaString(request.method ?? 'GET')}
wrk.path = ${luaString(request.path)}
wrk.body = ${body}
wrk.headers = ${headersTable(request.headers, luaString)}
consumed = 0
exhausted = 0
${REPORT_LUA}`;
  }
  const once = items.mode === 'once';
  return `${head}
local items = {}
local idx = 0
consumed = 0
exhausted = 0
function init(args)
  for line in io.lines(${luaString(items.file)}) do
    if #line > 0 then items[#items + 1] = line end
  end
  idx = ${Number(items.offset ?? 0)} + tid - 1
end
function request()
  local i = idx
  idx = idx + ${threads}
  if i >= #items then
    ${once ? 'exhausted = exhausted + 1' : ''}
    i = i % #items
  end
  consumed = idx
  local item = items[i + 1]
  local body = ${request.body === undefined ? 'nil' : luaTemplate(request.body)}
  return wrk.format(${luaString(request.method ?? 'GET')}, ${luaString(request.path)},
    ${headersTable(request.headers, luaTemplate)}, body)
end
${REPORT_LUA}`;
}

/**
 * Runs wrk for `seconds` against `baseUrl` and resolves with its JSON report:
 * { requests, duration_us, errors: {...}, latency_us: { p50, p90, p99, max, mean }, consumed, exhausted }.
 * wrk is killed if it overstays its time by 15 s.
 */
export async function runWrk({
  baseUrl,
  request,
  items,
  seconds,
  connections,
  threads = 1,
  cpu = 0,
  scriptDir,
  name = 'wrk',
  timeoutSeconds = 10,
}) {
  const script = luaScript(request, items, threads);
  const scriptFile = join(scriptDir, `${name.replace(/[^\w.-]+/g, '_')}.lua`);
  writeFileSync(scriptFile, script);
  const args = [
    '-c',
    String(cpu),
    'wrk',
    '-t',
    String(threads),
    '-c',
    String(connections),
    '-d',
    `${seconds}s`,
    '--timeout',
    `${timeoutSeconds}s`,
    '-s',
    scriptFile,
    baseUrl,
  ];
  return new Promise((resolve, reject) => {
    const child = track(spawn('taskset', args, { stdio: ['ignore', 'pipe', 'pipe'] }));
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (err += chunk));
    const killer = setTimeout(() => child.kill('SIGKILL'), (seconds + 15) * 1000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(killer);
      const line = out.split('\n').find((l) => l.startsWith('BENCH_JSON '));
      if (code !== 0 || !line) {
        reject(new Error(`wrk exited ${code}: ${(err || out).trim().slice(0, 500)}`));
        return;
      }
      resolve(JSON.parse(line.slice('BENCH_JSON '.length)));
    });
  });
}
