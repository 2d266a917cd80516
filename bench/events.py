#!/usr/bin/env python3
"""Kerta's live-event benchmark (Python 3.11 standard library only).

The issue's target: event → subscriber p99 < 200 ms with 1,000 concurrent WebSocket subscribers and 200
events/s, on two `kerta serve` processes sharing one PostgreSQL database (published on one, subscribers spread
over both), and the same on SQLite with one process.

For each engine it starts the servers (PostgreSQL: a throwaway cluster of harness.Postgres, server A, then
server B on the same DATABASE_URL; SQLite: one server on a fresh data folder), opens the subscribers in worker
processes (asyncio, a hand-written RFC 6455 client; each subscribes to the complaints layer), then submits
complaints on server A at the target rate (`POST /api/v1/complaints`, hand-written HTTP/1.1 keep-alive
connections), each producing exactly one event. For every ticket it keeps the monotonic time its request was
sent (t0); every subscriber notes when each event arrives, so latency = arrival - t0, an upper bound of
commit → subscriber, kept in 1 ms buckets up to 10 s. It counts events expected (subscribers × published)
against those received, duplicates, resyncs and disconnects, and reads each server's RSS (VmRSS, peak VmHWM)
and CPU during the publish window. It prints a Markdown table and writes JSON (--out).

It exits non-zero when a run failed (a server did not start, fewer than 99 % of subscribers subscribed or of
events arrived, submissions failed); the latency target is reported ("met"/"missed"), never asserted.

    python3 bench/events.py --binary .build-release/release/kerta
    python3 bench/events.py --binary B --engines sqlite --subscribers 20 --rate 20 --seconds 3   # smoke

The subscribers run on the same machine as the servers: the client's own CPU (reported) competes with them,
and a saturated client adds its queueing to the latencies it measures.
"""
import argparse
import asyncio
import base64
import datetime
import hashlib
import json
import math
import multiprocessing
import multiprocessing.connection
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

BENCH = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, BENCH)
sys.dont_write_bytecode = True
import harness  # noqa: E402

log = harness.log
TARGET_P99_MS = 200
MIN_DELIVERED = 0.99
MIN_SUBSCRIBED = 0.99
MAX_PUBLISH_ERRORS = 0.01
BUCKETS = 10_000  # 1 ms buckets up to 10 s; the last one holds everything slower
WS_GUID = b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
# Inside Kota Denpasar (see the brief: lat -8.69…-8.62, lon 115.19…115.25), with a margin.
LAT_RANGE = (-8.68, -8.63)
LON_RANGE = (115.20, 115.24)
DESA_GEOJSON = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                            "Sources", "KertaApp", "Resources", "ReferenceData", "denpasar-desa.geojson")


def desa_rings():
    """The outer rings of Denpasar's desa and kelurahan, to keep random points where the city is (the box
    above has slivers between desa that the server rightly refuses)."""
    with open(DESA_GEOJSON) as f:
        features = json.load(f)["features"]
    rings = []
    for feature in features:
        geometry = feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        rings += [polygon[0] for polygon in polygons]
    return rings


def in_city(lat, lon, rings):
    for ring in rings:
        inside, j = False, len(ring) - 1
        for i in range(len(ring)):
            xi, yi = ring[i][0], ring[i][1]
            xj, yj = ring[j][0], ring[j][1]
            if (yi > lat) != (yj > lat) and lon < (xj - xi) * (lat - yi) / (yj - yi) + xi:
                inside = not inside
            j = i
        if inside:
            return True
    return False


def city_point(rng, rings):
    while True:
        lat, lon = round(rng.uniform(*LAT_RANGE), 6), round(rng.uniform(*LON_RANGE), 6)
        if in_city(lat, lon, rings):
            return lat, lon


DESCRIPTIONS = [
    "Jalan berlubang dalam di depan lapangan, berbahaya",
    "Sampah menumpuk di pinggir jalan sejak tiga hari, bau menyengat",
    "Lampu jalan mati sejak tiga malam, jalan gelap dan rawan",
    "Saluran air tersumbat, air meluap ke jalan saat hujan",
    "Trotoar rusak dan retak, sulit dilalui pejalan kaki",
]


class Terminated(BaseException):
    """SIGTERM: leave through every finally, as Ctrl-C does."""


def on_sigterm(signum, frame):
    raise Terminated()


def raise_nofile(wanted):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if soft != resource.RLIM_INFINITY and soft < target:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


def machine_cpu():
    """(busy, total) jiffies of the whole machine, from /proc/stat."""
    with open("/proc/stat") as f:
        values = [int(v) for v in f.readline().split()[1:9]]
    return sum(values) - values[3] - values[4], sum(values)


