-- The home page (HTML).
dofile(os.getenv("KERTA_BENCH_DIR") .. "/wrk/common.lua")
request = function()
  return wrk.format("GET", "/", {["Accept"] = "text/html"})
end
