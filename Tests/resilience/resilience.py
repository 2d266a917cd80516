#!/usr/bin/env python3
"""Outside resilience checks of the real `kerta` binary (issue 11): graceful SIGTERM under load, crash
safety under SIGKILL, PostgreSQL restarted under load, backup and restore while serving, and overload
shedding (KERTA_MAX_IN_FLIGHT). Python 3.11 standard library only; `scripts/resilience` runs it with a
throwaway PostgreSQL cluster of its own.

Every server listens on 127.0.0.1 on a port picked free, every load loop is bounded in count and in time,
and every child process is killed at exit. One line per check (PASS/FAIL and facts; a failing check adds a
few indented lines: what went wrong and the server's log lines that explain it), then
`resilience: N passed, M failed`; the exit code is non-zero on any failure.

Usage: resilience.py --binary KERTA --work DIR [--pg-bin DIR --pg-data DIR --pg-port P --pg-log FILE]
                     [--only REGEX]
"""
import argparse
import atexit
import base64
import http.client as httpclient
import json
import os
import pwd
import queue
import random
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import traceback
import uuid

# --- settings -------------------------------------------------------------------------------------------
GRACE = 5                 # KERTA_SHUTDOWN_GRACE given to the servers of the SIGTERM check
START_TIMEOUT = 90        # a debug build migrating and loading reference data is slow
REQUEST_TIMEOUT = 15      # no request of any check may take longer
MAX_IN_FLIGHT = 4         # KERTA_MAX_IN_FLIGHT of the overload check
SHED_BOUND = 5.0          # seconds: a 503 of the overload check must come at least this fast ("at once"; a
                          # debug build on two busy cores; a queued request would wait REQUEST_TIMEOUT)
RECOVERY_BOUND = 30       # seconds for Kerta to recover once PostgreSQL is back
VERIFIER = ("verifikator@kerta.example", "kerta-demo")
LATER_THAN_DISPATCHED = {"dispatched", "in_progress", "on_hold", "referred", "resolved", "closed", "reopened"}
FATAL_PATTERNS = ("Fatal error", "Unexpectedly found nil", "Program crashed", "Illegal instruction", "Segmentation fault")
# Points inside Kota Denpasar (Lapangan Puputan Badung and a street in Dauh Puri) to jitter around.
POINTS = [(-8.6577, 115.2166), (-8.6705, 115.2126)]
CATEGORIES = ["LINGK-SAMPAH", "INFRA-LPJU", "INFRA-DRAINASE"]
# A real 24x16 JPEG (drawn and encoded by chromium: JFIF, ICC profile, baseline, 3 components).
JPEG = base64.b64decode(
    "/9j/4AAQSkZJRgABAQAAAQABAAD/4gHYSUNDX1BST0ZJTEUAAQEAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAAAABhY3Nw"
    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
    "AAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAAABR3dHB0AAABUAAAABRyVFJD"
    "AAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAAAAgAAAAcAHMAUgBH"
    "AEJYWVogAAAAAAAAb6IAADj1AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9YWVogAAAAAAAA9tYAAQAA"
    "AADTLXBhcmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAMZW5VUwAAACAAAAAcAEcAbwBv"
    "AGcAbABlACAASQBuAGMALgAgADIAMAAxADb/2wBDAAoHBwgHBgoICAgLCgoLDhgQDg0NDh0VFhEYIx8lJCIfIiEmKzcvJik0KSEiMEEx"
    "NDk7Pj4+JS5ESUM8SDc9Pjv/2wBDAQoLCw4NDhwQEBw7KCIoOzs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7"
    "Ozs7Ozs7Ozv/wAARCAAQABgDASIAAhEBAxEB/8QAFwABAQEBAAAAAAAAAAAAAAAABgACBf/EABwQAAIABwAAAAAAAAAAAAAAAAABAgQF"
    "F1ST0v/EABYBAQEBAAAAAAAAAAAAAAAAAAYCBf/EABsRAAICAwEAAAAAAAAAAAAAAAADBBEBISIC/9oADAMBAAIRAxEAPwDjNi62Vayp"
    "DZHyD2xfc6tYshrj7JjpzWjTlv8AV6BzZGWyEC08h9r+j//Z")

ARGS = None
WORK = None
CHILDREN = []            # every Popen this script started; killed at exit
CHILDREN_LOCK = threading.Lock()


# --- processes ------------------------------------------------------------------------------------------
def spawn(cmd, env, log_path):
    log = open(log_path, "ab")
    proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    log.close()
    with CHILDREN_LOCK:
        CHILDREN.append(proc)
    # The wrapper kills what is listed here should this script itself be killed.
    with open(os.path.join(WORK, "children.pids"), "a") as f:
        f.write(f"{proc.pid}\n")
    return proc


def kill_children():
    with CHILDREN_LOCK:
        procs = list(CHILDREN)
    for proc in procs:
        if proc.poll() is None:
            try:
                proc.kill()
            except OSError:
                pass
    for proc in procs:
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            pass


def base_env(extra):
    env = {k: v for k, v in os.environ.items()
           if not (k.startswith("KERTA_") or k in ("DATABASE_URL", "TEST_DATABASE_URL", "HOST", "PORT", "VAPOR_ENV"))}
    # No simulated city: these checks count what their own load wrote.
    env.update({"LOG_LEVEL": "notice", "KERTA_JOBS_INTERVAL": "0", "KERTA_SIMULATE": "false"})
    env.update(extra)
    return env


def kerta(args, env_extra, timeout=120, name="cmd"):
    """Runs a kerta subcommand to completion; returns (exit code, output). A timeout is exit code None."""
    log_path = os.path.join(WORK, "logs", f"{name}.log")
    with open(log_path, "ab") as log:
        log.write(f"$ kerta {' '.join(args)}\n".encode())
    proc = spawn([ARGS.binary] + args, base_env(env_extra), log_path)
    try:
        code = proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        code = None
    with open(log_path, "rb") as f:
        out = f.read().decode(errors="replace")
    return code, out.split("\n", 1)[1] if "\n" in out else out


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def last_lines(text, n=4):
    lines = [l for l in text.strip().splitlines() if l.strip()]
    return " | ".join(lines[-n:])


