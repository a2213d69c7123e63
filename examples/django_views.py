"""Log users in with Mail.Ru from a Django project, then call the API on their behalf.

Plain view functions, the same flow as ``examples/flask_app.py``:

* ``login``: redirects to the Mail.Ru login page, keeping the ``state`` in
  ``request.session``;
* ``callback``: checks the state, exchanges the code with
  :class:`CodeServerSession`, gives the session a new key
  (``cycle_key()``: a session id planted in the browser before the login must
  not carry it) and stores the tokens in ``request.session``;
* ``home``: the user's name and friend count; a refreshed token is written
  back to ``request.session`` and saved at once by ``token_updater``;
* ``logout`` (POST): forgets the tokens.

Two requests of one user (two tabs) whose access token expired both refresh
it, and the refresh token works once: the second refresh fails with
``InvalidGrantError``. ``home`` then re-reads the session from its store and,
when the other request already saved new tokens there, retries once with
those. (With ``MAILRU_REDIS_URL``, below, the SDK's per-user lock avoids the
second refresh altogether.)

Views that only read (``login``, ``callback``, ``home``) answer any method;
wrap them in ``require_GET`` if you like.

Settings (see README, "OAuth in web apps")::

    MAILRU_APP_ID = 423004
    MAILRU_SECRET_KEY = os.environ["MAILRU_SECRET_KEY"]
    MAILRU_REDIRECT_URI = "https://example.com/mailru/callback/"
    MAILRU_SCOPE = ""  # privileges to ask for, e.g. "stream photos"
    # optional, for a proxy or a test server:
    # MAILRU_TOKEN_URL, MAILRU_REFRESH_URL, MAILRU_API_URL
    # optional, for several worker processes or hosts (pip install 'mailru-sdk[redis]'):
    # MAILRU_REDIS_URL = "redis://redis.internal:6379/0"

With ``MAILRU_REDIS_URL`` the tokens live in a
:class:`~mailru_sdk.stores.redis_tokens.RedisTokenStore` that every worker
shares, ``request.session`` holds only a login id, and the sessions refresh
through the store: one refresh per expired token for all the workers (see
docs/workers.md).

and in ``urls.py``::

    path("mailru/login/", django_views.login, name="mailru-login"),
    path("mailru/callback/", django_views.callback, name="mailru-callback"),
    path("mailru/", django_views.home, name="mailru-home"),
    path("mailru/logout/", django_views.logout, name="mailru-logout"),

Needs ``django.contrib.sessions`` (its middleware and app); a database or
cache session backend keeps the tokens on the server (and is what lets a
request re-read the tokens another one saved; the signed-cookie backend
cannot).
"""

from __future__ import annotations

import functools
import secrets
from typing import Any

from django.conf import settings  # type: ignore[import-untyped]
from django.http import (  # type: ignore[import-untyped]
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseNotAllowed,
    HttpResponseRedirect,
)
from django.urls import reverse  # type: ignore[import-untyped]
from django.utils.html import escape  # type: ignore[import-untyped]

from mailru_sdk import API, CodeServerSession, MailRuError, OAuthError, RefreshServerSession
from mailru_sdk.errors import AuthorizationFailedError, InvalidGrantError
from mailru_sdk.oauth import (
    OAuthOptions,
    OAuthTokens,
    authorization_url,
    parse_authorization_response,
)
from mailru_sdk.stores.tokens import TokenStore
from mailru_sdk.types import User

STATE_KEY = "mailru_state"
TOKENS_KEY = "mailru_tokens"
#: with MAILRU_REDIS_URL: the session key of the login id (the tokens are in Redis under it)
LOGIN_KEY = "mailru_login"
UNAVAILABLE = "Mail.Ru cannot be reached; please try again later."


def login(request: HttpRequest) -> HttpResponse:
    """Redirect to the Mail.Ru login page."""
    url, state = authorization_url(
        int(settings.MAILRU_APP_ID),
        settings.MAILRU_REDIRECT_URI,
        scope=getattr(settings, "MAILRU_SCOPE", ""),
    )
    request.session[STATE_KEY] = state
    return HttpResponseRedirect(url)


def callback(request: HttpRequest) -> HttpResponse:
    """Check the state, exchange the code for tokens and keep them in the session."""
    try:
        code = parse_authorization_response(request.GET, request.session.pop(STATE_KEY, ""))
        with CodeServerSession(
            int(settings.MAILRU_APP_ID),
            settings.MAILRU_SECRET_KEY,
            code,
            settings.MAILRU_REDIRECT_URI,
            **endpoints(),
        ) as mailru:
            tokens = mailru.tokens
    except OAuthError as exc:  # declined, forged state, used code...: no secret in it
        return HttpResponseBadRequest(f"Login failed: {escape(exc.error)}")
    except MailRuError:
        return HttpResponse(UNAVAILABLE, status=502)
    # a new session key for the logged-in session: against session fixation
    request.session.cycle_key()
    store = shared_store()
    if store is None:
        request.session[TOKENS_KEY] = tokens
    else:
        login_id = secrets.token_urlsafe(32)
        store.save(login_id, tokens)
        request.session[LOGIN_KEY] = login_id
    return HttpResponseRedirect(reverse("mailru-home"))


