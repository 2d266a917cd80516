#!/usr/bin/env python3
"""Kerta behind nginx (scripts/nginx-check): standard library only.

Through the proxy: HTTP/2 is negotiated over TLS, plain HTTP redirects to HTTPS, Server-Sent Events and a
WebSocket subscriber each receive every event committed through either Kerta behind it, and /metrics
answers the monitoring host. Prints one line per check and exits non-zero on the first failure.
"""
import argparse
import base64
import http.client
import json
import os
import socket
import ssl
import struct
import subprocess
import sys
import threading
import time
import urllib.request

failures = []


def check(name, ok, detail=""):
    print(f"{'ok  ' if ok else 'FAIL'} {name}{(': ' + detail) if detail and not ok else ''}")
    if not ok:
        failures.append(name)


def tls_context():
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    context.set_alpn_protocols(["http/1.1"])
    return context


class SSESubscriber(threading.Thread):
    """Reads the stream through the proxy and keeps the tickets of the events it receives."""

    def __init__(self, proxy):
        super().__init__(daemon=True)
        host, port = proxy.split(":")
        self.connection = http.client.HTTPSConnection(host, int(port), context=tls_context(), timeout=30)
        self.connection.request("GET", "/api/v1/events/stream", headers={"Accept": "text/event-stream"})
        self.response = self.connection.getresponse()
        self.tickets = []
        self.ids = []

    def run(self):
        data = []
        try:
            while True:
                line = self.response.fp.readline()
                if not line:
                    return
                line = line.decode().rstrip("\n")
                if line.startswith("id: "):
                    self.ids.append(int(line[4:]))
                elif line.startswith("data: "):
                    data.append(line[6:])
                elif line == "" and data:
                    event = json.loads("\n".join(data))
                    if "subject" in event:
                        self.tickets.append(event["subject"].get("ref"))
                    data = []
        except (OSError, ValueError):
            return


