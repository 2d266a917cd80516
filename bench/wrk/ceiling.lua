-- The framework's ceiling: a route of the same server that touches nothing.
dofile(os.getenv("KERTA_BENCH_DIR") .. "/wrk/common.lua")
request = function() return wrk.format("GET", "/health/live") end