def process_cpu(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def postgres_cpu(pg):
    """CPU seconds of the cluster: the postmaster and its children (the backends of both servers)."""
    if pg is None or not pg.own:
        return None
    try:
        with open(os.path.join(pg.dir, "data", "postmaster.pid")) as f:
            root = int(f.readline())
    except (OSError, ValueError):
        return None
    total = process_cpu(root)
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat") as f:
                if int(f.read().rsplit(")", 1)[1].split()[1]) == root:
                    total += process_cpu(int(name))
        except (OSError, IndexError, ValueError):
            pass
    return total


def own_cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


# ----------------------------------------------------------------------------------------------------------
# Servers


class EventServer(harness.Server):
    """harness.Server (its cpu_seconds, rss_mb, reset_peak_rss, stop) started with Kerta's env and /health."""

    def __init__(self, binary, env, log_path, name):
        super().__init__(binary, env, log_path)
        self.name = name
        self.env["HOST"] = "127.0.0.1"
        self.env["PORT"] = str(self.port)
        self.log = None

    def start(self, timeout=180):
        """Starts `kerta serve --env production`; returns seconds until GET /health answers 200."""
        self.log = open(self.log_path, "w")
        started = time.monotonic()
        # A session of its own: Ctrl-C reaches the benchmark, which then stops the server in order.
        self.process = subprocess.Popen([self.binary, "serve", "--env", "production", "--hostname", "127.0.0.1",
                                         "--port", str(self.port)], env=self.env, stdout=self.log,
                                        stderr=subprocess.STDOUT, start_new_session=True)
        deadline = started + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"kerta serve ({self.name}) exited with {self.process.returncode}; "
                                   f"see {self.log_path}:\n{tail(self.log_path)}")
            try:
                with urllib.request.urlopen(self.base + "/health", timeout=2) as r:
                    if r.status == 200:
                        return time.monotonic() - started
            except (urllib.error.URLError, ConnectionError, OSError):
                pass
            time.sleep(0.05)
        raise RuntimeError(f"kerta serve ({self.name}) did not answer /health within {timeout} s; see {self.log_path}")

    def alive(self):
        return self.process is not None and self.process.poll() is None

    def stop(self):
        if self.log is None:
            return
        super().stop()
        self.log = None


def tail(path, lines=15):
    try:
        with open(path, errors="replace") as f:
            return "".join(f.readlines()[-lines:])
    except OSError:
        return ""


# ----------------------------------------------------------------------------------------------------------
# Subscribers (worker processes)


def ws_frame(opcode, payload):
    """A client frame: FIN, masked (RFC 6455 5.3)."""
    mask = os.urandom(4)
    n = len(payload)
    if n < 126:
        header = bytes((0x80 | opcode, 0x80 | n))
    elif n < 65536:
        header = bytes((0x80 | opcode, 0x80 | 126)) + n.to_bytes(2, "big")
    else:
        header = bytes((0x80 | opcode, 0x80 | 127)) + n.to_bytes(8, "big")
    return header + mask + unmask(payload, mask)


