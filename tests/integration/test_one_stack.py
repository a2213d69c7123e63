"""Issue 10: the SDK behaves as requests does where the user set something, bounds a
whole call with a deadline, and shares a sized connection pool between threads.

Servers here are raw sockets on 127.0.0.1, so a test controls every byte: a body
dripped a byte at a time, the connections opened, the headers received.
"""

from __future__ import annotations

import copy
import gzip
import json
import logging
import pickle
import socket
import struct
import threading
import time
import zlib
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import requests
import responses
import urllib3

from mailru_sdk import API, RefreshServerSession, ServerSession
from mailru_sdk.errors import (
    APIError,
    DeadlineExceededError,
    HTTPStatusError,
    MailRuError,
)
from mailru_sdk.testing import FakePlatform
from tests.conftest import ACCESS_TOKEN, APP_ID, SECRET_KEY

SERVER_SERVER_SIG = "4a05af66f80da18b308fa7e536912bae"


@dataclass
class RawServer:
    """A keep-alive HTTP/1.1 server on 127.0.0.1 answering each request with ``answer``.

    ``drip`` > 0 sends the body one byte every ``drip`` seconds (bounded by
    the body's length). Counts the connections it accepted and keeps each
    request's head.
    """

    body: bytes = b'["ok"]'
    status: str = "200 OK"
    drip: float = 0.0
    content_type: str = "application/json"
    extra_headers: str = ""  # more header lines, each ending in \r\n
    read_slowly: bool = False  # read 64 KiB every 0.02 s: a server a large upload outruns
    connections: int = 0
    dripped: int = 0  # body bytes sent one at a time so far
    heads: list[str] = field(default_factory=list)
    url: str = ""
    _stop: threading.Event = field(default_factory=threading.Event)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def serve(self) -> Iterator[RawServer]:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.bind(("127.0.0.1", 0))
        listener.listen(64)
        listener.settimeout(0.05)
        self.url = f"http://127.0.0.1:{listener.getsockname()[1]}/platform/api"
        threads: list[threading.Thread] = []

        def accept() -> None:
            while not self._stop.is_set():
                try:
                    conn, _ = listener.accept()
                except TimeoutError:
                    continue
                with self._lock:
                    self.connections += 1
                worker = threading.Thread(target=self._handle, args=(conn,), daemon=True)
                threads.append(worker)
                worker.start()

        acceptor = threading.Thread(target=accept, daemon=True)
        acceptor.start()
        try:
            yield self
        finally:
            self._stop.set()
            acceptor.join()
            listener.close()
            for worker in threads:
                worker.join(timeout=5)

    def _handle(self, conn: socket.socket) -> None:
        conn.settimeout(0.1)
        buffer = b""
        with conn:
            while not self._stop.is_set():
                if self.read_slowly:
                    self._stop.wait(0.02)
                try:
                    chunk = conn.recv(65536)
                except TimeoutError:
                    continue
                except OSError:
                    return
                if not chunk:
                    return
                buffer += chunk
                while b"\r\n\r\n" in buffer:
                    head, _, rest = buffer.partition(b"\r\n\r\n")
                    length = 0
                    for line in head.split(b"\r\n")[1:]:
                        name, _, value = line.partition(b":")
                        if name.strip().lower() == b"content-length":
                            length = int(value)
                    if len(rest) < length:
                        break
                    buffer = rest[length:]
                    with self._lock:
                        self.heads.append(head.decode("latin-1"))
                    if not self._answer(conn):
                        return

    def _answer(self, conn: socket.socket) -> bool:
        head = (
            f"HTTP/1.1 {self.status}\r\nContent-Type: {self.content_type}\r\n"
            f"{self.extra_headers}Content-Length: {len(self.body)}\r\n\r\n"
        ).encode("latin-1")
        try:
            if not self.drip:
                conn.sendall(head + self.body)
                return True
            conn.sendall(head)
            for byte in self.body:  # bounded: one byte per tick, then the body ends
                if self._stop.wait(self.drip):
                    return False
                conn.sendall(bytes([byte]))
                self.dripped += 1
        except OSError:
            return False
        return True


@pytest.fixture
def server() -> Iterator[RawServer]:
    yield from RawServer().serve()


def session_on(url: str, **options: object) -> ServerSession:
    return ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN, api_url=url, **options)  # type: ignore[arg-type]


# -- item 4: the same behaviour as requests where the user set something ---------------


