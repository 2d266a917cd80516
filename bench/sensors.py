#!/usr/bin/env python3
"""The sensors' benchmark (issue 14's targets; figures in BENCHMARKS.md):

- ingest through SensorThings' `CreateObservations` in batches of 100, durable (SQLite's WAL, PostgreSQL with
  fsync and synchronous commit on) — target >= 5,000 observations/s on each engine;
- one observation per `POST /Datastreams(n)/Observations`, reported as a ratio to pgbench's single-row insert of
  the same row into the same table shape, in the same run (PostgreSQL);
- reads at 10,000,000 observations over 50 Datastreams: the newest 100 of one Datastream
  (`$orderby=phenomenonTime desc&$top=100`) — target p99 < 20 ms — and a 24-hour window of one (1,440 rows in
  the Data Array form, as the flood page's chart asks) — target p99 < 50 ms;
- an observation that changes a gauge's level, to its `flood.level_changed` event at a subscriber of the public
  event stream — target p99 < 1 s.

It reuses bench/harness.py's PostgreSQL cluster, server handling and wrk runner.
Usage: bench/sensors.py --binary .build/release/kerta [--engines sqlite,postgres] [--observations 10000000] [--seconds 15]
"""
import argparse
import datetime
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402

STREAMS = 50
MINUTE = 60


def request(base, method, path, body=None, key=None, timeout=30):
    headers = {"Content-Type": "application/json"}
    if key:
        headers["Authorization"] = "Bearer " + key
    data = json.dumps(body).encode() if body is not None else None
    with urllib.request.urlopen(urllib.request.Request(base + path, data=data, method=method, headers=headers), timeout=timeout) as r:
        return json.loads(r.read() or b"null")


