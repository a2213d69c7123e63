"""examples/flask_app.py (Flask's test client) and examples/django_views.py (RequestFactory).

The platform is mocked with ``responses`` at its real addresses (nothing
leaves the process), except for one Flask round trip against the loopback
emulator on 127.0.0.1, which checks every signature itself.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import requests
import responses
from flask import Flask
from flask.testing import FlaskClient

from examples import django_views
from examples.flask_app import LOGIN_KEY, STATE_KEY, TokenStore, create_app
from mailru_sdk.oauth import AUTHORIZE_URL, CODE_TOKEN_URL, TOKEN_URL
from mailru_sdk.sessions import DEFAULT_API_URL
from mailru_sdk.testing import LoopbackPlatform
from tests.conftest import APP_ID, SECRET_KEY, UID, sent_params
from tests.oauth.conftest import CODE, assert_no_secret

CALLBACK = "http://localhost/callback"
FIRST_ACCESS = "11112222333344445555666677778888"
FIRST_REFRESH = "aaaa2222333344445555666677778888"
NEW_ACCESS = "99990000111122223333444455556666"
NEW_REFRESH = "bbbb0000111122223333444455556666"
FRIEND_UIDS = ["100", "200", "300"]
FLASK_CONFIG = {
    "MAILRU_APP_ID": APP_ID,
    "MAILRU_SECRET_KEY": SECRET_KEY,
    "MAILRU_REDIRECT_URI": CALLBACK,
    "SECRET_KEY": "flask-session-signing-key",
    "TESTING": True,
}


def tokens(access: str, refresh: str) -> dict[str, Any]:
    return {
        "access_token": access,
        "refresh_token": refresh,
        "expires_in": 86400,
        "token_type": "bearer",
        "x_mailru_vid": UID,
    }


class FakeMailRu:
    """``responses`` callbacks for the token endpoints and the REST API."""

    def __init__(self) -> None:
        self.valid = {FIRST_ACCESS}
        self.refresh = {FIRST_REFRESH: (NEW_ACCESS, NEW_REFRESH)}
        self.code = {CODE: (FIRST_ACCESS, FIRST_REFRESH)}
        self.forms: list[dict[str, str]] = []
        #: the redirect URI the code was issued for
        self.redirect_uri = CALLBACK
        #: called before a refused grant is answered (tests order parallel requests with it)
        self.before_refusal: Callable[[], None] | None = None
        #: called before an expired token's 102 is answered
        self.before_expired: Callable[[], None] | None = None

    def install(self, mock: responses.RequestsMock) -> None:
        mock.add_callback(responses.POST, CODE_TOKEN_URL, callback=self.token)
        mock.add_callback(responses.POST, TOKEN_URL, callback=self.token)
        mock.add_callback(responses.POST, DEFAULT_API_URL, callback=self.api)

    def token(self, request: requests.PreparedRequest) -> tuple[int, dict[str, str], str]:
        form = dict(urllib.parse.parse_qsl(str(request.body)))
        self.forms.append(form)
        assert urllib.parse.urlsplit(str(request.url)).query == ""
        if form.get("client_secret") != SECRET_KEY:
            return 400, {}, '{"error": "invalid_client"}'
        grant = form.get("grant_type")
        if grant == "authorization_code" and form.get("redirect_uri") == self.redirect_uri:
            issued = self.code.pop(form.get("code", ""), None)
        elif grant == "refresh_token":
            issued = self.refresh.pop(form.get("refresh_token", ""), None)
        else:
            issued = None
        if issued is None:
            if self.before_refusal is not None:
                self.before_refusal()
            return 400, {}, '{"error": "invalid_grant", "error_description": "bad"}'
        self.valid.add(issued[0])
        return 200, {}, json.dumps(tokens(*issued))

    def api(self, request: requests.PreparedRequest) -> tuple[int, dict[str, str], str]:
        params = sent_params(request)
        concat = "".join(f"{k}={v}" for k, v in sorted(params.items()) if k != "sig")
        assert params["secure"] == "1"
        assert params["sig"] == hashlib.md5((concat + SECRET_KEY).encode()).hexdigest()
        if params.get("session_key") not in self.valid:
            if self.before_expired is not None:
                self.before_expired()
            return 200, {}, '{"error": {"error_code": 102, "error_msg": "expired"}}'
        if params["method"] == "users.getInfo":
            return 200, {}, json.dumps([{"uid": UID, "first_name": "Ivan <admin>"}])
        assert params["method"] == "friends.get"
        return 200, {}, json.dumps(FRIEND_UIDS)


@pytest.fixture
def mailru() -> Iterator[FakeMailRu]:
    fake = FakeMailRu()
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        fake.install(mock)
        yield fake


@pytest.fixture
def app() -> Flask:
    return create_app(FLASK_CONFIG)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def flask_session(client: FlaskClient) -> dict[str, Any]:
    with client.session_transaction() as session:
        return dict(session)


def stored_tokens(client: FlaskClient) -> Any:
    """The tokens the app's store holds for the client's login (``None`` when logged out)."""
    login_id = flask_session(client).get(LOGIN_KEY)
    store: TokenStore = client.application.extensions["mailru_tokens"]
    return None if login_id is None else store.get(login_id)


def log_in(client: FlaskClient) -> None:
    response = client.get("/login")
    state = urllib.parse.parse_qs(urllib.parse.urlsplit(response.location).query)["state"][0]
    response = client.get("/callback", query_string={"code": CODE, "state": state})
    assert response.status_code == 302 and response.location == "/"


# -- Flask -------------------------------------------------------------------------------------


def test_login_redirects_to_the_authorization_url(client: FlaskClient) -> None:
    response = client.get("/login")
    assert response.status_code == 302
    assert response.location.startswith(AUTHORIZE_URL + "?")
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(response.location).query)
    assert query["client_id"] == [str(APP_ID)] and query["redirect_uri"] == [CALLBACK]
    assert query["response_type"] == ["code"]
    assert flask_session(client)[STATE_KEY] == query["state"][0]


def test_the_whole_round_trip(client: FlaskClient, mailru: FakeMailRu) -> None:
    log_in(client)
    assert STATE_KEY not in flask_session(client)  # a state works once
    stored = stored_tokens(client)
    assert stored["access_token"] == FIRST_ACCESS
    assert stored["refresh_token"] == FIRST_REFRESH
    assert stored["uid"] == UID
    # the cookie holds a login id, never a token
    assert set(flask_session(client)) == {LOGIN_KEY}
    assert mailru.forms[0]["grant_type"] == "authorization_code"

    page = client.get("/")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Hello, Ivan &lt;admin&gt;" in html  # escaped
    assert "You have 3 friends" in html
    assert_no_secret(html, FIRST_ACCESS, FIRST_REFRESH)


def test_an_expired_token_is_refreshed_and_stored(client: FlaskClient, mailru: FakeMailRu) -> None:
    log_in(client)
    mailru.valid.discard(FIRST_ACCESS)  # expires

    page = client.get("/")
    assert page.status_code == 200 and "You have 3 friends" in page.get_data(as_text=True)
    stored = stored_tokens(client)
    assert (stored["access_token"], stored["refresh_token"]) == (NEW_ACCESS, NEW_REFRESH)
    assert [f["grant_type"] for f in mailru.forms] == ["authorization_code", "refresh_token"]
    assert client.get("/").status_code == 200  # the new tokens are used: no more refreshes
    assert len(mailru.forms) == 2


def test_a_refused_refresh_logs_the_user_out(client: FlaskClient, mailru: FakeMailRu) -> None:
    log_in(client)
    mailru.valid.discard(FIRST_ACCESS)
    mailru.refresh.clear()
    page = client.get("/")
    assert page.status_code == 302 and page.location == "/login"
    assert stored_tokens(client) is None


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"code": CODE, "state": "forged"}, "mismatching_state"),
        ({"error": "access_denied", "state": "forged"}, "access_denied"),
        ({"code": "used-code", "state": None}, "invalid_grant"),
    ],
    ids=["forged-state", "declined", "bad-code"],
)
def test_callback_failures(
    client: FlaskClient, mailru: FakeMailRu, query: dict[str, str | None], expected: str
) -> None:
    state = urllib.parse.parse_qs(urllib.parse.urlsplit(client.get("/login").location).query)
    if query["state"] is None:
        query = {**query, "state": state["state"][0]}
    response = client.get("/callback", query_string=query)
    assert response.status_code == 400
    assert f"Login failed: {expected}" in response.get_data(as_text=True)
    assert stored_tokens(client) is None
    assert_no_secret(response.get_data(as_text=True))
    if expected != "invalid_grant":
        assert mailru.forms == []  # no code exchange for a forged or declined callback


@responses.activate
def test_token_endpoint_down(client: FlaskClient) -> None:
    responses.post(CODE_TOKEN_URL, body=requests.ConnectionError("Connection reset by peer"))
    state = urllib.parse.parse_qs(urllib.parse.urlsplit(client.get("/login").location).query)
    response = client.get("/callback", query_string={"code": CODE, "state": state["state"][0]})
    assert response.status_code == 502 and len(responses.calls) == 1


def test_home_without_tokens_and_logout(client: FlaskClient, mailru: FakeMailRu) -> None:
    assert client.get("/").location == "/login"
    log_in(client)
    assert client.post("/logout").location == "/login"
    assert stored_tokens(client) is None


def wait_for(condition: Callable[[], bool]) -> None:
    """Poll ``condition`` a bounded number of times (orders threads; asserts nothing on time)."""
    for _ in range(500):
        if condition():
            return
        time.sleep(0.01)


def wait_at(barrier: threading.Barrier) -> None:
    """Wait until both requests are there (bounded: a broken barrier fails the test)."""
    barrier.wait(timeout=10)


def test_flask_login_keeps_nothing_the_browser_brought(
    client: FlaskClient, mailru: FakeMailRu
) -> None:
    with client.session_transaction() as session:
        session[LOGIN_KEY] = "planted-login-id"
        session["planted"] = "by an attacker"
    log_in(client)
    after = flask_session(client)
    assert set(after) == {LOGIN_KEY} and after[LOGIN_KEY] != "planted-login-id"
    assert stored_tokens(client)["access_token"] == FIRST_ACCESS


def test_flask_two_tabs_refresh_at_once(
    app: Flask, client: FlaskClient, mailru: FakeMailRu
) -> None:
    # both requests read the expired tokens and refresh; the refresh token works once, so the
    # second refresh is refused: that request re-reads the store and retries with the new tokens
    log_in(client)
    cookie = client.get_cookie("session")
    assert cookie is not None
    mailru.valid.discard(FIRST_ACCESS)
    both_rejected = threading.Barrier(2)
    mailru.before_expired = lambda: wait_at(both_rejected)
    mailru.before_refusal = lambda: wait_for(
        lambda: stored_tokens(client)["refresh_token"] == NEW_REFRESH
    )
    results: list[tuple[int, str | None]] = []

    def tab() -> None:
        browser = app.test_client()
        browser.set_cookie("session", cookie.value)
        page = browser.get("/")
        results.append((page.status_code, page.location))

    tabs = [threading.Thread(target=tab) for _ in range(2)]
    for thread in tabs:
        thread.start()
    for thread in tabs:
        thread.join()

    assert results == [(200, None), (200, None)]
    assert [f["refresh_token"] for f in mailru.forms if f["grant_type"] == "refresh_token"] == [
        FIRST_REFRESH,
        FIRST_REFRESH,
    ]
    stored = stored_tokens(client)
    assert (stored["access_token"], stored["refresh_token"]) == (NEW_ACCESS, NEW_REFRESH)


def test_flask_against_the_loopback_emulator() -> None:
    redirect = "http://localhost/callback"
    with LoopbackPlatform(
        apps={APP_ID: ("", SECRET_KEY)}, tokens={}, codes={CODE: (UID, redirect)}
    ) as platform:
        app = create_app(
            {
                **FLASK_CONFIG,
                "MAILRU_REDIRECT_URI": redirect,
                "MAILRU_TOKEN_URL": platform.token_url,
                "MAILRU_API_URL": platform.url,
            }
        )
        client = app.test_client()
        log_in(client)
        access = stored_tokens(client)["access_token"]
        platform.expire_token(access)  # the page refreshes it
        page = client.get("/")
        assert page.status_code == 200, page.get_data(as_text=True)
        assert "Hello, User" in page.get_data(as_text=True)
        assert "You have 2 friends" in page.get_data(as_text=True)
        assert [r["grant_type"] for r in platform.token_requests] == [
            "authorization_code",
            "refresh_token",
        ]
        assert {c.method for c in platform.calls} == {"users.getInfo", "friends.get"}
        assert all(c.circuit == "server-server" for c in platform.calls)
        assert stored_tokens(client)["access_token"] != access


# -- Django ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def django_settings() -> Any:
    import django  # type: ignore[import-untyped]
    from django.conf import settings  # type: ignore[import-untyped]

    if not settings.configured:
        settings.configure(
            SECRET_KEY="django-test-key",
            ROOT_URLCONF="examples.django_urls",
            ALLOWED_HOSTS=["testserver"],
            INSTALLED_APPS=[],
            USE_TZ=True,
            CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}},
            SESSION_ENGINE="django.contrib.sessions.backends.cache",
            MAILRU_APP_ID=APP_ID,
            MAILRU_SECRET_KEY=SECRET_KEY,
            MAILRU_REDIRECT_URI="https://example.com/mailru/callback/",
        )
        django.setup()
    return settings


@pytest.fixture
def rf(django_settings: Any) -> Any:
    from django.test import RequestFactory  # type: ignore[import-untyped]

    return RequestFactory()


def session_store(key: str | None = None) -> Any:
    """A Django session in the cache backend (locmem), as SessionMiddleware loads it."""
    from django.contrib.sessions.backends.cache import SessionStore  # type: ignore[import-untyped]

    return SessionStore(key)


def django_request(rf: Any, path: str, session: Any, **query: str) -> Any:
    request = rf.get(path, query)
    request.session = session  # what SessionMiddleware provides
    return request


def test_django_round_trip(rf: Any, mailru: FakeMailRu, django_settings: Any) -> None:
    session = session_store()
    response = django_views.login(django_request(rf, "/mailru/login/", session))
    assert response.status_code == 302 and response["Location"].startswith(AUTHORIZE_URL)
    state = session[django_views.STATE_KEY]
    assert f"state={state}" in response["Location"]

    # the exchange repeats the configured redirect URI
    mailru.redirect_uri = django_settings.MAILRU_REDIRECT_URI
    response = django_views.callback(
        django_request(rf, "/mailru/callback/", session, code=CODE, state=state)
    )
    assert response.status_code == 302 and response["Location"] == "/mailru/"
    assert session[django_views.TOKENS_KEY]["access_token"] == FIRST_ACCESS

    mailru.valid.discard(FIRST_ACCESS)  # expired: the view refreshes and stores the new tokens
    page = django_views.home(django_request(rf, "/mailru/", session))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Hello, Ivan &lt;admin&gt;" in html and "You have 3 friends" in html
    assert session[django_views.TOKENS_KEY]["access_token"] == NEW_ACCESS
    assert_no_secret(html, FIRST_ACCESS, NEW_ACCESS)

    assert django_views.logout(django_request(rf, "/mailru/logout/", session)).status_code == 405
    request = rf.post("/mailru/logout/")
    request.session = session
    assert django_views.logout(request)["Location"] == "/mailru/login/"
    assert django_views.TOKENS_KEY not in session


def test_django_forged_state(rf: Any, mailru: FakeMailRu) -> None:
    session = session_store()
    session[django_views.STATE_KEY] = "the-real-one"
    response = django_views.callback(
        django_request(rf, "/mailru/callback/", session, code=CODE, state="forged")
    )
    assert response.status_code == 400 and b"mismatching_state" in response.content
    assert mailru.forms == [] and django_views.STATE_KEY not in session


def test_django_home_without_tokens(rf: Any) -> None:
    response = django_views.home(django_request(rf, "/mailru/", session_store()))
    assert response.status_code == 302 and response["Location"] == "/mailru/login/"


def test_django_login_gives_the_session_a_new_key(
    rf: Any, mailru: FakeMailRu, django_settings: Any
) -> None:
    # an attacker plants their session key in the victim's browser before the login
    attacker = session_store()
    attacker.create()
    planted = attacker.session_key
    session = session_store(planted)
    django_views.login(django_request(rf, "/mailru/login/", session))
    session.save()  # what SessionMiddleware does after each response
    state = session[django_views.STATE_KEY]

    mailru.redirect_uri = django_settings.MAILRU_REDIRECT_URI
    victim = session_store(planted)
    response = django_views.callback(
        django_request(rf, "/mailru/callback/", victim, code=CODE, state=state)
    )
    victim.save()
    assert response.status_code == 302 and response["Location"] == "/mailru/"
    assert victim.session_key not in (None, planted)
    assert session_store(victim.session_key)[django_views.TOKENS_KEY]["access_token"] == (
        FIRST_ACCESS
    )
    assert django_views.TOKENS_KEY not in session_store(planted)
    page = django_views.home(django_request(rf, "/mailru/", session_store(planted)))
    assert page.status_code == 302 and page["Location"] == "/mailru/login/"


def test_django_two_tabs_refresh_at_once(rf: Any, mailru: FakeMailRu, django_settings: Any) -> None:
    session = session_store()
    session[django_views.TOKENS_KEY] = {
        "access_token": FIRST_ACCESS,
        "refresh_token": FIRST_REFRESH,
        "expires_in": 86400,
        "expires_at": None,
        "uid": UID,
    }
    session.save()
    key = session.session_key
    mailru.valid.discard(FIRST_ACCESS)
    both_rejected = threading.Barrier(2)
    mailru.before_expired = lambda: wait_at(both_rejected)
    mailru.before_refusal = lambda: wait_for(
        lambda: session_store(key)[django_views.TOKENS_KEY]["refresh_token"] == NEW_REFRESH
    )
    results: list[tuple[int, str | None]] = []

    def tab() -> None:
        request_session = session_store(key)  # each request loads the session itself
        page = django_views.home(django_request(rf, "/mailru/", request_session))
        request_session.save()
        results.append((page.status_code, page.get("Location")))

    tabs = [threading.Thread(target=tab) for _ in range(2)]
    for thread in tabs:
        thread.start()
    for thread in tabs:
        thread.join()

    assert results == [(200, None), (200, None)]
    assert [f["grant_type"] for f in mailru.forms] == ["refresh_token", "refresh_token"]
    stored = session_store(key)[django_views.TOKENS_KEY]
    assert (stored["access_token"], stored["refresh_token"]) == (NEW_ACCESS, NEW_REFRESH)
