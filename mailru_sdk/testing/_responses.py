"""The in-process transport of the fake platform, through ``responses``.

The only module that imports ``responses`` (the ``testing`` extra). Every
request to a platform host (``PLATFORM_HOSTS``, any scheme, port, path or
method) is kept in the process: the REST and token endpoints (a trailing or
doubled slash allowed) are answered by
``FakePlatform.handle <mailru_sdk.testing.FakePlatform.handle>()``
without any socket, anything else on those hosts fails with
``requests.ConnectionError("FakePlatform: ... is not a platform endpoint")``,
so a near-miss URL never reaches the real platform with real credentials.
Requests to other hosts go where they were going (to a mock that was already
active, or to the network).
"""

from __future__ import annotations

import re
import time
import urllib.parse
from collections.abc import Iterable, Sequence
from typing import Any

import requests

from mailru_sdk.options import DEFAULT_PUBLIC_URL
from mailru_sdk.testing.wire import FakeRequest, Platform

try:
    import responses
except ImportError as exc:  # pragma: no cover - exercised only without the extra
    raise ImportError(
        "FakePlatform's in-process mode needs `responses`: pip install 'mailru-sdk[testing]' "
        "(or serve it over HTTP with fake.serve(), which needs nothing extra)"
    ) from exc

__all__ = ["PLATFORM_HOSTS", "Interceptor"]

#: the hosts whose every request the in-process fake keeps (their subdomains too).
PLATFORM_HOSTS = ("appsmail.ru", "www.appsmail.ru", "connect.mail.ru")
_VERBS = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")


def _hosts_pattern(hosts: Iterable[str]) -> re.Pattern[str]:
    """Matches any URL on one of ``hosts`` or a subdomain: any scheme, user, port, path."""
    names = "|".join(re.escape(host) for host in sorted(set(hosts), key=len, reverse=True))
    return re.compile(
        r"[a-z][a-z0-9+.\-]*://(?:[^/?#@]*@)?(?:[a-z0-9\-]+\.)*(?:" + names + r")\.?"
        r"(?::[0-9]*)?(?:[/?#]|$)",
        re.IGNORECASE,
    )


def _normal_path(path: str) -> str:
    """``path`` without doubled or trailing slashes: ``//platform/api/`` → ``/platform/api``."""
    return "/" + "/".join(part for part in path.split("/") if part)


class Interceptor:
    """Keeps every request to the hosts of ``urls`` (and ``PLATFORM_HOSTS``) in the process.

    Requests to the paths of ``urls`` (any query string) go to ``fake``; other
    paths on those hosts fail with a ``requests.ConnectionError``.
    """

    def __init__(self, fake: Platform, urls: Sequence[str]) -> None:
        self.fake = fake
        self.paths = frozenset(_normal_path(urllib.parse.urlsplit(url).path) for url in urls)
        #: the root of the public data: any path under it goes to the fake too
        self.public_root = _normal_path(urllib.parse.urlsplit(DEFAULT_PUBLIC_URL).path)
        hosts = {str(urllib.parse.urlsplit(url).hostname) for url in urls}
        self.hosts = _hosts_pattern([*PLATFORM_HOSTS, *hosts])
        self._mock: responses.RequestsMock | None = None

    def start(self) -> None:
        """Start intercepting."""
        # pass unmatched requests on to whatever sends them now: an outer mock, or the network
        real_send = requests.adapters.HTTPAdapter.send
        mock = responses.RequestsMock(
            assert_all_requests_are_fired=False, real_adapter_send=real_send
        )
        for verb in _VERBS:
            mock.add_callback(verb, self.hosts, callback=self._callback)
        # only other hosts pass; a platform URL with an odd verb is refused by responses
        mock.add_passthru(re.compile(f"(?!{self.hosts.pattern})", re.IGNORECASE))
        mock.start()
        self._mock = mock

    def stop(self) -> None:
        """Stop intercepting."""
        if self._mock is not None:
            self._mock.stop()
            self._mock.reset()
            self._mock = None

    def _callback(self, request: requests.PreparedRequest) -> Any:
        url = urllib.parse.urlsplit(str(request.url))
        path = _normal_path(url.path)
        # public data: only the paths given to fake.add_public, so that a near miss of an
        # endpoint (/platform/apix) still fails loudly instead of reading as public data
        public = path.startswith(f"{self.public_root}/") and self.fake.has_public(path)
        if not (path in self.paths or public) or request.method not in ("GET", "POST"):
            where = urllib.parse.urlunsplit(
                (url.scheme, url.netloc.rpartition("@")[2], url.path, "", "")  # no password
            )
            return requests.exceptions.ConnectionError(
                f"FakePlatform: {request.method} {where} is not a platform endpoint "
                f"(it answers only {' and '.join(sorted(self.paths))} and the public data "
                "given to add_public(); nothing was sent to "
                "the network)",
                request=request,
            )
        fake_request = FakeRequest(
            str(request.method),
            path,
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
