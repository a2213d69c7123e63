"""Fixtures for the fake platform's tests: the fake in each of its two modes."""

from __future__ import annotations

import time
import types
from collections.abc import Iterator

import pytest

from mailru_sdk.testing import FakePlatform

# our pyproject disables the installed pytest11 plugin (-p no:mailru_sdk, for coverage);
# importing the fixture here gives our own tests `mailru_fake` all the same
from mailru_sdk.testing.pytest_plugin import mailru_fake  # noqa: F401

MODES = ["in-process", "served"]


@pytest.fixture(params=MODES)
def fake(request: pytest.FixtureRequest) -> Iterator[FakePlatform]:
    """A FakePlatform reached in-process (``responses``) or over HTTP on 127.0.0.1."""
    platform = FakePlatform()
    if request.param == "in-process":
        platform.start()
        assert platform.api_url == "https://appsmail.ru/platform/api"
    else:
        urls = platform.serve()
        assert urls.api_url.startswith("http://127.0.0.1:")
    try:
        yield platform
    finally:
        platform.stop()


@pytest.fixture(autouse=True)
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Record the SDK's retry sleeps instead of sleeping (the fake's own delays still sleep)."""
    slept: list[float] = []
    monkeypatch.setattr(
        "mailru_sdk._retry.time", types.SimpleNamespace(sleep=slept.append, time=time.time)
    )
    return slept
