#!/usr/bin/env python3
"""Kerta's benchmark harness (Python standard library only); `bench/run` installs what it needs and calls it.

For each engine (SQLite, PostgreSQL) and each size (complaints made by `kerta generate`), it copies a
pristine generated database, starts `kerta serve --env production` on loopback, measures its start-up,
drives each scenario with wrk, reads the server's peak RSS per scenario, and measures in the same run the
two ceilings: a route of the same server that touches nothing (GET /health/live) and, on PostgreSQL,
pgbench inserting single rows at the same concurrency. It writes the results as JSON and as the Markdown
table of BENCHMARKS.md, and exits non-zero when a scenario failed (errors, or no requests at all).
Targets are reported, never asserted: timings depend on the machine.
"""
import argparse
import datetime
import glob
import json
import math
import os
import platform
import random
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)
WITA = datetime.timezone(datetime.timedelta(hours=8))
PG_BIN = "/usr/lib/postgresql/15/bin"
# Bumped when `kerta generate` makes different data, so kept datasets are made again.
GENERATOR_VERSION = 3

# (name, what it measures, wrk script). Submit runs last: it adds rows the other scenarios would then read.
SCENARIOS = [
    ("ceiling", "GET /health/live — the framework's ceiling", "ceiling.lua"),
    ("services", "Open311 GET services.json (the reference list)", "services.lua"),
    ("open311_list", "Open311 GET requests.json, status + category + 30-day window", "open311_list.lua"),
    ("open311_list_100", "Open311 GET requests.json?page_size=100, 30-day window", "open311_list_100.lua"),
    ("open311_by_id", "Open311 GET requests/{id}.json", "open311_by_id.lua"),
    ("nearby", "GET /api/v1/complaints/nearby", "nearby.lua"),
    ("complaint_page", "Public complaint page (HTML)", "complaint_page.lua"),
    ("home", "Home page (HTML)", "home.lua"),
    ("performance", "GET /api/v1/agencies/performance, one month", "performance.lua"),
    ("submit", "POST /api/v1/complaints (JSON, unique Idempotency-Key)", "submit.lua"),
]
# The targets, checked at the largest size of a run: p99 in milliseconds, read from the latency run
# (one connection per core), since under saturation latency is the queue, not the request.
P99_TARGETS_MS = {"open311_list": 50, "open311_by_id": 50, "nearby": 10}
RSS_TARGET_MB = 300
STARTUP_TARGET_S = 2.0
SUBMIT_TO_PGBENCH_TARGET = 0.5
SUBMIT_RATE_TARGET = 1000
# The categories Denpasar reports most (the generator's weights); the list and submit scenarios use them.
CATEGORIES = ["LINGK-SAMPAH", "INFRA-LPJU", "INFRA-DRAINASE", "INFRA-JALAN", "LINGK-TPS-LIAR",
              "TRANS-PARKIR-LIAR", "AIR-MATI", "INFRA-TROTOAR", "INFRA-GENANGAN", "TIBUM-PKL"]


def log(message):
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(cmd, env=None, check=True, capture=True, user=None):
    if user and os.geteuid() == 0:
        cmd = ["runuser", "-u", user, "--"] + cmd
    result = subprocess.run(cmd, env=env, text=True, stdout=subprocess.PIPE if capture else None,
                            stderr=subprocess.STDOUT if capture else None)
    if check and result.returncode != 0:
        raise SystemExit(f"bench: command failed ({result.returncode}): {' '.join(cmd)}\n{result.stdout or ''}")
    return result.stdout or ""