def unmask(payload, mask):
    n = len(payload)
    if n == 0:
        return b""
    key = int.from_bytes((mask * (n // 4 + 1))[:n], "big")
    return (int.from_bytes(payload, "big") ^ key).to_bytes(n, "big")


SUBSCRIBE = json.dumps({"type": "subscribe", "layers": ["complaints"]}).encode()
EVENT_PREFIX = b'{"type":"event"'


class WorkerState:
    """What one worker process counts, across its subscribers."""

    def __init__(self, servers):
        self.t0 = {}          # ticket (bytes) -> monotonic send time of its submission
        self.pending = {}     # ticket -> [(arrival, server)] for events that came before their ticket was known
        self.counts = {}      # ticket -> arrivals (first ones, per subscriber)
        self.hists = [[0] * (BUCKETS + 1) for _ in range(servers)]
        self.delivered = 0
        self.latency_sum = 0.0
        self.latency_max = 0.0
        self.duplicates = 0
        self.resyncs = 0
        self.closes = 0
        self.disconnects = 0
        self.heartbeats = 0
        self.error_frames = 0
        self.error_samples = []
        self.pings = 0
        self.stopping = False

    def record(self, ticket, latency, server):
        ms = int(latency * 1000)
        if ms < 0:
            ms = 0
        elif ms > BUCKETS:
            ms = BUCKETS
        self.hists[server][ms] += 1
        self.delivered += 1
        self.latency_sum += latency
        if latency > self.latency_max:
            self.latency_max = latency
        self.counts[ticket] = self.counts.get(ticket, 0) + 1

    def resolve(self, ticket, t0):
        self.t0[ticket] = t0
        waiting = self.pending.pop(ticket, None)
        if waiting:
            for arrival, server in waiting:
                self.record(ticket, arrival - t0, server)


class Subscriber(asyncio.Protocol):
    __slots__ = ("st", "host", "port", "server", "key", "transport", "handshake", "open", "buf", "frag", "frag_op",
                 "last_id", "received", "subscribed", "ready", "closed", "error")

    def __init__(self, st, host, port, server, ready):
        self.st, self.host, self.port, self.server, self.ready = st, host, port, server, ready
        self.key = base64.b64encode(os.urandom(16))
        self.transport = None
        self.handshake = b""
        self.open = False
        self.buf = b""
        self.frag = None
        self.frag_op = 0
        self.last_id = -1
        self.received = 0
        self.subscribed = False
        self.closed = False
        self.error = None

    def connection_made(self, transport):
        self.transport = transport
        transport.write(b"GET /api/v1/events/ws HTTP/1.1\r\nHost: %s:%d\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        b"Sec-WebSocket-Key: %s\r\nSec-WebSocket-Version: 13\r\n\r\n"
                        % (self.host.encode(), self.port, self.key))

    def fail(self, reason):
        self.error = reason
        if not self.ready.done():
            self.ready.set_exception(ConnectionError(reason))
        if self.transport:
            self.transport.close()

    def _upgrade(self, data):
        self.handshake += data
        end = self.handshake.find(b"\r\n\r\n")
        if end < 0:
            if len(self.handshake) > 16384:
                self.fail("handshake too long")
            return b""
        head, rest = self.handshake[:end], self.handshake[end + 4:]
        self.handshake = b""
        lines = head.split(b"\r\n")
        if b" 101" not in lines[0]:
            self.fail("upgrade refused: " + lines[0].decode(errors="replace"))
            return b""
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(b":")
            headers[name.strip().lower()] = value.strip()
        accept = base64.b64encode(hashlib.sha1(self.key + WS_GUID).digest())
        if headers.get(b"sec-websocket-accept") != accept:
            self.fail("bad Sec-WebSocket-Accept")
            return b""
        self.open = True
        self.transport.write(ws_frame(1, SUBSCRIBE))
        return rest

    def data_received(self, data):
        if not self.open:
            data = self._upgrade(data)
            if not data:
                return
        now = time.monotonic()
        if self.buf:
            data = self.buf + data
            self.buf = b""
        n = len(data)
        pos = 0
        while n - pos >= 2:
            b1 = data[pos + 1]
            length = b1 & 127
            h = pos + 2
            if length == 126:
                if n - pos < 4:
                    break
                length = (data[pos + 2] << 8) | data[pos + 3]
                h = pos + 4
            elif length == 127:
                if n - pos < 10:
                    break
                length = int.from_bytes(data[pos + 2:pos + 10], "big")
                h = pos + 10
            mask = None
            if b1 & 128:
                if n < h + 4:
                    break
                mask = data[h:h + 4]
                h += 4
            end = h + length
            if end > n:
                break
            b0 = data[pos]
            pos = end
            payload = data[h:end]
            if mask:
                payload = unmask(payload, mask)
            opcode = b0 & 15
            if opcode == 1 and b0 & 128 and self.frag is None:
                self.text(payload, now)
            else:
                self.other(b0, opcode, payload, now)
            if self.closed:
                return
        if pos < n:
            self.buf = data[pos:]

    def text(self, p, now):
        st = self.st
        if p.startswith(EVENT_PREFIX):
            try:
                # Sorted keys: {"type":"event","event":{"audience":…,"id":N,…,"subject":{"id":"…","ref":"TICKET",…
                i = p.index(b'"id":', 25) + 5
                j = p.index(b",", i)
                event_id = int(p[i:j])
                k = p.index(b'"ref":"', j) + 7
                ticket = p[k:p.index(b'"', k)]
            except ValueError:
                try:
                    event = json.loads(p)["event"]
                    event_id = int(event["id"])
                    ticket = ((event.get("subject") or {}).get("ref") or "").encode()
                except (ValueError, KeyError, TypeError):
                    st.error_frames += 1
                    return
            if event_id <= self.last_id:
                st.duplicates += 1
                return
            self.last_id = event_id
            self.received += 1
            t0 = st.t0.get(ticket)
            if t0 is None:
                st.pending.setdefault(ticket, []).append((now, self.server))
            else:
                st.record(ticket, now - t0, self.server)
        elif p.startswith(b'{"type":"heartbeat"'):
            st.heartbeats += 1
        else:
            try:
                message = json.loads(p)
            except ValueError:
                st.error_frames += 1
                return
            kind = message.get("type")
            if kind == "subscribed":
                self.subscribed = True
                if not self.ready.done():
                    self.ready.set_result(True)
            elif kind == "heartbeat":
                st.heartbeats += 1
            elif kind == "resync":
                st.resyncs += 1
            elif kind == "error":
                st.error_frames += 1
                if len(st.error_samples) < 5:
                    st.error_samples.append(p.decode(errors="replace")[:300])
                if not self.ready.done():
                    self.fail("error frame: " + p.decode(errors="replace")[:200])

    def other(self, b0, opcode, payload, now):
        if opcode == 9:  # ping
            self.st.pings += 1
            self.transport.write(ws_frame(10, payload))
        elif opcode == 10:  # pong
            pass
        elif opcode == 8:  # close
            self.st.closes += 1
            self.closed = True
            if not self.st.stopping:
                self.st.disconnects += 1
            self.transport.write(ws_frame(8, payload[:2]))
            self.transport.close()
            if not self.ready.done():
                self.ready.set_exception(ConnectionError("closed before subscribed"))
        elif opcode in (0, 1, 2):
            if opcode != 0:
                self.frag, self.frag_op = [payload], opcode
            elif self.frag is not None:
                self.frag.append(payload)
            if b0 & 128 and self.frag is not None:
                whole, op = b"".join(self.frag), self.frag_op
                self.frag = None
                if op == 1:
                    self.text(whole, now)

    def connection_lost(self, exc):
        if not self.closed:
            self.closed = True
            if self.subscribed and not self.st.stopping:
                self.st.disconnects += 1
        if not self.ready.done():
            self.ready.set_exception(ConnectionError(self.error or f"connection lost: {exc!r}"))

    def close(self):
        if not self.closed and self.transport:
            self.closed = True
            try:
                self.transport.write(ws_frame(8, (1000).to_bytes(2, "big")))
            except Exception:
                pass
            self.transport.close()


async def open_subscribers(st, targets, parallel, timeout):
    """Opens and subscribes every target (host, port, server index); returns (subscribers, failure reasons)."""
    loop = asyncio.get_running_loop()
    gate = asyncio.Semaphore(parallel)
    failures = {}

    async def one(host, port, server):
        async with gate:
            reason = "unknown"
            for attempt in range(2):
                ready = loop.create_future()
                sub = None
                try:
                    _, sub = await asyncio.wait_for(
                        loop.create_connection(lambda: Subscriber(st, host, port, server, ready), host, port), 10)
                    await asyncio.wait_for(ready, 15)
                    return sub
                except (OSError, ConnectionError, asyncio.TimeoutError) as error:
                    reason = str(error) or type(error).__name__
                    if sub is not None:
                        sub.close()
                    await asyncio.sleep(0.2 + attempt)
            failures[reason[:120]] = failures.get(reason[:120], 0) + 1
            return None

    tasks = [asyncio.ensure_future(one(*t)) for t in targets]
    done, not_done = await asyncio.wait(tasks, timeout=timeout)
    for task in not_done:
        task.cancel()
    if not_done:
        failures["not subscribed within the connect timeout"] = len(not_done)
        await asyncio.gather(*not_done, return_exceptions=True)
    subs = [t.result() for t in done if not t.cancelled() and t.exception() is None and t.result() is not None]
    return subs, failures


def worker_main(index, conn, targets, servers, parallel, connect_timeout):
    """One subscriber process: opens its share, reports READY, counts until DONE, reports RESULT."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and ends its workers
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        asyncio.run(worker_run(index, conn, targets, servers, parallel, connect_timeout))
    except (EOFError, BrokenPipeError, ConnectionResetError):
        pass


async def worker_run(index, conn, targets, servers, parallel, connect_timeout):
    loop = asyncio.get_running_loop()
    st = WorkerState(servers)
    inbox = asyncio.Queue()
    marks = {}

    def readable():
        try:
            while conn.poll():
                message = conn.recv()
                if message[0] == "T":
                    st.resolve(message[1], message[2])
                else:
                    inbox.put_nowait(message)
        except (EOFError, OSError):
            loop.remove_reader(conn.fileno())
            inbox.put_nowait(("QUIT",))

    loop.add_reader(conn.fileno(), readable)
    started = time.monotonic()
    subs, failures = await open_subscribers(st, targets, parallel, connect_timeout)
    conn.send(("READY", {"subscribed": len(subs), "failures": failures, "seconds": time.monotonic() - started}))
    while True:
        message = await inbox.get()
        if message[0] == "GO":
            marks["cpu0"] = own_cpu()
            marks["live"] = sum(1 for s in subs if s.subscribed and not s.closed)
            marks["hb0"] = st.heartbeats
        elif message[0] == "DONE":
            marks["cpu1"] = own_cpu()
            published, drain = message[1], message[2]
            live = marks.get("live", len(subs))
            wanted = published * live
            deadline = time.monotonic() + drain
            last, last_change = st.delivered, time.monotonic()
            while st.delivered < wanted and time.monotonic() < deadline:
                await asyncio.sleep(0.05)
                if st.delivered != last:
                    last, last_change = st.delivered, time.monotonic()
                elif time.monotonic() - last_change > 3:
                    break
            st.stopping = True
            unknown = sum(len(v) for v in st.pending.values())
            conn.send(("RESULT", {
                "live_at_start": live,
                "still_open": sum(1 for s in subs if not s.closed),
                "delivered": st.delivered,
                "unknown_events": unknown,
                "duplicates": st.duplicates,
                "resyncs": st.resyncs,
                "closes": st.closes,
                "disconnects": st.disconnects,
                "heartbeats": st.heartbeats,
                "pings": st.pings,
                "error_frames": st.error_frames,
                "error_samples": st.error_samples,
                "latency_sum": st.latency_sum,
                "latency_max": st.latency_max,
                "hists": [{i: c for i, c in enumerate(h) if c} for h in st.hists],
                "delivered_by_server": [sum(h) for h in st.hists],
                "short_tickets": [t.decode(errors="replace") for t in st.t0 if st.counts.get(t, 0) < live],
                "cpu_seconds": marks["cpu1"] - marks.get("cpu0", marks["cpu1"]),
            }))
            break
        elif message[0] == "QUIT":
            break
    st.stopping = True
    for sub in subs:
        sub.close()
    await asyncio.sleep(0.1)
    loop.remove_reader(conn.fileno())


class Workers:
    """The subscriber processes: each a contiguous share of the subscribers, spread over the servers."""

    def __init__(self, servers, count, workers, parallel, connect_timeout):
        context = multiprocessing.get_context("fork")
        self.conns, self.processes = [], []
        targets = [("127.0.0.1", servers[i % len(servers)].port, i % len(servers)) for i in range(count)]
        workers = max(1, min(workers, count))
        for w in range(workers):
            share = targets[w * count // workers:(w + 1) * count // workers]
            parent, child = context.Pipe()
            process = context.Process(target=worker_main, name=f"events-subscribers-{w}",
                                      args=(w, child, share, len(servers), parallel, connect_timeout), daemon=True)
            process.start()
            child.close()
            self.conns.append(parent)
            self.processes.append(process)

    def collect(self, kind, timeout):
        """One message of this kind from every worker, or raises when one does not answer in time."""
        answers = [None] * len(self.conns)
        deadline = time.monotonic() + timeout
        while any(a is None for a in answers):
            waiting = [c for c, a in zip(self.conns, answers) if a is None]
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise RuntimeError(f"{len(waiting)} subscriber workers sent no {kind} within {timeout:.0f} s")
            for conn in multiprocessing.connection.wait(waiting, timeout=min(remaining, 1.0)):
                try:
                    message = conn.recv()
                except EOFError:
                    raise RuntimeError(f"a subscriber worker died before {kind}")
                if message[0] == kind:
                    answers[self.conns.index(conn)] = message[1]
            for process, answer in zip(self.processes, answers):
                if answer is None and not process.is_alive():
                    raise RuntimeError(f"subscriber worker {process.name} exited with {process.exitcode} before {kind}")
        return answers

    def send(self, message):
        for conn in self.conns:
            conn.send(message)

    def stop(self):
        for conn in self.conns:
            try:
                conn.send(("QUIT",))
            except OSError:
                pass
        for process in self.processes:
            process.join(timeout=5)
            if process.is_alive():
                process.terminate()
                process.join(timeout=5)
        for conn in self.conns:
            conn.close()


# ----------------------------------------------------------------------------------------------------------
# Publisher (the main process)


class HttpConnection:
    """One HTTP/1.1 keep-alive connection, written by hand."""

    def __init__(self, host, port):
        self.host, self.port = host, port
        self.reader = self.writer = None

    async def request(self, raw):
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        self.writer.write(raw)
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head[:-4].split(b"\r\n")
        status = int(lines[0].split()[1])
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(b":")
            headers[name.strip().lower()] = value.strip().lower()
        if b"content-length" in headers:
            body = await self.reader.readexactly(int(headers[b"content-length"]))
        elif headers.get(b"transfer-encoding") == b"chunked":
            parts = []
            while True:
                size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
                if size == 0:
                    await self.reader.readuntil(b"\r\n")
                    break
                parts.append(await self.reader.readexactly(size))
                await self.reader.readexactly(2)
            body = b"".join(parts)
        else:
            body = b""
        if headers.get(b"connection") == b"close":
            self.close()
        return status, body

    def close(self):
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


def percentile_ms(hist, total, p):
    """Upper edge (ms) of the 1 ms bucket holding the p-th percentile."""
    if total == 0:
        return None
    rank = max(1, math.ceil(total * p / 100))
    seen = 0
    for bucket, count in enumerate(hist):
        seen += count
        if seen >= rank:
            return float(bucket + 1)
    return float(len(hist))


def sorted_percentile(values, p):
    if not values:
        return None
    values = sorted(values)
    return values[min(len(values) - 1, max(0, math.ceil(len(values) * p / 100) - 1))]


async def publish(server, total, rate, seconds, connections, workers, tag):
    """Submits `total` complaints on `server` at `rate` per second (open loop: each request is due at start + i/rate
    and sent then, or as soon as a connection is free); stops by itself at the count or seconds + 5."""
    rng = random.Random(tag)
    rings = desa_rings()
    state = {"next": 0, "ok": 0, "late_stop": 0, "first_t0": None, "last_t0": None}
    errors = {}
    samples = []
    latencies = []
    start = time.monotonic() + 0.05
    deadline = start + seconds + 5
    host = f"127.0.0.1:{server.port}"

    async def sender():
        conn = HttpConnection("127.0.0.1", server.port)
        while True:
            i = state["next"]
            if i >= total:
                break
            state["next"] = i + 1
            delay = start + i / rate - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            if time.monotonic() > deadline:
                state["late_stop"] += 1
                continue
            body = json.dumps({
                "category": harness.CATEGORIES[i % len(harness.CATEGORIES)],
                "description": f"{DESCRIPTIONS[i % len(DESCRIPTIONS)]} (uji beban {i})",
                **dict(zip(("lat", "lon"), city_point(rng, rings))),
                "visibility": "public",
                "reporter": {"name": "Ni Luh Putu Sari", "email": "sari@example.id"},
            }).encode()
            raw = (f"POST /api/v1/complaints HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n"
                   f"Accept: application/json\r\nIdempotency-Key: {tag}-{i}\r\nContent-Length: {len(body)}\r\n\r\n").encode() + body
            t0 = time.monotonic()
            try:
                status, answer = await asyncio.wait_for(conn.request(raw), 10)
            except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, asyncio.TimeoutError, ValueError,
                    IndexError) as error:
                name = type(error).__name__
                errors[name] = errors.get(name, 0) + 1
                conn.close()
                continue
            t1 = time.monotonic()
            if status != 201:
                key = f"HTTP {status}"
                errors[key] = errors.get(key, 0) + 1
                if len(samples) < 5:
                    samples.append(f"{key}: {answer[:300].decode(errors='replace')}")
                continue
            try:
                ticket = json.loads(answer)["ticket"]
            except (ValueError, KeyError):
                errors["no ticket in answer"] = errors.get("no ticket in answer", 0) + 1
                continue
            workers.send(("T", ticket.encode(), t0))
            state["ok"] += 1
            latencies.append(t1 - t0)
            if state["first_t0"] is None or t0 < state["first_t0"]:
                state["first_t0"] = t0
            if state["last_t0"] is None or t0 > state["last_t0"]:
                state["last_t0"] = t0
        conn.close()

    await asyncio.gather(*[sender() for _ in range(connections)])
    ended = time.monotonic()
    elapsed = (state["last_t0"] - start + 1 / rate) if state["last_t0"] else ended - start
    return {
        "attempted": state["next"] - state["late_stop"],
        "published": state["ok"],
        "not_sent_time_limit": state["late_stop"],
        "errors": errors,
        "error_samples": samples,
        "achieved_rate": state["ok"] / elapsed if elapsed > 0 else 0.0,
        "window_s": ended - start,
        "submit_p50_ms": (sorted_percentile(latencies, 50) or 0) * 1000,
        "submit_p99_ms": (sorted_percentile(latencies, 99) or 0) * 1000,
    }


# ----------------------------------------------------------------------------------------------------------
# One engine's run


def server_env(data_dir, database_url, args):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "KERTA_DATA_DIR")}
    env.update(KERTA_DATA_DIR=data_dir, KERTA_DEMO="false", LOG_LEVEL=args.log_level, KERTA_JOBS_INTERVAL="0")
    if database_url:
        env["DATABASE_URL"] = database_url
    if args.event_buffer:
        env["KERTA_EVENT_BUFFER"] = str(args.event_buffer)
    if args.max_in_flight:
        env["KERTA_MAX_IN_FLIGHT"] = str(args.max_in_flight)
    return env


def run_engine(engine, args, binary, tmp, work, postgres):
    block = {"engine": engine, "subscribers_requested": args.subscribers, "rate_target": args.rate,
             "seconds": args.seconds, "failures": []}
    servers, workers = [], None
    try:
        if engine == "postgres":
            database = "kerta_events_bench"
            postgres.recreate(database)
            url = f"{postgres.url}/{database}"
            names = ["A", "B"]
        else:
            url = None
            names = ["A"]
        for name in names:
            data_dir = os.path.join(tmp, f"{engine}-{name}")
            os.makedirs(data_dir, exist_ok=True)
            server = EventServer(binary, server_env(data_dir, url, args), os.path.join(work, f"events-{engine}-{name}.log"), name)
            servers.append(server)
            # The first server migrates (and seeds the reference data); the second starts on a ready database.
            startup = server.start(args.start_timeout)
            server.startup_s = startup
            server.rss_after_start_mb = server.rss_mb("VmRSS")
            log(f"{engine}: server {name} at {server.base} after {startup:.1f} s")
        for server in servers:
            server.reset_peak_rss()

        log(f"{engine}: opening {args.subscribers} WebSocket subscribers over {len(servers)} server(s) "
            f"in {min(args.workers, max(1, args.subscribers))} worker process(es)")
        workers = Workers(servers, args.subscribers, args.workers, args.parallel_connects, args.connect_timeout)
        ready = workers.collect("READY", args.connect_timeout + 30)
        subscribed = sum(r["subscribed"] for r in ready)
        failures = {}
        for r in ready:
            for reason, count in r["failures"].items():
                failures[reason] = failures.get(reason, 0) + count
        block.update(subscribed=subscribed, subscribe_failures=sum(failures.values()), subscribe_failure_reasons=failures,
                     subscribe_s=max(r["seconds"] for r in ready))
        log(f"{engine}: {subscribed}/{args.subscribers} subscribed in {block['subscribe_s']:.1f} s"
            + (f"; failures: {failures}" if failures else ""))
        if subscribed < MIN_SUBSCRIBED * args.subscribers:
            block["failures"].append(f"only {subscribed} of {args.subscribers} subscribers subscribed: {failures}")
        if subscribed == 0:
            raise RuntimeError("no subscriber subscribed")
        for server in servers:
            if not server.alive():
                raise RuntimeError(f"server {server.name} exited; see {server.log_path}")
        time.sleep(1.0)

        total = max(1, round(args.rate * args.seconds))
        cpu0 = [s.cpu_seconds() for s in servers]
        pg0 = postgres_cpu(postgres) if engine == "postgres" else None
        machine0 = machine_cpu()
        own0 = own_cpu()
        wall0 = time.monotonic()
        workers.send(("GO",))
        log(f"{engine}: publishing {total} complaints on server A at {args.rate}/s "
            f"over {args.publishers} connections")
        tag = f"bench-events-{engine}-{os.getpid()}-{int(time.time())}"
        pub = asyncio.run(publish(servers[0], total, args.rate, args.seconds, args.publishers, workers, tag))
        wall = time.monotonic() - wall0
        cpu = [s.cpu_seconds() - c for s, c in zip(servers, cpu0)]
        pg_cpu = (postgres_cpu(postgres) - pg0) if pg0 is not None else None
        machine1 = machine_cpu()
        own = own_cpu() - own0
        rss_end = [s.rss_mb("VmRSS") for s in servers]
        workers.send(("DONE", pub["published"], args.drain))
        results = workers.collect("RESULT", args.drain + 30)
        peak = [s.rss_mb("VmHWM") for s in servers]

        hists = [[0] * (BUCKETS + 1) for _ in servers]
        for r in results:
            for index, sparse in enumerate(r["hists"]):
                for bucket, count in sparse.items():
                    hists[index][int(bucket)] += count
        overall = [sum(column) for column in zip(*hists)]
        delivered = sum(r["delivered"] for r in results)
        live = sum(r["live_at_start"] for r in results)
        expected = live * pub["published"]
        busy = machine1[0] - machine0[0]
        jiffies = machine1[1] - machine0[1]
        client_cpu = own + sum(r["cpu_seconds"] for r in results)
        block.update(
            published=pub["published"], attempted=pub["attempted"], publish_errors=pub["errors"],
            publish_error_samples=pub["error_samples"], not_sent_time_limit=pub["not_sent_time_limit"],
            achieved_rate=pub["achieved_rate"], publish_window_s=wall,
            submit_p50_ms=pub["submit_p50_ms"], submit_p99_ms=pub["submit_p99_ms"],
            subscribed_at_start=live, expected=expected, delivered=delivered,
            delivered_ratio=delivered / expected if expected else 0.0, missing=max(0, expected - delivered),
            duplicates=sum(r["duplicates"] for r in results), unknown_events=sum(r["unknown_events"] for r in results),
            resyncs=sum(r["resyncs"] for r in results), closed_by_server=sum(r["closes"] for r in results),
            disconnects=sum(r["disconnects"] for r in results), still_open=sum(r["still_open"] for r in results),
            heartbeats=sum(r["heartbeats"] for r in results), error_frames=sum(r["error_frames"] for r in results),
            error_frame_samples=[s for r in results for s in r["error_samples"]][:5],
            tickets_missed_by_some_subscriber=len(set(t for r in results for t in r["short_tickets"])),
            latency_ms={
                "p50": percentile_ms(overall, delivered, 50), "p90": percentile_ms(overall, delivered, 90),
                "p99": percentile_ms(overall, delivered, 99), "p999": percentile_ms(overall, delivered, 99.9),
                "max": max((r["latency_max"] for r in results), default=0.0) * 1000,
                "mean": (sum(r["latency_sum"] for r in results) / delivered * 1000) if delivered else None,
                "resolution_ms": 1, "note": "arrival - time the submission was sent; percentiles are 1 ms bucket upper edges",
            },
            latency_by_server=[{"server": s.name, "events": sum(h), "p50_ms": percentile_ms(h, sum(h), 50),
                                "p99_ms": percentile_ms(h, sum(h), 99)} for s, h in zip(servers, hists)],
            servers=[{"name": s.name, "url": s.base, "startup_s": s.startup_s, "subscribers": sum(
                1 for i in range(args.subscribers) if i % len(servers) == index),
                "rss_after_start_mb": s.rss_after_start_mb, "rss_mb": r, "peak_rss_mb": p, "cpu_seconds": c,
                "cpu_percent": 100 * c / wall if wall else 0.0, "log": s.log_path}
                for index, (s, r, p, c) in enumerate(zip(servers, rss_end, peak, cpu))],
            postgres_cpu_percent=(100 * pg_cpu / wall) if pg_cpu is not None else None,
            client_cpu_percent=100 * client_cpu / wall if wall else 0.0,
            machine_busy_percent=100 * busy / jiffies if jiffies else 0.0,
            cores=os.cpu_count(),
        )
        top = block["latency_ms"]["max"]
        for key in ("p50", "p90", "p99", "p999"):  # a bucket's upper edge may lie above the slowest arrival
            if block["latency_ms"][key] is not None:
                block["latency_ms"][key] = min(block["latency_ms"][key], math.ceil(top))
        p99 = block["latency_ms"]["p99"]
        block["target"] = (f"p99 {p99:.0f} ms < {TARGET_P99_MS} ms: {'met' if p99 < TARGET_P99_MS else 'missed'}"
                           if p99 is not None else "no events")
        if block["published"] == 0:
            block["failures"].append("no complaint was published")
        errors = sum(pub["errors"].values())
        if errors > MAX_PUBLISH_ERRORS * max(1, pub["attempted"]):
            block["failures"].append(f"{errors} of {pub['attempted']} submissions failed: {pub['errors']}")
        if block["duplicates"]:
            block["failures"].append(f"{block['duplicates']} events delivered twice to the same subscriber")
        if expected and delivered < MIN_DELIVERED * expected:
            block["failures"].append(f"only {delivered} of {expected} events delivered ({100 * delivered / expected:.2f} %)")
        for server in servers:
            if not server.alive():
                block["failures"].append(f"server {server.name} exited during the run; see {server.log_path}")
        log(f"{engine}: published {block['published']} at {block['achieved_rate']:.1f}/s; delivered {delivered}/{expected}; "
            f"p50 {block['latency_ms']['p50']} ms, p99 {p99} ms, max {block['latency_ms']['max']:.0f} ms; "
            f"resyncs {block['resyncs']}, duplicates {block['duplicates']}; {block['target']}")
    except (Exception, SystemExit) as error:
        block["failures"].append(f"{type(error).__name__}: {error}")
        log(f"{engine}: FAILED: {error}")
    finally:
        if workers is not None:
            workers.stop()
        for server in reversed(servers):
            server.stop()
    return block


# ----------------------------------------------------------------------------------------------------------
# Output


def fmt(value, digits=0):
    return "—" if value is None else f"{value:,.{digits}f}"


def markdown(results):
    lines = [f"Live events: run of {results['date']} · commit `{results['commit']}` · {results['machine']}",
             f"{results['subscribers']} WebSocket subscribers (complaints layer), {results['rate']} complaints/s for "
             f"{results['seconds']} s, published on server A; latency = arrival − the submission's send time "
             f"(1 ms buckets); target p99 < {TARGET_P99_MS} ms.", "",
             "| engine | servers | subscribers | events/s achieved | p50 ms | p99 ms | max ms | delivered / expected | "
             "resyncs | RSS MB per server (peak) | CPU % per server | client CPU % | target |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---:|---|"]
    for b in results["runs"]:
        if "latency_ms" not in b:
            lines.append(f"| {b['engine']} | — | — | — | — | — | — | — | — | — | — | — | failed: "
                         f"{'; '.join(b['failures'])[:200]} |")
            continue
        lat = b["latency_ms"]
        rss = " / ".join(f"{s['name']} {s['rss_mb']:.0f} ({s['peak_rss_mb']:.0f})" for s in b["servers"])
        cpu = " / ".join(f"{s['name']} {s['cpu_percent']:.0f}" for s in b["servers"])
        if b.get("postgres_cpu_percent") is not None:
            cpu += f" / pg {b['postgres_cpu_percent']:.0f}"
        target = b["target"] + ("; FAILED: " + "; ".join(b["failures"]) if b["failures"] else "")
        lines.append(f"| {b['engine']} | {len(b['servers'])} | {b['subscribed_at_start']:,} / {b['subscribers_requested']:,} | "
                     f"{b['achieved_rate']:.1f} / {b['rate_target']} | {fmt(lat['p50'])} | {fmt(lat['p99'])} | "
                     f"{fmt(lat['max'])} | {b['delivered']:,} / {b['expected']:,} ({100 * b['delivered_ratio']:.2f} %) | "
                     f"{b['resyncs']} | {rss} | {cpu} | {b['client_cpu_percent']:.0f} | {target} |")
    lines.append("")
    for b in results["runs"]:
        if "latency_ms" not in b:
            continue
        per = "; ".join(f"server {x['server']}: {x['events']:,} events, p50 {fmt(x['p50_ms'])} / p99 {fmt(x['p99_ms'])} ms"
                        for x in b["latency_by_server"])
        lines.append(f"- {b['engine']}: {per}; submit p50 {b['submit_p50_ms']:.1f} / p99 {b['submit_p99_ms']:.1f} ms; "
                     f"duplicates {b['duplicates']}, missing {b['missing']:,}, unknown {b['unknown_events']}, "
                     f"disconnects {b['disconnects']}, error frames {b['error_frames']}, publish errors "
                     f"{sum(b['publish_errors'].values())}; machine busy {b['machine_busy_percent']:.0f} % of "
                     f"{b['cores']} cores (CPU % above: of one core)")
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description="Kerta's live-event benchmark (WebSocket fan-out latency)")
    parser.add_argument("--binary", required=True)
    parser.add_argument("--engines", default="sqlite,postgres")
    parser.add_argument("--subscribers", type=int, default=1000)
    parser.add_argument("--rate", type=float, default=200, help="complaints (events) per second")
    parser.add_argument("--seconds", type=float, default=30, help="length of the publish window")
    parser.add_argument("--out", default=os.path.join(BENCH, "work", "events-results.json"))
    parser.add_argument("--work", default=os.path.join(BENCH, "work"), help="where server logs go")
    parser.add_argument("--postgres-url", help="a superuser URL of a running cluster (default: a throwaway cluster)")
    parser.add_argument("--workers", type=int, default=None,
                        help="subscriber processes (default: one per 250 subscribers, at most one per core)")
    parser.add_argument("--publishers", type=int, default=None, help="HTTP connections of the publisher (default: rate/10, 4–64)")
    parser.add_argument("--parallel-connects", type=int, default=50, help="WebSocket handshakes in flight per worker")
    parser.add_argument("--connect-timeout", type=float, default=90, help="seconds for all subscribers to subscribe")
    parser.add_argument("--start-timeout", type=float, default=180, help="seconds for a server to answer /health")
    parser.add_argument("--drain", type=float, default=15, help="seconds to wait for the last events after publishing")
    parser.add_argument("--event-buffer", type=int, help="KERTA_EVENT_BUFFER for the servers (default: Kerta's)")
    parser.add_argument("--max-in-flight", type=int, help="KERTA_MAX_IN_FLIGHT for the servers (default: Kerta's)")
    parser.add_argument("--log-level", default="warning")
    args = parser.parse_args()
    if args.subscribers < 1 or args.rate <= 0 or args.seconds <= 0:
        parser.error("--subscribers, --rate and --seconds must be positive")
    if args.workers is None:
        args.workers = max(1, min(os.cpu_count() or 1, math.ceil(args.subscribers / 250)))
    if args.publishers is None:
        args.publishers = max(4, min(64, math.ceil(args.rate / 10)))
    engines = [e for e in args.engines.split(",") if e]
    unknown = [e for e in engines if e not in ("sqlite", "postgres")]
    if unknown:
        parser.error(f"unknown engines: {unknown}")
    binary = os.path.abspath(args.binary)
    if not os.access(binary, os.X_OK):
        parser.error(f"{binary} is not an executable")
    work = os.path.abspath(args.work)
    os.makedirs(work, exist_ok=True)
    limit = raise_nofile(max(8192, args.subscribers * 2 + 1024))
    if limit < args.subscribers + 256:
        log(f"warning: RLIMIT_NOFILE is {limit}, too low for {args.subscribers} subscribers")

    signal.signal(signal.SIGTERM, on_sigterm)
    now = datetime.datetime.now(datetime.timezone.utc)
    results = {"date": now.astimezone(harness.WITA).strftime("%Y-%m-%d %H:%M WITA"), "commit": harness.git_commit(),
               "machine": harness.machine(), "binary": binary,
               "binary_mtime": datetime.datetime.fromtimestamp(os.path.getmtime(binary), datetime.timezone.utc).isoformat(),
               "subscribers": args.subscribers, "rate": args.rate, "seconds": args.seconds, "workers": args.workers,
               "publishers": args.publishers, "event_buffer": args.event_buffer, "target_p99_ms": TARGET_P99_MS, "runs": []}
    tmp = tempfile.mkdtemp(prefix="kerta-events-")
    os.chmod(tmp, 0o755)  # the cluster's folder inside belongs to the postgres user, who must reach it
    postgres = None
    interrupted = False
    try:
        for engine in engines:
            if engine == "postgres" and postgres is None:
                try:
                    postgres = harness.Postgres(tmp, args.postgres_url)
                except (Exception, SystemExit) as error:
                    results["runs"].append({"engine": engine, "failures": [f"PostgreSQL did not start: {error}"]})
                    log(f"postgres: FAILED to start the cluster: {error}")
                    continue
            results["runs"].append(run_engine(engine, args, binary, tmp, work, postgres))
    except (KeyboardInterrupt, Terminated):
        interrupted = True
        log("interrupted: stopping what was started")
    finally:
        if postgres:
            postgres.stop()
        shutil.rmtree(tmp, ignore_errors=True)
    if interrupted:
        return 130
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w") as f:
        json.dump(results, f, indent=2)
    table = markdown(results)
    with open(os.path.splitext(args.out)[0] + ".md", "w") as f:
        f.write(table)
    print("\n" + table)
    log(f"results: {args.out} and {os.path.splitext(args.out)[0]}.md")
    failed = [f"{b['engine']}: {f}" for b in results["runs"] for f in b["failures"]]
    if failed:
        print("bench: events run failed:\n  " + "\n  ".join(failed), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