def test_a_session_header_set_to_none_is_dropped_as_requests_drops_it(
    server: RawServer,
) -> None:
    session = session_on(server.url, http_method="GET")  # compared with a plain GET
    session.headers["User-Agent"] = None  # type: ignore[assignment]
    session.headers["X-Kept"] = "yes"
    assert session.call("friends.get") == ["ok"]
    plain = requests.Session()
    plain.headers["User-Agent"] = None  # type: ignore[assignment]
    plain.headers["X-Kept"] = "yes"
    plain.get(server.url)
    sdk_headers, requests_headers = (head.split("\r\n")[1:] for head in server.heads)
    assert sdk_headers == requests_headers  # urllib3's default User-Agent, as with requests
    assert "X-Kept: yes" in sdk_headers and not any("python-requests" in h for h in sdk_headers)


def test_credentials_in_api_url_are_sent_as_basic_auth_and_never_shown(
    server: RawServer,
) -> None:
    url = server.url.replace("http://", "http://user:pa55word@")
    session = session_on(url, max_retries=0)
    assert session.call("friends.get") == ["ok"]
    # what requests does with user:password@: a Basic Authorization header
    assert "Authorization: Basic dXNlcjpwYTU1d29yZA==" in server.heads[0]
    server.status, server.body = "500 Internal Server Error", b"oops pa55word"
    with pytest.raises(HTTPStatusError) as caught:
        session.call("friends.get")
    assert "pa55word" not in str(caught.value)
    with pytest.raises(ValueError) as bad:
        session_on(url.replace("/platform/api", "/platform/api?x=1"))
    assert "pa55word" not in str(bad.value) and "***" in str(bad.value)


def test_session_params_are_signed_with_each_call() -> None:
    with FakePlatform() as fake:
        fake.add_app(APP_ID, secret_key=SECRET_KEY)
        uid = "42"
        token = fake.add_token(uid)
        fake.add_user(uid)
        session = ServerSession(APP_ID, SECRET_KEY, token, api_url=fake.api_url)
        session.params = {"lang": "ru"}
        API(session).friends.get()  # the fake checks the signature: lang is in it
        (call,) = fake.calls_to("friends.get")
        assert call.params["lang"] == "ru" and "sig" in call.params


def test_session_params_that_cannot_be_signed_are_refused(server: RawServer) -> None:
    session = session_on(server.url)
    session.params = [("lang", "ru"), ("lang", "en")]  # pairs are taken, a repeat is not
    with pytest.raises(ValueError, match=r"session\.params: 'lang' is given more than once"):
        session.call("friends.get")
    session.params = "lang=ru"
    with pytest.raises(TypeError, match=r"session\.params must be a mapping or \(name, value\)"):
        session.call("friends.get")
    session.params = {"sig": "x"}
    with pytest.raises(ValueError, match="sig: set by the session"):
        session.call("friends.get")
    assert server.heads == []


@pytest.mark.parametrize("clone", [copy.copy, copy.deepcopy, pickle.dumps])
def test_a_session_cannot_be_copied_or_pickled(clone: object) -> None:
    session = ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN)
    with pytest.raises(TypeError, match=r"cannot be (copied|pickled)") as caught:
        clone(session)  # type: ignore[operator]
    assert SECRET_KEY not in str(caught.value) and ACCESS_TOKEN not in str(caught.value)


def test_unknown_option_is_named() -> None:
    with pytest.raises(TypeError, match=r"'timout'.*it takes .*timeout"):
        ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN, timout=3)  # type: ignore[call-arg]


# -- item 5: secrets everywhere; bodies as requests would decode them ---------------------


def test_an_echoed_error_msg_is_redacted(server: RawServer) -> None:
    server.body = json.dumps(
        {
            "error": {
                "error_code": 100,
                "error_msg": f"bad request: session_key={ACCESS_TOKEN}&sig={SERVER_SERVER_SIG}",
            }
        }
    ).encode()
    session = session_on(server.url)
    with pytest.raises(APIError) as caught:
        session.call("friends.get")
    for text in (str(caught.value), repr(caught.value), caught.value.msg):
        assert ACCESS_TOKEN not in text and SERVER_SERVER_SIG not in text
    assert "session_key=***" in caught.value.msg
    session.pass_error = True
    body = session.call("friends.get")
    assert ACCESS_TOKEN not in json.dumps(body) and body["error"]["error_code"] == 100


def test_a_body_nested_too_deep_is_a_decode_error(server: RawServer) -> None:
    server.body = b"[" * 100_000 + b"]" * 100_000
    from mailru_sdk.errors import ResponseDecodeError

    with pytest.raises(ResponseDecodeError, match="too deep"):
        session_on(server.url).call("friends.get")


def test_a_declared_charset_is_used_as_requests_json_would(server: RawServer) -> None:
    text = '{"first_name": "Иван"}'
    server.body = text.encode("windows-1251")
    server.content_type = "application/json; charset=windows-1251"
    answer = session_on(server.url).call("users.getInfo")
    reference = requests.get(server.url).json()
    assert answer == reference == {"first_name": "Иван"}


