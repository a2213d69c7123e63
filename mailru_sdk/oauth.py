"""OAuth: sessions that obtain their own token, and the helpers of the web login flow.

One trio of ``TokenSession`` subclasses per grant: ``Code…`` (the code a web
app's callback received), ``Password…`` (the user's email and password, for
native apps the platform approved) and ``Refresh…`` (a refresh token kept from
an earlier login), each as ``…Session``, ``…ClientSession`` and
``…ServerSession``.

``with CodeServerSession(...) as session:`` authorizes on entry (or call
``session.authorize()``); the session then holds ``access_token``,
``refresh_token``, ``expires_in``/``expires_at`` and ``uid``. On error 102 (the
token expired), a session that holds a refresh token gets a new one once,
repeats the call and hands the new tokens to ``token_updater``.

The classes are thin: each holds a grant object (``mailru_sdk.auth.grants``);
the tokens live in a ``TokenHolder``; refreshes go through the one
``Refresher``, over the session's token store (a private in-memory one when
none is given). The web flow helpers come from ``mailru_sdk.auth.web``.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Iterable, Mapping
from typing import Any, ClassVar, Self, Unpack

from mailru_sdk._attributes import PartField
from mailru_sdk._validate import check_secret, required_text
from mailru_sdk.auth.grants import CodeGrant, Grant, PasswordGrant, RefreshGrant, token_form
from mailru_sdk.auth.oauth_options import OAUTH_DEFAULTS, OAuthConfig, OAuthOptions, TokenUpdater
from mailru_sdk.auth.refresh import Refresher, RefreshGrantSender
from mailru_sdk.auth.token_request import TokenEndpoint
from mailru_sdk.auth.tokens import OAuthTokens, checked_tokens
from mailru_sdk.auth.web import (
    AUTHORIZE_URL,
    CODE_TOKEN_URL,
    PRIVILEGES,
    STANDALONE_REDIRECT_URI,
    TOKEN_URL,
    authorization_url,
    parse_authorization_response,
    parse_implicit_redirect,
    scope_string,
)
from mailru_sdk.errors import CredentialsError
from mailru_sdk.sessions import TokenSession
from mailru_sdk.stores.tokens import InMemoryTokenStore, TokenStore

__all__ = [
    "AUTHORIZE_URL",
    "CODE_TOKEN_URL",
    "OAUTH_DEFAULTS",
    "PRIVILEGES",
    "STANDALONE_REDIRECT_URI",
    "TOKEN_URL",
    "CodeClientSession",
    "CodeServerSession",
    "CodeSession",
    "OAuthOptions",
    "OAuthSession",
    "OAuthTokens",
    "PasswordClientSession",
    "PasswordServerSession",
    "PasswordSession",
    "RefreshClientSession",
    "RefreshServerSession",
    "RefreshSession",
    "TokenUpdater",
    "authorization_url",
    "parse_authorization_response",
    "parse_implicit_redirect",
]

#: the key of a session's tokens in its private store (when no token_store is given)
_PRIVATE_KEY = "session"
_NEW_SESSION = ": build a new session"


class OAuthSession(TokenSession):
    """The base of the OAuth sessions: a ``TokenSession`` that obtains its own tokens.

    Use one of its subclasses (``Code…``, ``Password…``, ``Refresh…``). Besides
    the [`TokenSession`][mailru_sdk.sessions.TokenSession] keywords (``api_url``, ``deadline``,
    ``pass_error``, ``timeout``, ``max_retries``, ``http_method``, ``rate_limit``):

    Args:
        token_url: the token endpoint of the session's grant (the class default
            when ``None``).
        refresh_url: the endpoint of automatic refreshes. ``None``: ``TOKEN_URL``
            when ``token_url`` is the default code endpoint, else ``token_url``
            (a custom endpoint, a proxy or a test server, serves every grant).
        token_updater: called as ``token_updater(tokens)`` after each automatic
            refresh, in a caller's thread, to persist the new tokens (as in
            requests-oauthlib); what it raises, that call raises.
        auto_refresh: ``False`` turns automatic refresh off (error 102 is raised).
        token_store: where the tokens are shared with other sessions of the same
            user (threads, processes, hosts), e.g. an ``InMemoryTokenStore`` or
            a ``RedisTokenStore`` (``mailru_sdk.stores``); ``None``: the
            session keeps its tokens to itself (in a private in-memory store,
            so that a refresh takes the same path).
        token_key: the user's key in ``token_store`` (e.g. ``"user:42"``);
            required with a store.

    The grant's ``client_secret`` is the app's ``secret_key`` when the session
    has one, else its ``private_key``.

    A refresh runs apart from the call that needed it, cut by no deadline (a
    refresh token cut off may be spent): a call whose deadline comes first
    raises ``DeadlineExceededError`` on time; the next calls use its tokens.

    ``access_token``, ``refresh_token``, ``uid``, ``expires_in`` and
    ``expires_at`` are set by [`authorize()`][mailru_sdk.oauth.OAuthSession.authorize]
    (``""``/``None`` before).
    """

    #: the OAuth ``grant_type`` of [`authorize()`][mailru_sdk.oauth.OAuthSession.authorize].
    grant_type: ClassVar[str] = ""
    #: the token endpoint when ``token_url`` is not given.
    default_token_url: ClassVar[str] = TOKEN_URL

    def __init__(
        self,
        app_id: int,
        private_key: str,
        secret_key: str,
        **options: Unpack[OAuthOptions],
    ) -> None:
        config, rest = OAuthConfig.split(type(self).__name__, options, self.default_token_url)
        super().__init__(app_id, private_key, secret_key, "", "", **rest)
        if not (self.secret_key or self.private_key):
            raise CredentialsError(
                f"{type(self).__name__} needs the app's secret_key or private_key: "
                "the token endpoint expects one as client_secret"
            )
        self._config = config
        self._parts.needs_token = True
        self._endpoint = TokenEndpoint(self, self._send_settings, self._secrets)
        self._store: TokenStore = (
            InMemoryTokenStore() if config.token_store is None else config.token_store
        )
        self._key = _PRIVATE_KEY if config.token_key is None else config.token_key
        if config.auto_refresh:
            self._parts.refresher = Refresher(
                owner=type(self).__name__,
                holder=self._parts.tokens,
                store=self._store,
                key=self._key,
                # the session's parts as they are when a refresh is due (a setting may
                # change), read without a call back into the session
                send=RefreshGrantSender(
                    self._endpoint,
                    config.refresh_url,
                    functools.partial(operator.attrgetter("credentials"), self._parts),
                    functools.partial(operator.attrgetter("_options"), self),
                ),
                updater=functools.partial(operator.attrgetter("_config.token_updater"), self),
                private=config.token_store is None,
            )

    # -- options and state ------------------------------------------------------------

    token_url: PartField[str] = PartField("_config")
    """The token endpoint of the session's grant."""
    refresh_url: PartField[str] = PartField("_config")
    """The endpoint of automatic refreshes."""
    token_updater: PartField[TokenUpdater | None] = PartField("_config")
    """Called with the new tokens after each automatic refresh."""
    auto_refresh: PartField[bool] = PartField("_config", writable=False, why_fixed=_NEW_SESSION)
    """Whether error 102 makes the session refresh its token."""
    token_store: PartField[TokenStore | None] = PartField(
        "_config", writable=False, why_fixed=_NEW_SESSION
    )
    """The store given as ``token_store`` (``None``: the session keeps its tokens)."""
    token_key: PartField[str | None] = PartField("_config", writable=False, why_fixed=_NEW_SESSION)
    """The user's key in [`token_store`][mailru_sdk.oauth.OAuthSession.token_store]."""

    @property
    def refresh_token(self) -> str:
        """The refresh token (``""``: none)."""
        return self._parts.tokens.held.refresh_token

    @refresh_token.setter
    def refresh_token(self, value: str) -> None:
        self._parts.tokens.replace(refresh_token=check_secret("refresh_token", value))

    @property
    def expires_in(self) -> int | None:
        """The access token's lifetime in seconds, as the endpoint said it."""
        return self._parts.tokens.held.expires_in

    @property
    def expires_at(self) -> float | None:
        """``time.time()`` when the access token expires (``None``: unknown)."""
        return self._parts.tokens.held.expires_at

    @property
    def authorized(self) -> bool:
        """Whether the session holds an access token."""
        return bool(self.access_token)

    @property
    def client_secret(self) -> str:
        """What the token requests send as ``client_secret``: secret_key, else private_key."""
        return self._parts.credentials.client_secret

    @property
    def tokens(self) -> OAuthTokens:
        """The session's tokens, ready to store (give them back with
        [`load_tokens()`][mailru_sdk.oauth.OAuthSession.load_tokens])."""
        return self._parts.tokens.held.tokens()

    def load_tokens(self, tokens: Mapping[str, Any]) -> Self:
        """Adopt tokens stored earlier (e.g. [`tokens`][mailru_sdk.oauth.OAuthSession.tokens] kept
        in a web session).

        The session is then authorized without any request, and refreshes them
        when they expire. Returns the session.

        Raises:
            ValueError / TypeError: when ``tokens`` lacks an access token or has
                a malformed field (named, never shown).
        """
        self._hold(checked_tokens(tokens), merge=False, save=self.token_store is None)
        return self

    def load_stored(self) -> Self:
        """Adopt the tokens ``token_store`` holds under ``token_key``; returns the session.

        Raises:
            LookupError: the store holds no tokens under the key (log the user in).
            ValueError: the session has no ``token_store``.
            RedisUnavailableError: a Redis store could not be read.
        """
        if self.token_store is None:
            raise ValueError(f"{type(self).__name__} has no token_store (and token_key)")
        stored = self._store.load(self._key)
        if stored is None:
            raise LookupError(
                f"the token store holds no tokens under {self._key!r}: log the user in"
            )
        self._hold(checked_tokens(stored.tokens), merge=False, version=stored.version)
        return self

    def __repr__(self) -> str:
        if self.access_token:
            try:
                circuit: str = self.circuit
            except CredentialsError:
                circuit = "unsigned"
        else:  # the circuit it will use once the token (and uid) arrive
            circuit = "client-server" if self.private_key else "server-server"
        return (
            f"<{type(self).__name__} app_id={self.app_id} circuit={circuit} "
            f"authorized={self.authorized}>"
        )

    # -- grants --------------------------------------------------------------------

    def authorize(self) -> Self:
        """Run the session's grant against ``token_url`` and keep the tokens; returns the session.

        With a ``token_store``, the new tokens are saved under ``token_key`` too
        (replacing whatever the key held: a new login).

        Raises:
            OAuthError: a subclass per ``error`` (``InvalidGrantError`` for a wrong
                password or a used code, ``InvalidClientError``...), or
                ``TokenResponseError`` when the endpoint answered without tokens.
            HTTPStatusError: another HTTP status without an OAuth error body.
            TransportError: the request failed on the network (its subclasses
                ``RequestTimeoutError`` and ``DeadlineExceededError`` for timeouts).
        """
        # the grant's secrets (a password, a code) are redacted from this request's errors
        # (the form's secret fields), not registered for the session: a password that is
        # an ordinary word would otherwise be masked in every later message
        form = token_form(self._grant(), self.app_id, self.client_secret)
        tokens = self._endpoint.request(self.token_url, form, self._options.defaults)
        self._hold(tokens, merge=True, save=True)
        return self

    def __enter__(self) -> Self:
        """Authorize (unless already authorized); the session is closed if that fails."""
        if not self.access_token:
            try:
                self.authorize()
            except BaseException:
                self.close()
                raise
        return self

    def _grant(self) -> Grant:
        raise NotImplementedError(f"{type(self).__name__} has no grant; use a subclass")

    def _hold(
        self, tokens: OAuthTokens, *, merge: bool, save: bool = False, version: int | None = None
    ) -> None:
        """Hold ``tokens`` got outside a refresh (their store ``version``, or ``save`` them)."""
        holder = self._parts.tokens
        held = holder.adopt(tokens, merge=merge, version=version)
        if self._parts.refresher is not None:
            self._parts.refresher.forget_refusal()
        if save:
            saved = self._store.save(self._key, held.tokens())
            if saved.tokens["access_token"] == held.access_token:
                holder.replace(version=saved.version)


