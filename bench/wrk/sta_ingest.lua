-- POST CreateObservations with 100 readings of one random Datastream each, at times no other request uses.
dofile(os.getenv("KERTA_BENCH_DIR") .. "/wrk/sta_common.lua")
request = function()
  counter = counter + 1
  local stream = pick(sta.streams)
  local base = sta.future + (thread_id or 0) * 100000000 + counter * 100
  local rows = {}
  for i = 1, 100 do
    rows[i] = '["' .. iso(base + i) .. '",' .. string.format("%.1f", 10 + math.random() * 20) .. ']'
  end
  local body = '[{"Datastream":{"@iot.id":' .. stream .. '},"components":["phenomenonTime","result"],"dataArray":[' .. table.concat(rows, ",") .. ']}]'
  return wrk.format("POST", "/sta/v1.1/CreateObservations", { ["Authorization"] = "Bearer " .. sta.key, ["Content-Type"] = "application/json" }, body)
end
