"""Log users in with Mail.Ru from a Flask app, then call the API on their behalf.

Routes:

* ``/login``: redirects to the Mail.Ru login page (:func:`authorization_url`),
  keeping the anti-forgery ``state`` in the Flask session;
* ``/callback``: checks the state, exchanges the code with
  :class:`CodeServerSession`, stores the tokens in the app's :class:`TokenStore`
  and only an unguessable login id in the Flask session;
* ``/``: the user's name and friend count (``users.getInfo``, ``friends.get``).
  When the access token has expired the SDK refreshes it, and ``token_updater``
  writes the new tokens to the store at once;
* ``/logout``: forgets the tokens.

Configuration (``create_app(config)`` or environment variables of the same
name): ``MAILRU_APP_ID``, ``MAILRU_SECRET_KEY``, ``MAILRU_REDIRECT_URI`` (the
``/callback`` URL as registered for the app), ``SECRET_KEY`` (Flask's), and
optionally ``MAILRU_SCOPE``, ``MAILRU_TOKEN_URL``, ``MAILRU_REFRESH_URL``,
``MAILRU_API_URL`` (other endpoints: a proxy, or a test server), and
``MAILRU_REDIS_URL`` (below).

Several worker processes (gunicorn ``-w 4``, several hosts): set
``MAILRU_REDIS_URL=redis://redis.internal:6379/0``. The tokens then live in a
:class:`~mailru_sdk.stores.redis_tokens.RedisTokenStore` that every worker
shares, and the sessions refresh through it: one refresh per expired token,
whichever worker meets the 102 first, under a per-user lock (see
docs/workers.md). Needs ``pip install 'mailru-sdk[redis]'``.

Flask's default session is a signed cookie: the browser can read (not change)
what is stored in it, and each request carries its own copy. So the tokens
live on the server, in a :class:`TokenStore` (a dict here; a database table or
Redis, shared by every worker, in production), and the cookie holds a login id.

Two requests of one user (two tabs) whose access token expired both refresh
it, and the refresh token works once: the second refresh fails with
``InvalidGrantError``. ``/`` then re-reads the store and, when the other
request already replaced the tokens there, retries once with those. (With
``MAILRU_REDIS_URL`` the SDK's per-user lock avoids the second refresh
altogether.)

The callback calls ``session.clear()`` before storing the login: nothing the
browser brought in (say a planted login id) survives the login. With a
server-side session (Flask-Session) that is not enough: the session id itself
must change at login, or an attacker who planted their session id in the
victim's browser shares the victim's login (session fixation); Flask-Session
0.6+ has ``app.session_interface.regenerate(session)`` for it.

Run it: ``MAILRU_APP_ID=… MAILRU_SECRET_KEY=… MAILRU_REDIRECT_URI=http://localhost:5000/callback
SECRET_KEY=… flask --app examples/flask_app.py run``.
"""

from __future__ import annotations

import os
import secrets
import threading
from collections.abc import Mapping
from typing import Any

from flask import Flask, current_app, redirect, request, session, url_for
from flask.typing import ResponseReturnValue
from markupsafe import escape

from mailru_sdk import API, CodeServerSession, MailRuError, OAuthError, RefreshServerSession
from mailru_sdk.errors import AuthorizationFailedError, InvalidGrantError
from mailru_sdk.oauth import (
    OAuthOptions,
    OAuthTokens,
    authorization_url,
    parse_authorization_response,
)
from mailru_sdk.stores.tokens import TokenStore as SDKTokenStore
from mailru_sdk.types import User

STATE_KEY = "mailru_state"
#: the Flask session key of the login id (the tokens are in the TokenStore under it)
LOGIN_KEY = "mailru_login"
SETTINGS = (
    "MAILRU_APP_ID",
    "MAILRU_SECRET_KEY",
    "MAILRU_REDIRECT_URI",
    "MAILRU_SCOPE",
    "MAILRU_TOKEN_URL",
    "MAILRU_REFRESH_URL",
    "MAILRU_API_URL",
    "MAILRU_REDIS_URL",
    "SECRET_KEY",
)


