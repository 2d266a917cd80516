#!/usr/bin/env python3
"""The command center's benchmark (issue 13's targets; figures in BENCHMARKS.md):

- the dashboard's first load: every byte an operator's browser fetches to draw /command (HTML, styles, scripts,
  Leaflet, the boundaries, the alarms, the KPIs and the first layer answer), compressed as sent — target 300 KB;
- the complaints layer on the harness's generated datasets (default 1,000,000 complaints): p50/p99 at one
  connection per core, three city-wide requests (zoom 12, clustered on the server) to one zoomed-in box —
  target p99 < 100 ms.

It reuses bench/harness.py's datasets, PostgreSQL cluster and server handling.
Usage: bench/command.py --binary .build/release/kerta [--engines sqlite,postgres] [--size 1000000] [--seconds 15]
"""
import argparse
import gzip
import http.cookiejar
import json
import os
import re
import subprocess
import sys
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402


def opener():
    jar = http.cookiejar.CookieJar()
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))


def fetch(browser, url, data=None, headers=None):
    request = urllib.request.Request(url, data=data, headers={"Accept-Encoding": "gzip", "Accept": "text/html,*/*", **(headers or {})})
    with browser.open(request, timeout=60) as response:
        raw = response.read()
        body = gzip.decompress(raw) if response.headers.get("Content-Encoding") == "gzip" else raw
        return len(raw), body.decode("utf-8", "replace"), response


def first_load(base, email, password):
    """Signs in as an operator and fetches what the dashboard's first paint needs; returns (bytes, rows)."""
    browser = opener()
    _, page, _ = fetch(browser, base + "/login")
    token = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
    form = urllib.parse.urlencode({"email": email, "password": password, "next": "/command", "_csrf": token}).encode()
    fetch(browser, base + "/login", data=form, headers={"Content-Type": "application/x-www-form-urlencoded"})
    size, html, _ = fetch(browser, base + "/command")
    rows = [("/command (HTML)", size)]
    assets = re.findall(r'(?:href|src)="(/(?:css|js|vendor)/[^"]+)"', html)
    leaflet = re.search(r'data-leaflet="([^"]+)"', html)
    if leaflet and leaflet.group(1):
        assets += [leaflet.group(1), "/vendor/leaflet/leaflet.css"]
    urls = re.findall(r'data-[a-z-]*url="(/api/[^"]+)"', html)
    urls = [u.replace("&amp;", "&") for u in urls if "/stream" not in u]
    urls.append("/api/v1/command/layers/complaints?zoom=12&bbox=115.15,-8.75,115.30,-8.55")
    for path in dict.fromkeys(assets + urls):
        try:
            size, _, _ = fetch(browser, base + path)
        except urllib.error.HTTPError as error:
            size = 0
            path += f" ({error.code})"
        rows.append((path, size))
    return sum(size for _, size in rows), rows


def cold(base, token, count=20):
    """The whole city at zoom 12 with a box nobody asked before, one at a time: what a request costs when the
    five-second shared answer cannot serve it (the first operator after a quiet spell)."""
    times = []
    for i in range(count):
        url = f"{base}/api/v1/command/layers/complaints?zoom=12&bbox=115.15,-8.75,{115.30 + i * 1e-5:.5f},-8.55"
        started = harness.time.monotonic()
        with urllib.request.urlopen(urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"}), timeout=60) as response:
            response.read()
        times.append((harness.time.monotonic() - started) * 1000)
    return times


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", required=True)
    parser.add_argument("--engines", default="sqlite,postgres")
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--connections", type=int, default=2, help="one per core: latency without queueing")
    parser.add_argument("--postgres-url")
    parser.add_argument("--work", default=os.path.join(harness.BENCH, "work"))
    args = parser.parse_args()
    work, binary = os.path.abspath(args.work), os.path.abspath(args.binary)
    engines = [e for e in args.engines.split(",") if e]
    postgres = harness.Postgres(work, args.postgres_url) if "postgres" in engines else None
    results = {"date": harness.datetime.datetime.now(harness.WITA).strftime("%Y-%m-%d %H:%M WITA"), "commit": harness.git_commit(),
               "machine": harness.machine(), "size": args.size, "runs": []}
    try:
        for engine in engines:
            dataset = harness.Dataset(engine, args.size, args.seed, work, binary, postgres)
            dataset.prepare(False)
            env = dataset.working_copy(work)
            for email, role in (("bench.operator@kerta.example", "operator"), ("bench.admin@kerta.example", "admin")):
                harness.run([binary, "users", "create", "--email", email, "--password", "bench-password-1", "--role", role,
                             "--name", f"Bench {role}"], env=env)
            server = harness.Server(binary, env, os.path.join(work, f"server-command-{engine}.log"))
            server.start()
            try:
                total, rows = first_load(server.base, "bench.operator@kerta.example", "bench-password-1")
                harness.log(f"{engine}: first load of /command {total / 1024:.0f} KB in {len(rows)} requests")
                request = urllib.request.Request(server.base + "/api/v1/auth/token", method="POST", headers={"Content-Type": "application/json"},
                                                 data=json.dumps({"email": "bench.admin@kerta.example", "password": "bench-password-1"}).encode())
                with urllib.request.urlopen(request, timeout=30) as response:
                    token = json.load(response)["token"]
                _, places = dataset.sample(env)
                data = os.path.join(work, "data-command.lua")
                harness.write_lua_data(data, ["PRO-0"], places[:400], harness.datetime.datetime.now(harness.datetime.timezone.utc))
                wrk_env = dict(os.environ, KERTA_BENCH_DATA=data, KERTA_BENCH_DIR=harness.BENCH, KERTA_BENCH_TOKEN=token)
                harness.wrk(server.base, "command_layer.lua", 3, args.connections, min(2, args.connections), wrk_env)
                figures = harness.wrk(server.base, "command_layer.lua", args.seconds, args.connections, min(2, args.connections), wrk_env)
                harness.log(f"{engine} {args.size}: layer {figures['rps']:.0f} req/s, p50 {figures['p50_ms']:.1f} ms, "
                            f"p99 {figures['p99_ms']:.1f} ms, errors {figures['errors']}, peak RSS {server.rss_mb():.0f} MB")
                figures["cold_ms"] = cold(server.base, token)
                harness.log(f"{engine} {args.size}: the whole city counted afresh (no shared answer): "
                            f"median {sorted(figures['cold_ms'])[len(figures['cold_ms']) // 2]:.0f} ms, worst {max(figures['cold_ms']):.0f} ms")
                results["runs"].append({"engine": engine, "first_load_bytes": total, "first_load": rows, "layer": figures,
                                        "peak_rss_mb": server.rss_mb()})
            finally:
                server.stop()
    finally:
        if postgres:
            postgres.stop()
    path = os.path.join(work, "command-results.json")
    with open(path, "w") as f:
        json.dump(results, f, indent=1)
    print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
