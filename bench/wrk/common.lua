-- Shared by every wrk script of bench/run.sh (loaded with dofile from the script beside it).
--
-- wrk runs one Lua state per thread for request()/response(), and one more, the main state,
-- for setup() and done(). So each thread counts status codes in its own globals, setup() keeps
-- a handle on every thread, and done() adds the threads' counts up through thread:get().
--
-- We count statuses ourselves: wrk's own "Non-2xx or 3xx responses" line only counts codes
-- above 399, and a benchmark must never pass a 3xx or a 1xx off as a success.

local threads = {}

-- Main state: called once per thread before it starts. thread_index (0-based) lets scripts
-- give each thread its own range of unique values (see post_bots.lua).
function setup(thread)
  thread:set("thread_index", #threads)
  table.insert(threads, thread)
end

-- Thread states: one counter per status code.
statuses = {}

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

-- Main state: prints one machine-readable line for bench/run.sh, after wrk's own report.
-- Latencies are in microseconds; socket errors are wrk's (connect/read/write/timeout), which
-- never reach response().
function done(summary, latency, requests)
  local counts, ok, non2xx = {}, 0, 0
  for _, thread in ipairs(threads) do
    for code, n in pairs(thread:get("statuses") or {}) do
      counts[code] = (counts[code] or 0) + n
    end
  end
  local codes = {}
  for code, n in pairs(counts) do
    if code >= 200 and code < 300 then ok = ok + n else non2xx = non2xx + n end
    table.insert(codes, string.format('"%d":%d', code, n))
  end
  table.sort(codes)
  local e = summary.errors
  io.write(string.format(
    'BENCH_RESULT {"requests":%d,"duration_us":%d,"ok":%d,"non2xx":%d,"statuses":{%s},'
      .. '"socket_errors":{"connect":%d,"read":%d,"write":%d,"timeout":%d},'
      .. '"latency_us":{"p50":%d,"p90":%d,"p99":%d,"p999":%d,"max":%d,"mean":%.1f}}\n',
    summary.requests, summary.duration, ok, non2xx, table.concat(codes, ","),
    e.connect, e.read, e.write, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9),
    latency.max, latency.mean))
end

-- The bearer token of the benchmark client, from the environment (set by bench/run.sh).
function bench_bearer()
  local token = os.getenv("BENCH_TOKEN")
  if token == nil or token == "" then
    error("BENCH_TOKEN is not set")
  end
  return "Bearer " .. token
end