class TokenStore:
    """The users' tokens on the server, by login id: a dict guarded by a lock.

    In production, a database table or Redis that every worker shares, with
    the same three operations.
    """

    def __init__(self) -> None:
        self._tokens: dict[str, OAuthTokens] = {}
        self._lock = threading.Lock()

    def get(self, login_id: str) -> OAuthTokens | None:
        with self._lock:
            tokens = self._tokens.get(login_id)
            return None if tokens is None else tokens.copy()

    def put(self, login_id: str, tokens: OAuthTokens) -> None:
        with self._lock:
            self._tokens[login_id] = tokens.copy()

    def delete(self, login_id: str) -> None:
        with self._lock:
            self._tokens.pop(login_id, None)


class SharedTokenStore(TokenStore):
    """The same three operations on a mailru-sdk token store (Redis: every worker shares it).

    Sessions get the store itself (``token_store=``) and refresh through it.
    """

    def __init__(self, store: SDKTokenStore) -> None:
        super().__init__()
        self.store = store

    def get(self, login_id: str) -> OAuthTokens | None:
        stored = self.store.load(login_id)
        return None if stored is None else stored.tokens

    def put(self, login_id: str, tokens: OAuthTokens) -> None:
        self.store.save(login_id, tokens)  # a new login: replaces what the key held

    def delete(self, login_id: str) -> None:
        self.store.delete(login_id)


def redis_token_store(url: str) -> SharedTokenStore:
    """A :class:`SharedTokenStore` on the Redis at ``url`` (``redis://host:6379/0``)."""
    # the redis extra: only apps that set MAILRU_REDIS_URL need it
    import redis
    from redis.backoff import ExponentialBackoff
    from redis.retry import Retry

    from mailru_sdk.stores.redis_tokens import RedisTokenStore

    # short timeouts and one quick retry: a Redis outage fails a request in about a second
    client = redis.Redis.from_url(
        url,
        socket_timeout=1.0,
        socket_connect_timeout=1.0,
        retry=Retry(ExponentialBackoff(cap=0.1, base=0.02), 1),
    )
    return SharedTokenStore(RedisTokenStore(client, prefix="mailru:tokens:"))


