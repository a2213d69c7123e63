"""The Flask and Django examples with MAILRU_REDIS_URL set: tokens in a real Redis, one refresh.

The platform is mocked with ``responses`` as in tests/oauth/test_examples.py
(whose fixtures and helpers these tests reuse); Redis is the real server.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest
from flask.testing import FlaskClient

from examples import django_views
from examples.flask_app import LOGIN_KEY, SharedTokenStore, create_app
from mailru_sdk.stores.redis_tokens import RedisTokenStore
from tests.oauth.conftest import CODE, assert_no_secret
from tests.oauth.test_examples import (
    FIRST_ACCESS,
    FIRST_REFRESH,
    FLASK_CONFIG,
    NEW_ACCESS,
    NEW_REFRESH,
    FakeMailRu,
    django_request,
    django_settings,
    flask_session,
    log_in,
    mailru,
    rf,
    session_store,
    wait_at,
)
from tests.workers.server import RedisServer

__all__ = ["django_settings", "mailru", "rf"]  # fixtures, imported for pytest


@pytest.fixture
def redis_store(redis_server: RedisServer) -> RedisTokenStore:
    """A store reading what the examples write (their prefix)."""
    return RedisTokenStore(redis_server.client(), prefix="mailru:tokens:")


@pytest.fixture
def flask_client(redis_server: RedisServer) -> FlaskClient:
    return create_app({**FLASK_CONFIG, "MAILRU_REDIS_URL": redis_server.url}).test_client()


def test_flask_keeps_the_tokens_in_redis(
    flask_client: FlaskClient, mailru: FakeMailRu, redis_store: RedisTokenStore
) -> None:
    assert isinstance(flask_client.application.extensions["mailru_tokens"], SharedTokenStore)
    log_in(flask_client)
    login_id = flask_session(flask_client)[LOGIN_KEY]
    stored = redis_store.load(login_id)
    assert stored is not None and stored.tokens["access_token"] == FIRST_ACCESS

    mailru.valid.discard(FIRST_ACCESS)  # expired: the page refreshes through the store
    page = flask_client.get("/")
    assert page.status_code == 200 and "You have 3 friends" in page.get_data(as_text=True)
    assert_no_secret(page.get_data(as_text=True), FIRST_ACCESS, NEW_ACCESS)
    stored = redis_store.load(login_id)
    assert stored is not None and stored.version == 2
    assert (stored.tokens["access_token"], stored.tokens["refresh_token"]) == (
        NEW_ACCESS,
        NEW_REFRESH,
    )

    assert flask_client.post("/logout").location == "/login"
    assert redis_store.load(login_id) is None


def test_flask_two_tabs_refresh_once_through_redis(
    flask_client: FlaskClient, mailru: FakeMailRu, redis_store: RedisTokenStore
) -> None:
    # without Redis both tabs refresh and one is refused (tests/oauth/test_examples.py);
    # with it, the tab that comes second finds the new tokens in the store
    log_in(flask_client)
    cookie = flask_client.get_cookie("session")
    assert cookie is not None
    mailru.valid.discard(FIRST_ACCESS)
    both_rejected = threading.Barrier(2)
    mailru.before_expired = lambda: wait_at(both_rejected)
    results: list[tuple[int, str | None]] = []

    def tab() -> None:
        browser = flask_client.application.test_client()
        browser.set_cookie("session", cookie.value)
        page = browser.get("/")
        results.append((page.status_code, page.location))

    tabs = [threading.Thread(target=tab) for _ in range(2)]
    for thread in tabs:
        thread.start()
    for thread in tabs:
        thread.join(30)
    assert results == [(200, None), (200, None)]
    refreshes = [f for f in mailru.forms if f["grant_type"] == "refresh_token"]
    assert [f["refresh_token"] for f in refreshes] == [FIRST_REFRESH]


@pytest.fixture
def django_redis(django_settings: Any, redis_server: RedisServer) -> Iterator[None]:
    from django.test import override_settings  # type: ignore[import-untyped]

    with override_settings(MAILRU_REDIS_URL=redis_server.url):
        yield
    django_views.redis_token_store.cache_clear()


def test_django_keeps_the_tokens_in_redis(
    rf: Any,
    mailru: FakeMailRu,
    django_settings: Any,
    django_redis: None,
    redis_store: RedisTokenStore,
) -> None:
    session = session_store()
    django_views.login(django_request(rf, "/mailru/login/", session))
    state = session[django_views.STATE_KEY]
    mailru.redirect_uri = django_settings.MAILRU_REDIRECT_URI
    response = django_views.callback(
        django_request(rf, "/mailru/callback/", session, code=CODE, state=state)
    )
    assert response.status_code == 302
    assert django_views.TOKENS_KEY not in session  # only a login id in the session
    login_id = session[django_views.LOGIN_KEY]
    stored = redis_store.load(login_id)
    assert stored is not None and stored.tokens["access_token"] == FIRST_ACCESS

    mailru.valid.discard(FIRST_ACCESS)
    page = django_views.home(django_request(rf, "/mailru/", session))
    assert page.status_code == 200 and "You have 3 friends" in page.content.decode()
    stored = redis_store.load(login_id)
    assert stored is not None and stored.tokens["access_token"] == NEW_ACCESS
    assert [f["grant_type"] for f in mailru.forms] == ["authorization_code", "refresh_token"]

    mailru.refresh.clear()
    mailru.valid.discard(NEW_ACCESS)  # revoked for good: logged out, the tokens forgotten
    page = django_views.home(django_request(rf, "/mailru/", session))
    assert page["Location"] == "/mailru/login/" and redis_store.load(login_id) is None


def test_django_with_redis_down_answers_502(
    rf: Any,
    mailru: FakeMailRu,
    django_redis: None,
    redis_server: RedisServer,
    redis_store: RedisTokenStore,
) -> None:
    redis_store.save(
        "login-1",
        {
            "access_token": FIRST_ACCESS,
            "refresh_token": FIRST_REFRESH,
            "expires_in": None,
            "expires_at": None,
            "uid": "1",
        },
    )
    session = session_store()
    session[django_views.LOGIN_KEY] = "login-1"
    redis_server.stop()
    page = django_views.home(django_request(rf, "/mailru/", session))
    assert page.status_code == 502 and page.content.decode() == django_views.UNAVAILABLE
