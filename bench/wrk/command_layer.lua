-- GET /api/v1/command/layers/complaints as the command map asks it: mostly the whole city at the wall's zoom
-- (12, every open complaint clustered by the database), some zoomed-in boxes around existing complaints.
dofile(os.getenv("KERTA_BENCH_DIR") .. "/wrk/common.lua")
local token = os.getenv("KERTA_BENCH_TOKEN")
request = function()
  local headers = { ["Authorization"] = "Bearer " .. token, ["Accept-Encoding"] = "gzip" }
  counter = counter + 1
  if counter % 4 ~= 0 then
    return wrk.format("GET", "/api/v1/command/layers/complaints?zoom=12&bbox=115.15,-8.75,115.30,-8.55", headers)
  end
  local place = pick(bench.places)
  local d = 0.01
  return wrk.format("GET", string.format("/api/v1/command/layers/complaints?zoom=15&bbox=%.5f,%.5f,%.5f,%.5f",
    place[2] - d, place[1] - d, place[2] + d, place[1] + d), headers)
end