class Postgres:
    """A cluster the harness owns (durable settings, kept between runs so pristine datasets are reused),
    or one given by URL (a superuser that may create databases)."""

    def __init__(self, work, url=None):
        self.own = url is None
        self.dir = os.path.join(work, "pg")
        if url:
            self.url = url.rstrip("/")
            return
        os.makedirs(self.dir, exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres")
        self.port = free_port()
        if not os.path.exists(os.path.join(self.dir, "data", "PG_VERSION")):
            log("initdb: a PostgreSQL 15 cluster for benchmarks in " + self.dir)
            run([f"{PG_BIN}/initdb", "-D", f"{self.dir}/data", "-U", "kerta", "--auth=trust", "-E", "UTF8",
                 "--locale=C.UTF-8"], user="postgres")
        # A run that was killed leaves its server behind: stop it before starting afresh.
        if os.path.exists(os.path.join(self.dir, "data", "postmaster.pid")):
            run([f"{PG_BIN}/pg_ctl", "-D", f"{self.dir}/data", "-m", "fast", "stop"], user="postgres", check=False)
        # Durable as in production (fsync and synchronous commit on); memory sized for this 24 GiB machine.
        run([f"{PG_BIN}/pg_ctl", "-D", f"{self.dir}/data", "-l", f"{self.dir}/server.log", "-w", "start", "-o",
             f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.dir} -c shared_buffers=1GB "
             f"-c max_connections=200 -c max_wal_size=4GB"], user="postgres")
        self.url = f"postgres://kerta@127.0.0.1:{self.port}"

    def stop(self):
        if self.own:
            run([f"{PG_BIN}/pg_ctl", "-D", f"{self.dir}/data", "-m", "fast", "stop"], user="postgres", check=False)

    def psql(self, database, sql):
        return run(["psql", "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", f"{self.url}/{database}", "-c", sql])

    def exists(self, database):
        return self.psql("postgres", f"SELECT 1 FROM pg_database WHERE datname = '{database}'").strip() == "1"

    def recreate(self, database, template=None):
        self.psql("postgres", f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        self.psql("postgres", f'CREATE DATABASE "{database}"' + (f' TEMPLATE "{template}"' if template else ""))

    def has_postgis(self):
        return self.psql("postgres", "SELECT count(*) FROM pg_available_extensions WHERE name = 'postgis'").strip() == "1"

    def pgbench(self, connections, seconds, prefix):
        """Single-row inserts of a complaint-sized row, one transaction each: the durable-write ceiling."""
        database = "kerta_bench_pgbench"
        self.recreate(database)
        self.psql(database, "CREATE TABLE bench_insert (id uuid PRIMARY KEY, ticket text NOT NULL, category text NOT NULL, "
                            "description text NOT NULL, latitude double precision NOT NULL, longitude double precision NOT NULL, "
                            "submitted_at timestamptz NOT NULL)")
        script = prefix + ".sql"
        with open(script, "w") as f:
            f.write("INSERT INTO bench_insert VALUES (gen_random_uuid(), 'DPS-' || :client_id || '-' || random(), 'INFRA-LPJU', "
                    "'Lampu jalan mati sejak tiga malam, jalan gelap dan rawan', -8.65, 115.21, now());\n")
        figures = self._run_pgbench(database, [script], connections, seconds, prefix)
        self.psql("postgres", f'DROP DATABASE "{database}"')
        return figures

    def pgbench_submission(self, database, places, connections, seconds, prefix, postgis):
        """The statements one submission makes, from C, on the dataset being measured: the fair ceiling.

        The same twelve statements and the same commit structure as `POST /api/v1/complaints` (read from the
        server's statement log): the Idempotency-Key check, the desa lookup (PostGIS only; without it the
        server looks the point up in memory), the ticket number in a statement of its own, the search for
        possible duplicates, then BEGIN, the audit entry, the complaint, the notification, the event's ordering lock,
        the event and its NOTIFY, COMMIT. One pgbench
        "transaction" is one run of the script, i.e. one submission's database work. Each script is one place
        and category of the sample; pgbench picks one at random per run."""
        scripts = []
        for index, (lat, lon, category) in enumerate(places[:60]):
            scripts.append(f"{prefix}-{index}.sql")
            with open(scripts[-1], "w") as f:
                f.write(submission_statements(lat, lon, category, postgis))
        figures = self._run_pgbench(database, scripts, connections, seconds, prefix)
        for script in scripts:
            os.remove(script)
        return figures

    def _run_pgbench(self, database, scripts, connections, seconds, prefix):
        for old in glob.glob(prefix + "-log*"):
            os.remove(old)
        files = [arg for script in scripts for arg in ("-f", script + "@1")]
        out = run(["pgbench", "-n", "-c", str(connections), "-j", "2", "-T", str(seconds), *files, "-l",
                   "--log-prefix", prefix + "-log", f"{self.url}/{database}"], capture=True)
        tps = next((float(line.split("=")[1].split()[0]) for line in out.splitlines() if line.startswith("tps =")), 0.0)
        latencies = []
        for name in glob.glob(prefix + "-log*"):
            with open(name) as f:
                latencies += [int(line.split()[2]) for line in f if line.strip()]
            os.remove(name)
        latencies.sort()
        pct = lambda p: latencies[min(len(latencies) - 1, int(len(latencies) * p / 100))] / 1000 if latencies else 0
        return {"rps": tps, "p50_ms": pct(50), "p99_ms": pct(99), "transactions": len(latencies)}


def grid_cell(lat, lon):
    """`GridCell.of` (KertaCore): ~500 m squares, row-major."""
    return math.floor((lat + 90) / 0.0045) * 100_000 + math.floor((lon + 180) / 0.0045)


def submission_statements(lat, lon, category, postgis):
    """One submission's statements as a pgbench script (see `Postgres.pgbench_submission`)."""
    d_lat = 250 / 111_320
    d_lon = 250 / (111_320 * max(math.cos(math.radians(lat)), 1e-6))
    cells = [r * 100_000 + c
             for r in range(math.floor((lat - d_lat + 90) / 0.0045), math.floor((lat + d_lat + 90) / 0.0045) + 1)
             for c in range(math.floor((lon - d_lon + 180) / 0.0045), math.floor((lon + d_lon + 180) / 0.0045) + 1)]
    key = "'pgbench:' || :client_id || ':' || :n"
    uid = lambda tag: f"md5('{tag}' || :client_id || ':' || :n)::uuid"
    ticket = "'PGB-' || :client_id || '-' || :n"
    hash_ = "md5(random()::text) || md5(random()::text)"
    lines = ["\\set n random(1, 1000000000000)",
             f'SELECT "id" FROM "complaints" WHERE "idempotency_key" = {key} LIMIT 1;']
    if postgis:
        lines.append("SELECT d.code, d.name, k.code AS kecamatan_code, k.name AS kecamatan_name FROM areas d "
                     "JOIN areas k ON k.code = d.parent_code WHERE d.level = 'desa' AND "
                     f"ST_Covers(d.geom, ST_SetSRID(ST_MakePoint({lon}, {lat}), 4326)) ORDER BY d.code LIMIT 1;")
    lines.append("INSERT INTO ticket_counters (year, last) VALUES (2099, 1) "
                 "ON CONFLICT (year) DO UPDATE SET last = ticket_counters.last + 1 RETURNING last;")
    lines.append('SELECT "id", "ticket", "status", "category_code", "description", "latitude", "longitude", "visibility", '
                 '"agency_code", "resolved_at", "submitted_at" FROM "complaints" '
                 f"WHERE \"category_code\" = '{category}' AND \"grid_cell\" IN ({', '.join(map(str, cells))}) "
                 f'AND "latitude" >= {lat - d_lat} AND "latitude" <= {lat + d_lat} '
                 f'AND "longitude" >= {lon - d_lon} AND "longitude" <= {lon + d_lon} '
                 "AND \"status\" IN ('submitted', 'dispatched', 'in_progress', 'referred', 'on_hold', 'reopened') LIMIT 500;")
    lines.append("BEGIN;")
    lines.append('INSERT INTO "audit_entries" ("id", "subject_type", "subject_id", "position", "version", "action", "actor_id", '
                 '"actor_role", "actor_name", "from_status", "to_status", "note", "data", "recorded_at_ms", "previous_hash", "hash") VALUES '
                 f"({uid('a')}, 'complaint', {uid('c')}, 1, 'kerta-audit-v2', 'submitted', NULL, 'reporter', 'Warga Bench', NULL, 'submitted', NULL, "
                 f"'{{\"agency\":\"DLHK\",\"category\":\"{category}\",\"desa\":\"5171032004\",\"photos\":\"0\",\"visibility\":\"public\"}}', "
                 f"(extract(epoch from now()) * 1000)::bigint, '{'0' * 64}', {hash_});")
    lines.append('INSERT INTO "complaints" ("id", "ticket", "idempotency_key", "category_code", "description", "latitude", '
                 '"longitude", "grid_cell", "address", "desa_code", "desa_name", "kecamatan_code", "kecamatan_name", "attributes", '
                 '"visibility", "reporter_user_id", "reporter_name", "reporter_email", "reporter_phone", "status", "agency_code", '
                 '"priority", "duplicate_of_ticket", "public_response", "reopen_count", "submitted_at", "dispatched_at", '
                 '"first_response_at", "resolved_at", "closed_at", "due_at", "resolution_due_at", "overdue_at", "updated_at", '
                 '"rating_stars", "rating_comment", "audit_head", "audit_count", "escalated_at", "escalated_stage") VALUES '
                 f"({uid('c')}, {ticket}, {key}, '{category}', "
                 "'Lampu jalan mati sejak tiga malam, jalan gelap dan rawan (pgbench)', "
                 f"{lat}, {lon}, {grid_cell(lat, lon)}, NULL, '5171032004', 'Dauh Puri Kelod', '517103', 'Denpasar Barat', NULL, "
                 "'public', NULL, 'Warga Bench', 'bench@contoh.id', NULL, 'submitted', "
                 "(SELECT agency_code FROM categories WHERE code = " f"'{category}'), 'medium', NULL, NULL, 0, now(), NULL, NULL, NULL, NULL, "
                 f"now() + interval '5 days', NULL, NULL, now(), NULL, NULL, {hash_}, 1, NULL, NULL);")
    lines.append('INSERT INTO "outbox_messages" ("id", "recipient", "subject", "body", "complaint_ticket", "created_at", "attempts", '
                 '"next_attempt_at", "sent_at", "last_error") VALUES '
                 f"({uid('o')}, 'bench@contoh.id', '[' || {ticket} || '] Diajukan / Submitted', "
                 f"'Pengaduan ' || {ticket} || ' kini berstatus: Diajukan.', {ticket}, now(), 0, now(), NULL, NULL);")
    # The event, as the change recorder writes it: its ordering lock (held to the commit), the row, the NOTIFY.
    lines.append("SELECT pg_advisory_xact_lock(7738717378881480054);")
    lines.append('INSERT INTO "events" ("occurred_at", "type", "layer", "severity", "subject_type", "subject_id", "subject_ref", '
                 '"latitude", "longitude", "desa_code", "title_id", "title_en", "payload", "audience") VALUES '
                 f"(now(), 'complaint.submitted', 'complaints', 'low', 'complaint', {uid('c')}::text, {ticket}, {lat}, {lon}, "
                 "'5171032004', 'Pengaduan baru di Dauh Puri Kelod', 'New complaint in Dauh Puri Kelod', "
                 f"'{{\"category\":\"{category}\",\"status\":\"submitted\"}}', 'public') RETURNING \"id\";")
    lines.append("SELECT pg_notify('kerta_events', '0');")
    lines.append("COMMIT;")
    return "\n".join(lines) + "\n"


class Dataset:
    """A pristine database of N generated complaints, made once and copied for each run."""

    def __init__(self, engine, size, seed, work, binary, postgres):
        self.engine, self.size, self.seed, self.binary, self.postgres = engine, size, seed, binary, postgres
        self.name = f"kerta_bench_{size}_s{seed}"
        self.dir = os.path.join(work, "sqlite", f"{size}-s{seed}")
        self.marker = os.path.join(work, "datasets", f"{engine}-{size}-s{seed}.json")

    def env(self, data_dir=None, database=None):
        env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "KERTA_DATA_DIR")}
        env["KERTA_DEMO"] = "false"
        if self.engine == "sqlite":
            env["KERTA_DATA_DIR"] = data_dir or self.dir
        else:
            env["DATABASE_URL"] = f"{self.postgres.url}/{database or self.name}"
        return env

    def prepare(self, fresh):
        """Generates the pristine copy unless it exists; returns how long generating took (or took before)."""
        info = None
        if os.path.exists(self.marker):
            with open(self.marker) as f:
                info = json.load(f)
        if not fresh and info and info.get("generator") == GENERATOR_VERSION and self._present():
            log(f"{self.engine} {self.size}: reusing the generated dataset ({info['seconds']:.0f} s to generate)")
            # Migrations added since it was made run here, not inside the measured start-up.
            run([self.binary, "migrate"], env=self.env())
            self._checkpoint()
            return info
        if self.engine == "sqlite":
            shutil.rmtree(self.dir, ignore_errors=True)
            os.makedirs(self.dir)
        else:
            self.postgres.recreate(self.name)
            if self.postgres.has_postgis():
                self.postgres.psql(self.name, "CREATE EXTENSION IF NOT EXISTS postgis")
        log(f"{self.engine} {self.size}: kerta generate --complaints {self.size} --seed {self.seed}")
        started = time.monotonic()
        out = run([self.binary, "generate", "--complaints", str(self.size), "--seed", str(self.seed)], env=self.env())
        seconds = time.monotonic() - started
        summary = next((line for line in out.splitlines() if line.startswith("Generated")), "")
        self._checkpoint()
        info = {"seconds": seconds, "rate": self.size / seconds if seconds else 0, "summary": summary,
                "generator": GENERATOR_VERSION, "commit": git_commit()}
        os.makedirs(os.path.dirname(self.marker), exist_ok=True)
        with open(self.marker, "w") as f:
            json.dump(info, f)
        log(f"{self.engine} {self.size}: {summary} ({self.size / seconds:.0f} complaints/s)")
        return info

    def _checkpoint(self):
        """Folds SQLite's write-ahead log into the file, so a copy of the file alone is whole."""
        if self.engine == "sqlite":
            db = sqlite3.connect(os.path.join(self.dir, "kerta.sqlite"))
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            db.close()

    def _present(self):
        if self.engine == "sqlite":
            return os.path.exists(os.path.join(self.dir, "kerta.sqlite"))
        return self.postgres.exists(self.name)

    def working_copy(self, work):
        """A copy this run may change (submit adds rows), so every run starts from the same data."""
        if self.engine == "sqlite":
            target = os.path.join(work, "run", "sqlite")
            shutil.rmtree(target, ignore_errors=True)
            os.makedirs(target)
            shutil.copy(os.path.join(self.dir, "kerta.sqlite"), os.path.join(target, "kerta.sqlite"))
            return self.env(data_dir=target)
        self.postgres.recreate("kerta_bench_run", template=self.name)
        return self.env(database="kerta_bench_run")

    def sample(self, env):
        """Public tickets and places of existing complaints (with their category), chosen at random."""
        query_tickets = "SELECT ticket FROM complaints WHERE visibility = 'public' ORDER BY random() LIMIT 2000"
        query_places = "SELECT latitude, longitude, category_code FROM complaints ORDER BY random() LIMIT 2000"
        if self.engine == "sqlite":
            with sqlite3.connect(os.path.join(env["KERTA_DATA_DIR"], "kerta.sqlite")) as db:
                tickets = [r[0] for r in db.execute(query_tickets)]
                places = [tuple(r) for r in db.execute(query_places)]
        else:
            tickets = self.postgres.psql("kerta_bench_run", query_tickets).split()
            places = [(float(a), float(b), c) for a, b, c in
                      (line.split("|") for line in self.postgres.psql("kerta_bench_run", query_places).splitlines() if line)]
        return tickets, places