def test_a_chained_transport_exception_keeps_no_secret(closed_port_url: str) -> None:
    session = session_on(closed_port_url, max_retries=0, http_method="POST")
    with pytest.raises(MailRuError) as caught:
        session.call("friends.get")
    cause = caught.value.__cause__
    assert isinstance(cause, requests.RequestException)
    assert isinstance(cause.request, requests.PreparedRequest)
    assert ACCESS_TOKEN not in str(cause.request.url) + str(cause.request.body)
    assert "session_key=***" in str(cause.request.body)
    dumped = pickle.dumps(cause)
    assert ACCESS_TOKEN.encode() not in dumped and SERVER_SERVER_SIG.encode() not in dumped


# -- item 6: a deadline bounds the whole call -----------------------------------------------


def test_a_slow_drip_body_is_cut_at_the_deadline() -> None:
    # 40 bytes at one byte every 0.25 s: 10 s of body, each byte well inside the 1 s timeout
    for running in RawServer(body=b'["' + b"x" * 36 + b'"]', drip=0.25).serve():
        session = session_on(running.url, timeout=1.0, max_retries=0)
        with pytest.raises(DeadlineExceededError, match="reading the answer") as caught:
            session.call("friends.get", deadline=0.6)
        assert caught.value.method == "friends.get"
        assert isinstance(caught.value, requests.Timeout) is False  # an SDK error, not requests'


def test_without_a_deadline_the_drip_is_read_to_the_end() -> None:
    for running in RawServer(body=b'["abc"]', drip=0.02).serve():
        session = session_on(running.url, timeout=1.0, deadline=None)
        assert session.call("friends.get") == ["abc"]


def test_the_deadline_stops_retries_that_cannot_finish(server: RawServer) -> None:
    server.status, server.body = "503 Service Unavailable", b"busy"
    session = session_on(server.url, max_retries=50, deadline=0.5)
    with pytest.raises(HTTPStatusError) as caught:
        session.call("friends.get")
    # backoff grows past what is left of 0.5 s within a few tries: the deadline ends them
    assert len(server.heads) <= 3
    assert "deadline" in " ".join(getattr(caught.value, "__notes__", []))


def test_deadline_is_validated() -> None:
    with pytest.raises(ValueError, match="deadline"):
        ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN, deadline=0)
    with pytest.raises(TypeError, match="deadline"):
        ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN, deadline="5")  # type: ignore[arg-type]
    session = ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN, deadline=None)
    assert session.deadline is None
    with pytest.raises(ValueError, match="deadline"):
        session.call("friends.get", deadline=float("inf"))


# -- item 7: threads share the session's connections -----------------------------------------


def test_sixteen_threads_open_at_most_sixteen_connections(
    server: RawServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="urllib3")
    session = session_on(server.url)
    assert session.pool_maxsize >= 16

    def fifty_calls(_: int) -> int:
        return sum(session.call("friends.get") == ["ok"] for _ in range(50))

    with ThreadPoolExecutor(16) as pool:
        assert list(pool.map(fifty_calls, range(16))) == [50] * 16
    assert len(server.heads) == 800
    assert server.connections <= 16
    assert not [r for r in caplog.records if "pool is full" in r.getMessage()]


def test_pool_maxsize_is_validated() -> None:
    with pytest.raises(ValueError, match="pool_maxsize"):
        ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN, pool_maxsize=0)


def test_calls_succeed_when_a_full_pool_discards_their_connection(server: RawServer) -> None:
    """Regression: the deadline's body reader touched a socket already handed back and closed.

    With more threads than pooled connections, urllib3 closes the connections it
    cannot keep; the reader must stop using a connection once it is released.
    """
    session = session_on(server.url, pool_maxsize=2)

    def calls(_: int) -> int:
        return sum(session.call("friends.get") == ["ok"] for _ in range(20))

    with ThreadPoolExecutor(8) as pool:
        assert list(pool.map(calls, range(8))) == [20] * 8


# -- found by review: deadline holes and secrets in corners ----------------------------------


def test_a_gzip_body_decodes_as_requests_decodes_it(server: RawServer) -> None:
    server.body = gzip.compress(b'["ok", "zipped"]')
    server.extra_headers = "Content-Encoding: gzip\r\n"
    assert session_on(server.url).call("friends.get") == ["ok", "zipped"]


