"""examples/flask_app.py (Flask's test client) and examples/django_views.py (RequestFactory).

The platform is mocked with ``responses`` at its real addresses (nothing
leaves the process), except for one Flask round trip against the loopback
emulator on 127.0.0.1, which checks every signature itself.
"""

from __future__ import annotations

import hashlib
import json
import urllib.parse
from collections.abc import Iterator
from typing import Any

import pytest
import requests
import responses
from flask import Flask
from flask.testing import FlaskClient

from examples import django_views
from examples.flask_app import STATE_KEY, TOKENS_KEY, create_app
from mailru_sdk.oauth import AUTHORIZE_URL, CODE_TOKEN_URL, TOKEN_URL
from mailru_sdk.sessions import DEFAULT_API_URL
from mailru_sdk.testing import LoopbackPlatform
from tests.conftest import APP_ID, SECRET_KEY, UID
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

    def install(self, mock: responses.RequestsMock) -> None:
        mock.add_callback(responses.POST, CODE_TOKEN_URL, callback=self.token)
        mock.add_callback(responses.POST, TOKEN_URL, callback=self.token)
        mock.add_callback(responses.GET, DEFAULT_API_URL, callback=self.api)

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
            return 400, {}, '{"error": "invalid_grant", "error_description": "bad"}'
        self.valid.add(issued[0])
        return 200, {}, json.dumps(tokens(*issued))

    def api(self, request: requests.PreparedRequest) -> tuple[int, dict[str, str], str]:
        params = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(str(request.url)).query))
        concat = "".join(f"{k}={v}" for k, v in sorted(params.items()) if k != "sig")
        assert params["secure"] == "1"
        assert params["sig"] == hashlib.md5((concat + SECRET_KEY).encode()).hexdigest()
        if params.get("session_key") not in self.valid:
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
    stored = flask_session(client)
    assert STATE_KEY not in stored  # a state works once
    assert stored[TOKENS_KEY]["access_token"] == FIRST_ACCESS
    assert stored[TOKENS_KEY]["refresh_token"] == FIRST_REFRESH
    assert stored[TOKENS_KEY]["uid"] == UID
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
    stored = flask_session(client)[TOKENS_KEY]
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
    assert TOKENS_KEY not in flask_session(client)


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
    assert TOKENS_KEY not in flask_session(client)
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
    assert TOKENS_KEY not in flask_session(client)


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
        access = flask_session(client)[TOKENS_KEY]["access_token"]
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
        assert flask_session(client)[TOKENS_KEY]["access_token"] != access


# -- Django ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def django_settings() -> Any:
    import django  # type: ignore[import-untyped]
    from django.conf import settings  # type: ignore[import-untyped]

    if not settings.configured:
        settings.configure(
            SECRET_KEY="django-test-key",
            ROOT_URLCONF="tests.oauth.django_urls",
            ALLOWED_HOSTS=["testserver"],
            INSTALLED_APPS=[],
            USE_TZ=True,
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


def django_request(rf: Any, path: str, session: dict[str, Any], **query: str) -> Any:
    request = rf.get(path, query)
    request.session = session  # what SessionMiddleware provides; a dict does here
    return request


def test_django_round_trip(rf: Any, mailru: FakeMailRu, django_settings: Any) -> None:
    session: dict[str, Any] = {}
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
    session: dict[str, Any] = {django_views.STATE_KEY: "the-real-one"}
    response = django_views.callback(
        django_request(rf, "/mailru/callback/", session, code=CODE, state="forged")
    )
    assert response.status_code == 400 and b"mismatching_state" in response.content
    assert mailru.forms == [] and django_views.STATE_KEY not in session


def test_django_home_without_tokens(rf: Any) -> None:
    response = django_views.home(django_request(rf, "/mailru/", {}))
    assert response.status_code == 302 and response["Location"] == "/mailru/login/"
