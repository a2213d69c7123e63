"""Fixtures for the command-line tests: a clean environment and a fake platform."""

from __future__ import annotations

import os
import time
import types
from collections.abc import Iterator

import pytest

from mailru_sdk.testing import FakePlatform
from tests.conftest import ACCESS_TOKEN, APP_ID, PRIVATE_KEY, SECRET_KEY, UID

CLIENT_ENV = {
    "MAILRU_APP_ID": str(APP_ID),
    "MAILRU_PRIVATE_KEY": PRIVATE_KEY,
    "MAILRU_ACCESS_TOKEN": ACCESS_TOKEN,
    "MAILRU_UID": UID,
}
SERVER_ENV = {
    "MAILRU_APP_ID": str(APP_ID),
    "MAILRU_SECRET_KEY": SECRET_KEY,
    "MAILRU_ACCESS_TOKEN": ACCESS_TOKEN,
}


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """No MAILRU_* variable from the machine running the tests."""
    for name in list(os.environ):
        if name.startswith("MAILRU_"):
            monkeypatch.delenv(name)


@pytest.fixture(autouse=True)
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Record the SDK's retry sleeps instead of sleeping."""
    slept: list[float] = []
    monkeypatch.setattr(
        "mailru_sdk._retry.time", types.SimpleNamespace(sleep=slept.append, time=time.time)
    )
    return slept


@pytest.fixture
def fake() -> Iterator[FakePlatform]:
    """The fake platform, intercepting the default URLs in this process."""
    with FakePlatform() as platform:
        yield platform


@pytest.fixture
def served() -> Iterator[FakePlatform]:
    """The fake platform served on 127.0.0.1 (for subprocesses)."""
    platform = FakePlatform()
    platform.serve()
    try:
        yield platform
    finally:
        platform.stop()