class Server:
    def __init__(self, binary, env, log_path):
        self.binary, self.env, self.log_path = binary, dict(env), log_path
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.env["KERTA_PUBLIC_URL"] = self.base
        self.env["KERTA_SECRET"] = os.urandom(32).hex()
        # The deadline job escalates the copied dataset's overdue complaints through Fluent every minute; its CPU
        # would be counted against whichever scenario runs then.
        self.env["KERTA_JOBS_INTERVAL"] = "0"
        self.process = None

    def start(self):
        """Starts `kerta serve --env production`; returns seconds until /health/live first answers."""
        self.log = open(self.log_path, "w")
        started = time.monotonic()
        self.process = subprocess.Popen([self.binary, "serve", "--env", "production", "--hostname", "127.0.0.1",
                                         "--port", str(self.port)], env=self.env, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = started + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"bench: kerta serve exited with {self.process.returncode}; see {self.log_path}")
            try:
                with urllib.request.urlopen(self.base + "/health/live", timeout=1) as r:
                    if r.status == 200:
                        return time.monotonic() - started
            except (urllib.error.URLError, ConnectionError, OSError):
                pass
            time.sleep(0.01)
        raise SystemExit(f"bench: kerta serve did not answer within 120 s; see {self.log_path}")

    def reset_peak_rss(self):
        # Linux: writing 5 to clear_refs resets the high-water mark VmHWM.
        try:
            with open(f"/proc/{self.process.pid}/clear_refs", "w") as f:
                f.write("5")
        except OSError:
            pass

    def cpu_seconds(self):
        """User + system CPU time of the server so far (from /proc/PID/stat)."""
        with open(f"/proc/{self.process.pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def rss_mb(self, field="VmHWM"):
        with open(f"/proc/{self.process.pid}/status") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) / 1024
        return 0.0

    def inside_city(self, places, limit):
        """Keeps the places the city's boundary holds, as a resident's phone would send."""
        kept = []
        for lat, lon, category in places:
            try:
                with urllib.request.urlopen(f"{self.base}/api/v1/areas/lookup?lat={lat}&lon={lon}", timeout=5) as r:
                    if r.status == 200:
                        kept.append((lat, lon, category))
            except urllib.error.HTTPError:
                pass
            if len(kept) >= limit:
                break
        return kept

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


