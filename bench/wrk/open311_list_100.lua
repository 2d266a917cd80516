-- Open311 GET requests.json?page_size=100 over a 30-day window of every category: a full page of 100 requests
-- at 10,000 complaints and above (about 280 a month), as a partner's paginated sync asks it.
dofile(os.getenv("KERTA_BENCH_DIR") .. "/wrk/common.lua")
request = function()
  local window = pick(bench.windows)
  return wrk.format("GET", string.format("/open311/v2/requests.json?page_size=100&start_date=%s&end_date=%s",
    window[1], window[2]))
end
