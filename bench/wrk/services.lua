-- Open311 GET services.json: the reference list partners poll (encoded once, served from memory).
dofile(os.getenv("KERTA_BENCH_DIR") .. "/wrk/common.lua")
request = function() return wrk.format("GET", "/open311/v2/services.json") end
