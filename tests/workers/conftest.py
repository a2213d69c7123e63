"""Fixtures of the Redis tests (``redis_server`` itself is in tests/conftest.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import redis

from tests.workers.server import RedisServer


@pytest.fixture
def redis_client(redis_server: RedisServer) -> Iterator[redis.Redis]:
    """A client of :func:`redis_server`."""
    client = redis_server.client()
    yield client
    client.close()