class CodeSession(OAuthSession):
    """Exchanges an authorization code (the web login flow) for tokens.

    ``CodeSession(app_id, private_key, secret_key, code, redirect_uri, **options)``:
    ``code`` is what the callback received (see
    [`parse_authorization_response()`][mailru_sdk.auth.web.parse_authorization_response]),
    ``redirect_uri`` exactly the one given to
    [`authorization_url()`][mailru_sdk.auth.web.authorization_url]. A code
    works once. ``token_url`` defaults to ``CODE_TOKEN_URL``; see
    [`OAuthSession`][mailru_sdk.oauth.OAuthSession] for the options.
    """

    grant_type = CodeGrant.grant_type
    default_token_url = CODE_TOKEN_URL

    def __init__(
        self,
        app_id: int,
        private_key: str,
        secret_key: str,
        code: str,
        redirect_uri: str,
        **options: Unpack[OAuthOptions],
    ) -> None:
        grant = CodeGrant(code, redirect_uri)  # checked before the session is built
        super().__init__(app_id, private_key, secret_key, **options)
        self._code_grant = grant
        self.redirect_uri = grant.redirect_uri

    def _grant(self) -> Grant:
        return self._code_grant


class CodeClientSession(CodeSession):
    """A [`CodeSession`][mailru_sdk.oauth.CodeSession] signing client-server.

    ``CodeClientSession(app_id, private_key, code, redirect_uri, **options)``.
    """

    def __init__(
        self,
        app_id: int,
        private_key: str,
        code: str,
        redirect_uri: str,
        **options: Unpack[OAuthOptions],
    ) -> None:
        super().__init__(app_id, private_key, "", code, redirect_uri, **options)


