-- POST /api/v1/complaints as the app sends it, each with its own Idempotency-Key.
dofile(os.getenv("KERTA_BENCH_DIR") .. "/wrk/common.lua")
local run = os.getenv("KERTA_BENCH_RUN") or "run"
request = function()
  counter = counter + 1
  local place = pick(bench.places)
  local body = string.format(
    '{"category":"%s","description":"Lampu jalan mati sejak tiga malam, jalan gelap dan rawan (bench %d)","lat":%.6f,"lon":%.6f,' ..
    '"visibility":"public","reporter":{"name":"Warga Bench","email":"bench@contoh.id"}}',
    pick(bench.categories), counter, place[1], place[2])
  return wrk.format("POST", "/api/v1/complaints",
    {["Content-Type"] = "application/json", ["Idempotency-Key"] = string.format("%s-%d-%d", run, thread_id, counter)}, body)
end
