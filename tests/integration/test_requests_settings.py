"""The fast send path honours everything a requests user configures on the session.

A small echo server on 127.0.0.1 records each request's line and headers; a
TLS variant (a throwaway self-signed certificate made with openssl) checks
``verify``. Each test changes one setting and checks the server saw its
effect, on the first call and after the setting changed between calls.
"""

from __future__ import annotations

import json
import logging
import shutil
import ssl
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import requests
from requests.adapters import HTTPAdapter
from urllib3.exceptions import InsecureRequestWarning

from mailru_sdk import ServerSession, TransportError
from tests.conftest import ACCESS_TOKEN, APP_ID, SECRET_KEY


@dataclass
class Seen:
    """One request as the echo server saw it."""

    line: str
    headers: dict[str, str]
    body: str = ""


@dataclass
class Echo:
    """The echo server: its base URL and what it saw."""

    base: str
    seen: list[Seen] = field(default_factory=list)
    set_cookie: str | None = None


def _handler(echo: Echo) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True

        def log_message(self, format: str, *args: Any) -> None:
            pass

        def do_GET(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body_sent = self.rfile.read(length).decode() if length else ""
            echo.seen.append(Seen(self.requestline, dict(self.headers.items()), body_sent))
            body = json.dumps(["ok"]).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            if echo.set_cookie:
                self.send_header("Set-Cookie", echo.set_cookie)
            self.end_headers()
            self.wfile.write(body)

        do_POST = do_GET  # the sessions' default: the parameters in a form body

    return Handler


def _serve(echo: Echo, context: ssl.SSLContext | None = None) -> Iterator[Echo]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(echo))
    if context is not None:
        server.socket = context.wrap_socket(server.socket, server_side=True)
    scheme = "https" if context else "http"
    echo.base = f"{scheme}://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield echo
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture
def echo() -> Iterator[Echo]:
    yield from _serve(Echo(""))


@pytest.fixture
def proxy() -> Iterator[Echo]:
    yield from _serve(Echo(""))


def session_for(echo: Echo) -> ServerSession:
    return ServerSession(
        APP_ID, SECRET_KEY, ACCESS_TOKEN, api_url=f"{echo.base}/platform/api", max_retries=0
    )


def test_default_session_reuses_its_send_settings(echo: Echo) -> None:
    session = session_for(echo)
    assert session.call("friends.get") == ["ok"]
    first = session._send_settings[session.api_url]
    session.call("friends.get")
    assert session._send_settings[session.api_url] is first  # nothing recomputed between calls
    assert echo.seen[0].line.startswith("POST /platform/api HTTP/1.1")  # nothing in the URL
    assert echo.seen[0].body.startswith("method=friends.get&app_id=423004&session_key=")
    assert echo.seen[0].headers["Connection"] == "keep-alive"
    assert "python-requests" in echo.seen[0].headers["User-Agent"]


def test_session_headers_are_sent_and_changes_are_noticed(echo: Echo) -> None:
    session = session_for(echo)
    session.headers["X-Trace"] = "one"
    session.call("friends.get")
    session.headers["X-Trace"] = "two"
    session.call("friends.get")
    assert [s.headers["X-Trace"] for s in echo.seen] == ["one", "two"]


def test_invalid_session_header_is_refused_as_requests_would(echo: Echo) -> None:
    session = session_for(echo)
    session.headers["X-Bad"] = "line\nbreak"
    with pytest.raises(requests.exceptions.InvalidHeader):
        session.call("friends.get")


def test_mounted_adapter_is_used(echo: Echo) -> None:
    """Any adapter the user mounts is used, even a plain HTTPAdapter with its own settings."""
    sent: list[str] = []

    class Counting(HTTPAdapter):
        def send(self, request: requests.PreparedRequest, *args: Any, **kwargs: Any) -> Any:
            sent.append(str(request.body))
            return super().send(request, *args, **kwargs)

    session = session_for(echo)
    session.call("friends.get")  # fast path first
    session.mount("http://", Counting())
    session.call("friends.get")
    session.call("friends.get")
    assert len(sent) == 2 and "method=friends.get" in sent[0]


def test_session_proxies_are_used(echo: Echo, proxy: Echo) -> None:
    session = session_for(echo)
    session.proxies = {"http": proxy.base}
    session.call("friends.get")
    assert echo.seen == []
    assert proxy.seen[0].line == f"POST {echo.base}/platform/api HTTP/1.1"
    assert proxy.seen[0].body.startswith("method=friends.get")


