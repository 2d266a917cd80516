-- GET a 24-hour window of a random Datastream on a random day of its history, as the flood page's chart asks it
-- (one reading a minute: 1,440 rows, in the Data Array form).
dofile(os.getenv("KERTA_BENCH_DIR") .. "/wrk/sta_common.lua")
request = function()
  local stream = pick(sta.streams)
  local day = math.random(0, sta.days - 2)
  local from = sta.first + day * 86400 + math.random(0, 86399)
  local filter = "phenomenonTime ge " .. iso(from) .. " and phenomenonTime lt " .. iso(from + 86400)
  return wrk.format("GET", "/sta/v1.1/Datastreams(" .. stream .. ")/Observations?" .. encode("$filter") .. "=" .. encode(filter) ..
    "&" .. encode("$orderby") .. "=phenomenonTime&" .. encode("$top") .. "=1440&" .. encode("$select") .. "=" .. encode("phenomenonTime,result") ..
    "&" .. encode("$resultFormat") .. "=dataArray", { ["Accept-Encoding"] = "gzip" })
end