def home(request: HttpRequest) -> HttpResponse:
    """The user's first name and friend count, from the API."""
    store = shared_store()
    if store is not None:
        return shared_home(request, store)
    tokens: OAuthTokens | None = request.session.get(TOKENS_KEY)
    if not tokens or not tokens.get("refresh_token"):
        return HttpResponseRedirect(reverse("mailru-login"))

    try:
        try:
            profile, friends = profile_and_friends(request, tokens)
        except InvalidGrantError:
            # Another request of this user (a second tab) may have refreshed first and spent
            # the single-use refresh token: if it saved new tokens, retry once with them.
            current = stored_tokens(request)
            if not current or current.get("refresh_token") == tokens["refresh_token"]:
                raise
            request.session[TOKENS_KEY] = current
            profile, friends = profile_and_friends(request, current)
    except (AuthorizationFailedError, OAuthError):  # revoked or expired for good
        request.session.pop(TOKENS_KEY, None)
        return HttpResponseRedirect(reverse("mailru-login"))
    except MailRuError:
        return HttpResponse(UNAVAILABLE, status=502)
    name = escape(profile.get("first_name", ""))
    return HttpResponse(f"<h1>Hello, {name}</h1><p>You have {len(friends)} friends.</p>")


def profile_and_friends(request: HttpRequest, tokens: OAuthTokens) -> tuple[User, list[Any]]:
    """The user's profile and friends; refreshed tokens are saved to the session store at once."""

    def save(new_tokens: OAuthTokens) -> None:
        request.session[TOKENS_KEY] = new_tokens
        request.session.save()  # now, so that a parallel request of this user can see them

    options = endpoints()
    options["token_updater"] = save
    with RefreshServerSession(
        int(settings.MAILRU_APP_ID),
        settings.MAILRU_SECRET_KEY,
        tokens["refresh_token"],
        **options,
    ).load_tokens(tokens) as mailru:
        api = API(mailru)
        profile = api.users.getInfo()[0]
        friends: list[Any] = api.friends.get()
    return profile, friends


def shared_home(request: HttpRequest, store: TokenStore) -> HttpResponse:
    """``home`` with the tokens in the shared store: the SDK refreshes through it."""
    login_id = request.session.get(LOGIN_KEY)
    if not isinstance(login_id, str):
        return HttpResponseRedirect(reverse("mailru-login"))
    options = endpoints()
    options["token_store"] = store
    options["token_key"] = login_id
    try:
        stored = store.load(login_id)
        if stored is None:
            return HttpResponseRedirect(reverse("mailru-login"))
        try:
            profile, friends = shared_profile_and_friends(stored.tokens, options)
        except InvalidGrantError:
            # a worker whose refresh outlived its lock may have saved newer tokens
            # since: if the store moved on, retry once with them
            current = store.load(login_id)
            if current is None or current.version == stored.version:
                raise
            profile, friends = shared_profile_and_friends(current.tokens, options)
    except (AuthorizationFailedError, OAuthError):  # revoked or expired for good
        store.delete(login_id)
        request.session.pop(LOGIN_KEY, None)
        return HttpResponseRedirect(reverse("mailru-login"))
    except MailRuError:  # Mail.Ru or Redis unreachable
        return HttpResponse(UNAVAILABLE, status=502)
    name = escape(profile.get("first_name", ""))
    return HttpResponse(f"<h1>Hello, {name}</h1><p>You have {len(friends)} friends.</p>")


def shared_profile_and_friends(
    tokens: OAuthTokens, options: OAuthOptions
) -> tuple[User, list[Any]]:
    """The profile and friends through a session that refreshes through the shared store."""
    with RefreshServerSession(
        int(settings.MAILRU_APP_ID),
        settings.MAILRU_SECRET_KEY,
        tokens["refresh_token"],
        **options,
    ).load_stored() as mailru:  # the store's tokens and their version
        api = API(mailru)
        profile = api.users.getInfo()[0]
        friends: list[Any] = api.friends.get()
    return profile, friends


def stored_tokens(request: HttpRequest) -> OAuthTokens | None:
    """The tokens as the session store holds them now (another request may have saved some)."""
    key = request.session.session_key
    if key is None:
        return None
    tokens: OAuthTokens | None = type(request.session)(key).get(TOKENS_KEY)
    return tokens


def logout(request: HttpRequest) -> HttpResponse:
    """Forget the user's tokens (POST only, so that a link cannot log the user out)."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    request.session.pop(TOKENS_KEY, None)
    login_id = request.session.pop(LOGIN_KEY, None)
    store = shared_store()
    if store is not None and isinstance(login_id, str):
        store.delete(login_id)
    return HttpResponseRedirect(reverse("mailru-login"))


def shared_store() -> TokenStore | None:
    """The Redis token store of ``MAILRU_REDIS_URL``, or ``None`` when the setting is unset."""
    url: Any = getattr(settings, "MAILRU_REDIS_URL", None)
    return redis_token_store(url) if url else None


@functools.cache
def redis_token_store(url: str) -> TokenStore:
    """One store (one connection pool) per process and URL."""
    # the redis extra: only projects that set MAILRU_REDIS_URL need it
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
    return RedisTokenStore(client, prefix="mailru:tokens:")


def endpoints() -> OAuthOptions:
    """Session options from the optional endpoint settings."""
    options: OAuthOptions = {}
    token_url: Any = getattr(settings, "MAILRU_TOKEN_URL", None)
    refresh_url: Any = getattr(settings, "MAILRU_REFRESH_URL", None)
    api_url: Any = getattr(settings, "MAILRU_API_URL", None)
    if token_url:
        options["token_url"] = token_url
    if refresh_url:
        options["refresh_url"] = refresh_url
    if api_url:
        options["api_url"] = api_url
    return options