def test_a_slow_compressed_body_is_cut_at_the_deadline() -> None:
    """Regression: decoding inside the read kept reading until the decoder had output.

    The body is gzip whose first 210 bytes decode to nothing (empty stored
    blocks), dripped a byte every 0.02 s: a reader that waits for decoded
    output reads them all (4 s) before it looks at the deadline.
    """
    deflate = zlib.compressobj(wbits=-15)
    payload = b'["ok"]'
    body = (
        b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"  # gzip header
        + b"\x00\x00\x00\xff\xff" * 40  # empty stored blocks: no output
        + deflate.compress(payload)
        + deflate.flush()
        + struct.pack("<II", zlib.crc32(payload), len(payload))
    )
    assert gzip.decompress(body) == payload
    gzipped = "Content-Encoding: gzip\r\n"
    for running in RawServer(body=body, drip=0.02, extra_headers=gzipped).serve():
        session = session_on(running.url, timeout=1.0, max_retries=0)
        with pytest.raises(DeadlineExceededError, match="reading the answer"):
            session.call("friends.get", deadline=0.3)
        sent_when_cut = running.dripped
    assert sent_when_cut < 150  # cut early, not after the decoder's first output


def test_an_upload_to_a_slow_reader_is_cut_at_the_deadline(tmp_path: Path) -> None:
    """Regression: the body was sent to its end whatever the deadline."""
    photo = tmp_path / "big.jpg"
    photo.write_bytes(b"\xff" * (16 * 1024 * 1024))  # 5 s at the server's pace
    for running in RawServer(read_slowly=True).serve():
        session = session_on(running.url, timeout=(1.0, 5.0), max_retries=0)
        with pytest.raises(DeadlineExceededError, match="sending the request"):
            session.call("photos.upload", {"aid": "1"}, files={"img_file": photo}, deadline=0.5)


def test_a_secret_across_the_excerpt_cut_is_still_redacted(server: RawServer) -> None:
    server.status = "500 Internal Server Error"
    server.body = b"x" * 190 + f"session_key={ACCESS_TOKEN}".encode()
    with pytest.raises(HTTPStatusError) as caught:
        session_on(server.url, max_retries=0).call("friends.get")
    assert ACCESS_TOKEN[:8] not in str(caught.value)


def test_a_non_json_body_is_not_kept_on_the_exception_chain(server: RawServer) -> None:
    server.body = f"<html>echo session_key={ACCESS_TOKEN}</html>".encode()
    server.content_type = "text/html"
    with pytest.raises(MailRuError) as caught:
        session_on(server.url).call("friends.get")
    current: BaseException | None = caught.value
    while current is not None:  # JSONDecodeError keeps the whole body in .doc
        assert ACCESS_TOKEN not in str(getattr(current, "doc", "")), type(current).__name__
        assert ACCESS_TOKEN not in str(current)
        current = current.__cause__ or current.__context__


def test_a_password_in_token_url_is_redacted(closed_port_url: str) -> None:
    token_url = closed_port_url.replace("http://", "http://user:PWsecret9@")
    session = RefreshServerSession(
        APP_ID, SECRET_KEY, "refresh-token-1", token_url=token_url, max_retries=0
    )
    with pytest.raises(MailRuError) as caught:
        session.authorize()
    cause = caught.value.__cause__
    assert isinstance(cause, requests.RequestException)
    dumped = pickle.dumps(cause)
    assert b"PWsecret9" not in dumped and "PWsecret9" not in str(caught.value)


def test_a_never_sent_failure_past_the_deadline_says_so() -> None:
    """Regression: scrubbing the chain first hid that the connection was never opened."""

    class Refusing(requests.adapters.HTTPAdapter):
        def send(self, request: requests.PreparedRequest, *args: Any, **kwargs: Any) -> Any:
            time.sleep(0.3)
            reason = urllib3.exceptions.NewConnectionError(None, "refused")  # type: ignore[arg-type]
            raise requests.ConnectionError(
                urllib3.exceptions.MaxRetryError(None, str(request.url), reason),  # type: ignore[arg-type]
                request=request,
            )

    session = ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN, deadline=0.2)
    session.mount("https://", Refusing())
    with pytest.raises(DeadlineExceededError) as caught:
        session.call("friends.get")
    assert caught.value.sent is False


@responses.activate
def test_session_params_join_a_token_url_query_as_requests_does() -> None:
    responses.post(
        "https://example.org/token",
        json={"access_token": "a", "refresh_token": "b", "expires_in": 60, "x_mailru_vid": "1"},
    )
    session = RefreshServerSession(
        APP_ID, SECRET_KEY, "refresh-token-1", token_url="https://example.org/token?realm=x"
    )
    session.params = {"lang": "ru"}
    session.authorize()
    assert responses.calls[0].request.url == "https://example.org/token?realm=x&lang=ru"