def create_app(config: Mapping[str, Any] | None = None, store: TokenStore | None = None) -> Flask:
    """The app, configured from the environment, then from ``config``; tokens kept in ``store``.

    ``store`` defaults to Redis when ``MAILRU_REDIS_URL`` is set, else to a dict.
    """
    app = Flask(__name__)
    app.config.update({name: os.environ[name] for name in SETTINGS if name in os.environ})
    app.config.update(config or {})
    app.config["MAILRU_APP_ID"] = int(app.config["MAILRU_APP_ID"])
    if store is not None:
        tokens_store = store
    elif app.config.get("MAILRU_REDIS_URL"):
        tokens_store = redis_token_store(app.config["MAILRU_REDIS_URL"])
    else:
        tokens_store = TokenStore()
    app.extensions["mailru_tokens"] = tokens_store

    @app.get("/login")
    def login() -> ResponseReturnValue:
        url, state = authorization_url(
            app.config["MAILRU_APP_ID"],
            app.config["MAILRU_REDIRECT_URI"],
            scope=app.config.get("MAILRU_SCOPE", ""),
        )
        session[STATE_KEY] = state
        return redirect(url)

    @app.get("/callback")
    def callback() -> ResponseReturnValue:
        try:
            code = parse_authorization_response(request.args, session.pop(STATE_KEY, ""))
            with CodeServerSession(
                app.config["MAILRU_APP_ID"],
                app.config["MAILRU_SECRET_KEY"],
                code,
                app.config["MAILRU_REDIRECT_URI"],
                **endpoints(),
            ) as mailru:
                tokens = mailru.tokens
        except OAuthError as exc:  # declined, forged state, used code...: no secret in it
            return f"Login failed: {escape(exc.error)}", 400
        except MailRuError:
            return "Mail.Ru cannot be reached; please try again later.", 502
        # a new login: nothing the browser brought in survives it (see the module docstring
        # for server-side sessions, whose id must change here too)
        session.clear()
        login_id = secrets.token_urlsafe(32)
        tokens_store.put(login_id, tokens)
        session[LOGIN_KEY] = login_id
        return redirect(url_for("home"))

    @app.get("/")
    def home() -> ResponseReturnValue:
        login_id = session.get(LOGIN_KEY)
        tokens = tokens_store.get(login_id) if isinstance(login_id, str) else None
        if not isinstance(login_id, str) or not tokens or not tokens.get("refresh_token"):
            return redirect(url_for("login"))
        try:
            try:
                profile, friends = profile_and_friends(login_id, tokens)
            except InvalidGrantError:
                # Another request of this user (a second tab) may have refreshed first and
                # spent the single-use refresh token: if it stored new tokens, retry once.
                current = tokens_store.get(login_id)
                if not current or current["refresh_token"] == tokens["refresh_token"]:
                    raise
                profile, friends = profile_and_friends(login_id, current)
        except (AuthorizationFailedError, OAuthError):  # revoked or expired for good
            tokens_store.delete(login_id)
            session.pop(LOGIN_KEY, None)
            return redirect(url_for("login"))
        except MailRuError:
            return "Mail.Ru cannot be reached; please try again later.", 502
        name = escape(profile.get("first_name", ""))
        return f"<h1>Hello, {name}</h1><p>You have {len(friends)} friends on My World.</p>"

    @app.post("/logout")
    def logout() -> ResponseReturnValue:
        login_id = session.pop(LOGIN_KEY, None)
        if isinstance(login_id, str):
            tokens_store.delete(login_id)
        return redirect(url_for("login"))

    return app


def endpoints() -> OAuthOptions:
    """The session options from the configuration (default endpoints when unset)."""
    config = current_app.config
    options: OAuthOptions = {}
    if config.get("MAILRU_TOKEN_URL"):
        options["token_url"] = config["MAILRU_TOKEN_URL"]
    if config.get("MAILRU_REFRESH_URL"):
        options["refresh_url"] = config["MAILRU_REFRESH_URL"]
    if config.get("MAILRU_API_URL"):
        options["api_url"] = config["MAILRU_API_URL"]
    return options


def token_store() -> TokenStore:
    """The app's :class:`TokenStore`."""
    store: TokenStore = current_app.extensions["mailru_tokens"]
    return store


def user_session(login_id: str, tokens: OAuthTokens) -> RefreshServerSession:
    """A session with the user's stored tokens; refreshed ones go to the store at once."""
    store = token_store()

    def save(new_tokens: OAuthTokens) -> None:
        store.put(login_id, new_tokens)

    config = current_app.config
    options = endpoints()
    session = RefreshServerSession
    if isinstance(store, SharedTokenStore):
        # the SDK refreshes through the store: one refresh per expired token for all workers;
        # load_stored() adopts the store's tokens with their version, so that tokens older
        # than the session's (a Redis restored from an old snapshot) are never adopted
        options["token_store"] = store.store
        options["token_key"] = login_id
        return session(
            config["MAILRU_APP_ID"], config["MAILRU_SECRET_KEY"], tokens["refresh_token"], **options
        ).load_stored()
    options["token_updater"] = save
    return session(
        config["MAILRU_APP_ID"], config["MAILRU_SECRET_KEY"], tokens["refresh_token"], **options
    ).load_tokens(tokens)


def profile_and_friends(login_id: str, tokens: OAuthTokens) -> tuple[User, list[Any]]:
    """The user's profile and friends, with the tokens stored under ``login_id``."""
    with user_session(login_id, tokens) as mailru:
        api = API(mailru)
        profile = api.users.getInfo()[0]
        friends: list[Any] = api.friends.get()
    return profile, friends


if __name__ == "__main__":
    create_app().run()