def write_lua_data(path, tickets, places, now):
    """The sample data the wrk scripts read (bench/wrk/common.lua)."""
    windows, months = [], []
    today = now.astimezone(WITA).date()
    rng = random.Random(7)
    for _ in range(200):
        end = today - datetime.timedelta(days=rng.randrange(0, 3 * 365))
        start = end - datetime.timedelta(days=30)
        windows.append((f"{start.isoformat()}T00:00:00%2B08:00", f"{end.isoformat()}T23:59:59%2B08:00"))
    first = today.replace(day=1)
    for back in range(36):
        year, month = first.year, first.month - back
        while month <= 0:
            year, month = year - 1, month + 12
        start = datetime.date(year, month, 1)
        end = datetime.date(year + (month == 12), month % 12 + 1, 1)
        months.append((start.isoformat(), end.isoformat()))

    def lua(value):
        if isinstance(value, (list, tuple)):
            return "{" + ",".join(lua(v) for v in value) + "}"
        if isinstance(value, float):
            return repr(value)
        return json.dumps(value)
    with open(path, "w") as f:
        f.write("return {\n")
        for key, value in [("tickets", tickets), ("places", places), ("categories", CATEGORIES), ("windows", windows),
                           ("months", months)]:
            f.write(f"  {key} = {lua(value)},\n")
        f.write("}\n")


