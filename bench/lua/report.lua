-- Appended to every generated wrk script: prints one JSON line the runner parses.
-- Latencies are in microseconds; `consumed` is the next unused line of a one-shot list and
-- `exhausted` counts requests that had to reuse a line (the list was too short).
function done(summary, latency, requests)
  local consumed, exhausted = 0, 0
  for _, thread in ipairs(threads) do
    consumed = math.max(consumed, thread:get("consumed") or 0)
    exhausted = exhausted + (thread:get("exhausted") or 0)
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests":%d,"duration_us":%d,"bytes":%d,' ..
    '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
    '"latency_us":{"p50":%d,"p90":%d,"p99":%d,"max":%d,"mean":%.1f},' ..
    '"consumed":%d,"exhausted":%d}\n',
    summary.requests, summary.duration, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency.max, latency.mean, consumed, exhausted))
end
