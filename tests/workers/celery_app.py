"""The Celery app of tests/workers/test_celery.py: docs/bulk.md's recipe, configured by env.

Each worker process builds its session after the fork (``worker_process_init``),
on the shared Redis: the token store holds the app's tokens under one key, the
limiter spaces every worker's calls. ``MAILRU_TEST_*`` variables say where the
Redis and the fake platform are.
"""

from __future__ import annotations

import os
from typing import Any

import redis
from celery import Celery
from celery.signals import worker_process_init

from mailru_sdk import API, RefreshServerSession
from mailru_sdk.stores.redis_ratelimit import RedisRateLimiter
from mailru_sdk.stores.redis_tokens import RedisTokenStore
from mailru_sdk.testing import EXAMPLE

REDIS_URL = os.environ.get("MAILRU_TEST_REDIS_URL", "redis://127.0.0.1:1/0")
TOKEN_KEY = "app:tokens"
RATE_KEY = "app:rate"

app = Celery("mailru_celery_test", broker=REDIS_URL, backend=REDIS_URL)
app.conf.update(
    broker_connection_retry_on_startup=True,
    task_acks_late=True,
    worker_prefetch_multiplier=2,
    result_expires=600,
)
_api: API | None = None


@worker_process_init.connect
def build_session(**_: Any) -> None:
    """One session per worker process, over the shared token store and rate limiter."""
    global _api
    client = redis.Redis.from_url(REDIS_URL, socket_timeout=5, socket_connect_timeout=5)
    store = RedisTokenStore(client, lock_ttl=10.0)
    stored = store.load(TOKEN_KEY)
    assert stored is not None, "the test stores the tokens before starting the workers"
    session = RefreshServerSession(
        EXAMPLE.app_id,
        EXAMPLE.secret_key,
        stored.tokens["refresh_token"],
        api_url=os.environ["MAILRU_TEST_API_URL"],
        token_url=os.environ["MAILRU_TEST_TOKEN_URL"],
        token_store=store,
        token_key=TOKEN_KEY,
        rate_limit=RedisRateLimiter(client, float(os.environ["MAILRU_TEST_RATE"]), key=RATE_KEY),
    ).load_stored()
    _api = API(session)


@app.task
def profiles(uids: list[str]) -> list[str]:
    """The uids of the profiles ``users.getInfo`` returns for ``uids``."""
    assert _api is not None
    return [str(user["uid"]) for user in _api.users.getInfo(uids=uids)]
