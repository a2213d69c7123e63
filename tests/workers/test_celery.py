"""docs/bulk.md's Celery recipe with real processes: Redis, two prefork workers, the fake.

A few hundred tasks go through two Celery workers (3 prefork processes each)
on a real Redis broker, calling the fake platform served on 127.0.0.1 through
the shared token store and rate limiter. The token is expired before the
first task: exactly one refresh must reach the token endpoint, every result
must come back, and no one-second window may see more calls than the limit.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("celery")

from celery import group

from mailru_sdk.stores.redis_tokens import RedisTokenStore
from mailru_sdk.testing import EXAMPLE, FakePlatform
from tests.workers import celery_app
from tests.workers.server import RedisServer

TASKS = 240
RATE = 60.0
WORKERS = 2
PROCESSES = 3
OLD_ACCESS = "0ld0ld0ld0ld0ld0ld0ld0ld0ld0ld00"
OLD_REFRESH = "0ldrefresh0ldrefresh0ldrefresh00"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def fake() -> Iterator[FakePlatform]:
    platform = FakePlatform(
        tokens={OLD_ACCESS: EXAMPLE.uid}, refresh_tokens={OLD_REFRESH: EXAMPLE.uid}
    )
    platform.serve()
    yield platform
    platform.stop()


def start_workers(redis_url: str, fake: FakePlatform) -> list[subprocess.Popen[bytes]]:
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "MAILRU_TEST_REDIS_URL": redis_url,
        "MAILRU_TEST_API_URL": fake.api_url,
        "MAILRU_TEST_TOKEN_URL": fake.token_url,
        "MAILRU_TEST_RATE": str(RATE),
    }
    command = [sys.executable, "-m", "celery", "-A", "tests.workers.celery_app", "worker"]
    options = ["--pool", "prefork", "--concurrency", str(PROCESSES), "--loglevel", "warning"]
    options += ["--without-heartbeat", "--without-mingle", "--without-gossip"]
    return [
        subprocess.Popen(
            [*command, *options, "--hostname", f"w{n}@127.0.0.1"],
            cwd=ROOT,
            env=env,
            start_new_session=True,  # its own process group: the pool goes with it
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for n in range(WORKERS)
    ]


def stop_workers(workers: list[subprocess.Popen[bytes]]) -> None:
    for worker in workers:
        if worker.poll() is None:
            os.killpg(worker.pid, signal.SIGTERM)
    for worker in workers:
        try:
            worker.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait(timeout=5)


def test_celery_workers_share_the_token_and_the_limit(
    redis_server: RedisServer, fake: FakePlatform
) -> None:
    arrivals: list[float] = []
    lock = threading.Lock()

    def get_info(params: Mapping[str, str]) -> Any:
        with lock:
            arrivals.append(time.monotonic())
        return [{"uid": uid} for uid in params["uids"].split(",")]

    fake.respond("users.getInfo", get_info)
    client = redis_server.client()
    tokens: Any = {
        "access_token": OLD_ACCESS,
        "refresh_token": OLD_REFRESH,
        "expires_in": 86400,
        "expires_at": None,
        "uid": EXAMPLE.uid,
    }
    RedisTokenStore(client).save(celery_app.TOKEN_KEY, tokens)
    fake.expire_token(OLD_ACCESS)  # every worker's first call gets error 102
    celery_app.app.conf.update(broker_url=redis_server.url, result_backend=redis_server.url)

    uids = [str(30_000_000 + n) for n in range(TASKS)]
    workers = start_workers(redis_server.url, fake)
    try:
        job = group(celery_app.profiles.s([uid]) for uid in uids).apply_async()
        answers = job.get(timeout=90)
    finally:
        stop_workers(workers)
        client.close()

    assert answers == [[uid] for uid in uids]  # every result, in order
    refreshes = [f for f in fake.token_requests if f.get("grant_type") == "refresh_token"]
    assert len(refreshes) == 1
    # the shared limit in every one-second window (one slot more for a request's jitter)
    arrivals.sort()
    busiest = max(
        sum(1 for t in arrivals[i:] if t < start + 1.0) for i, start in enumerate(arrivals)
    )
    assert busiest <= RATE + 2, busiest
