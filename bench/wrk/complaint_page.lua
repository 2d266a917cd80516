-- The public page of a complaint (HTML), as a resident opens it from the ticket link.
dofile(os.getenv("KERTA_BENCH_DIR") .. "/wrk/common.lua")
request = function()
  return wrk.format("GET", "/complaints/" .. pick(bench.tickets), {["Accept"] = "text/html"})
end
