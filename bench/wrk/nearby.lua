-- GET /api/v1/complaints/nearby where complaints are, as the report form asks while a resident picks a place.
dofile(os.getenv("KERTA_BENCH_DIR") .. "/wrk/common.lua")
request = function()
  local place = pick(bench.places)
  return wrk.format("GET", string.format("/api/v1/complaints/nearby?lat=%.6f&lon=%.6f&category=%s", place[1], place[2], place[3]))
end
