"""The in-process transport of the fake platform, through ``responses``.

The only module that imports ``responses`` (the ``testing`` extra). Requests
to the platform's URLs are answered by
:meth:`FakePlatform.handle <mailru_sdk.testing.fake.FakePlatform.handle>`
without any socket; every other request goes where it was going (to a mock
that was already active, or to the network).
"""

from __future__ import annotations

import re
import time
import urllib.parse
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import requests

if TYPE_CHECKING:
    from mailru_sdk.testing.fake import FakePlatform

try:
    import responses
except ImportError as exc:  # pragma: no cover - exercised only without the extra
    raise ImportError(
        "FakePlatform's in-process mode needs `responses`: pip install 'mailru-sdk[testing]' "
        "(or serve it over HTTP with fake.serve(), which needs nothing extra)"
    ) from exc

__all__ = ["Interceptor"]


class Interceptor:
    """Routes requests to ``urls`` (with any query string) to ``fake`` while started."""

    def __init__(self, fake: FakePlatform, urls: Sequence[str]) -> None:
        self.fake = fake
        self.urls = list(urls)
        self._mock: responses.RequestsMock | None = None

    def start(self) -> None:
        """Start intercepting."""
        # pass unmatched requests on to whatever sends them now: an outer mock, or the network
        real_send = requests.adapters.HTTPAdapter.send
        mock = responses.RequestsMock(
            assert_all_requests_are_fired=False, real_adapter_send=real_send
        )
        for url in self.urls:
            pattern = re.compile(re.escape(url) + r"(\?.*)?$")
            for verb in (responses.GET, responses.POST):
                mock.add_callback(verb, pattern, callback=self._callback)
        mock.add_passthru(re.compile(".*"))
        mock.start()
        self._mock = mock

    def stop(self) -> None:
        """Stop intercepting."""
        if self._mock is not None:
            self._mock.stop()
            self._mock.reset()
            self._mock = None

    def _callback(self, request: requests.PreparedRequest) -> Any:
        from mailru_sdk.testing.fake import FakeRequest

        url = urllib.parse.urlsplit(str(request.url))
        fake_request = FakeRequest(
            str(request.method),
            url.path,
            url.query,
            _body_bytes(request.body),
            str(request.headers.get("Content-Type", "")),
        )
        answer = self.fake.handle(fake_request)
        if answer.delay:
            read_timeout = _read_timeout(getattr(request, "req_kwargs", {}).get("timeout"))
            if read_timeout is not None and answer.delay > read_timeout:
                time.sleep(read_timeout)
                return requests.exceptions.ReadTimeout(
                    f"fake platform: no answer within the read timeout ({read_timeout:g} s)",
                    request=request,
                )
            time.sleep(answer.delay)
        if answer.drop:
            return requests.exceptions.ConnectionError(
                "('Connection aborted.', RemoteDisconnected('the fake platform closed the "
                "connection without response'))",
                request=request,
            )
        headers = {"Content-Type": f"{answer.content_type}; charset=utf-8", **answer.headers}
        return answer.status, headers, answer.body


def _body_bytes(body: object) -> bytes:
    if body is None:
        return b""
    if isinstance(body, bytes):
        return body
    if isinstance(body, str):
        return body.encode("utf-8")
    read = getattr(body, "read", None)
    if callable(read):
        data = read()
        return data if isinstance(data, bytes) else str(data).encode("utf-8")
    if isinstance(body, Iterable):
        return b"".join(c if isinstance(c, bytes) else str(c).encode("utf-8") for c in body)
    raise TypeError(f"cannot read a request body of type {type(body).__name__}")


def _read_timeout(timeout: object) -> float | None:
    if isinstance(timeout, tuple):
        timeout = timeout[1]
    if isinstance(timeout, int | float) and not isinstance(timeout, bool):
        return float(timeout)
    return None
