-- GET /api/v1/agencies/performance for one calendar month of the last three years.
dofile(os.getenv("KERTA_BENCH_DIR") .. "/wrk/common.lua")
request = function()
  local month = pick(bench.months)
  return wrk.format("GET", string.format("/api/v1/agencies/performance?from=%s&to=%s", month[1], month[2]))
end
