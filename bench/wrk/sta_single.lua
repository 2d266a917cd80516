-- POST one Observation to a random Datastream: a simple logger's way, one HTTP request per reading.
dofile(os.getenv("KERTA_BENCH_DIR") .. "/wrk/sta_common.lua")
request = function()
  counter = counter + 1
  local stream = pick(sta.streams)
  local at = sta.future + 50000000 + (thread_id or 0) * 10000000 + counter
  local body = '{"phenomenonTime":"' .. iso(at) .. '","result":' .. string.format("%.1f", 10 + math.random() * 20) .. '}'
  return wrk.format("POST", "/sta/v1.1/Datastreams(" .. stream .. ")/Observations",
    { ["Authorization"] = "Bearer " .. sta.key, ["Content-Type"] = "application/json" }, body)
end
