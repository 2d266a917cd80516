-- Open311 GET requests.json filtered by status, category and a 30-day window, as a city dashboard asks it.
dofile(os.getenv("KERTA_BENCH_DIR") .. "/wrk/common.lua")
local statuses = {"open", "closed"}
request = function()
  local window = pick(bench.windows)
  return wrk.format("GET", string.format("/open311/v2/requests.json?service_code=%s&status=%s&start_date=%s&end_date=%s",
    pick(bench.categories), pick(statuses), window[1], window[2]))
end