def test_environment_proxies_are_used(
    echo: Echo, proxy: Echo, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("NO_PROXY", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTP_PROXY", proxy.base)
    session_for(echo).call("friends.get")
    assert echo.seen == [] and len(proxy.seen) == 1


def test_environment_read_again_after_reset(
    echo: Echo, proxy: Echo, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("NO_PROXY", "no_proxy", "HTTP_PROXY", "http_proxy"):
        monkeypatch.delenv(name, raising=False)
    session = session_for(echo)
    session.call("friends.get")
    monkeypatch.setenv("HTTP_PROXY", proxy.base)
    session.reset_send_settings()
    session.call("friends.get")
    assert len(echo.seen) == 1 and len(proxy.seen) == 1


def test_trust_env_false_ignores_environment_proxies(
    echo: Echo, proxy: Echo, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HTTP_PROXY", proxy.base)
    for name in ("NO_PROXY", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
    session = session_for(echo)
    session.trust_env = False
    session.call("friends.get")
    assert len(echo.seen) == 1 and proxy.seen == []


def test_auth_is_sent(echo: Echo) -> None:
    session = session_for(echo)
    session.call("friends.get")
    session.auth = ("user", "pass")
    session.call("friends.get")
    assert "Authorization" not in echo.seen[0].headers
    assert echo.seen[1].headers["Authorization"].startswith("Basic ")


def test_netrc_credentials_are_used(
    echo: Echo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    netrc = tmp_path / ".netrc"
    netrc.write_text("machine 127.0.0.1 login user password secret\n")
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    session_for(echo).call("friends.get")
    assert echo.seen[0].headers["Authorization"].startswith("Basic ")


def test_response_hooks_run(echo: Echo) -> None:
    seen: list[int] = []

    def hook(response: requests.Response, *args: Any, **kwargs: Any) -> None:
        seen.append(response.status_code)

    session = session_for(echo)
    session.hooks["response"].append(hook)
    session.call("friends.get")
    assert seen == [200]


def test_cookies_are_kept_and_sent(echo: Echo) -> None:
    echo.set_cookie = "sid=abc; Path=/"
    session = session_for(echo)
    session.call("friends.get")
    assert session.cookies.get("sid") == "abc"
    echo.set_cookie = None
    session.call("friends.get")
    assert echo.seen[1].headers.get("Cookie") == "sid=abc"


# -- TLS: verify ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
            "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
            "-keyout", str(key), "-out", str(cert),
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return cert, key


@pytest.fixture
def tls_echo(certificate: tuple[Path, Path]) -> Iterator[Echo]:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(*certificate)
    yield from _serve(Echo(""), context)


def test_tls_is_verified_by_default(tls_echo: Echo) -> None:
    with pytest.raises(TransportError, match="SSLError"):
        session_for(tls_echo).call("friends.get")
    assert tls_echo.seen == []


def test_verify_with_a_ca_bundle(tls_echo: Echo, certificate: tuple[Path, Path]) -> None:
    session = session_for(tls_echo)
    session.verify = str(certificate[0])
    assert session.call("friends.get") == ["ok"]


def test_changing_verify_is_noticed(tls_echo: Echo, certificate: tuple[Path, Path]) -> None:
    session = session_for(tls_echo)
    session.verify = str(certificate[0])
    session.call("friends.get")
    session.verify = True
    with pytest.raises(TransportError, match="SSLError"):
        session.call("friends.get")


def test_verify_false_accepts_a_self_signed_certificate_and_warns(tls_echo: Echo) -> None:
    session = session_for(tls_echo)
    session.verify = False
    with pytest.warns(InsecureRequestWarning, match="Unverified HTTPS request"):
        assert session.call("friends.get") == ["ok"]  # warned as requests warns


@pytest.fixture
def mtls_echo(certificate: tuple[Path, Path]) -> Iterator[Echo]:
    """A TLS server that requires a client certificate signed by our throwaway CA."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(*certificate)
    context.verify_mode = ssl.CERT_REQUIRED
    context.load_verify_locations(cafile=str(certificate[0]))
    yield from _serve(Echo(""), context)


def test_client_certificate_is_presented(mtls_echo: Echo, certificate: tuple[Path, Path]) -> None:
    session = session_for(mtls_echo)
    session.verify = str(certificate[0])
    with pytest.raises(TransportError):  # no client certificate: the server refuses
        session.call("friends.get")
    session.cert = (str(certificate[0]), str(certificate[1]))
    assert session.call("friends.get") == ["ok"]


def test_urllib3_request_lines_are_logged_without_secrets(
    echo: Echo, caplog: pytest.LogCaptureFixture
) -> None:
    """On the requests path urllib3 logs the request line, query string included."""
    caplog.set_level(logging.DEBUG)
    session = session_for(echo)
    session.http_method = "GET"  # a GET's query carries the secrets
    session.mount("http://", HTTPAdapter())  # the requests path, through urllib3
    session.call("friends.get", {"password": "album-secret"})
    lines = [r.getMessage() for r in caplog.records if r.name == "urllib3.connectionpool"]
    request_line = next(line for line in lines if "/platform/api?" in line)
    assert "session_key=***" in request_line and "sig=***" in request_line
    assert "password=***" in request_line
    assert ACCESS_TOKEN not in caplog.text and "album-secret" not in caplog.text


# -- review findings: trust limited to verify, urllib3 retry logs, racing first calls --------


@pytest.fixture(scope="module")
def other_ca(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A second, unrelated self-signed certificate: a CA that did not sign the server's."""
    folder = tmp_path_factory.mktemp("other-ca")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
            "-subj", "/CN=other", "-keyout", str(key), "-out", str(cert),
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return cert


def test_verify_path_trusts_only_that_bundle(
    tls_echo: Echo,
    certificate: tuple[Path, Path],
    other_ca: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The server's CA is in the system store (SSL_CERT_FILE) but not in session.verify."""
    monkeypatch.setenv("SSL_CERT_FILE", str(certificate[0]))
    session = session_for(tls_echo)
    session.verify = str(other_ca)
    with pytest.raises(TransportError, match="SSLError"):
        session.call("friends.get")
    assert tls_echo.seen == []


def test_urllib3_retry_logs_carry_no_secrets(
    closed_port_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)  # every logger
    session = ServerSession(
        APP_ID, SECRET_KEY, ACCESS_TOKEN, api_url=closed_port_url, max_retries=0, http_method="GET"
    )
    session.mount("http://", HTTPAdapter(max_retries=2))  # urllib3 retries and logs them
    with pytest.raises(TransportError):
        session.call("friends.get")
    assert any(r.name == "urllib3.util.retry" for r in caplog.records)
    assert ACCESS_TOKEN not in caplog.text
    assert "sig=***" in caplog.text and "session_key=***" in caplog.text
