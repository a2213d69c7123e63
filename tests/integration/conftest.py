"""Fixtures for tests against the loopback emulator (127.0.0.1 only)."""

from __future__ import annotations

import socket
import time
import types
from collections.abc import Iterator

import pytest

from mailru_sdk.testing import LoopbackPlatform
from tests.conftest import ACCESS_TOKEN, APP_ID, PRIVATE_KEY, SECRET_KEY, UID


@pytest.fixture
def platform() -> Iterator[LoopbackPlatform]:
    """The emulator, knowing the docs' example app and its user's access token."""
    with LoopbackPlatform(
        apps={APP_ID: (PRIVATE_KEY, SECRET_KEY)}, tokens={ACCESS_TOKEN: UID}
    ) as running:
        assert running.url.startswith("http://127.0.0.1:")
        yield running


@pytest.fixture(autouse=True)
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Record the SDK's retry sleeps instead of sleeping.

    Only the ``time`` that ``mailru_sdk._retry`` sees is replaced: patching
    ``time.sleep`` itself would also turn the emulator's ``sleep`` fault into a
    no-op, since both live in the same process.
    """
    slept: list[float] = []
    fake_time = types.SimpleNamespace(sleep=slept.append, time=time.time)
    monkeypatch.setattr("mailru_sdk._retry.time", fake_time)
    return slept


@pytest.fixture
def closed_port_url() -> str:
    """An API URL on 127.0.0.1 where nothing listens: connections are refused."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/platform/api"
