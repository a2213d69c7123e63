"""Shared constants: the platform documentation's example app, token and user."""

from __future__ import annotations

import urllib.parse
from collections.abc import Iterator

import pytest

from tests.workers.server import RedisServer

APP_ID = 423004
PRIVATE_KEY = "7815696ecbf1c96e6894b779456d330e"
SECRET_KEY = "3dad9cbf9baaa0360c0f2ba372d25716"
ACCESS_TOKEN = "be6ef89965d58e56dec21acb9b62bdaa"
UID = "1324730981306483817"
API_URL = "https://appsmail.ru/platform/api"

SECRETS = (PRIVATE_KEY, SECRET_KEY, ACCESS_TOKEN)

# Property tests run under coverage on a 2-core CI machine: no per-example deadline and no
# "too slow" health check there (both depend on the machine's speed, not on the code).
from hypothesis import HealthCheck, settings  # noqa: E402

settings.register_profile(
    "mailru", deadline=None, suppress_health_check=[HealthCheck.too_slow], max_examples=100
)
settings.load_profile("mailru")


@pytest.fixture
def redis_server() -> Iterator[RedisServer]:
    """A fresh redis-server on a free port of 127.0.0.1, empty, stopped after the test.

    Used by tests/workers/ and by the docs examples of docs/workers.md.
    """
    with RedisServer() as server:
        yield server


def sent_params(request: object) -> dict[str, str]:
    """The parameters a request sent: its form body (the default, POST) and its URL's query."""
    url = str(getattr(request, "url", "") or "")
    params = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(url).query))
    body = getattr(request, "body", None)
    if isinstance(body, bytes):
        body = body.decode("utf-8", errors="replace")
    if isinstance(body, str):
        params.update(urllib.parse.parse_qsl(body, keep_blank_values=True))
    return params