class SocketSubscriber(threading.Thread):
    """A WebSocket client (RFC 6455, masked frames) through the proxy."""

    def __init__(self, proxy):
        super().__init__(daemon=True)
        host, port = proxy.split(":")
        raw = socket.create_connection((host, int(port)), timeout=30)
        self.sock = tls_context().wrap_socket(raw, server_hostname="localhost")
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall((f"GET /api/v1/events/ws HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                           f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = self.sock.recv(1)
            if not chunk:
                break
            head += chunk
        self.status = head.split(b"\r\n", 1)[0].decode(errors="replace")
        self.messages = []

    def send(self, text):
        payload = text.encode()
        mask = os.urandom(4)
        header = bytes([0x81])
        if len(payload) < 126:
            header += bytes([0x80 | len(payload)])
        else:
            header += bytes([0x80 | 126]) + struct.pack(">H", len(payload))
        self.sock.sendall(header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))

    def _exact(self, n):
        data = b""
        while len(data) < n:
            chunk = self.sock.recv(n - len(data))
            if not chunk:
                raise OSError("closed")
            data += chunk
        return data

    def run(self):
        try:
            while True:
                first, second = self._exact(2)
                length = second & 0x7F
                if length == 126:
                    length = struct.unpack(">H", self._exact(2))[0]
                elif length == 127:
                    length = struct.unpack(">Q", self._exact(8))[0]
                payload = self._exact(length)
                opcode = first & 0x0F
                if opcode == 0x1:
                    self.messages.append(json.loads(payload))
                elif opcode == 0x8:
                    return
        except (OSError, ValueError):
            return

    @property
    def tickets(self):
        return [m["event"]["subject"]["ref"] for m in self.messages if m.get("type") == "event"]


def metrics(address):
    with urllib.request.urlopen(f"http://{address}/metrics", timeout=10) as response:
        return response.read().decode()


def gauge(text, name):
    for line in text.splitlines():
        if line.startswith(name + " "):
            return float(line.split()[1])
    return None


def submit(proxy, index):
    body = json.dumps({"category": "INFRA-JALAN", "description": f"Jalan berlubang di depan pura, uji proxy {index}",
                       "lat": -8.6577 + index * 0.0003, "lon": 115.2166, "visibility": "public",
                       "reporter": {"name": "Ni Luh Putu Sari", "email": "sari@example.id"}})
    request = urllib.request.Request(f"https://{proxy}/api/v1/complaints", data=body.encode(), method="POST",
                                     headers={"Content-Type": "application/json", "Idempotency-Key": f"nginx-{index}-{time.time()}"})
    with urllib.request.urlopen(request, context=tls_context(), timeout=30) as response:
        return json.loads(response.read())["ticket"]


def wait(predicate, seconds=15):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return predicate()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--proxy", required=True)
    parser.add_argument("--http", required=True)
    parser.add_argument("--servers", required=True)
    args = parser.parse_args()
    servers = args.servers.split(",")

    version = subprocess.run(["curl", "-sk", "--http2", "-o", "/dev/null", "-w", "%{http_version}", f"https://{args.proxy}/health"],
                             capture_output=True, text=True).stdout
    check("HTTP/2 over TLS at the proxy", version == "2", f"negotiated {version!r}")
    redirect = subprocess.run(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code} %{redirect_url}", f"http://{args.http}/complaints"],
                              capture_output=True, text=True).stdout
    check("plain HTTP redirects to HTTPS", redirect.startswith("301 https://"), redirect)

    # Subscribers through the proxy until both Kertas have some (nginx spreads them round-robin).
    streams = []
    for _ in range(8):
        stream = SSESubscriber(args.proxy)
        check("the stream answers text/event-stream through the proxy",
              stream.response.status == 200 and stream.response.getheader("Content-Type", "").startswith("text/event-stream"),
              f"{stream.response.status} {stream.response.getheader('Content-Type')}")
        stream.start()
        streams.append(stream)
        time.sleep(0.2)
        counts = [gauge(metrics(s), "kerta_event_subscribers_count") or 0 for s in servers]
        if len(streams) >= 2 and all(c >= 1 for c in counts):
            break
    counts = [gauge(metrics(s), "kerta_event_subscribers_count") or 0 for s in servers]
    check("subscribers are spread over both Kertas (from their /metrics)", all(c >= 1 for c in counts), f"{counts}")

    socket_subscriber = SocketSubscriber(args.proxy)
    check("the WebSocket upgrade passes the proxy", " 101 " in socket_subscriber.status, socket_subscriber.status)
    socket_subscriber.start()
    socket_subscriber.send(json.dumps({"type": "subscribe", "layers": ["complaints"]}))
    check("the WebSocket subscription is confirmed",
          wait(lambda: any(m.get("type") == "subscribed" for m in socket_subscriber.messages)), f"{socket_subscriber.messages}")

    # Complaints through the proxy land on either Kerta; every subscriber, on either, receives them all.
    tickets = [submit(args.proxy, i) for i in range(4)]
    everyone = streams + [socket_subscriber]
    received = wait(lambda: all(set(tickets) <= set(s.tickets) for s in everyone))
    check("every subscriber received every event, from either server", received,
          f"sent {tickets}; received {[s.tickets for s in everyone]}")
    check("each stream received them once and in order",
          all([t for t in s.tickets if t in tickets] == tickets for s in everyone), f"{[s.tickets for s in everyone]}")

    text = metrics(servers[0])
    check("/metrics answers in Prometheus's text format",
          "# TYPE kerta_http_requests_total counter" in text and gauge(text, "kerta_outbox_queued_messages") is not None, text[:400])
    through = subprocess.run(["curl", "-sk", "-o", "/dev/null", "-w", "%{http_code}", f"https://{args.proxy}/metrics"],
                             capture_output=True, text=True).stdout
    check("/metrics through the proxy answers the monitoring host (loopback here)", through == "200", through)

    print(f"nginx-check: {'all passed' if not failures else f'{len(failures)} failed'}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
