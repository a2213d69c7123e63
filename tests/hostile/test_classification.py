"""Issue 17, item 4: failures classified by what happened; the user's own exceptions unchanged."""

from __future__ import annotations

import signal
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
import requests
import vcr
import vcr.errors

from mailru_sdk import ServerSession
from mailru_sdk.errors import RequestTimeoutError, TransportError
from tests.conftest import ACCESS_TOKEN, APP_ID, SECRET_KEY
from tests.hostile.echo import everything_shown


@pytest.fixture
def silent_server() -> Iterator[str]:
    """The API URL of a server on 127.0.0.1 that accepts connections and never reads or answers."""
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)  # fills up quickly
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}/platform/api"
    stop.set()
    thread.join(5)
    for conn in held:
        conn.close()
    listener.close()


def session(api_url: str, **options: Any) -> ServerSession:
    return ServerSession(
        APP_ID, SECRET_KEY, ACCESS_TOKEN, api_url=api_url, max_retries=0, **options
    )


def test_a_post_to_a_server_that_never_reads_is_a_request_timeout(silent_server: str) -> None:
    # far more than the loopback socket buffers hold: the write blocks, then times out
    body = "x" * (64 * 1024 * 1024)
    with pytest.raises(RequestTimeoutError) as caught:
        session(silent_server, timeout=0.5).call(
            "stream.post", {"text": body}, http_method="POST", idempotent=False
        )
    assert caught.value.sent  # it may have reached the server: a write is not retried
    assert isinstance(caught.value.__cause__, requests.ConnectionError)
    assert ACCESS_TOKEN not in everything_shown(caught.value)


class HookFailed(Exception):
    """The user's own exception, raised from a response hook."""


def test_an_exception_from_a_response_hook_propagates_unchanged(silent_server: str) -> None:
    sdk = session("http://127.0.0.1:9/platform/api")
    sdk.http_method = "GET"  # the URL, session_key in it, is what the hook's message shows

    def hook(response: requests.Response, **kwargs: object) -> None:
        raise HookFailed(f"rejected {response.url}")

    sdk.hooks["response"].append(hook)
    sdk.mount("http://", _Answering())
    with pytest.raises(HookFailed) as caught:
        sdk.call("friends.get")
    assert type(caught.value) is HookFailed
    assert "session_key=***" in str(caught.value)  # scrubbed all the same
    assert ACCESS_TOKEN not in everything_shown(caught.value)


class WatchdogTimeout(Exception):
    """What a signal handler raises to cut a request short (as gunicorn's timeout does)."""


def test_a_signal_handlers_exception_propagates_unchanged(silent_server: str) -> None:
    def on_alarm(signum: int, frame: FrameType | None) -> None:
        raise WatchdogTimeout("the request took too long")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, 0.2)
    try:
        with pytest.raises(WatchdogTimeout):
            session(silent_server, timeout=10).call("friends.get")
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_an_unmatched_vcrpy_call_is_a_transport_error_without_secrets(tmp_path: Path) -> None:
    """A test double's refusal says the request could not be carried: wrapped, scrubbed."""
    (tmp_path / "empty.yaml").write_text("interactions: []\nversion: 1\n")
    recorder = vcr.VCR(cassette_library_dir=str(tmp_path), record_mode="none")
    with recorder.use_cassette("empty.yaml"), pytest.raises(TransportError) as caught:
        session("http://127.0.0.1:9/platform/api").call("friends.get")
    assert isinstance(caught.value.__cause__, vcr.errors.CannotOverwriteExistingCassetteException)
    shown = everything_shown(caught.value)
    assert ACCESS_TOKEN not in shown and "session_key=***" in shown


def test_a_custom_adapters_socket_error_is_still_a_transport_error() -> None:
    sdk = session("http://127.0.0.1:9/platform/api")
    sdk.mount("http://", _Answering(error=ConnectionResetError("reset by the proxy")))
    with pytest.raises(TransportError, match="reset by the proxy"):
        sdk.call("friends.get")


class _Answering(requests.adapters.BaseAdapter):
    def __init__(self, error: Exception | None = None) -> None:
        super().__init__()
        self.error = error

    def send(self, request: requests.PreparedRequest, *args: Any, **kwargs: Any) -> Any:
        if self.error is not None:
            raise self.error
        response = requests.Response()
        response.status_code, response._content = 200, b"[]"
        response.url, response.request = request.url or "", request
        return response

    def close(self) -> None:
        pass