class CodeServerSession(CodeSession):
    """A [`CodeSession`][mailru_sdk.oauth.CodeSession] signing server-server: the web apps' choice.

    ``CodeServerSession(app_id, secret_key, code, redirect_uri, **options)``.
    """

    def __init__(
        self,
        app_id: int,
        secret_key: str,
        code: str,
        redirect_uri: str,
        **options: Unpack[OAuthOptions],
    ) -> None:
        super().__init__(app_id, "", secret_key, code, redirect_uri, **options)


class PasswordSession(OAuthSession):
    """Logs in with the user's email and password (the password grant).

    ``PasswordSession(app_id, private_key, secret_key, email, password, scope, **options)``.
    The platform enables this grant per app, on request, for native apps only.
    ``scope`` is privilege names (a space- or comma-separated string, or an
    iterable); empty means every known privilege (``PRIVILEGES``). It is
    sent space-separated. ``token_url`` defaults to ``TOKEN_URL``; see
    [`OAuthSession`][mailru_sdk.oauth.OAuthSession] for the options. The password goes in the POST
    body only and is never shown.
    """

    grant_type = PasswordGrant.grant_type

    def __init__(
        self,
        app_id: int,
        private_key: str,
        secret_key: str,
        email: str,
        password: str,
        scope: str | Iterable[str] = "",
        **options: Unpack[OAuthOptions],
    ) -> None:
        grant = PasswordGrant(email, password, scope_string(scope) or " ".join(PRIVILEGES))
        super().__init__(app_id, private_key, secret_key, **options)
        self._password_grant = grant
        self.email = grant.email
        self.scope = grant.scope

    def _grant(self) -> Grant:
        return self._password_grant


