-- GET the newest 100 observations of a random Datastream: what a gauge's card and a dashboard ask.
dofile(os.getenv("KERTA_BENCH_DIR") .. "/wrk/sta_common.lua")
request = function()
  local stream = pick(sta.streams)
  return wrk.format("GET", "/sta/v1.1/Datastreams(" .. stream .. ")/Observations?" .. encode("$orderby") .. "=" .. encode("phenomenonTime desc") ..
    "&" .. encode("$top") .. "=100", { ["Accept-Encoding"] = "gzip" })
end