def wrk(base, script, seconds, connections, threads, env):
    out = run(["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{seconds}s", "--timeout", "10s", "-s",
               os.path.join(BENCH, "wrk", script), base], env=env)
    line = next((l for l in out.splitlines() if l.startswith("KERTA-BENCH ")), None)
    if line is None:
        raise SystemExit(f"bench: wrk printed no report for {script}:\n{out}")
    report = json.loads(line[len("KERTA-BENCH "):])
    errors = sum(report["errors"].values())
    return {"rps": report["requests"] / (report["duration_us"] / 1e6), "requests": report["requests"], "errors": errors,
            "p50_ms": report["latency_us"]["p50"] / 1000, "p99_ms": report["latency_us"]["p99"] / 1000,
            "mean_ms": report["latency_us"]["mean"] / 1000}


def profile(server, script, seconds, connections, threads, env, out_prefix):
    """perf record of the server while wrk drives one scenario; the report's top entries go to a file."""
    data = out_prefix + ".perf.data"
    recorder = subprocess.Popen(["perf", "record", "-F", "499", "-g", "-p", str(server.process.pid), "-o", data],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(0.5)
    wrk(server.base, script, seconds, connections, threads, env)
    recorder.send_signal(signal.SIGINT)
    recorder.wait(timeout=60)
    report = run(["perf", "report", "-i", data, "--stdio", "--no-children", "--percent-limit", "1", "-g", "none",
                  "--sort", "dso,symbol"], check=False)
    with open(out_prefix + ".txt", "w") as f:
        f.write(report)
    return out_prefix + ".txt"


def git_commit():
    try:
        return subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], text=True, capture_output=True).stdout.strip()
    except OSError:
        return "unknown"


