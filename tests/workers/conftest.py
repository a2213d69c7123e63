"""Fixtures of the Redis tests: a real redis-server on 127.0.0.1, started and stopped per test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import redis

from tests.workers.server import RedisServer


@pytest.fixture
def redis_server() -> Iterator[RedisServer]:
    """A fresh redis-server on a free port of 127.0.0.1, empty, stopped after the test."""
    with RedisServer() as server:
        yield server


@pytest.fixture
def redis_client(redis_server: RedisServer) -> Iterator[redis.Redis]:
    """A client of :func:`redis_server`."""
    client = redis_server.client()
    yield client
    client.close()