class Server:
    def __init__(self, name, env, port=None):
        self.name, self.env = name, dict(env)
        self.port = port or free_port()
        self.log_path = os.path.join(WORK, "logs", f"{name}.log")
        self.proc = None

    def start(self):
        self.proc = spawn([ARGS.binary, "serve"],
                          base_env(dict(self.env, HOST="127.0.0.1", PORT=str(self.port))), self.log_path)
        return self

    def wait_healthy(self, timeout=START_TIMEOUT):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                return False
            if http(self.port, "GET", "/health", timeout=5).status == 200:
                return True
            time.sleep(0.25)
        return False

    def started(self, timeout=START_TIMEOUT):
        """Starts and waits for /health, or raises with the log's last lines."""
        self.start()
        t0 = time.monotonic()
        if not self.wait_healthy(timeout):
            raise CheckError(f"server {self.name} did not answer /health within {timeout} s "
                             f"(exit code {self.proc.poll()}): {last_lines(self.log())}")
        self.start_seconds = time.monotonic() - t0
        return self

    def log(self):
        try:
            with open(self.log_path, "rb") as f:
                return f.read().decode(errors="replace")
        except FileNotFoundError:
            return ""

    def fatal_lines(self):
        return [l for l in self.log().splitlines() if any(p in l for p in FATAL_PATTERNS)]

    def stop(self):
        """Cleanup, not a check: SIGTERM, then SIGKILL after a bound."""
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=GRACE + 15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def kill(self):
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


# --- HTTP -----------------------------------------------------------------------------------------------
class Answer:
    __slots__ = ("status", "headers", "body", "t0", "t1", "error")

    def __init__(self, status, headers, body, t0, t1, error=None):
        self.status, self.headers, self.body, self.t0, self.t1, self.error = status, headers, body, t0, t1, error

    @property
    def seconds(self):
        return self.t1 - self.t0

    def json(self):
        try:
            return json.loads(self.body)
        except (ValueError, TypeError):
            return None

    def describe(self):
        if self.status is None:
            return f"no answer ({self.error})"
        return f"{self.status} {self.body[:160].decode(errors='replace')!r}"


def http(port, method, path, body=None, headers=None, timeout=REQUEST_TIMEOUT):
    headers = dict(headers or {})
    if isinstance(body, (dict, list)):
        body = json.dumps(body).encode()
        headers.setdefault("Content-Type", "application/json")
    headers.setdefault("Connection", "close")
    t0 = time.monotonic()
    conn = httpclient.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers)
        resp = conn.getresponse()
        data = resp.read()
        return Answer(resp.status, {k.lower(): v for k, v in resp.getheaders()}, data, t0, time.monotonic())
    except (OSError, httpclient.HTTPException) as e:
        return Answer(None, {}, b"", t0, time.monotonic(), f"{type(e).__name__}: {e}")
    finally:
        conn.close()


def multipart(fields, files):
    boundary = "kerta-resilience-" + uuid.uuid4().hex
    parts = []
    for name, value in fields:
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, filename, content in files:
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                     f'Content-Type: image/jpeg\r\n\r\n'.encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), {"Content-Type": f"multipart/form-data; boundary={boundary}"}


def complaint_body(tag, i, rng):
    lat, lon = rng.choice(POINTS)
    return {"category": rng.choice(CATEGORIES),
            "description": f"Uji ketahanan {tag} nomor {i}: sampah menumpuk dan lampu jalan mati di sini",
            "lat": round(lat + rng.uniform(-0.002, 0.002), 6), "lon": round(lon + rng.uniform(-0.002, 0.002), 6),
            "visibility": "public", "reporter": {"name": f"Warga Uji {i}"}}


def sign_in(port, email_password=VERIFIER):
    email, password = email_password
    a = http(port, "POST", "/api/v1/auth/token", {"email": email, "password": password}, timeout=60)
    token = (a.json() or {}).get("token") if a.status == 200 else None
    if not token:
        raise CheckError(f"sign-in as {email} failed: {a.describe()}")
    return token


def retry_after_ok(a):
    return a.status == 503 and bool(a.headers.get("retry-after", "").strip())


def json_error_ok(a):
    body = a.json()
    return isinstance(body, dict) and isinstance(body.get("error"), dict)


