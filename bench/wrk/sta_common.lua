-- The SensorThings scenarios' shared data: the Datastreams, the bulk history's time span and the sensor key
-- (written by bench/sensors.py as a Lua table).
dofile(os.getenv("KERTA_BENCH_DIR") .. "/wrk/common.lua")
sta = bench
function iso(t)
  return os.date("!%Y-%m-%dT%H:%M:%SZ", math.floor(t))
end
function encode(text)
  return (text:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end