class PasswordClientSession(PasswordSession):
    """A [`PasswordSession`][mailru_sdk.oauth.PasswordSession] signing client-server.

    ``PasswordClientSession(app_id, private_key, email, password, scope, **options)``.
    """

    def __init__(
        self,
        app_id: int,
        private_key: str,
        email: str,
        password: str,
        scope: str | Iterable[str] = "",
        **options: Unpack[OAuthOptions],
    ) -> None:
        super().__init__(app_id, private_key, "", email, password, scope, **options)


class PasswordServerSession(PasswordSession):
    """A [`PasswordSession`][mailru_sdk.oauth.PasswordSession] signing server-server.

    ``PasswordServerSession(app_id, secret_key, email, password, scope, **options)``.
    """

    def __init__(
        self,
        app_id: int,
        secret_key: str,
        email: str,
        password: str,
        scope: str | Iterable[str] = "",
        **options: Unpack[OAuthOptions],
    ) -> None:
        super().__init__(app_id, "", secret_key, email, password, scope, **options)


class RefreshSession(OAuthSession):
    """Obtains tokens with a refresh token kept from an earlier login.

    ``RefreshSession(app_id, private_key, secret_key, refresh_token, **options)``.
    The refresh token is spent: store the new one
    ([`tokens`][mailru_sdk.oauth.OAuthSession.tokens], or
    ``token_updater`` for later refreshes). ``token_url`` defaults to
    ``TOKEN_URL``; see [`OAuthSession`][mailru_sdk.oauth.OAuthSession] for the options. To resume
    stored tokens without a request, use
    [`load_tokens()`][mailru_sdk.oauth.OAuthSession.load_tokens].
    """

    grant_type = RefreshGrant.grant_type

    def __init__(
        self,
        app_id: int,
        private_key: str,
        secret_key: str,
        refresh_token: str,
        **options: Unpack[OAuthOptions],
    ) -> None:
        required_text("refresh_token", refresh_token)
        super().__init__(app_id, private_key, secret_key, **options)
        self.refresh_token = refresh_token

    def _grant(self) -> Grant:
        # the refresh token held now: a refresh since the session was built replaced it
        return RefreshGrant(self.refresh_token)


class RefreshClientSession(RefreshSession):
    """A [`RefreshSession`][mailru_sdk.oauth.RefreshSession] signing client-server.

    ``RefreshClientSession(app_id, private_key, refresh_token, **options)``.
    """

    def __init__(
        self, app_id: int, private_key: str, refresh_token: str, **options: Unpack[OAuthOptions]
    ) -> None:
        super().__init__(app_id, private_key, "", refresh_token, **options)


class RefreshServerSession(RefreshSession):
    """A [`RefreshSession`][mailru_sdk.oauth.RefreshSession] signing server-server.

    ``RefreshServerSession(app_id, secret_key, refresh_token, **options)``.
    """

    def __init__(
        self, app_id: int, secret_key: str, refresh_token: str, **options: Unpack[OAuthOptions]
    ) -> None:
        super().__init__(app_id, "", secret_key, refresh_token, **options)
