"""Issue 17, item 1: a session used before a fork is safe in the child.

A real ``os.fork()``: the parent has made a call (its keep-alive connection is
in the session's pool), then parent and child call at the same time, many
times, against a server on 127.0.0.1 that answers each request with the tag the
request carried. Neither may ever read the other's answer.
"""

from __future__ import annotations

import http.server
import json
import os
import select
import signal
import threading
import time
import urllib.parse
from collections.abc import Iterator

import pytest

from mailru_sdk import ServerSession
from mailru_sdk.stores.ratelimit import RateLimiter
from tests.conftest import ACCESS_TOKEN, APP_ID, SECRET_KEY

ROUNDS = 12  # forks
CALLS = 6  # calls by each process after each fork
CHILD_BOUND = 20.0  # seconds a child may take before it is killed (never reached when fixed)


class Tagging(http.server.BaseHTTPRequestHandler):
    """Answers ``{"tag": <the request's tag>, "connection": <this connection's number>}``."""

    protocol_version = "HTTP/1.1"  # keep-alive: the connection is reused
    connections = 0

    def setup(self) -> None:
        super().setup()
        Tagging.connections += 1
        self.connection_number = Tagging.connections

    def do_GET(self) -> None:
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
        time.sleep(0.002)  # both processes' requests are in flight together
        body = json.dumps(
            {"tag": query.get("tag", ["?"])[0], "connection": self.connection_number}
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def tagging_url() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Tagging)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/platform/api"
    server.shutdown()
    server.server_close()
    thread.join(5)


def calls(session: ServerSession, who: str) -> list[str]:
    """``CALLS`` calls tagged ``who-i``; what went wrong in each (empty: nothing)."""
    wrong = []
    for i in range(CALLS):
        tag = f"{who}-{i}"
        try:
            answer = session.call("tags.echo", {"tag": tag})
        except Exception as exc:  # a mixed-up answer may also break the HTTP framing
            wrong.append(f"{tag}: {type(exc).__name__}")
            continue
        if answer["tag"] != tag:
            wrong.append(f"{tag} got {answer['tag']}")
    return wrong


def run_round(session: ServerSession) -> list[str]:
    """Fork; parent and child call together; both processes' wrong answers."""
    session.call("tags.echo", {"tag": "warm"})  # a keep-alive connection in the pool
    go_read, go_write = os.pipe()
    report_read, report_write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        code = 1
        try:
            os.close(go_write)
            os.read(go_read, 1)  # start together with the parent
            wrong = calls(session, "child")
            os.write(report_write, json.dumps(wrong).encode())
            code = 0
        finally:
            os._exit(code)
    os.close(report_write)
    os.close(go_read)
    os.write(go_write, b"x")
    wrong = calls(session, "parent")
    ready, _, _ = select.select([report_read], [], [], CHILD_BOUND)
    if not ready:
        os.kill(pid, signal.SIGKILL)
    report = os.read(report_read, 1 << 20) if ready else b""
    os.waitpid(pid, 0)
    os.close(report_read)
    os.close(go_write)
    child_wrong = json.loads(report) if report else ["the child did not report"]
    return [f"parent: {w}" for w in wrong] + [f"child: {w}" for w in child_wrong]


def test_parent_and_child_never_read_each_others_answers(tagging_url: str) -> None:
    session = ServerSession(
        APP_ID,
        SECRET_KEY,
        ACCESS_TOKEN,
        api_url=tagging_url,
        max_retries=0,
        timeout=10,
        http_method="GET",  # the tagging server answers GET
    )
    wrong = [w for _ in range(ROUNDS) for w in run_round(session)]
    assert wrong == []


def test_a_child_gets_new_locks_and_no_parent_flights(tagging_url: str) -> None:
    """A lock another parent thread held at the fork is not held in the child."""
    limiter = RateLimiter(1000)
    session = ServerSession(
        APP_ID,
        SECRET_KEY,
        ACCESS_TOKEN,
        api_url=tagging_url,
        rate_limit=limiter,
        max_retries=0,
        http_method="GET",  # the tagging server answers GET
    )
    held = threading.Event()
    release = threading.Event()

    def hold() -> None:
        with limiter._lock:  # as a parent thread reserving a slot at the moment of the fork
            held.set()
            release.wait(10)

    holder = threading.Thread(target=hold)
    holder.start()
    held.wait(10)
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            answer = session.call("tags.echo", {"tag": "child"})  # would block forever
            os.write(write, answer["tag"].encode())
            code = 0
        finally:
            os._exit(code)
    os.close(write)
    ready, _, _ = select.select([read], [], [], CHILD_BOUND)
    release.set()
    holder.join(10)
    if not ready:
        os.kill(pid, signal.SIGKILL)
    got = os.read(read, 100) if ready else b""
    os.waitpid(pid, 0)
    os.close(read)
    assert got == b"child"