def things(base, key):
    """Five stations of ten Datastreams each, made by deep insert; returns the Datastreams' ids."""
    ids = []
    for station in range(STREAMS // 10):
        thing = {"name": f"Bench station {station}", "description": "benchmark",
                 "Locations": [{"name": f"Bench {station}", "description": "benchmark", "encodingType": "application/geo+json",
                                "location": {"type": "Point", "coordinates": [115.20 + station * 0.01, -8.65]}}],
                 "Datastreams": [{"name": f"Stream {station}-{n}", "description": "benchmark",
                                  "observationType": "http://www.opengis.net/def/observationType/OGC-OM/2.0/OM_Measurement",
                                  "unitOfMeasurement": {"name": "centimetre", "symbol": "cm", "definition": "http://qudt.org/vocab/unit/CentiM"},
                                  "Sensor": {"name": "AWLR", "description": "benchmark", "encodingType": "text/html", "metadata": "x"},
                                  "ObservedProperty": {"name": "Water level", "definition": "x", "description": "benchmark"}}
                                 for n in range(10)]}
        made = request(base, "POST", "/sta/v1.1/Things", thing, key)
        streams = request(base, "GET", f"/sta/v1.1/Things({made['@iot.id']})/Datastreams?$select=id&$top=100")
        ids += [s["@iot.id"] for s in streams["value"]]
    return ids


def feature_of(base, stream):
    first = request(base, "GET", f"/sta/v1.1/Datastreams({stream})/Observations?$top=1&$expand=FeatureOfInterest($select=id)")
    return first["value"][0]["FeatureOfInterest"]["@iot.id"]


def bulk_fill(engine, target, streams, feature, total, first_epoch, postgres_url=None):
    """`total` observations, one a minute per Datastream from `first_epoch`: written by SQL, as a year of a gauge
    network's history would be restored, not through the API — minute by minute across the Datastreams, the order
    readings really arrive in, so one Datastream's day is spread over the table as it would be."""
    per_stream = total // len(streams)
    if engine == "postgres":
        values = ",".join(f"({s})" for s in streams)
        sql = (f"INSERT INTO sta_observations (phenomenon_time_start, result, result_number, datastream_id, feature_id) "
               f"SELECT to_timestamp({first_epoch} + g * 60), ((g % 300) / 10.0)::text, (g % 300) / 10.0, s.id, {feature} "
               f"FROM (VALUES {values}) AS s(id), generate_series(0, {per_stream - 1}) g ORDER BY g, s.id")
        # VACUUM as autovacuum would soon: it marks the pages all-visible, which index-only reads need.
        harness.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", target, "-c", sql, "-c", "VACUUM ANALYZE sta_observations"])
        return
    with sqlite3.connect(target) as db:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=OFF")
        values = ",".join(f"({s})" for s in streams)
        db.execute(f"""WITH RECURSIVE g(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM g WHERE n < ?), s(id) AS (VALUES {values})
                       INSERT INTO sta_observations (phenomenon_time_start, result, result_number, datastream_id, feature_id)
                       SELECT ? + n * 60, CAST((n % 300) / 10.0 AS TEXT), (n % 300) / 10.0, s.id, ? FROM g, s ORDER BY n, s.id""",
                   (per_stream - 1, first_epoch, feature))
        db.execute("ANALYZE")


def lua_data(path, streams, key, first_epoch, days, future):
    with open(path, "w") as f:
        f.write("return {streams = {" + ",".join(map(str, streams)) + "}, key = " + json.dumps(key) +
                f", first = {first_epoch}, days = {days}, future = {future}, places = {{}}}}\n")


def sensor_key(binary, env):
    out = harness.run([binary, "apikeys", "create", "--name", "bench gauges", "--scope", "sensors", "--rate", "1000000"], env=env)
    return out.strip().splitlines()[-1].strip()


def event_latency(binary, engine, work, postgres, count, interval):
    """A development server with the demo (its gauges and published scales): readings of the Pasar Badung
    bridge alternating between Siaga and normal, each a level change; the time from the POST's start to the
    event's arrival on the public stream."""
    env = dict(os.environ, KERTA_SIMULATE="false", KERTA_JOBS_INTERVAL="0", KERTA_DEMO="true", LOG_LEVEL="warning")
    data = os.path.join(work, f"sensors-events-{engine}")
    harness.run(["rm", "-rf", data])
    os.makedirs(data)
    env["KERTA_DATA_DIR"] = data
    if engine == "postgres":
        postgres.recreate("kerta_bench_sensor_events")
        env["DATABASE_URL"] = f"{postgres.url}/kerta_bench_sensor_events"
    port = harness.free_port()
    base = f"http://127.0.0.1:{port}"
    env["KERTA_PUBLIC_URL"] = base
    log = open(os.path.join(work, f"server-sensor-events-{engine}.log"), "w")
    process = subprocess.Popen([binary, "serve", "--hostname", "127.0.0.1", "--port", str(port)], env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                gauges = request(base, "GET", "/api/v1/flood/gauges", timeout=2)
                break
            except Exception:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise SystemExit(f"bench: the events server did not start; see {log.name}")
                time.sleep(0.2)
        bridge = next(g for g in gauges["gauges"] if g["code"] == "RIV-01")
        stream = int(bridge["observations_url"].split("Datastreams(")[1].split(")")[0])
        key = sensor_key(binary, env)
        arrivals = {}
        ready = threading.Event()

        def listen():
            with urllib.request.urlopen(base + "/api/v1/events/stream?layers=rivers", timeout=120) as r:
                ready.set()
                kind = None
                for raw in r:
                    line = raw.decode().rstrip("\n")
                    if line.startswith("event:"):
                        kind = line[6:].strip()
                    elif line.startswith("data:") and "flood.level_changed" in line:
                        payload = json.loads(line[5:])
                        value = payload.get("payload", {}).get("value_cm")
                        arrivals.setdefault(value, time.monotonic())
                    if len(arrivals) >= count:
                        return

        listener = threading.Thread(target=listen, daemon=True)
        listener.start()
        ready.wait(10)
        time.sleep(0.5)
        sent = {}
        now = datetime.datetime.now(datetime.timezone.utc)
        for n in range(count):
            # Distinct values, so each event names its reading: Siaga (>= 116 cm) and back below Waspada's band.
            value = (150 + n / 100) if n % 2 == 0 else (5 + n / 100)
            at = (now + datetime.timedelta(seconds=n + 1)).strftime("%Y-%m-%dT%H:%M:%SZ")
            sent[round(value, 2)] = time.monotonic()
            request(base, "POST", f"/sta/v1.1/Datastreams({stream})/Observations", {"phenomenonTime": at, "result": value}, key)
            time.sleep(interval)
        listener.join(10)
        latencies = sorted((arrivals[v] - sent[round(v, 2)]) * 1000 for v in arrivals if v is not None and round(v, 2) in sent)
        if not latencies:
            raise SystemExit("bench: no level-change event reached the subscriber")
        pct = lambda p: latencies[min(len(latencies) - 1, int(len(latencies) * p / 100))]
        return {"events": len(latencies), "sent": count, "p50_ms": pct(50), "p99_ms": pct(99), "max_ms": latencies[-1]}
    finally:
        process.terminate()
        process.wait(timeout=20)
        log.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", required=True)
    parser.add_argument("--engines", default="sqlite,postgres")
    parser.add_argument("--postgres-url")
    parser.add_argument("--observations", type=int, default=10_000_000)
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--events", type=int, default=200)
    parser.add_argument("--work", default=os.path.join(harness.BENCH, "work"))
    parser.add_argument("--out")
    args = parser.parse_args()
    binary = os.path.abspath(args.binary)
    work = os.path.abspath(args.work)
    os.makedirs(work, exist_ok=True)
    engines = args.engines.split(",")
    postgres = harness.Postgres(work, args.postgres_url) if "postgres" in engines else None
    results = {"date": datetime.datetime.now(harness.WITA).strftime("%Y-%m-%d %H:%M WITA"), "commit": harness.git_commit(),
               "machine": harness.machine(), "observations": args.observations, "runs": []}
    try:
        for engine in engines:
            env = dict(os.environ, KERTA_DEMO="false", LOG_LEVEL="warning")
            if engine == "postgres":
                postgres.recreate("kerta_bench_sensors")
                env["DATABASE_URL"] = f"{postgres.url}/kerta_bench_sensors"
                target = env["DATABASE_URL"]
            else:
                data = os.path.join(work, "sensors-sqlite")
                harness.run(["rm", "-rf", data])
                os.makedirs(data)
                env["KERTA_DATA_DIR"] = data
                target = os.path.join(data, "kerta.sqlite")
            harness.run([binary, "migrate"], env=env)
            key = sensor_key(binary, env)
            server = harness.Server(binary, env, os.path.join(work, f"server-sensors-{engine}.log"))
            server.start()
            run = {"engine": engine}
            try:
                streams = things(server.base, key)
                # One reading first through the API: it makes the stations' feature of interest.
                request(server.base, "POST", f"/sta/v1.1/Datastreams({streams[0]})/Observations", {"result": 1}, key)
                feature = feature_of(server.base, streams[0])
                now = int(time.time())
                days = max(2, args.observations // STREAMS // (24 * 60))
                first = now - days * 86400
                data_lua = os.path.join(work, f"sensors-{engine}.lua")
                lua_data(data_lua, streams, key, first, days, now + 86400)
                wrk_env = dict(os.environ, KERTA_BENCH_DATA=data_lua, KERTA_BENCH_DIR=harness.BENCH)
                # Ingest on the nearly empty tables, then single posts, then the history for the reads.
                harness.wrk(server.base, "sta_ingest.lua", 2, args.connections, 2, wrk_env)
                ingest = harness.wrk(server.base, "sta_ingest.lua", args.seconds, args.connections, 2, wrk_env)
                run["ingest"] = dict(ingest, observations_per_s=ingest["rps"] * 100)
                harness.log(f"{engine}: CreateObservations ×100: {ingest['rps'] * 100:.0f} observations/s "
                            f"({ingest['rps']:.0f} req/s, p99 {ingest['p99_ms']:.1f} ms, {ingest['errors']} errors)")
                single = harness.wrk(server.base, "sta_single.lua", args.seconds, args.connections, 2, wrk_env)
                run["single"] = single
                harness.log(f"{engine}: one observation per POST: {single['rps']:.0f}/s (p99 {single['p99_ms']:.1f} ms, {single['errors']} errors)")
                if engine == "postgres":
                    ceiling = pgbench_observation(postgres, args.connections, args.seconds, os.path.join(work, "pgbench-observation"))
                    run["pgbench"] = ceiling
                    run["single"]["ratio_to_pgbench"] = single["rps"] / ceiling["rps"] if ceiling["rps"] else 0
                    harness.log(f"postgres: pgbench single-row insert {ceiling['rps']:.0f}/s; POST is {run['single']['ratio_to_pgbench'] * 100:.0f} % of it")
            finally:
                server.stop()
            started = time.monotonic()
            bulk_fill(engine, target, streams, feature, args.observations, first)
            run["fill_seconds"] = time.monotonic() - started
            harness.log(f"{engine}: {args.observations:,} observations written by SQL in {run['fill_seconds']:.0f} s")
            server = harness.Server(binary, env, os.path.join(work, f"server-sensors-{engine}-reads.log"))
            server.start()
            try:
                harness.wrk(server.base, "sta_latest.lua", 2, args.connections, 2, wrk_env)
                run["latest"] = harness.wrk(server.base, "sta_latest.lua", args.seconds, args.connections, 2, wrk_env)
                harness.log(f"{engine}: newest 100: {run['latest']['rps']:.0f} req/s, p50 {run['latest']['p50_ms']:.1f} ms, p99 {run['latest']['p99_ms']:.1f} ms")
                run["window"] = harness.wrk(server.base, "sta_window.lua", args.seconds, args.connections, 2, wrk_env)
                harness.log(f"{engine}: 24-hour window: {run['window']['rps']:.0f} req/s, p50 {run['window']['p50_ms']:.1f} ms, p99 {run['window']['p99_ms']:.1f} ms")
            finally:
                server.stop()
            run["events"] = event_latency(binary, engine, work, postgres, args.events, 0.05)
            harness.log(f"{engine}: observation → level-change event at a subscriber: p50 {run['events']['p50_ms']:.0f} ms, "
                        f"p99 {run['events']['p99_ms']:.0f} ms ({run['events']['events']} of {run['events']['sent']})")
            results["runs"].append(run)
    finally:
        if postgres:
            postgres.stop()
    out = args.out or os.path.join(work, "sensors-results.json")
    with open(out, "w") as f:
        json.dump(results, f, indent=1)
    print(f"[bench] sensors: results in {out}")
    failed = [r["engine"] for r in results["runs"] if any(r[k]["errors"] for k in ("ingest", "single", "latest", "window"))]
    if failed:
        raise SystemExit(f"bench: requests failed on {', '.join(failed)}")


def pgbench_observation(postgres, connections, seconds, prefix):
    """pgbench's single-row insert of an observation into a table shaped as `sta_observations` (same indexes):
    the durable one-row write the single POST is compared with."""
    database = "kerta_bench_pgbench_obs"
    postgres.recreate(database)
    postgres.psql(database, "CREATE TABLE obs (id bigserial PRIMARY KEY, phenomenon_time_start timestamptz NOT NULL, result text NOT NULL, "
                            "result_number double precision, datastream_id bigint NOT NULL, feature_id bigint NOT NULL); "
                            "CREATE INDEX ON obs (datastream_id, phenomenon_time_start DESC NULLS LAST, id DESC); CREATE INDEX ON obs (feature_id)")
    script = prefix + ".sql"
    with open(script, "w") as f:
        f.write("\\set s random(1, 50)\nINSERT INTO obs (phenomenon_time_start, result, result_number, datastream_id, feature_id) "
                "VALUES (now(), '12.5', 12.5, :s, 1);\n")
    figures = postgres._run_pgbench(database, [script], connections, seconds, prefix)
    postgres.psql("postgres", f'DROP DATABASE "{database}"')
    return figures


if __name__ == "__main__":
    main()