# --- load -----------------------------------------------------------------------------------------------
class Load:
    """Worker threads each calling fn(worker, i) -> Answer until stopped, `count` calls, or `seconds`."""

    def __init__(self, workers, count=400, seconds=60):
        self.workers, self.count, self.seconds = workers, count, seconds
        self.records = []              # (kind, Answer, extra)
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.threads = []

    def _run(self, kind, fn, w):
        deadline = time.monotonic() + self.seconds
        i = 0
        while not self.stopping.is_set() and i < self.count and time.monotonic() < deadline:
            try:
                answer, extra = fn(w, i)
            except Exception as e:  # a bug here must not hang the check
                answer, extra = Answer(None, {}, b"", time.monotonic(), time.monotonic(), repr(e)), None
            if answer is not None:
                with self.lock:
                    self.records.append((kind, answer, extra))
                if answer.status is None:
                    time.sleep(0.05)  # refused or cut off: do not spin on a closed port
            i += 1

    def start(self):
        for w, (kind, fn) in enumerate(self.workers):
            t = threading.Thread(target=self._run, args=(kind, fn, w), daemon=True)
            t.start()
            self.threads.append(t)
        return self

    def stop(self):
        self.stopping.set()
        for t in self.threads:
            t.join(timeout=REQUEST_TIMEOUT + 5)

    def snapshot(self):
        with self.lock:
            return list(self.records)

    def ok(self, kind=None):
        return [(k, a, x) for k, a, x in self.snapshot() if (kind is None or k == kind) and a.status and 200 <= a.status < 300]

    def wait_for(self, predicate, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if predicate():
                return True
            time.sleep(0.1)
        return predicate()


def submitter(port, tag, seed, keyed_every=2, pause=0.0):
    """Anonymous JSON submissions, every keyed_every-th with an Idempotency-Key; extra = (ticket, key, body)."""
    rng = random.Random(seed)

    def fn(w, i):
        body = complaint_body(f"{tag}-{w}", i, rng)
        headers = {}
        key = None
        if keyed_every and i % keyed_every == 0:
            key = f"{tag}-{w}-{i}-{uuid.uuid4().hex[:8]}"
            headers["Idempotency-Key"] = key
        a = http(port, "POST", "/api/v1/complaints", body, headers)
        ticket = (a.json() or {}).get("ticket") if a.status in (200, 201) else None
        if pause:
            time.sleep(pause)
        return a, (ticket, key, body)
    return fn


def open311_lister(port, seed):
    rng = random.Random(seed)
    paths = ["/open311/v2/requests.json?status=open", "/open311/v2/requests.json?status=open&page_size=1000",
             "/open311/v2/requests.json?page_size=200&page=1", "/open311/v2/requests.json?status=open,closed&page_size=1000",
             "/open311/v2/requests.xml?status=open&page_size=500"]

    def fn(w, i):
        return http(port, "GET", rng.choice(paths)), None
    return fn


def dispatcher(port, token, tickets):
    """Takes acknowledged tickets from a queue and dispatches them as the verifier; extra = ticket."""
    def fn(w, i):
        try:
            ticket = tickets.get(timeout=0.3)
        except queue.Empty:
            return None, None
        a = http(port, "POST", f"/api/v1/complaints/{ticket}/transitions", {"to": "dispatched"},
                 {"Authorization": f"Bearer {token}"})
        return a, ticket
    return fn


# --- databases ------------------------------------------------------------------------------------------
INTEGRITY_SQL = {
    "complaints without an audit entry":
        "SELECT count(*) FROM complaints c WHERE NOT EXISTS (SELECT 1 FROM audit_entries a WHERE a.subject_id = c.id)",
    "audit entries of a missing complaint":
        "SELECT count(*) FROM audit_entries a WHERE a.subject_type = 'complaint' "
        "AND NOT EXISTS (SELECT 1 FROM complaints c WHERE c.id = a.subject_id)",
    "photos of a missing complaint":
        "SELECT count(*) FROM complaint_photos p WHERE NOT EXISTS (SELECT 1 FROM complaints c WHERE c.id = p.complaint_id)",
    "updates of a missing complaint":
        "SELECT count(*) FROM complaint_updates u WHERE NOT EXISTS (SELECT 1 FROM complaints c WHERE c.id = u.complaint_id)",
    "complaints whose audit_count is not their number of entries":
        "SELECT count(*) FROM complaints c WHERE c.audit_count <> (SELECT count(*) FROM audit_entries a WHERE a.subject_id = c.id)",
    "complaints whose audit_head is not their last entry's hash":
        "SELECT count(*) FROM complaints c WHERE c.audit_head <> coalesce((SELECT a.hash FROM audit_entries a "
        "WHERE a.subject_id = c.id ORDER BY a.position DESC LIMIT 1), '')",
    "complaints whose status is not their last audit entry's to_status":
        "SELECT count(*) FROM complaints c WHERE c.status <> coalesce((SELECT a.to_status FROM audit_entries a "
        "WHERE a.subject_id = c.id AND a.to_status IS NOT NULL ORDER BY a.position DESC LIMIT 1), '')",
}


class SQLiteDB:
    def __init__(self, path):
        self.path = path

    def query(self, sql, params=()):
        db = sqlite3.connect(self.path, timeout=30)
        try:
            return db.execute(sql, params).fetchall()
        finally:
            db.close()

    def scalar(self, sql):
        return self.query(sql)[0][0]

    def counts(self):
        tables = [r[0] for r in self.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        return {t: self.scalar(f'SELECT count(*) FROM "{t}"') for t in tables}

    def tickets(self):
        return {r[0] for r in self.query("SELECT ticket FROM complaints")}


class PGDB:
    def __init__(self, cluster, name):
        self.cluster, self.name = cluster, name

    @property
    def url(self):
        return self.cluster.url(self.name)

    def query(self, sql):
        out = self.cluster.psql(self.name, sql)
        return [line.split("|") for line in out.splitlines() if line != ""]

    def scalar(self, sql):
        return int(self.query(sql)[0][0])

    def counts(self):
        rows = self.query("SELECT table_name, (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I', "
                          "table_name), false, true, '')))[1]::text FROM information_schema.tables WHERE table_schema = 'public' "
                          "AND table_type = 'BASE TABLE' AND table_name <> 'spatial_ref_sys' ORDER BY table_name")
        return {t: int(c) for t, c in rows}

    def tickets(self):
        return {r[0] for r in self.query("SELECT ticket FROM complaints")}


def integrity_problems(db):
    problems = []
    for what, sql in INTEGRITY_SQL.items():
        n = db.scalar(sql)
        if n:
            problems.append(f"{n} {what}")
    return problems


def count_diff(a, b):
    keys = sorted(set(a) | set(b))
    return ", ".join(f"{k}: {a.get(k)} vs {b.get(k)}" for k in keys if a.get(k) != b.get(k))


class Cluster:
    """The PostgreSQL cluster scripts/resilience made for this run; pg_ctl runs as the data folder's owner."""

    def __init__(self, bin_dir, data, port, log):
        self.bin, self.data, self.port, self.log = bin_dir, data, port, log
        owner = pwd.getpwuid(os.stat(data).st_uid).pw_name
        self.as_owner = ["runuser", "-u", owner, "--"] if os.geteuid() == 0 and owner != "root" else []

    def url(self, db):
        return f"postgres://kerta@127.0.0.1:{self.port}/{db}"

    def psql(self, db, sql):
        r = subprocess.run(["psql", "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", self.url(db), "-c", sql],
                           text=True, capture_output=True, timeout=120)
        if r.returncode != 0:
            raise CheckError(f"psql on {db} failed: {r.stderr.strip()}")
        return r.stdout

    def create(self, name, template=None):
        self.psql("postgres", f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self.psql("postgres", f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
        return PGDB(self, name)

    def pg_ctl(self, *args):
        r = subprocess.run(self.as_owner + [os.path.join(self.bin, "pg_ctl"), "-D", self.data] + list(args),
                           text=True, capture_output=True, timeout=120)
        return r.returncode, (r.stdout + r.stderr).strip()

    def stop(self):
        return self.pg_ctl("-m", "fast", "-w", "stop")

    def start(self):
        return self.pg_ctl("-l", self.log, "-w", "start")

    def running(self):
        return self.pg_ctl("status")[0] == 0


# --- fixtures: a seeded SQLite folder and PostgreSQL database, copied for each check ---------------------
class CheckError(Exception):
    pass


class Fixtures:
    def __init__(self):
        self.sqlite_template = None
        self.pg_template = None
        self.cluster = None
        self.n = 0

    def sqlite_dir(self, name):
        if self.sqlite_template is None:
            path = os.path.join(WORK, "template-sqlite")
            t0 = time.monotonic()
            code, out = kerta(["seed"], {"KERTA_DATA_DIR": path}, timeout=300, name="template-sqlite-seed")
            if code != 0:
                raise CheckError(f"kerta seed (SQLite) exited {code}: {last_lines(out)}")
            print(f"  setup: the SQLite demo data seeded in {time.monotonic() - t0:.1f} s (copied for each check)", flush=True)
            self.sqlite_template = path
        target = os.path.join(WORK, f"data-{name}")
        shutil.copytree(self.sqlite_template, target)
        return target

    def pg_db(self, name):
        if self.cluster is None:
            raise CheckError("no PostgreSQL cluster given (--pg-data/--pg-port)")
        if self.pg_template is None:
            self.cluster.create("kerta_template")
            t0 = time.monotonic()
            code, out = kerta(["seed"], {"DATABASE_URL": self.cluster.url("kerta_template"),
                                         "KERTA_DATA_DIR": os.path.join(WORK, "pg-files")},
                              timeout=300, name="template-postgres-seed")
            if code != 0:
                raise CheckError(f"kerta seed (PostgreSQL) exited {code}: {last_lines(out)}")
            print(f"  setup: the PostgreSQL demo database seeded in {time.monotonic() - t0:.1f} s (the template of each check's)", flush=True)
            self.pg_template = "kerta_template"
        return self.cluster.create(f"kerta_{name}", template=self.pg_template)

    def env(self, engine, name):
        """(environment, database handle) of a fresh copy of the seeded demo."""
        if engine == "sqlite":
            d = self.sqlite_dir(name)
            return {"KERTA_DATA_DIR": d}, SQLiteDB(os.path.join(d, "kerta.sqlite"))
        db = self.pg_db(name)
        return {"DATABASE_URL": db.url, "KERTA_DATA_DIR": os.path.join(WORK, f"files-{name}")}, db


FIX = Fixtures()


def audit_verify(env, name):
    code, out = kerta(["audit", "verify"], env, timeout=180, name=name)
    ok = code == 0 and "Audit trail intact" in out
    return ok, (last_lines(out, 1) if ok else f"kerta audit verify exited {code}: {last_lines(out)}")


def statuses(answers):
    tally = {}
    for a in answers:
        key = str(a.status) if a.status else "no-answer"
        tally[key] = tally.get(key, 0) + 1
    return " ".join(f"{k}×{v}" for k, v in sorted(tally.items()))


# --- a. SIGTERM under load ------------------------------------------------------------------------------
def check_sigterm(engine):
    env, _ = FIX.env(engine, f"sigterm_{engine}")
    env.update({"KERTA_SHUTDOWN_GRACE": str(GRACE), "KERTA_JOBS_INTERVAL": "1"})
    server = Server(f"sigterm-{engine}", env).started()
    port = server.port
    load = Load([("list", open311_lister(port, n)) for n in range(4)] +
                [("submit", submitter(port, "sigterm", 10 + n)) for n in range(3)],
                count=1000, seconds=GRACE + 40).start()
    try:
        load.wait_for(lambda: len(load.ok("list")) >= 15 and len(load.ok("submit")) >= 10, 30)
        before = len(load.snapshot())
        t_term = time.monotonic()
        server.proc.send_signal(signal.SIGTERM)
        try:
            code = server.proc.wait(timeout=GRACE + 5)
        except subprocess.TimeoutExpired:
            code = None
        exit_seconds = time.monotonic() - t_term
        if code is None:
            server.kill()
        time.sleep(0.3)  # let the load see the closed port
    finally:
        load.stop()
    records = [a for k, a, x in load.snapshot()]
    in_flight = [a for a in records if a.t0 < t_term <= a.t1]
    later = [a for a in records if a.t0 >= t_term]
    # Not accepting any more: nothing begun half a second after SIGTERM may still be served.
    served_late = [a for a in later if a.status and 200 <= a.status < 300 and a.t0 >= t_term + 2.0]
    # A new server on the same port and the same data, at once.
    t_new = time.monotonic()
    again = Server(f"sigterm-{engine}-again", env, port=port).start()
    healthy = again.wait_healthy(START_TIMEOUT)
    new_seconds = time.monotonic() - t_new
    again_log = again.log()
    again.stop()
    fatal = server.fatal_lines()
    facts = (f"exit code {code if code is not None else 'none (still running, killed)'} {exit_seconds:.1f} s after SIGTERM "
             f"(grace {GRACE} s, bound {GRACE + 5} s); {before} requests answered before it; "
             f"{len(in_flight)} in flight at SIGTERM: {statuses(in_flight) or '-'}; begun after it: {statuses(later) or 'none'}; "
             f"new server on port {port} {'answered /health after %.1f s' % new_seconds if healthy else 'did NOT answer /health'}")
    problems = []
    if code is None:
        problems.append(f"did not exit within {GRACE + 5} s of SIGTERM")
    elif code != 0:
        problems.append(f"exit code {code}, expected 0")
    if fatal:
        problems.append("crash in the log: " + " | ".join(fatal[:3]))
    if served_late:
        problems.append(f"{len(served_late)} requests begun more than 2 s after SIGTERM were still served (it did not stop accepting)")
    if not healthy:
        problems.append("the new server on the same port did not answer /health: " + last_lines(again_log))
    if problems:
        problems.append("server log ends: " + last_lines(server.log(), 6))
    return not problems, facts, problems


# --- b. crash safety: SIGKILL under submissions and transitions ------------------------------------------
def check_crash(engine):
    env, db = FIX.env(engine, f"crash_{engine}")
    server = Server(f"crash-{engine}", env).started()
    port = server.port
    token = sign_in(port)
    tickets = queue.Queue()
    acked = {}

    sub = submitter(port, "crash", 11)

    def submit_and_queue(w, i):
        a, extra = sub(w, i)
        if extra[0]:
            tickets.put(extra[0])
        return a, extra
    load = Load([("submit", submit_and_queue), ("submit", submit_and_queue), ("submit", submit_and_queue),
                 ("dispatch", dispatcher(port, token, tickets)), ("dispatch", dispatcher(port, token, tickets))],
                count=500, seconds=60).start()
    try:
        load.wait_for(lambda: len(load.ok("submit")) >= 40 and len(load.ok("dispatch")) >= 15, 30)
        server.proc.send_signal(signal.SIGKILL)
        server.proc.wait()
        time.sleep(0.3)
    finally:
        load.stop()
    records = load.snapshot()
    for k, a, x in records:
        if k == "submit" and a.status in (200, 201) and x[0]:
            acked[x[0]] = x
    dispatched = {x for k, a, x in records if k == "dispatch" and a.status == 200}
    again = Server(f"crash-{engine}-restart", env).started()
    problems = []
    missing, wrong_state = [], []
    for ticket in sorted(acked):
        a = http(again.port, "GET", f"/api/v1/complaints/{ticket}", headers={"Authorization": f"Bearer {token}"})
        if a.status != 200:
            missing.append(f"{ticket} ({a.describe()})")
        elif ticket in dispatched and (a.json() or {}).get("status") not in LATER_THAN_DISPATCHED:
            wrong_state.append(f"{ticket} is {(a.json() or {}).get('status')}")
    if missing:
        problems.append(f"{len(missing)} acknowledged submissions missing after the restart: {', '.join(missing[:5])}")
    if wrong_state:
        problems.append(f"{len(wrong_state)} acknowledged dispatches lost: {', '.join(wrong_state[:5])}")
    # An acknowledged Idempotency-Key still answers with the same ticket.
    retried = 0
    for ticket, key, body in [x for x in acked.values() if x[1]][:3]:
        a = http(again.port, "POST", "/api/v1/complaints", body, {"Idempotency-Key": key})
        got = (a.json() or {}).get("ticket")
        retried += 1
        if a.status not in (200, 201) or got != ticket:
            problems.append(f"retry with the acknowledged Idempotency-Key {key} answered {a.describe()}, expected {ticket}")
    problems += integrity_problems(db)
    fatal = again.fatal_lines()
    if fatal:
        problems.append("crash in the restarted server's log: " + " | ".join(fatal[:3]))
    ok_audit, audit_fact = audit_verify(env, f"crash-{engine}-audit")
    if not ok_audit:
        problems.append(audit_fact)
    again.stop()
    t_kill = max((a.t1 for k, a, x in records if a.status is not None), default=0)
    cut = sum(1 for k, a, x in records if a.status is None and a.t0 <= t_kill)
    facts = (f"killed after {len(acked)} acknowledged submissions and {len(dispatched)} acknowledged dispatches "
             f"({cut} in flight cut off); after restart: {len(acked) - len(missing)}/{len(acked)} present, "
             f"{len(dispatched) - len(wrong_state)}/{len(dispatched)} dispatched or later, {retried} idempotent retries, "
             f"integrity queries clean: {not integrity_problems(db)}; {audit_fact}")
    return not problems, facts, problems


# --- c. PostgreSQL restarted under load ------------------------------------------------------------------
def check_pg_restart():
    cluster = FIX.cluster
    env, db = FIX.env("postgres", "pgrestart")
    server = Server("pgrestart", env).started()
    port = server.port
    load = Load([("submit", submitter(port, "pgdown", 21, pause=0.05)), ("submit", submitter(port, "pgdown", 22, pause=0.05)),
                 ("submit", submitter(port, "pgdown", 23, pause=0.05))], count=600, seconds=90).start()
    probes = []      # (kind, Answer)
    rng = random.Random(24)
    problems = []
    t_down = t_up = None
    recovered_after = None
    try:
        load.wait_for(lambda: len(load.ok("submit")) >= 10, 30)
        code, out = cluster.stop()
        if code != 0:
            raise CheckError(f"pg_ctl stop failed: {out}")
        t_down = time.monotonic()
        # Probe while it is down: at least 4 s, until the API and /health have each answered at least once.
        for _ in range(300):
            probes.append(("submit", http(port, "POST", "/api/v1/complaints", complaint_body("probe", len(probes), rng))))
            probes.append(("list", http(port, "GET", "/api/v1/complaints?per_page=5")))
            probes.append(("health", http(port, "GET", "/health")))
            elapsed = time.monotonic() - t_down
            answered = {k for k, a in probes if a.status is not None}
            if (elapsed >= 4 and {"submit", "health"} <= answered) or elapsed >= 25:
                break
            time.sleep(0.2)
        t_up = time.monotonic()
        code, out = cluster.start()
        if code != 0:
            raise CheckError(f"pg_ctl start failed: {out}")
        # Recovery by itself, within a bound: /health 200 and a submission acknowledged.
        deadline = time.monotonic() + RECOVERY_BOUND
        health_ok = submit_ok = False
        for _ in range(200):
            if time.monotonic() >= deadline or (health_ok and submit_ok):
                break
            health_ok = health_ok or http(port, "GET", "/health", timeout=10).status == 200
            a = http(port, "POST", "/api/v1/complaints", complaint_body("recovered", 0, rng), timeout=10)
            submit_ok = submit_ok or a.status == 201
            if not (health_ok and submit_ok):
                time.sleep(0.25)
        if health_ok and submit_ok:
            recovered_after = time.monotonic() - t_up
            n = len(load.ok("submit"))
            load.wait_for(lambda: len(load.ok("submit")) >= n + 5, 10)
    finally:
        load.stop()
        if not cluster.running():
            cluster.start()
    records = load.snapshot()
    down = [(k, a) for k, a, x in records if t_down is not None and a.t0 >= t_down and a.t1 <= t_up] + \
           [(k, a) for k, a in probes if a.t0 >= t_down and a.t1 <= t_up]
    api_down = [a for k, a in down if k != "health"]
    health_down = [a for k, a in down if k == "health"]
    shed = [a for a in api_down if retry_after_ok(a)]
    bad_api = [a for a in api_down if not (retry_after_ok(a) and json_error_ok(a))]
    bad_health = [a for a in health_down if a.status != 503]
    if not shed:
        problems.append(f"no API answer 503 with Retry-After while PostgreSQL was down (answers: {statuses(api_down) or 'none'})")
    if bad_api:
        problems.append(f"{len(bad_api)} API answers during the outage were not 503 + Retry-After + JSON error: "
                        + "; ".join(f"{a.describe()} retry-after={a.headers.get('retry-after')!r} after {a.seconds:.1f} s" for a in bad_api[:3]))
    if not health_down:
        problems.append("/health gave no answer while PostgreSQL was down")
    if bad_health:
        problems.append(f"/health during the outage: {statuses(bad_health)} (expected 503)")
    if recovered_after is None:
        problems.append(f"Kerta did not recover within {RECOVERY_BOUND} s of PostgreSQL's start (health 200 and a submission 201)")
    acked = {x[0] for k, a, x in records if a.status in (200, 201) and x and x[0]}
    present = db.tickets() if cluster.running() else set()
    lost = sorted(acked - present)
    if lost:
        problems.append(f"{len(lost)} acknowledged submissions missing from the database: {', '.join(lost[:5])}")
    problems += integrity_problems(db)
    fatal = server.fatal_lines()
    if fatal:
        problems.append("crash in the log: " + " | ".join(fatal[:3]))
    alive = server.proc.poll() is None
    if not alive:
        problems.append(f"the server exited (code {server.proc.returncode})")
    if problems:
        problems.append("server log ends: " + last_lines(server.log(), 5))
    server.stop()
    latency = max((a.seconds for a in shed), default=0)
    facts = (f"down {t_up - t_down:.1f} s: API {statuses(api_down)} (slowest 503 {latency:.2f} s), /health {statuses(health_down)}; "
             f"recovered {'after %.1f s' % recovered_after if recovered_after is not None else 'NOT'}; "
             f"{len(acked) - len(lost)}/{len(acked)} acknowledged submissions in the database")
    return not problems, facts, problems


# --- d. backup and restore -------------------------------------------------------------------------------
def submit_with_photos(port, n):
    """Multipart submissions with the JPEG; returns {ticket: {photo url: bytes served}}."""
    rng = random.Random(31)
    photos = {}
    for i in range(n):
        body = complaint_body("photo", i, rng)
        fields = [("category", body["category"]), ("description", body["description"]), ("lat", body["lat"]),
                  ("lon", body["lon"]), ("visibility", "public"), ("reporter[name]", "Warga Foto")]
        data, headers = multipart(fields, [("photos[]", f"foto{j}.jpg", JPEG) for j in range(1 + i % 2)])
        a = http(port, "POST", "/api/v1/complaints", data, headers)
        if a.status != 201:
            raise CheckError(f"multipart submission with a photo answered {a.describe()}")
        ticket = a.json()["ticket"]
        view = http(port, "GET", f"/api/v1/complaints/{ticket}").json() or {}
        photos[ticket] = {}
        for url in view.get("photos", []):
            p = http(port, "GET", url)
            if p.status != 200 or not p.body.startswith(b"\xff\xd8"):
                raise CheckError(f"GET {url} answered {p.describe()}")
            photos[ticket][url] = p.body
        if len(photos[ticket]) != 1 + i % 2:
            raise CheckError(f"{ticket} shows {len(photos[ticket])} photos, {1 + i % 2} were sent")
    return photos


def compare_photos(port, photos):
    problems = []
    for ticket, urls in photos.items():
        for url, expected in urls.items():
            a = http(port, "GET", url)
            if a.status != 200 or a.body != expected:
                problems.append(f"{url}: {a.status}, {len(a.body)} bytes, expected the same {len(expected)} bytes")
    return problems


def check_backup(engine):
    env, db = FIX.env(engine, f"backup_{engine}")
    server = Server(f"backup-{engine}", env).started()
    port = server.port
    photos = submit_with_photos(port, 3)
    load = Load([("submit", submitter(port, "backup", 41)), ("submit", submitter(port, "backup", 42))],
                count=400, seconds=90).start()
    backup_file = os.path.join(WORK, f"backup-{engine}.{'sqlite' if engine == 'sqlite' else 'dump'}")
    problems = []
    try:
        load.wait_for(lambda: len(load.ok("submit")) >= 10, 30)
        t_backup = time.monotonic()
        code, out = kerta(["backup", "--to", backup_file], env, timeout=120, name=f"backup-{engine}-backup")
        backup_seconds = time.monotonic() - t_backup
        n = len(load.ok("submit"))
        load.wait_for(lambda: len(load.ok("submit")) >= n + 3, 10)
    finally:
        load.stop()
    records = load.snapshot()
    before = {x[0] for k, a, x in records if a.status in (200, 201) and x[0] and a.t1 < t_backup} | set(photos)
    during = sum(1 for k, a, x in records if a.status in (200, 201) and a.t0 < t_backup + backup_seconds and a.t1 > t_backup)
    if code != 0 or not os.path.exists(backup_file):
        server.stop()
        return False, f"kerta backup exited {code}", [f"kerta backup --to {backup_file} exited {code}: {last_lines(out)}"]
    size = os.path.getsize(backup_file)
    restored_env, restored_db, reference = None, None, None
    if engine == "sqlite":
        with open(backup_file, "rb") as f:
            if f.read(16) != b"SQLite format 3\x00":
                problems.append("the backup is not a SQLite database file")
        copy = backup_file + ".count-copy"
        shutil.copy(backup_file, copy)
        ref = SQLiteDB(copy)
        check = ref.query("PRAGMA integrity_check")
        if check != [("ok",)]:
            problems.append(f"PRAGMA integrity_check of the backup: {check[:3]}")
        reference = ref.counts()
        target = os.path.join(WORK, "restored-sqlite")
        os.makedirs(target)
        restored_env = {"KERTA_DATA_DIR": target}
        restored_db = SQLiteDB(os.path.join(target, "kerta.sqlite"))
    else:
        with open(backup_file, "rb") as f:
            if f.read(5) != b"PGDMP":
                problems.append("the backup is not a pg_dump custom-format archive")
        # What the archive holds, restored by PostgreSQL's own tool, is what kerta restore must give.
        ref_db = FIX.cluster.create("kerta_backup_reference")
        r = subprocess.run(["pg_restore", "--no-owner", "-d", ref_db.url, backup_file], text=True, capture_output=True, timeout=120)
        if r.returncode != 0:
            problems.append(f"pg_restore of the archive failed: {last_lines(r.stderr)}")
        reference = ref_db.counts()
        restored_db = FIX.cluster.create("kerta_restored")
        restored_env = {"DATABASE_URL": restored_db.url, "KERTA_DATA_DIR": os.path.join(WORK, "files-restored")}
    code, out = kerta(["restore", "--from", backup_file], restored_env, timeout=180, name=f"backup-{engine}-restore")
    if code != 0:
        problems.append(f"kerta restore into an empty target exited {code}: {last_lines(out)}")
        server.stop()
        return False, f"backup {size} bytes in {backup_seconds:.1f} s; restore failed", problems
    restored_counts = restored_db.counts()
    if restored_counts != reference:
        problems.append(f"restored row counts differ from the backup's: {count_diff(restored_counts, reference)}")
    present = restored_db.tickets()
    lost = sorted(before - present)
    if lost:
        problems.append(f"{len(lost)} submissions acknowledged before the backup began are not in it: {', '.join(lost[:5])}")
    problems += [f"restored: {p}" for p in integrity_problems(restored_db)]
    ok_audit, audit_fact = audit_verify(restored_env, f"backup-{engine}-audit")
    if not ok_audit:
        problems.append(f"restored: {audit_fact}")
    # A server on the restored data serves the same photos.
    restored_server = Server(f"backup-{engine}-restored", restored_env).started()
    problems += compare_photos(restored_server.port, photos)
    sample = sorted(before)[:3]
    for ticket in sample:
        a = http(restored_server.port, "GET", f"/api/v1/complaints/{ticket}")
        if a.status != 200:
            problems.append(f"restored server: GET {ticket} answered {a.describe()}")
    restored_server.stop()
    # PostgreSQL: a second backup with the load stopped restores to exactly the source's counts.
    second = ""
    if engine == "postgres":
        file2 = os.path.join(WORK, "backup-postgres-idle.dump")
        code2, out2 = kerta(["backup", "--to", file2], env, timeout=120, name="backup-postgres-backup2")
        db2 = FIX.cluster.create("kerta_restored_idle")
        env2 = {"DATABASE_URL": db2.url, "KERTA_DATA_DIR": os.path.join(WORK, "files-restored2")}
        code3, out3 = kerta(["restore", "--from", file2], env2, timeout=180, name="backup-postgres-restore2") if code2 == 0 else (None, "")
        if code2 != 0:
            problems.append(f"second kerta backup exited {code2}: {last_lines(out2)}")
        elif code3 != 0:
            problems.append(f"restore of the second backup exited {code3}: {last_lines(out3)}")
        else:
            c2 = db2.counts()
            source_now = db.counts()
            if c2 != source_now:
                problems.append(f"second backup (load stopped) restored with other counts than the source: {count_diff(c2, source_now)}")
            second = f"; second backup with load stopped restores to the source's exact counts: {c2 == source_now}"
    # Restoring into a non-empty target is refused and leaves it as it was.
    server.stop()
    before_refusal = db.counts()
    code4, out4 = kerta(["restore", "--from", backup_file], env, timeout=180, name=f"backup-{engine}-refusal")
    after_refusal = db.counts()
    refusal = f"refused non-empty target (exit {code4}): {last_lines(out4, 1)!r}"
    if code4 == 0 or code4 is None:
        problems.append(f"kerta restore into the non-empty source exited {code4}: {last_lines(out4)}")
    elif not re.search(r"empty|kosong", out4, re.I):
        problems.append(f"the refusal does not say the target is not empty: {last_lines(out4)}")
    if after_refusal != before_refusal:
        problems.append(f"the refused restore changed the target: {count_diff(after_refusal, before_refusal)}")
    n_photos = sum(len(v) for v in photos.values())
    facts = (f"backup {size} bytes in {backup_seconds:.1f} s while {during} submissions were acknowledged; "
             f"restored counts = backup's: {restored_counts == reference} ({restored_counts.get('complaints')} complaints, "
             f"{restored_counts.get('complaint_photos')} photos); {len(before) - len(lost)}/{len(before)} acknowledged-before present; "
             f"{n_photos} photos byte-identical: {not any('photos/' in p for p in problems)}; {audit_fact}{second}; {refusal}")
    return not problems, facts, problems


# --- e. overload ----------------------------------------------------------------------------------------
def check_overload():
    env, _ = FIX.env("sqlite", "overload")
    env["KERTA_MAX_IN_FLIGHT"] = str(MAX_IN_FLIGHT)
    server = Server("overload", env).started()
    port = server.port
    paths = ["/open311/v2/requests.json?status=open,closed&page_size=1000", "/api/v1/complaints?per_page=100",
             "/open311/v2/requests.json?status=open&page_size=1000"]

    def burst(w, i):
        path = paths[(w + i) % len(paths)]
        return http(port, "GET", path, timeout=REQUEST_TIMEOUT), path

    def live(w, i):
        a = http(port, "GET", "/health/live", timeout=REQUEST_TIMEOUT)
        time.sleep(0.2)
        return a, None
    load = Load([("burst", burst)] * 24, count=15, seconds=40)
    probe = Load([("live", live)], count=200, seconds=40)
    probe.start()
    load.start()
    for t in load.threads:
        t.join(timeout=60)
    load.stop()
    probe.stop()
    records = load.snapshot()
    answers = [a for k, a, x in records]
    live_answers = [a for k, a, x in probe.snapshot()]
    shed = [a for a in answers if a.status == 503]
    served = [a for a in answers if a.status == 200]
    problems = []
    if not shed:
        problems.append(f"no 503 under {len(load.workers)} concurrent requests with KERTA_MAX_IN_FLIGHT={MAX_IN_FLIGHT} "
                        f"(answers: {statuses(answers)})")
    no_retry = [a for a in shed if not retry_after_ok(a)]
    if no_retry:
        problems.append(f"{len(no_retry)} 503s without Retry-After")
    not_json = [a for k, a, path in records if a.status == 503 and path.startswith("/api/") and not json_error_ok(a)]
    if not_json:
        problems.append(f"{len(not_json)} 503s of /api/v1 without the JSON error body: {not_json[0].describe()}")
    slow = [a for a in shed if a.seconds > SHED_BOUND]
    if slow:
        problems.append(f"{len(slow)} 503s took longer than {SHED_BOUND} s (slowest {max(a.seconds for a in slow):.1f} s): "
                        "queued, not refused at once")
    other = [a for a in answers if a.status not in (200, 503)]
    if other:
        problems.append(f"{len(other)} answers neither 200 nor 503: " + "; ".join(a.describe() for a in other[:3]))
    bad_live = [a for a in live_answers if a.status != 200]
    if bad_live:
        problems.append(f"/health/live during the burst: {statuses(bad_live)} (it is exempt: expected 200)")
    time.sleep(0.5)
    after = [http(port, "GET", p) for p in paths * 3]
    if any(a.status != 200 for a in after):
        problems.append(f"after the burst: {statuses(after)} (expected all 200)")
    fatal = server.fatal_lines()
    if fatal:
        problems.append("crash in the log: " + " | ".join(fatal[:3]))
    server.stop()
    med = lambda xs: sorted(xs)[len(xs) // 2] if xs else 0
    facts = (f"{len(answers)} requests from {len(load.workers)} threads: {statuses(answers)}; 503 latency median "
             f"{med([a.seconds for a in shed]):.2f} s max {max((a.seconds for a in shed), default=0):.2f} s; 200 latency max "
             f"{max((a.seconds for a in served), default=0):.1f} s; /health/live {statuses(live_answers)}; after the burst {statuses(after)}")
    return not problems, facts, problems


# --- main -----------------------------------------------------------------------------------------------
CHECKS = [
    ("a sigterm-under-load [sqlite]", lambda: check_sigterm("sqlite")),
    ("a sigterm-under-load [postgres]", lambda: check_sigterm("postgres")),
    ("b crash-safety [sqlite]", lambda: check_crash("sqlite")),
    ("b crash-safety [postgres]", lambda: check_crash("postgres")),
    ("c postgres-restart-under-load", check_pg_restart),
    ("d backup-restore [sqlite]", lambda: check_backup("sqlite")),
    ("d backup-restore [postgres]", lambda: check_backup("postgres")),
    ("e overload-shedding", check_overload),
]


def main():
    global ARGS, WORK
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--binary", required=True)
    p.add_argument("--work", required=True)
    p.add_argument("--pg-bin", default="/usr/lib/postgresql/15/bin")
    p.add_argument("--pg-data")
    p.add_argument("--pg-port", type=int)
    p.add_argument("--pg-log")
    p.add_argument("--only", help="run only the checks whose name matches this regular expression")
    ARGS = p.parse_args()
    ARGS.binary = os.path.realpath(ARGS.binary)
    WORK = os.path.realpath(ARGS.work)
    os.makedirs(os.path.join(WORK, "logs"), exist_ok=True)
    atexit.register(kill_children)
    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(sig, lambda s, f: sys.exit(128 + s))
    if ARGS.pg_data and ARGS.pg_port:
        FIX.cluster = Cluster(ARGS.pg_bin, ARGS.pg_data, ARGS.pg_port, ARGS.pg_log or os.path.join(WORK, "postgres.log"))
    passed = failed = 0
    started = time.monotonic()
    for name, fn in CHECKS:
        if ARGS.only and not re.search(ARGS.only, name):
            continue
        t0 = time.monotonic()
        try:
            ok, facts, problems = fn()
        except CheckError as e:
            ok, facts, problems = False, str(e), []
        except Exception as e:
            ok, facts, problems = False, f"the check itself failed: {type(e).__name__}: {e}", traceback.format_exc().strip().splitlines()[-4:]
        finally:
            kill_children()  # nothing a check started outlives it
        print(f"{'PASS' if ok else 'FAIL'} {name} ({time.monotonic() - t0:.1f} s): {facts}", flush=True)
        for line in problems if not ok else []:
            print(f"    {line}", flush=True)
        passed, failed = passed + ok, failed + (not ok)
    print(f"checks took {time.monotonic() - started:.0f} s", flush=True)
    print(f"resilience: {passed} passed, {failed} failed", flush=True)
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    sys.exit(main())
