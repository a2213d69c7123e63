"""A served FakePlatform (HTTP on 127.0.0.1) with 1,000 users, for the bulk tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from mailru_sdk.testing import FakePlatform

USERS = [str(10_000_000 + n) for n in range(1000)]


@pytest.fixture
def fake() -> Iterator[FakePlatform]:
    platform = FakePlatform()
    for uid in USERS:
        platform.add_user(uid, first_name=f"user {uid}")
    platform.serve()
    try:
        yield platform
    finally:
        platform.stop()


@pytest.fixture
def closed_url() -> str:
    """An API URL on 127.0.0.1 where nothing listens: connections are refused."""
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/platform/api"
