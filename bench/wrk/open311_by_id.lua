-- Open311 GET requests/{id}.json for a public complaint.
dofile(os.getenv("KERTA_BENCH_DIR") .. "/wrk/common.lua")
request = function()
  return wrk.format("GET", "/open311/v2/requests/" .. pick(bench.tickets) .. ".json")
end