def machine():
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
    mem = next((int(l.split()[1]) for l in open("/proc/meminfo") if l.startswith("MemTotal")), 0) / 1024 / 1024
    return f"{os.cpu_count()} cores ({cpu}), {mem:.0f} GiB, {platform.system()} {platform.release()}"


def markdown(results):
    lines = [f"Run of {results['date']} · commit `{results['commit']}` · {results['machine']}",
             f"wrk: {results['threads']} threads, {results['connections']} connections, {results['seconds']} s per scenario "
             f"(after {results['warmup']} s of warm-up), then {results['light_connections']} connections for "
             f"{results['light_seconds']} s (latency without queueing); build: {results['build']}.", ""]
    lines.append(f"| engine | complaints | scenario | req/s | p50 ms | p99 ms | p50 / p99 ms at {results['light_connections']} conns "
                 "| errors | peak RSS MB | server CPU ms/req (cores) | × framework ceiling | notes |")
    lines.append("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for block in results["runs"]:
        ceiling = next(s for s in block["scenarios"] if s["name"] == "ceiling")["rps"]
        for s in block["scenarios"]:
            notes = []
            if s["name"] == "submit" and block.get("pgbench"):
                notes.append(f"{s['rps'] / block['pgbench']['rps']:.2f} × pgbench insert")
            if s["name"] == "submit" and block.get("pgbench_submission", {}).get("rps"):
                notes.append(f"{s['rps'] / block['pgbench_submission']['rps']:.2f} × pgbench of its statements")
            if s.get("target"):
                notes.append(s["target"])
            lines.append(f"| {block['engine']} | {block['size']:,} | {s['name']} | {s['rps']:,.0f} | {s['p50_ms']:.1f} | "
                         f"{s['p99_ms']:.1f} | {s['light_p50_ms']:.1f} / {s['light_p99_ms']:.1f} | {s['errors']} | {s['peak_rss_mb']:.0f} | "
                         f"{s['server_cpu_ms_per_request']:.2f} ({s['server_cores_busy']:.1f}) | {s['rps'] / ceiling:.2f} | "
                         f"{'; '.join(notes)} |")
        if block.get("pgbench"):
            p = block["pgbench"]
            lines.append(f"| {block['engine']} | {block['size']:,} | *pgbench single-row insert* | {p['rps']:,.0f} | "
                         f"{p['p50_ms']:.1f} | {p['p99_ms']:.1f} | — | 0 | — | — | — | the durable-write ceiling |")
        if block.get("pgbench_submission"):
            p = block["pgbench_submission"]
            lines.append(f"| {block['engine']} | {block['size']:,} | *pgbench, a submission's statements* | {p['rps']:,.0f} | "
                         f"{p['p50_ms']:.1f} | {p['p99_ms']:.1f} | — | 0 | — | — | — | the fair ceiling of submit |")
    lines += ["", "| engine | complaints | generate (complaints/s) | start-up s | RSS after start MB | peak RSS MB |",
              "|---|---:|---:|---:|---:|---:|"]
    for block in results["runs"]:
        peak = max(s["peak_rss_mb"] for s in block["scenarios"])
        lines.append(f"| {block['engine']} | {block['size']:,} | {block['generate']['rate']:,.0f} "
                     f"({block['generate']['seconds']:.0f} s) | {block['startup_s']:.2f} | {block['rss_after_start_mb']:.0f} | "
                     f"{peak:.0f} |")
    targets = results.get("targets")
    if targets:
        lines += ["", "Targets at the largest size:", ""] + [f"- {t}" for t in targets]
    return "\n".join(lines) + "\n"


def check_targets(results):
    largest = max(block["size"] for block in results["runs"])
    notes = []
    for block in (b for b in results["runs"] if b["size"] == largest):
        where = f"{block['engine']} {block['size']:,}"
        for s in block["scenarios"]:
            limit = P99_TARGETS_MS.get(s["name"])
            if limit is not None:
                met = s["light_p99_ms"] < limit
                s["target"] = f"target p99 < {limit} ms: {'met' if met else 'MISSED'}"
                notes.append(f"{where} {s['name']}: p99 {s['light_p99_ms']:.1f} ms at {results['light_connections']} connections, "
                             f"{s['p99_ms']:.1f} ms at {results['connections']} (< {limit}) — {'met' if met else 'MISSED'}")
            if s["name"] == "submit" and block.get("pgbench_submission", {}).get("rps"):
                ratio = s["rps"] / block["pgbench_submission"]["rps"]
                met = ratio >= SUBMIT_TO_PGBENCH_TARGET and s["rps"] >= SUBMIT_RATE_TARGET
                s["target"] = (f"target ≥ {SUBMIT_TO_PGBENCH_TARGET:.0%} of pgbench of its statements and ≥ {SUBMIT_RATE_TARGET:,}/s: "
                               f"{'met' if met else 'MISSED'}")
                notes.append(f"{where} submit: {s['rps']:,.0f}/s, {ratio:.0%} of pgbench running its statements "
                             f"({block['pgbench_submission']['rps']:,.0f}/s; ≥ {SUBMIT_TO_PGBENCH_TARGET:.0%} and ≥ {SUBMIT_RATE_TARGET:,}/s) — "
                             f"{'met' if met else 'MISSED'}")
        peak = max(s["peak_rss_mb"] for s in block["scenarios"])
        notes.append(f"{where} peak RSS {peak:.0f} MB (< {RSS_TARGET_MB}) — {'met' if peak < RSS_TARGET_MB else 'MISSED'}")
        notes.append(f"{where} start-up {block['startup_s']:.2f} s (< {STARTUP_TARGET_S:.0f}) — "
                     f"{'met' if block['startup_s'] < STARTUP_TARGET_S else 'MISSED'}")
    results["targets"] = notes


def main():
    parser = argparse.ArgumentParser(description="Kerta's benchmark harness (see BENCHMARKS.md)")
    parser.add_argument("--binary", required=True)
    parser.add_argument("--build", default="release")
    parser.add_argument("--engines", default="sqlite,postgres")
    parser.add_argument("--sizes", default="10000,1000000")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--light-connections", type=int, default=2, help="connections of the latency run (default: one per core)")
    parser.add_argument("--light-seconds", type=int, default=8)
    parser.add_argument("--scenarios", default=",".join(s[0] for s in SCENARIOS))
    parser.add_argument("--postgres-url", help="a superuser URL of a running cluster (default: the harness starts its own)")
    parser.add_argument("--work", default=os.path.join(BENCH, "work"))
    parser.add_argument("--fresh", action="store_true", help="generate the datasets again even when present")
    parser.add_argument("--profile", help="record a perf profile of these scenarios (comma-separated) at the largest size")
    parser.add_argument("--prepare-only", action="store_true", help="generate the datasets and stop")
    args = parser.parse_args()

    work = os.path.abspath(args.work)
    os.makedirs(work, exist_ok=True)
    binary = os.path.abspath(args.binary)
    engines = [e for e in args.engines.split(",") if e]
    sizes = [int(s) for s in args.sizes.split(",") if s]
    wanted = args.scenarios.split(",")
    scenarios = [s for s in SCENARIOS if s[0] in wanted or s[0] == "ceiling"]
    now = datetime.datetime.now(datetime.timezone.utc)
    results = {"date": now.astimezone(WITA).strftime("%Y-%m-%d %H:%M WITA"), "commit": git_commit(), "machine": machine(),
               "build": args.build, "threads": args.threads, "connections": args.connections, "seconds": args.seconds,
               "warmup": args.warmup, "light_connections": args.light_connections, "light_seconds": args.light_seconds, "runs": []}
    postgres = Postgres(work, args.postgres_url) if "postgres" in engines else None
    failures = []
    try:
        for engine in engines:
            for size in sizes:
                dataset = Dataset(engine, size, args.seed, work, binary, postgres)
                generated = dataset.prepare(args.fresh)
                if args.prepare_only:
                    continue
                env = dataset.working_copy(work)
                server = Server(binary, env, os.path.join(work, f"server-{engine}-{size}.log"))
                startup = server.start()
                block = {"engine": engine, "size": size, "generate": generated, "startup_s": startup,
                         "rss_after_start_mb": server.rss_mb("VmRSS"), "scenarios": []}
                log(f"{engine} {size}: serving at {server.base} after {startup:.2f} s")
                try:
                    tickets, places = dataset.sample(env)
                    places = server.inside_city(places, 400)
                    if not tickets or not places:
                        raise SystemExit("bench: the dataset has no public complaints to read")
                    data = os.path.join(work, "data.lua")
                    write_lua_data(data, tickets, places, now)
                    wrk_env = dict(os.environ, KERTA_BENCH_DATA=data, KERTA_BENCH_DIR=BENCH,
                                   KERTA_BENCH_RUN=f"bench-{now.strftime('%Y%m%d%H%M%S')}-{engine}-{size}")
                    for name, title, script in scenarios:
                        if args.warmup:
                            wrk(server.base, script, args.warmup, args.connections, args.threads, wrk_env)
                        server.reset_peak_rss()
                        cpu_before = server.cpu_seconds()
                        figures = wrk(server.base, script, args.seconds, args.connections, args.threads, wrk_env)
                        cpu = server.cpu_seconds() - cpu_before
                        figures.update(name=name, title=title, peak_rss_mb=server.rss_mb(),
                                       server_cpu_ms_per_request=1000 * cpu / figures["requests"] if figures["requests"] else 0,
                                       server_cores_busy=cpu / args.seconds)
                        # Latency without queueing: as many connections as cores, so each request has a core.
                        light = wrk(server.base, script, args.light_seconds, args.light_connections, min(args.threads, args.light_connections), wrk_env)
                        figures.update(light_p50_ms=light["p50_ms"], light_p99_ms=light["p99_ms"], light_rps=light["rps"],
                                       errors=figures["errors"] + light["errors"], peak_rss_mb=max(figures["peak_rss_mb"], server.rss_mb()))
                        block["scenarios"].append(figures)
                        log(f"{engine} {size} {name}: {figures['rps']:.0f} req/s, p50 {figures['p50_ms']:.1f} ms, "
                            f"p99 {figures['p99_ms']:.1f} ms, errors {figures['errors']}, peak RSS {figures['peak_rss_mb']:.0f} MB, "
                            f"server CPU {figures['server_cpu_ms_per_request']:.2f} ms/request ({figures['server_cores_busy']:.2f} cores); "
                            f"at {args.light_connections} connections p50 {figures['light_p50_ms']:.1f} ms, p99 {figures['light_p99_ms']:.1f} ms")
                        if figures["errors"] or figures["requests"] == 0:
                            failures.append(f"{engine} {size} {name}: {figures['errors']} errors in {figures['requests']} requests")
                    for profiled in (args.profile.split(",") if args.profile and size == max(sizes) else []):
                        script = next(s[2] for s in SCENARIOS if s[0] == profiled)
                        path = profile(server, script, args.seconds, args.connections, args.threads, wrk_env,
                                       os.path.join(work, f"profile-{engine}-{size}-{profiled}"))
                        log(f"profile of {profiled} on {engine}: {path}")
                    if engine == "postgres":
                        block["pgbench"] = postgres.pgbench(args.connections, args.seconds, os.path.join(work, "pgbench"))
                        log(f"{engine} {size} pgbench insert: {block['pgbench']['rps']:.0f} tps, p99 {block['pgbench']['p99_ms']:.1f} ms")
                        if any(s[0] == "submit" for s in scenarios):
                            block["pgbench_submission"] = postgres.pgbench_submission(
                                "kerta_bench_run", places, args.connections, args.seconds, os.path.join(work, "pgbench-submission"),
                                postgres.psql("kerta_bench_run", "SELECT count(*) FROM pg_extension WHERE extname = 'postgis'").strip() == "1")
                            log(f"{engine} {size} pgbench submission statements: {block['pgbench_submission']['rps']:.0f} tps, "
                                f"p99 {block['pgbench_submission']['p99_ms']:.1f} ms")
                finally:
                    server.stop()
                results["runs"].append(block)
    finally:
        if postgres:
            postgres.stop()
    if args.prepare_only:
        return 0
    check_targets(results)
    stamp = now.strftime("%Y%m%d-%H%M%S")
    with open(os.path.join(work, f"results-{stamp}.json"), "w") as f:
        json.dump(results, f, indent=2)
    table = markdown(results)
    with open(os.path.join(work, "latest.md"), "w") as f:
        f.write(table)
    print("\n" + table)
    log(f"results: {work}/results-{stamp}.json and {work}/latest.md")
    if failures:
        print("bench: scenarios failed:\n  " + "\n  ".join(failures), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
