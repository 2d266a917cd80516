-- Shared by every scenario: the sample data the harness wrote, one seeded random stream per wrk thread,
-- and a one-line JSON report that bench/harness.py reads.
bench = dofile(os.getenv("KERTA_BENCH_DATA"))
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("thread_id", threads)
end

function init(args)
  -- The same requests in the same order on every run, so runs compare.
  math.randomseed(1000 + (thread_id or 0))
  counter = 0
end

function pick(list)
  return list[math.random(#list)]
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '\nKERTA-BENCH {"requests":%d,"duration_us":%d,"bytes":%d,"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
    '"latency_us":{"p50":%d,"p90":%d,"p99":%d,"max":%d,"mean":%.1f}}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean))
end
